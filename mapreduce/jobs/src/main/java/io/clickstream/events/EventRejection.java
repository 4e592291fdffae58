package io.clickstream.events;

/** An event line that could not be accepted, with a message naming the field. */
public record EventRejection(EventRejectReason reason, String message) {
}
