package io.clickstream.events;

/** Why an event line was quarantined; also the Hadoop counter names of clean-events. */
public enum EventRejectReason {
    BLANK_LINE,
    LINE_TOO_LONG,
    INVALID_JSON,
    /** Two objects (or an object and an array) on one line: a producer that lost a newline. */
    SEVERAL_JSON_VALUES,
    /** Anything but white space after the object. */
    TRAILING_DATA,
    /** A key given twice in one object: which value is meant cannot be known. */
    DUPLICATE_KEY,
    MISSING_FIELD,
    BAD_TYPE,
    BAD_VALUE,
    UNKNOWN_EVENT_TYPE,
    BAD_TIMESTAMP,
    /** Event time before the lateness window: too late to be put into its day. */
    TOO_LATE,
    /** Event time after the day it arrived on: the producer's clock is wrong. */
    EVENT_TIME_IN_FUTURE,
    /** The rest of a compressed file that could not be decompressed (corrupt or truncated); its earlier lines are kept. */
    CORRUPT_COMPRESSED_FILE
}
