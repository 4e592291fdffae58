package io.clickstream.dimensions;

/** Why a dimension row was quarantined; also the Hadoop counter names of clean-dimension. */
public enum DimensionRejectReason {
    MALFORMED_CSV,
    WRONG_FIELD_COUNT,
    MISSING_VALUE,
    BAD_VALUE,
    /** Different rows of one key; all but the one updated last (or all of them, when that is not unique). */
    DUPLICATE_KEY
}
