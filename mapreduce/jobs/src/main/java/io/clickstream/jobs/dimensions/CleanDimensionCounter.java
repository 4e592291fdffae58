package io.clickstream.jobs.dimensions;

/** Record accounting of clean-dimension; per-reason counts are under {@link io.clickstream.dimensions.DimensionRejectReason}. */
public enum CleanDimensionCounter {
    ROWS_READ,
    ACCEPTED,
    QUARANTINED,
    /** Copies of a row already read (the same key, the same values): one is kept. */
    DUPLICATES,
    /** CSV header records: read by the framework, not rows. */
    HEADERS,
    /** Physical lines of the CSV files, header included: a record spans several when a quoted field holds line breaks. */
    LINES_READ
}
