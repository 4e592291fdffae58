package io.clickstream.jobs.events;

import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.DailyStage;
import io.clickstream.jobs.Settings;
import io.clickstream.jobs.Accounting;
import io.clickstream.jobs.ActionOutput;
import io.clickstream.jobs.Args;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.Tool;

/**
 * {@code reclean-late-events}: after clean-events for day D, cleans again every earlier day of the lateness
 * window that D forwarded late events to ({@code late/events/dt=E/arrived=D}), so those events reach their day
 * in the same workflow run. Cleaning a day again is idempotent.
 */
public class RecleanLateEvents extends Configured implements Tool {

    public static final String NAME = "reclean-late-events";

    @Override
    public int run(String[] argv) throws Exception {
        Args args = DailyStage.dailyOptions(NAME, "cleans again the earlier days that the day's late events were"
                + " forwarded to").parse(argv);
        LocalDate date = args.date("date");
        Path root = new Path(args.get("warehouse"));
        int window = Settings.EVENTS_LATENESS_DAYS.get(getConf());
        Map<String, Object> cleaned = new LinkedHashMap<>();
        for (LocalDate day = date.minusDays(window); day.isBefore(date); day = day.plusDays(1)) {
            Path forwarded = new Path(Datasets.LATE_EVENTS.partition(root, day), "arrived=" + date);
            FileSystem fs = forwarded.getFileSystem(getConf());
            if (fs.exists(forwarded)) {
                CleanEvents clean = new CleanEvents();
                clean.setConf(getConf());
                Accounting accounting = clean.run(day, root).accounting();
                System.out.printf("%s: dt=%s cleaned again for its late events: %s%n", NAME, day, accounting.summary());
                cleaned.put("dt." + day, accounting.accepted());
            }
        }
        if (cleaned.isEmpty()) {
            System.out.printf("%s: no earlier day received late events from dt=%s%n", NAME, date);
        }
        cleaned.put("days", cleaned.size());
        ActionOutput.write(cleaned);
        return 0;
    }
}
