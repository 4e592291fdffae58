package io.clickstream.jobs.sessions;

import io.clickstream.jobs.PartitionCommit;
import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.DailyStage;
import io.clickstream.jobs.Args;
import io.clickstream.jobs.marts.BuildMarts;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.Tool;

/**
 * {@code restate-previous-day --date D}: now that D's page views are in, sessionizes D-1 again (its sessions
 * open at midnight get their page views of D) and rebuilds D-1's marts. Does nothing when D-1 was never
 * sessionized (the first day of a backfill). D-1's orders do not change: orders confirmed after midnight are
 * D's.
 */
public class RestatePreviousDay extends Configured implements Tool {

    public static final String NAME = "restate-previous-day";

    @Override
    public int run(String[] argv) throws Exception {
        Args args = DailyStage.dailyOptions(NAME, "sessionizes the day before again and rebuilds its marts, now that the"
                + " day's page views are in").parse(argv);
        LocalDate previous = args.date("date").minusDays(1);
        Path root = new Path(args.get("warehouse"));
        if (PartitionCommit.current(getConf(), Datasets.SESSIONS.partition(root, previous)) == null) {
            System.out.println(NAME + ": dt=" + previous + " was never sessionized; nothing to restate");
            return 0;
        }
        Sessionize sessionize = new Sessionize();
        sessionize.setConf(getConf());
        Sessionize.Result result = sessionize.run(previous, root);
        BuildMarts marts = new BuildMarts();
        marts.setConf(getConf());
        marts.run(previous, root);
        System.out.printf("%s: dt=%s restated with the next day's page views: %,d sessions%n", NAME, previous, result.sessions());
        return 0;
    }
}
