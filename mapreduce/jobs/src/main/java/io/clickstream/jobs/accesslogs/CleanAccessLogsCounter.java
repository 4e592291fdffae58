package io.clickstream.jobs.accesslogs;

/** Record accounting of clean-access-logs; per-reason counts are under {@link io.clickstream.accesslog.RejectReason}. */
public enum CleanAccessLogsCounter {
    LINES_READ,
    ACCEPTED,
    QUARANTINED
}
