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
    BAD_NUMBER,
    /** The rest of a compressed file that could not be decompressed (corrupt or truncated); its earlier lines are kept. */
    CORRUPT_COMPRESSED_FILE
}
