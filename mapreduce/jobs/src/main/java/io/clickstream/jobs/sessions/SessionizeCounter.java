package io.clickstream.jobs.sessions;

/** The sessionize job's own figures; the accounting is built from them. */
public enum SessionizeCounter {
    /** Page views of day D read (the accounting's "read"). */
    PAGE_VIEWS_READ,
    /** Page views of the previous day sent as context: time only, or whole when their time is on D. */
    CONTEXT_PREVIOUS_DAY,
    /** Page views of the next day's first hours sent as context. */
    CONTEXT_NEXT_DAY,
    /** Page views of the neighbouring days not needed: bots, or later than the lookahead. */
    CONTEXT_SKIPPED,
    /** D's page views that reached the reducers. */
    PAGE_VIEWS_SHUFFLED,
    PAGE_VIEWS_WRITTEN,
    BOT_PAGE_VIEWS,
    /** Exact duplicate log lines removed (the same line shipped twice). */
    DUPLICATES,
    SESSIONS,
    BOUNCED_SESSIONS,
    SESSIONS_WITH_ORDER
}
