package io.clickstream.oozie;

import static io.clickstream.oozie.Quickstart.concat;
import static io.clickstream.oozie.Quickstart.step;

import io.clickstream.Main;
import io.clickstream.generate.AccessLogGenerator;
import io.clickstream.hive.HiveConnections;
import io.clickstream.hive.WarehouseCli;
import io.clickstream.ingest.kafka.GenerateLive;
import io.clickstream.jobs.Accounting;
import io.clickstream.jobs.Args;
import io.clickstream.jobs.Dataset;
import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.ExitStatus;
import io.clickstream.jobs.JobFailedException;
import io.clickstream.jobs.LaunchConfiguration;
import io.clickstream.jobs.PartitionCommit;
import io.clickstream.jobs.Settings;
import io.clickstream.kafka.KafkaBroker;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The streaming quickstart ({@code mvn -q -Pquickstart-streaming package}): today's traffic into Hive hour by hour, and
 * how fresh it is. A real Kafka broker on a loopback port; {@code generate-live} writes the shop's access logs and
 * sends its events as they happen; every {@code --pull-seconds}: {@code ship} (the log files into {@code access_logs}),
 * {@code land-kafka} of both topics, {@code clean-access-logs} and {@code clean-events --hour} for the hours that
 * received records, {@code warehouse register-hour}. After each round it reads {@code clean_hourly} back over JDBC: an
 * event is visible once its {@code event_id} is there, a log line once the count of page views reaches it (one shipper
 * keeps a file's order), and the lag is the time from the record's own time to the end of the round that showed it.
 * At the end it checks the books from what was produced to what Hive holds (every line and event written or sent was
 * read by an hour's run, and is in Hive, quarantined or dropped as a redelivery), and writes the lags' p50 and p95.
 */
public final class StreamingQuickstart {

    private static final Args.Spec OPTIONS = Args.command("quickstart-streaming", "today's traffic through Kafka into"
                    + " Hive hour by hour, and the lag from a record's time to its being visible in Hive")
            .required("conf", "FILE", "the Hadoop configuration that runs jobs here (src/main/config/hadoop-local.xml)")
            .optional("dir", "DIR", "where the broker, logs, warehouse and metastore go", "target/quickstart-streaming")
            .optional("minutes", "N", "how long the shop produces traffic", "5")
            .optional("pull-seconds", "N", "seconds between the starts of two rounds of ship, pull, clean, register", "30")
            .optional("lines-per-day", "N", "the traffic, as access-log lines a day", "400000")
            .optional("events-per-day", "N", "application events a day", "100000");

    private StreamingQuickstart() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(ExitStatus.status(() -> run(args)));
    }

    static int run(String[] argv) throws Exception {
        Args args = OPTIONS.parse(argv);
        File dir = new File(args.get("dir")).getCanonicalFile();
        deleteRecursively(dir);
        String root = new File(dir, "warehouse").toURI().toString();
        String metastore = new File(dir, "metastore").getPath();
        File logs = new File(dir, "logs");
        Duration pullEvery = Duration.ofSeconds(args.getInt("pull-seconds"));
        File dashboard = new File(dir, "dashboard");
        try (KafkaBroker broker = KafkaBroker.start(new File(dir, "kafka"))) {
            // Hadoop's generic options, after the command's name.
            String bootstrap = Settings.KAFKA_BOOTSTRAP_SERVERS.key() + "=" + broker.bootstrapServers();
            String[] kafka = {"-conf", args.get("conf"), "-D", bootstrap};
            createTopics(broker.bootstrapServers());
            Configuration conf = new Configuration();
            conf.addResource(new File(args.get("conf")).toURI().toURL());
            conf.set(Settings.KAFKA_BOOTSTRAP_SERVERS.key(), broker.bootstrapServers());
            String[] hive = {"--warehouse", root, "--metastore", metastore};
            step("warehouse apply", WarehouseCli.runOrThrow(concat(new String[] {"-conf", args.get("conf"), "apply"},
                    hive)));
            List<String> ship = new ArrayList<>(List.of("ship"));
            ship.addAll(List.of(kafka));
            ship.addAll(List.of("--topic", "access_logs", "--name", "quickstart", "--follow", "false"));
            logs.mkdirs();
            for (AccessLogGenerator.Server server : AccessLogGenerator.SERVERS) {
                File log = new File(logs, server.name() + ".log");
                log.createNewFile();
                ship.addAll(List.of("--file", log.getPath()));
            }

            List<GenerateLive.Produced> lines = new CopyOnWriteArrayList<>();
            Map<String, Long> events = new ConcurrentHashMap<>();
            ExecutorService shop = Executors.newSingleThreadExecutor();
            Future<GenerateLive.Summary> produced = shop.submit(() -> GenerateLive.run(conf, logs,
                    Duration.ofMinutes(args.getInt("minutes")), args.getInt("lines-per-day"), args.getInt("events-per-day"),
                    "events", 42, 0.01, p -> {
                        if (p.source().equals("access_logs") && p.accepted()) {
                            lines.add(p);
                        } else if (p.source().equals("events") && p.accepted()) {
                            events.putIfAbsent(p.eventId(), p.millis());
                        }
                    }));
            shop.shutdown();
            System.out.printf("Streaming quickstart: the shop's traffic for %s min, a round every %d s, into %s;%n"
                    + "watch it arrive on %s%n%n", args.get("minutes"), pullEvery.toSeconds(), root,
                    new File(dashboard, "index.html").toURI());

            List<Long> lineLags = new ArrayList<>();
            List<Long> eventLags = new ArrayList<>();
            Set<String> seenEvents = new HashSet<>();
            long linesSeen = 0;
            long pageViews = 0;
            List<Long> roundWork = new ArrayList<>();
            List<Long> reportWork = new ArrayList<>();
            long lastReport = 0;
            int round = 0;
            boolean last = false;
            long previousStart = System.currentTimeMillis();
            while (!last) {
                long started = System.currentTimeMillis();
                last = produced.isDone();
                round++;
                step("ship", Main.runOrThrow(ship.toArray(String[]::new)));
                for (String topic : List.of("access_logs", "events")) {
                    step("land-kafka", Main.runOrThrow(concat(concat(new String[] {"land-kafka"}, kafka),
                            new String[] {"--topic", topic, "--warehouse", root})));
                }
                // The hours this round's records were landed in, by the time they were shipped or sent: an event sent
                // while the previous round pulled is this round's, a minute's margin for the clocks.
                for (String hour : hoursSince(previousStart - 60_000, System.currentTimeMillis())) {
                    cleanHour(args.get("conf"), root, hive, hour);
                }
                previousStart = started;
                long visibleAt = System.currentTimeMillis();
                roundWork.add(visibleAt - started);
                try (Connection connection = HiveConnections.open(HiveConnections.EMBEDDED_URL, new File(metastore));
                     Statement st = connection.createStatement()) {
                    pageViews = count(st, "SELECT COUNT(*) FROM clean_hourly.page_views");
                    for (; linesSeen < Math.min(pageViews, lines.size()); linesSeen++) {
                        lineLags.add(visibleAt - lines.get((int) linesSeen).millis());
                    }
                    try (ResultSet rs = st.executeQuery("SELECT DISTINCT event_id FROM clean_hourly.events")) {
                        while (rs.next()) {
                            String id = rs.getString(1);
                            Long millis = events.get(id);
                            if (millis != null && seenEvents.add(id)) {
                                eventLags.add(visibleAt - millis);
                            }
                        }
                    }
                    System.out.printf(Locale.ROOT, "round %d (%.0f s): %,d page views and %,d events in clean_hourly (of"
                            + " %,d and %,d produced); lag so far p50 %.0f s, p95 %.0f s%n", round,
                            (visibleAt - started) / 1000.0, pageViews, seenEvents.size(),
                            lines.size(), events.size(), percentile(lineLags, 50), percentile(lineLags, 95));
                }
                // Today's dashboard, rewritten about every minute as the page reloads itself, and after the last round.
                long reportStarted = System.currentTimeMillis();
                if (last || reportStarted - lastReport >= 60_000) {
                    step("warehouse report", LaunchConfiguration.run(new WarehouseCli(new PrintStream(
                            OutputStream.nullOutputStream())), concat(new String[] {"-conf", args.get("conf"), "report",
                                    "--from", LocalDate.now(ZoneOffset.UTC).toString(), "--out", dashboard.getPath()}, hive)));
                    lastReport = System.currentTimeMillis();
                    reportWork.add(lastReport - reportStarted);
                }
                long next = started + pullEvery.toMillis() - System.currentTimeMillis();
                if (!last && next > 0) {
                    Thread.sleep(next);
                }
            }
            GenerateLive.Summary summary = produced.get();
            double[] lags = {percentile(lineLags, 50), percentile(lineLags, 95), percentile(eventLags, 50),
                percentile(eventLags, 95)};
            String report = String.format(Locale.ROOT, "{\"date\": \"%s\", \"minutes\": %s, \"pull_seconds\": %d,"
                    + " \"rounds\": %d, \"round_work_p50_s\": %.1f, \"dashboard_p50_s\": %.1f, \"page_views\": {\"produced_lines\": %d,"
                    + " \"to_accept\": %d, \"visible\": %d, \"lag_p50_s\": %.1f, \"lag_p95_s\": %.1f}, \"events\":"
                    + " {\"produced\": %d, \"to_accept\": %d, \"visible\": %d, \"lag_p50_s\": %.1f, \"lag_p95_s\": %.1f}}%n",
                    Instant.now(), args.get("minutes"), pullEvery.toSeconds(), round, percentile(roundWork, 50),
                    percentile(reportWork, 50),
                    summary.lines(), summary.acceptedLines(), linesSeen, lags[0], lags[1], summary.events(), events.size(),
                    seenEvents.size(), lags[2], lags[3]);
            Files.writeString(new File(dir, "freshness.json").toPath(), report, StandardCharsets.UTF_8);
            System.out.printf(Locale.ROOT, "%nFrom a record's time to its being queryable in Hive (clean_hourly), a round"
                    + " every %d s (its work %.0f s): page views p50 %.0f s, p95 %.0f s; events p50 %.0f s, p95 %.0f s"
                    + " (%s)%n", pullEvery.toSeconds(), percentile(roundWork, 50), lags[0], lags[1], lags[2], lags[3],
                    new File(dir, "freshness.json"));
            Accounting lineBooks = hoursBooks(conf, root, Datasets.PAGE_VIEWS);
            Accounting eventBooks = hoursBooks(conf, root, Datasets.EVENTS);
            String books = String.format(Locale.ROOT, "access logs: %,d lines written = %,d read by the hours' runs"
                    + " = %,d page views in Hive + %,d quarantined; events: %,d sent = %,d read = %,d in Hive (%,d distinct) + %,d"
                    + " quarantined + %,d redeliveries dropped", summary.lines(), lineBooks.read(), pageViews,
                    lineBooks.quarantined(), summary.events(), eventBooks.read(), eventBooks.accepted(), seenEvents.size(),
                    eventBooks.quarantined(), eventBooks.duplicates());
            if (lineBooks.read() != summary.lines() || pageViews != summary.acceptedLines()
                    || lineBooks.accepted() != pageViews || eventBooks.read() != summary.events()
                    || seenEvents.size() != events.size()) {
                throw new JobFailedException("quickstart-streaming: the books do not balance: " + books
                        + String.format(Locale.ROOT, " (the shop produced %,d page views and %,d distinct events to accept)",
                        summary.acceptedLines(), events.size()));
            }
            System.out.printf("Every line and event produced is accounted for: %s.%n"
                    + "Your turn: hive/target/bin/warehouse query ... --warehouse %s --metastore %s, or%n"
                    + "  SELECT hour, COUNT(*) FROM clean_hourly.page_views WHERE dt = '%s' GROUP BY hour%n",
                    books, root, metastore, LocalDate.now(ZoneOffset.UTC));
        }
        return 0;
    }

    /** The books of every provisional hour of {@code dataset}: the sum of its newest versions' {@code _accounting.json}. */
    private static Accounting hoursBooks(Configuration conf, String root, Dataset dataset) throws java.io.IOException {
        Path hours = new Path(root, dataset.zone() + "/" + dataset.name() + "/dt=*/hour=*");
        long[] sum = new long[5];
        for (FileStatus hour : hours.getFileSystem(conf).globStatus(hours)) {
            Accounting books = PartitionCommit.readAccounting(conf, PartitionCommit.current(conf, hour.getPath()));
            sum[0] += books.read();
            sum[1] += books.accepted();
            sum[2] += books.quarantined();
            sum[3] += books.duplicates();
            sum[4] += books.late();
        }
        return new Accounting(dataset.name(), sum[0], sum[1], sum[2], sum[3], sum[4]);
    }

    /** Cleans and registers one hour ({@code YYYY-MM-DD/HH}) of each source that has records in it. */
    private static void cleanHour(String conf, String root, String[] hive, String hour) throws Exception {
        String dt = hour.substring(0, 10);
        String hh = hour.substring(11);
        boolean any = false;
        for (Dataset raw : List.of(Datasets.RAW_ACCESS_LOGS, Datasets.RAW_EVENTS)) {
            Path rawHour = raw.hour(new Path(root), LocalDate.parse(dt), Integer.parseInt(hh));
            if (rawHour.getFileSystem(new Configuration()).exists(rawHour)) {
                String clean = raw.readBy().get(0); // clean-access-logs, clean-events
                step(clean, Main.runOrThrow(new String[] {clean, "-conf", conf, "--date", dt, "--hour", hh,
                        "--warehouse", root}));
                any = true;
            }
        }
        if (any) {
            step("warehouse register-hour", WarehouseCli.runOrThrow(concat(new String[] {"-conf", conf, "register-hour",
                    "--date", dt, "--hour", hh}, hive)));
        }
    }

    /** The hours ({@code YYYY-MM-DD/HH}, UTC) from {@code from} to {@code to}. */
    private static List<String> hoursSince(long from, long to) {
        List<String> hours = new ArrayList<>();
        ZonedDateTime hour = Instant.ofEpochMilli(from).atZone(ZoneOffset.UTC).withMinute(0).withSecond(0).withNano(0);
        for (; !hour.toInstant().isAfter(Instant.ofEpochMilli(to)); hour = hour.plusHours(1)) {
            hours.add(String.format(Locale.ROOT, "%s/%02d", hour.toLocalDate(), hour.getHour()));
        }
        return hours;
    }

    private static void createTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("access_logs", 2, (short) 1), new NewTopic("events", 2, (short) 1)))
                    .all().get();
            long deadline = System.currentTimeMillis() + 30_000;
            while (admin.describeTopics(List.of("access_logs", "events")).allTopicNames().get().values().stream()
                    .flatMap(t -> t.partitions().stream()).anyMatch(p -> p.leader() == null || p.leader().isEmpty())) {
                if (System.currentTimeMillis() > deadline) {
                    throw new JobFailedException("quickstart-streaming: the topics have no leader after 30 s");
                }
                Thread.sleep(100);
            }
        }
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The nearest-rank percentile of the lags, in seconds; NaN when there are none. */
    static double percentile(List<Long> millis, int p) {
        if (millis.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1000.0;
    }

    private static void deleteRecursively(File file) throws java.io.IOException {
        if (file.exists()) {
            try (var walk = Files.walk(file.toPath())) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
