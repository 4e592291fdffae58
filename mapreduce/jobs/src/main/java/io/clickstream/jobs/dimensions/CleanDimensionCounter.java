package io.clickstream.jobs.dimensions;

/** Record accounting of clean-dimension; per-reason counts are under {@link io.clickstream.dimensions.DimensionRejectReason}. */
public enum CleanDimensionCounter {
    ROWS_READ,
    ACCEPTED,
    QUARANTINED,
    /** CSV header records: read by the framework, not rows. */
    HEADERS
}
