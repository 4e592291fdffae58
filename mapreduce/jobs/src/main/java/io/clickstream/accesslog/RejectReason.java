package io.clickstream.accesslog;

/** Why an access-log line was quarantined; also the Hadoop counter names of the clean stage. */
public enum RejectReason {
    BLANK_LINE,
    LINE_TOO_LONG,
    /** The line does not have the shape of the configured log format (a literal or a field is missing). */
    FORMAT_MISMATCH,
    BAD_CLIENT_IP,
    BAD_TIMESTAMP,
    BAD_STATUS,
    BAD_NUMBER
}
