package io.clickstream.jobs;

/**
 * The hourly runs of the clean stages ({@code clean-access-logs|clean-events --date D --hour H}), for sources streamed
 * into hourly raw partitions ({@code land-kafka}). An hour's output, {@code clean/<dataset>/dt=D/hour=HH}, is
 * provisional: analysts see it within minutes (Hive's {@code clean_hourly} tables), but it is not audited, events are
 * deduplicated within the hour only, and late arrivals are left to the day. The day's own run, once its 24 hours are
 * flagged, cleans the whole day again into the audited, published {@code clean/<dataset>/dt=D} that the daily stages
 * read: the day, not the hour, stays the unit that is checked, published and restated.
 */
public final class HourlyRun {

    /** Written in {@code clean/<dataset>/dt=D/hour=HH} once the hour's version is committed: what the day waits for. */
    public static final String DONE_FLAG = "_SUCCESS";

    public static final String OPTION_DOC = "clean only this streamed hour (raw/<source>/dt=D/hour=HH) into the"
            + " provisional hour of the day; the day's own run still cleans the whole day";

    private HourlyRun() {
    }

    /**
     * {@code --hour}, or null for a daily run.
     *
     * @throws IllegalArgumentException when it is given with an option that names the day's directories
     */
    public static Integer hour(Args args, String... dailyOnly) {
        Integer hour = args.hour("hour");
        for (String option : dailyOnly) {
            if (hour != null && args.has(option)) {
                throw new IllegalArgumentException("--hour and --" + option + " do not go together: an hour's"
                        + " directories are the warehouse's own (raw/<source>/dt=D/hour=HH)");
            }
        }
        return hour;
    }
}
