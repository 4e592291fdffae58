package io.clickstream.generate;

import io.clickstream.jobs.LaunchConfiguration;
import io.clickstream.generate.GenerateAccessLogs.DaySummary;
import io.clickstream.jobs.Args;
import io.clickstream.jobs.Warehouse;
import io.clickstream.jobs.Secrets;
import io.clickstream.jobs.dimensions.CleanDimension;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.Tool;

/** {@code generate}: seeded sample data for N days into the raw zone of a warehouse (local or HDFS). */
public class Generate extends Configured implements Tool {

    public static final String NAME = "generate";

    public static void main(String[] args) throws Exception {
        System.exit(LaunchConfiguration.run(new Generate(), args));
    }

    @Override
    public int run(String[] argv) throws Exception {
        Args args = Args.parse(NAME, argv, List.of("warehouse", "start", "days", "lines-per-day", "events-per-day", "seed",
                "bad-share", "jdbc-url", "jdbc-user"));
        int days = args.getInt("days", 7);
        String defaultStart = LocalDate.now(ZoneOffset.UTC).minusDays(days).toString();
        LocalDate start = Warehouse.parseDate(args.get("start", defaultStart));
        int linesPerDay = args.getInt("lines-per-day", 20_000);
        if (days < 1 || linesPerDay < 1) {
            throw new IllegalArgumentException(NAME + ": --days and --lines-per-day must be at least 1");
        }
        Path warehouse = new Path(args.get("warehouse", "warehouse"));
        GenerateAccessLogs.Written written = GenerateAccessLogs.writeWithOrders(getConf(), warehouse, start, days,
                linesPerDay, args.getInt("seed", 42), args.getDouble("bad-share", 0.01));
        for (DaySummary day : written.days()) {
            System.out.printf("generated raw/access_logs/dt=%s: %,d lines, %,d of them damaged %s%n", day.date(),
                    day.lines(), day.expectedQuarantined(), day.expectedQuarantine());
        }
        int eventsPerDay = args.getInt("events-per-day", 5_000);
        for (GenerateEvents.DaySummary day : GenerateEvents.write(getConf(), warehouse, start, days, eventsPerDay,
                args.getInt("seed", 42), args.getDouble("bad-share", 0.01), written.orders())) {
            System.out.printf("generated raw/events/dt=%s: %,d lines: %,d events, %,d redeliveries, late for %s, "
                    + "%,d broken %s%n", day.date(), day.lines(), day.accepted(), day.duplicates(), day.late(),
                    day.expectedQuarantined(), day.expectedQuarantine());
        }
        for (GenerateDimensions.Snapshot snapshot : GenerateDimensions.writeCsv(getConf(), warehouse, start, days,
                args.getInt("seed", 42), args.getDouble("bad-share", 0.01))) {
            System.out.printf("generated raw/%s/dt=%s: %,d rows, %s broken%n", snapshot.dimension().dataset(),
                    snapshot.date(), snapshot.rows(), snapshot.expectedQuarantine());
        }
        String jdbcUrl = args.get("jdbc-url", null);
        if (jdbcUrl != null) {
            byte[] password = Secrets.lookup(getConf(), CleanDimension.JDBC_PASSWORD_ALIAS, CleanDimension.JDBC_PASSWORD_ENV);
            try (Connection db = DriverManager.getConnection(jdbcUrl, args.get("jdbc-user", null),
                    password == null ? null : new String(password, StandardCharsets.UTF_8))) {
                LocalDate last = start.plusDays(days - 1);
                for (GenerateDimensions.Snapshot table : GenerateDimensions.seed(db, last, args.getInt("seed", 42),
                        args.getDouble("bad-share", 0.01))) {
                    System.out.printf("seeded %s with %,d rows as of %s%n", table.dimension().dataset(), table.rows(), last);
                }
            }
        }
        return 0;
    }
}
