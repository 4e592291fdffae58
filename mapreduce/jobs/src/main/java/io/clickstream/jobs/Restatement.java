package io.clickstream.jobs;

import io.clickstream.jobs.marts.BuildMarts;
import io.clickstream.jobs.orders.BuildOrders;
import io.clickstream.jobs.sessions.Sessionize;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Builds again, for an earlier day whose input changed, a stage's output that was built before: a day never built is
 * not started here (its own run builds it). Each step prints what it rebuilt, prefixed with the stage that asked.
 */
public final class Restatement {

    private final Configuration conf;
    private final String stage;
    private final Path root;

    public Restatement(Configuration conf, String stage, Path root) {
        this.conf = conf;
        this.stage = stage;
        this.root = root;
    }

    public void sessions(LocalDate day) throws Exception {
        if (built(Datasets.SESSIONS, day)) {
            Sessionize sessionize = new Sessionize();
            sessionize.setConf(conf);
            System.out.printf("%s: dt=%s sessions rebuilt: %,d sessions%n", stage, day, sessionize.run(day, root).sessions());
        }
    }

    public void orders(LocalDate day) throws Exception {
        if (built(Datasets.ORDERS, day)) {
            BuildOrders orders = new BuildOrders();
            orders.setConf(conf);
            System.out.printf("%s: dt=%s orders rebuilt: %s%n", stage, day, orders.run(day, root).summary());
        }
    }

    public void marts(LocalDate day) throws Exception {
        if (built(Datasets.CHANNELS_BY_DAY, day)) {
            BuildMarts marts = new BuildMarts();
            marts.setConf(conf);
            System.out.printf("%s: dt=%s marts rebuilt: %s%n", stage, day, marts.run(day, root).summary());
        }
    }

    private boolean built(Dataset dataset, LocalDate day) throws java.io.IOException {
        return PartitionCommit.current(conf, dataset.partition(root, day)) != null;
    }
}
