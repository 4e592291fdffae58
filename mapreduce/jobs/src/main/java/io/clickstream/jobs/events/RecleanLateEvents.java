package io.clickstream.jobs.events;

import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.DailyStage;
import io.clickstream.jobs.Settings;
import io.clickstream.jobs.Accounting;
import io.clickstream.jobs.ActionOutput;
import io.clickstream.jobs.Args;
import io.clickstream.jobs.LateArrivals;
import io.clickstream.jobs.Restatement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.Tool;

/**
 * {@code reclean-late-events}: after clean-events for day D, cleans again every earlier day E of the lateness window
 * that has late events it has not taken in: the ones D forwarded to it ({@code late/events/dt=E/arrived=D}), and the
 * ones {@code land-kafka} put in its streamed hours' {@code _late/} after E was cleaned ({@link LateArrivals}); so they
 * reach their day in the same workflow run. Then it rebuilds what E built from its events: its orders, then its marts
 * (D-1's marts excepted: {@code restate-previous-day} rebuilds them right after, with its sessions restated too). The
 * run's {@code warehouse register} then checks and publishes the new versions with D. Cleaning a day again is
 * idempotent.
 */
public class RecleanLateEvents extends Configured implements Tool {

    public static final String NAME = "reclean-late-events";

    @Override
    public int run(String[] argv) throws Exception {
        Args args = DailyStage.dailyOptions(NAME, "cleans again the earlier days that have late events not taken in yet")
                .parse(argv);
        LocalDate date = args.date("date");
        Path root = new Path(args.get("warehouse"));
        int window = Settings.EVENTS_LATENESS_DAYS.get(getConf());
        Restatement restatement = new Restatement(getConf(), NAME, root);
        Map<String, Object> cleaned = new LinkedHashMap<>();
        for (LocalDate day = date.minusDays(window); day.isBefore(date); day = day.plusDays(1)) {
            Path forwarded = new Path(Datasets.LATE_EVENTS.partition(root, day), "arrived=" + date);
            boolean wasForwarded = forwarded.getFileSystem(getConf()).exists(forwarded);
            List<String> unread = LateArrivals.unread(getConf(), Datasets.RAW_EVENTS.partition(root, day),
                    Datasets.EVENTS.partition(root, day));
            if (wasForwarded || !unread.isEmpty()) {
                CleanEvents clean = new CleanEvents();
                clean.setConf(getConf());
                Accounting accounting = clean.run(day, root).accounting();
                System.out.printf("%s: dt=%s cleaned again for %s: %s%n", NAME, day, wasForwarded
                        ? "the late events dt=" + date + " forwarded" : unread.size() + " late raw file(s)", accounting.summary());
                cleaned.put("dt." + day, accounting.accepted());
                restatement.orders(day);
                if (!day.equals(date.minusDays(1))) {
                    restatement.marts(day);
                }
            }
        }
        if (cleaned.isEmpty()) {
            System.out.printf("%s: no earlier day has late events to take in on dt=%s%n", NAME, date);
        }
        cleaned.put("days", cleaned.size());
        cleaned.put("too_late_files", LateArrivals.reportTooLate(getConf(), NAME, Datasets.RAW_EVENTS,
                Datasets.EVENTS, root, date.minusDays(window + 1L)));
        ActionOutput.write(cleaned);
        return 0;
    }
}
