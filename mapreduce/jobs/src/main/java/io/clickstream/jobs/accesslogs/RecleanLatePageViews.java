package io.clickstream.jobs.accesslogs;

import io.clickstream.jobs.ActionOutput;
import io.clickstream.jobs.Args;
import io.clickstream.jobs.DailyStage;
import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.LateArrivals;
import io.clickstream.jobs.Restatement;
import io.clickstream.jobs.Settings;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.Tool;

/**
 * {@code reclean-late-page-views --date D}: cleans again every earlier day E of the lateness window whose streamed raw
 * access logs got late files after E was cleaned ({@link LateArrivals}: {@code land-kafka} put them in an hour's
 * {@code _late/} because they came after the hour closed), then restates what those page views feed: the sessions of
 * E and of E-1 (whose sessions open at midnight run into E), their orders (attributed to sessions) and marts. D-1 is
 * left to {@code restate-previous-day}, which runs next and sessionizes it again with whatever its page views hold by
 * then. The run's {@code warehouse register} checks and publishes the new versions with D.
 */
public class RecleanLatePageViews extends Configured implements Tool {

    public static final String NAME = "reclean-late-page-views";

    @Override
    public int run(String[] argv) throws Exception {
        Args args = DailyStage.dailyOptions(NAME, "cleans again the earlier days whose access logs got late lines, and"
                + " restates their sessions, orders and marts").parse(argv);
        LocalDate date = args.date("date");
        Path root = new Path(args.get("warehouse"));
        int window = Settings.EVENTS_LATENESS_DAYS.get(getConf());
        LocalDate first = date.minusDays(window);
        Map<String, Object> cleaned = new LinkedHashMap<>();
        SortedSet<LocalDate> restate = new TreeSet<>();
        for (LocalDate day = first; day.isBefore(date); day = day.plusDays(1)) {
            List<String> unread = LateArrivals.unread(getConf(), Datasets.RAW_ACCESS_LOGS.partition(root, day),
                    Datasets.PAGE_VIEWS.partition(root, day));
            if (!unread.isEmpty()) {
                CleanAccessLogs clean = new CleanAccessLogs();
                clean.setConf(getConf());
                CleanAccessLogs.Result result = clean.run(day, root);
                System.out.printf("%s: dt=%s cleaned again for %d late raw file(s): %s%n", NAME, day, unread.size(),
                        result.accounting().summary());
                cleaned.put("dt." + day, result.accounting().accepted());
                for (LocalDate affected : List.of(day.minusDays(1), day)) {
                    if (!affected.isBefore(first) && affected.isBefore(date.minusDays(1))) {
                        restate.add(affected);
                    }
                }
            }
        }
        Restatement restatement = new Restatement(getConf(), NAME, root);
        for (LocalDate day : restate) {
            restatement.sessions(day);
            restatement.orders(day);
            restatement.marts(day);
        }
        if (cleaned.isEmpty()) {
            System.out.printf("%s: no earlier day has late access logs to take in on dt=%s%n", NAME, date);
        }
        cleaned.put("days", cleaned.size());
        cleaned.put("too_late_files", LateArrivals.reportTooLate(getConf(), NAME, Datasets.RAW_ACCESS_LOGS,
                Datasets.PAGE_VIEWS, root, first.minusDays(1)));
        ActionOutput.write(cleaned);
        return 0;
    }
}
