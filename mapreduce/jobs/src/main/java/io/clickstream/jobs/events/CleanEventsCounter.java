package io.clickstream.jobs.events;

/** Record accounting of clean-events; per-reason counts are under {@link io.clickstream.events.EventRejectReason}. */
public enum CleanEventsCounter {
    LINES_READ,
    ACCEPTED,
    QUARANTINED,
    /** Redeliveries of an event_id already kept. */
    DUPLICATES,
    /** Events of an earlier day, forwarded to that day's late-arrivals partition. */
    LATE,
    /** Duplicates whose payload differed from the kept one (the producer reused an id). */
    DUPLICATES_WITH_OTHER_PAYLOAD
}
