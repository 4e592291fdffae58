package io.clickstream.jobs.accesslogs;

/** Record accounting of clean-access-logs; per-reason counts are under {@link io.clickstream.accesslog.RejectReason}. */
public enum CleanAccessLogsCounter {
    LINES_READ,
    ACCEPTED,
    QUARANTINED,
    /** Accepted lines whose UTC time is not on the partition's day (log rotation in local time): kept, counted. */
    EVENT_TIME_OUTSIDE_DAY
}
