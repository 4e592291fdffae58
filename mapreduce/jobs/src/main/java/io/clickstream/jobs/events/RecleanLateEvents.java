package io.clickstream.jobs.events;

import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.DailyStage;
import io.clickstream.jobs.Settings;
import io.clickstream.jobs.Accounting;
import io.clickstream.jobs.ActionOutput;
import io.clickstream.jobs.Args;
import io.clickstream.jobs.PartitionCommit;
import io.clickstream.jobs.marts.BuildMarts;
import io.clickstream.jobs.orders.BuildOrders;
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
 * in the same workflow run, and rebuilds what E built from its events: its orders, then its marts (D-1's marts
 * excepted: {@code restate-previous-day} rebuilds them right after, with its sessions restated too). The run's
 * {@code warehouse register} then checks and publishes the new versions with D. Cleaning a day again is idempotent.
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
                rebuildFromEvents(day, date, root);
            }
        }
        if (cleaned.isEmpty()) {
            System.out.printf("%s: no earlier day received late events from dt=%s%n", NAME, date);
        }
        cleaned.put("days", cleaned.size());
        ActionOutput.write(cleaned);
        return 0;
    }

    /** Rebuilds the orders and marts of {@code day} that were built before, now that its events changed. */
    private void rebuildFromEvents(LocalDate day, LocalDate date, Path root) throws Exception {
        if (PartitionCommit.current(getConf(), Datasets.ORDERS.partition(root, day)) == null) {
            return;
        }
        BuildOrders orders = new BuildOrders();
        orders.setConf(getConf());
        System.out.printf("%s: dt=%s orders rebuilt: %s%n", NAME, day, orders.run(day, root).summary());
        if (!day.equals(date.minusDays(1)) && PartitionCommit.current(getConf(), Datasets.CHANNELS_BY_DAY.partition(root, day)) != null) {
            BuildMarts marts = new BuildMarts();
            marts.setConf(getConf());
            System.out.printf("%s: dt=%s marts rebuilt: %s%n", NAME, day, marts.run(day, root).summary());
        }
    }
}
