package io.clickstream.jobs.events;

import io.clickstream.events.LatenessWindow;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;

/** The clean-events job's configuration keys and defaults. */
public final class CleanEventsSettings {

    /** Days back an event may arrive and still be put into its own day. */
    public static final String LATENESS_DAYS = "clickstream.events.lateness-days";
    public static final int DEFAULT_LATENESS_DAYS = 3;
    public static final String MAX_LINE_BYTES = "clickstream.events.max-line-bytes";
    public static final int DEFAULT_MAX_LINE_BYTES = 256 * 1024;
    /** Input bytes per reducer; the reducer count (and so the number of output files) follows from it. */
    public static final String BYTES_PER_REDUCER = "clickstream.events.bytes-per-reducer";
    public static final long DEFAULT_BYTES_PER_REDUCER = 1L << 30;
    static final String RUN_DATE = "clickstream.partition.date";

    private CleanEventsSettings() {
    }

    static LatenessWindow window(Configuration conf) {
        return new LatenessWindow(LocalDate.parse(conf.get(RUN_DATE)), conf.getInt(LATENESS_DAYS, DEFAULT_LATENESS_DAYS));
    }

    static int maxLineBytes(Configuration conf) {
        return conf.getInt(MAX_LINE_BYTES, DEFAULT_MAX_LINE_BYTES);
    }
}
