package io.clickstream.generate;

import io.clickstream.jobs.Settings;
import io.clickstream.generate.GenerateAccessLogs.DaySummary;
import io.clickstream.jobs.Args;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.Tool;

/** {@code generate}: seeded sample data for N days into the raw zone of a warehouse (local or HDFS). */
public class Generate extends Configured implements Tool {

    public static final String NAME = "generate";

    @Override
    public int run(String[] argv) throws Exception {
        Args args = Args.command(NAME, "sample raw data (access logs, events, dimension exports) for days in a row")
                .optional("warehouse", "ROOT", "the warehouse root directory", "warehouse")
                .optional("start", "YYYY-MM-DD", "the first day (default: --days days before today)", null)
                .optional("days", "N", "how many days", "7")
                .optional("lines-per-day", "N", "access-log lines a day", "20000")
                .optional("events-per-day", "N", "application events a day", "5000")
                .optional("seed", "N", "the random seed: the same seed gives the same data", "42")
                .optional("bad-share", "SHARE", "the share of damaged lines and rows", "0.01")
                .optional("jdbc-url", "URL", "also seed the dimension tables of this database", null)
                .optional("jdbc-user", "USER", "the database user", null)
                .parse(argv);
        int days = args.getInt("days");
        LocalDate start = args.has("start") ? args.date("start") : LocalDate.now(ZoneOffset.UTC).minusDays(days);
        int linesPerDay = args.getInt("lines-per-day");
        if (days < 1 || linesPerDay < 1) {
            throw new IllegalArgumentException(NAME + ": --days and --lines-per-day must be at least 1");
        }
        Path warehouse = new Path(args.get("warehouse"));
        GenerateAccessLogs.Written written = GenerateAccessLogs.writeWithOrders(getConf(), warehouse, start, days,
                linesPerDay, args.getInt("seed"), args.getDouble("bad-share"));
        for (DaySummary day : written.days()) {
            System.out.printf("generated raw/access_logs/dt=%s: %,d lines, %,d of them damaged %s%n", day.date(),
                    day.lines(), day.expectedQuarantined(), day.expectedQuarantine());
        }
        int eventsPerDay = args.getInt("events-per-day");
        for (GenerateEvents.DaySummary day : GenerateEvents.write(getConf(), warehouse, start, days, eventsPerDay,
                args.getInt("seed"), args.getDouble("bad-share"), written.orders())) {
            System.out.printf("generated raw/events/dt=%s: %,d lines: %,d events, %,d redeliveries, late for %s, "
                    + "%,d broken %s%n", day.date(), day.lines(), day.accepted(), day.duplicates(), day.late(),
                    day.expectedQuarantined(), day.expectedQuarantine());
        }
        for (GenerateDimensions.Snapshot snapshot : GenerateDimensions.writeCsv(getConf(), warehouse, start, days,
                args.getInt("seed"), args.getDouble("bad-share"))) {
            System.out.printf("generated raw/%s/dt=%s: %,d rows, %s broken%n", snapshot.dimension().dataset(),
                    snapshot.date(), snapshot.rows(), snapshot.expectedQuarantine());
        }
        String jdbcUrl = args.get("jdbc-url");
        if (jdbcUrl != null) {
            byte[] password = Settings.JDBC_PASSWORD.lookup(getConf());
            try (Connection db = DriverManager.getConnection(jdbcUrl, args.get("jdbc-user"),
                    password == null ? null : new String(password, StandardCharsets.UTF_8))) {
                LocalDate last = start.plusDays(days - 1);
                for (GenerateDimensions.Snapshot table : GenerateDimensions.seed(db, last, args.getInt("seed"),
                        args.getDouble("bad-share"))) {
                    System.out.printf("seeded %s with %,d rows as of %s%n", table.dimension().dataset(), table.rows(), last);
                }
            }
        }
        return 0;
    }
}
