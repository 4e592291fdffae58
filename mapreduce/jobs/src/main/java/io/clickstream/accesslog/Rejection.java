package io.clickstream.accesslog;

/** A line that could not be accepted: the reason code and a message naming the field and column. */
public record Rejection(RejectReason reason, String message) {
}
