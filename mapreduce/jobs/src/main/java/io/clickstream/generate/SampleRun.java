package io.clickstream.generate;

import java.io.PrintStream;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Sample data for a laptop: every source for a range of days, and a configuration that runs jobs in this JVM. */
public final class SampleRun {

    private SampleRun() {
    }

    /** The job jar's copy of {@code src/main/config/hadoop-local.xml}, the file a command line passes with {@code -conf}. */
    public static final String LOCAL_CONF = "conf/hadoop-local.xml";

    /** A configuration that runs jobs in this JVM on the local file system: {@code base} with {@link #LOCAL_CONF}. */
    public static Configuration local(Configuration base) {
        Configuration conf = new Configuration(base);
        conf.addResource(LOCAL_CONF);
        return conf;
    }

    /** Lands {@code days} days from {@code start} of every source in the raw zone, with a 1% share broken. */
    public static void generate(Configuration conf, Path warehouse, LocalDate start, int days, int linesPerDay,
            PrintStream out) throws Exception {
        GenerateAccessLogs.Written logs = GenerateAccessLogs.writeWithOrders(conf, warehouse, start, days, linesPerDay, 42, 0.01);
        for (GenerateAccessLogs.DaySummary day : logs.days()) {
            out.printf("generated raw/access_logs/dt=%s: %,d lines%n", day.date(), day.lines());
        }
        for (GenerateEvents.DaySummary day : GenerateEvents.write(conf, warehouse, start, days, linesPerDay / 4, 42, 0.01,
                logs.orders())) {
            out.printf("generated raw/events/dt=%s: %,d lines (%,d redelivered, late for %s)%n", day.date(), day.lines(),
                    day.duplicates(), day.late());
        }
        for (GenerateDimensions.Snapshot snapshot : GenerateDimensions.writeCsv(conf, warehouse, start, days, 42, 0.01)) {
            out.printf("generated raw/%s/dt=%s: %,d rows%n", snapshot.dimension().dataset(), snapshot.date(), snapshot.rows());
        }
    }
}
