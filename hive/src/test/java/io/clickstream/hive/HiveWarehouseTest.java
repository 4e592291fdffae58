package io.clickstream.hive;

import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.Dataset;
import io.clickstream.jobs.Args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.accesslog.RequestClass;
import io.clickstream.avro.PageView;
import io.clickstream.avro.Session;
import io.clickstream.avro.SessionizedPageView;
import io.clickstream.generate.GenerateAccessLogs;
import io.clickstream.generate.GenerateAccessLogs.DaySummary;
import io.clickstream.generate.GenerateEvents;
import io.clickstream.generate.GenerateDimensions;
import io.clickstream.dimensions.Dimension;
import io.clickstream.jobs.dimensions.CleanDimension;
import io.clickstream.avro.Event;
import io.clickstream.jobs.events.CleanEvents;
import io.clickstream.jobs.AvroFiles;
import io.clickstream.jobs.ExitStatus;
import io.clickstream.jobs.JobFailedException;
import io.clickstream.jobs.accesslogs.CleanAccessLogs;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificDatumReader;
import io.clickstream.generate.SampleRun;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warehouse over a real HiveServer2 running in this JVM (Derby metastore), on partitions written by the
 * real clean-access-logs job: started once for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HiveWarehouseTest {

    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 23);
    private static final LocalDate DAY2 = DAY1.plusDays(1);

    @TempDir
    static File tmp;
    private static Configuration conf;
    private static Path root;
    private static File metastore;
    private static Connection hive;
    private static HiveWarehouse warehouse;
    private static List<DaySummary> generated;
    private static final Map<LocalDate, CleanAccessLogs.Result> cleaned = new HashMap<>();
    private static List<GenerateEvents.DaySummary> generatedEvents;
    private static final Map<LocalDate, CleanEvents.Result> cleanedEvents = new HashMap<>();

    @BeforeAll
    static void buildWarehouse() throws Exception {
        conf = SampleRun.local(new Configuration());
        root = new Path(new File(tmp, "warehouse").toURI().toString());
        GenerateAccessLogs.Written logs = GenerateAccessLogs.writeWithOrders(conf, root, DAY1, 2, 2_000, 17, 0.02);
        generated = logs.days();
        generatedEvents = GenerateEvents.write(conf, root, DAY1, 2, 1_000, 17, 0.02, logs.orders());
        GenerateDimensions.writeCsv(conf, root, DAY1, 2, 17, 0.01);
        for (LocalDate day : List.of(DAY1, DAY2)) {
            CleanAccessLogs job = new CleanAccessLogs();
            ToolRunner.run(conf, job, new String[] {"--date", day.toString(), "--warehouse", root.toString()});
            cleaned.put(day, job.lastResult());
            CleanEvents events = new CleanEvents();
            events.setConf(conf);
            cleanedEvents.put(day, events.run(day, root));
            for (Dimension dimension : Dimension.values()) {
                CleanDimension snapshot = new CleanDimension();
                snapshot.setConf(conf);
                snapshot.run(dimension, day, root, null, null);
            }
        }
        for (LocalDate day : List.of(DAY1, DAY2)) {
            for (String stage : List.of("sessionize", "customer-history", "orders", "marts")) {
                io.clickstream.Main.runOrThrow(new String[] {stage, "--date", day.toString(), "--warehouse", root.toString()});
            }
        }
        metastore = new File(tmp, "metastore");
        hive = HiveConnections.open(HiveConnections.EMBEDDED_URL, metastore);
        warehouse = new HiveWarehouse(hive, conf, root);
        warehouse.apply();
    }

    @AfterAll
    static void close() throws SQLException {
        if (hive != null) {
            hive.close();
        }
    }

    private static List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement st = hive.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    row.add(rs.getString(c));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static long count(String sql) throws SQLException {
        return Long.parseLong(rows(sql).get(0).get(0));
    }

    @Test
    @Order(1)
    void ddlAppliesTwiceAndEveryColumnHasADescription() throws Exception {
        List<List<String>> before = rows("DESCRIBE clean.page_views");
        List<String> everything = new ArrayList<>();
        for (Dataset dataset : Datasets.TABLES) {
            everything.add(dataset.table());
            if (Datasets.HOURLY.contains(dataset)) {
                everything.add(dataset.hourlyTable());
            }
        }
        everything.addAll(Datasets.VIEWS);
        assertEquals(everything, warehouse.apply());
        assertEquals(before, rows("DESCRIBE clean.page_views"));
        for (String table : everything) {
            List<List<String>> columns = rows("DESCRIBE " + table).stream()
                    .filter(r -> r.get(0) != null && !r.get(0).isBlank() && !r.get(0).startsWith("#"))
                    .collect(Collectors.toList());
            assertTrue(columns.size() >= 6, table + ": " + columns);
            for (List<String> column : columns) {
                String comment = column.get(2);
                assertTrue(comment != null && !comment.isBlank() && !comment.equals("from deserializer"),
                        table + "." + column.get(0) + " has no description: " + column);
            }
        }
        List<String> columnNames = rows("DESCRIBE clean.page_views").stream().map(r -> r.get(0).strip())
                .collect(Collectors.toList());
        for (Schema.Field field : PageView.getClassSchema().getFields()) {
            assertTrue(columnNames.contains(field.name()), "column from the .avsc: " + field.name());
        }
    }

    @Test
    @Order(2)
    void aDayReachesAnalystsOnlyOnceItsChecksPassedAndHoldsExactlyWhatTheJobAccountedFor() throws Exception {
        for (LocalDate day : List.of(DAY1, DAY2)) {
            LocalDate registered = day;
            assertEquals(Datasets.TABLES.stream().map(d -> d.table() + " dt=" + registered).collect(Collectors.toList()),
                    warehouse.register(day).stream().map(v -> v.dataset().table() + " dt=" + v.day()).collect(Collectors.toList()));
            warehouse.register(day);
            CleanAccessLogs.Result result = cleaned.get(day);
            assertEquals(result.accounting().accepted(), count("SELECT COUNT(*) FROM clean_audit.page_views WHERE dt='" + day + "'"));
            assertEquals(0, count("SELECT COUNT(*) FROM clean.page_views WHERE dt='" + day + "'"), "not before its checks");
            JobFailedException unchecked = assertThrows(JobFailedException.class, () -> warehouse.publish(registered));
            assertTrue(unchecked.getMessage().contains("has not been checked"), unchecked.getMessage());

            List<QualityChecks.Result> checks = warehouse.check(day);
            for (QualityChecks.Result check : checks) {
                assertFalse(check.blocks(), check.toString());
            }
            assertTrue(checks.stream().anyMatch(c -> c.check().startsWith("warn relationships customer_id clean.customers")),
                    "events are checked against the day's customers: " + checks);
            String band = checks.stream().filter(c -> c.table().equals("clean.page_views") && c.check().startsWith("volume_band"))
                    .findFirst().orElseThrow().detail();
            assertTrue(band.startsWith(day.equals(DAY1) ? "no rows in the 7 day(s) before" : result.accounting().accepted()
                    + " rows vs " + cleaned.get(DAY1).accounting().accepted() + " a day over the 1 earlier day(s)"),
                    "the band compares with the rows counted in the days published before: " + band);
            assertEquals(Datasets.TABLES.size(), warehouse.publish(day).size());
            assertEquals(result.accounting().accepted(), count("SELECT COUNT(*) FROM clean.page_views WHERE dt='" + day + "'"));
            assertEquals(result.accounting().quarantined(),
                    count("SELECT COUNT(*) FROM quarantine.access_logs WHERE dt='" + day + "'"));
            assertEquals(cleanedEvents.get(day).accounting().accepted(),
                    count("SELECT COUNT(*) FROM clean.events WHERE dt='" + day + "'"));
            assertTrue(warehouse.published(day), "the day's published flag");
        }
        assertEquals(2, rows("SHOW PARTITIONS clean.page_views").size(), "registering and publishing twice adds nothing");
        assertTrue(warehouse.register(DAY2.plusDays(1)).isEmpty(), "no version of the day, and nothing restated");
    }

    /** The newest version of a day's partition (a stage's result names the version it committed already). */
    private static Path current(Path partition) throws java.io.IOException {
        return io.clickstream.jobs.PartitionCommit.isVersion(partition) ? partition
                : io.clickstream.jobs.PartitionCommit.current(conf, partition);
    }

    @Test
    @Order(3)
    void analystQueriesAgreeWithTheJobOutputs() throws Exception {
        // The queries read the marts; the expectations come from the sessionize stage's own Avro outputs.
        List<SessionizedPageView> views = AvroFiles.readAll(conf, current(Datasets.SESSIONIZED_PAGE_VIEWS.partition(root, DAY2)),
                new SpecificDatumReader<>(SessionizedPageView.class));
        List<SessionizedPageView> human = views.stream().filter(v -> !v.getIsBot() && RequestClass.isPageView(v.getRequestClass()))
                .collect(Collectors.toList());
        List<Session> sessions = AvroFiles.readAll(conf, current(Datasets.SESSIONS.partition(root, DAY2)),
                new SpecificDatumReader<>(Session.class));
        HiveVars day2 = new HiveVars().set("from", DAY2.toString()).set("to", DAY2.toString()).set("limit", "3");
        List<List<String>> visitors = warehouse.query(HqlScript.query("visitors_per_day"), day2);
        assertEquals(List.of("dt", "visitors", "sessions", "page_views", "bounce_pct"), visitors.get(0));
        assertEquals(List.of(DAY2.toString(), String.valueOf(sessions.stream().map(Session::getVisitorId).distinct().count()),
                String.valueOf(sessions.size()), String.valueOf(sessions.stream().mapToLong(Session::getPageViews).sum())),
                visitors.get(1).subList(0, 4));

        List<List<String>> errors = warehouse.query(HqlScript.query("error_rates"), day2);
        assertEquals(List.of("dt", "requests", "pct_4xx", "pct_5xx", "status_4xx", "status_5xx"), errors.get(0));
        assertEquals(String.valueOf(views.size()), errors.get(1).get(1), "requests, bots included");
        assertEquals(String.valueOf(views.stream().filter(v -> v.getStatus() / 100 == 4).count()), errors.get(1).get(4));
        assertEquals(String.valueOf(views.stream().filter(v -> v.getStatus() / 100 == 5).count()), errors.get(1).get(5));

        Map<String, Long> byPath = human.stream().filter(v -> v.getPath() != null)
                .collect(Collectors.groupingBy(SessionizedPageView::getPath, Collectors.counting()));
        List<Map.Entry<String, Long>> expectedTop = byPath.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(3).collect(Collectors.toList());
        List<List<String>> top = warehouse.query(HqlScript.query("top_pages"), day2);
        assertEquals(4, top.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(expectedTop.get(i).getKey(), top.get(i + 1).get(0));
            assertEquals(String.valueOf(expectedTop.get(i).getValue()), top.get(i + 1).get(1));
        }

        List<List<String>> quarantine = warehouse.query(HqlScript.query("quarantine_summary"),
                new HiveVars().set("from", DAY2.toString()).set("to", DAY2.toString()));
        Map<String, String> byReason = quarantine.subList(1, quarantine.size()).stream()
                .filter(r -> r.get(1).equals("access_logs")).collect(Collectors.toMap(r -> r.get(2), r -> r.get(3)));
        Map<String, String> eventReasons = quarantine.subList(1, quarantine.size()).stream()
                .filter(r -> r.get(1).equals("events")).collect(Collectors.toMap(r -> r.get(2), r -> r.get(3)));
        assertEquals(generatedEvents.get(1).expectedQuarantine().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().name(), e -> String.valueOf(e.getValue()))), eventReasons);

        List<Event> events = AvroFiles.readAll(conf, current(cleanedEvents.get(DAY2).output()), new SpecificDatumReader<>(Event.class));
        List<Event> orders = events.stream().filter(e -> e.getEventType().equals("order_placed")).collect(Collectors.toList());
        List<List<String>> revenue = warehouse.query(HqlScript.query("revenue_per_day"),
                new HiveVars().set("from", DAY2.toString()).set("to", DAY2.toString()));
        assertEquals(List.of(DAY2.toString(), "EUR", String.valueOf(orders.size()),
                orders.stream().map(Event::getAmount).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add).toPlainString()),
                revenue.get(1).subList(0, 4), "orders and exact decimal revenue");
        List<List<String>> segments = warehouse.query(HqlScript.query("revenue_by_segment"),
                new HiveVars().set("dt", DAY2.toString()));
        assertEquals(orders.size(), segments.subList(1, segments.size()).stream().mapToLong(r -> Long.parseLong(r.get(2))).sum(),
                "every order lands in a segment (or 'unknown')");
        Map<String, String> planted = generated.get(1).expectedQuarantine().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().name(), e -> String.valueOf(e.getValue())));
        assertEquals(planted, byReason);

        List<List<String>> hours = warehouse.query(HqlScript.query("traffic_by_hour"), day2);
        assertEquals(List.of("hour", "page_views", "bot_page_views", "sessions", "bounce_pct"), hours.get(0));
        assertEquals(human.size(), hours.subList(1, hours.size()).stream().mapToLong(r -> Long.parseLong(r.get(1))).sum());
        long botPageViews = views.stream().filter(v -> v.getIsBot() && RequestClass.isPageView(v.getRequestClass())).count();
        assertEquals(botPageViews, hours.subList(1, hours.size()).stream().mapToLong(r -> Long.parseLong(r.get(2))).sum());
        assertEquals(sessions.size(), hours.subList(1, hours.size()).stream().mapToLong(r -> Long.parseLong(r.get(3))).sum());
    }

    @Test
    @Order(5)
    void theCommandLineExportsCsvAndFailsABrokenDayNamingTheRule() throws Exception {
        File csv = new File(tmp, "top.csv");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String[] common = {"--warehouse", root.toString(), "--metastore", metastore.getPath()};
        assertEquals(0, ToolRunner.run(conf, new WarehouseCli(new PrintStream(printed)), concat(new String[] {"query",
            "top_pages", "--hivevar", "from=" + DAY2, "--hivevar", "to=" + DAY2, "--hivevar", "limit=5", "--csv", csv.getPath()},
            common)));
        List<String> lines = Files.readAllLines(csv.toPath(), StandardCharsets.UTF_8);
        assertEquals("path,page_views,entrances,exits,bounce_pct", lines.get(0));
        assertEquals(6, lines.size());

        Path accounting = new Path(current(cleaned.get(DAY2).output()), "_accounting.json");
        String original = Files.readString(new File(accounting.toUri()).toPath());
        try {
            overwrite(accounting, original.replaceFirst("\"accepted\": (\\d+)", "\"accepted\": 1"));
            printed.reset();
            JobFailedException e = assertThrows(JobFailedException.class, () -> ToolRunner.run(conf,
                    new WarehouseCli(new PrintStream(printed)), concat(new String[] {"check", "--date", DAY2.toString()}, common)));
            assertTrue(e.getMessage().contains("1 data-quality check(s) failed"), e.getMessage());
            String table = printed.toString(StandardCharsets.UTF_8);
            assertTrue(table.lines().anyMatch(l -> l.contains("row_count_matches clean/page_views accepted")
                    && l.contains("FAIL") && l.contains("the job accounted 1")), table);
            JobFailedException refused = assertThrows(JobFailedException.class, () -> ToolRunner.run(conf,
                    new WarehouseCli(new PrintStream(printed)), concat(new String[] {"publish", "--date", DAY2.toString()}, common)));
            assertTrue(refused.getMessage().startsWith("publish: 1 data-quality check(s) of dt=" + DAY2 + " failed; nothing"
                    + " published"), refused.getMessage());
        } finally {
            overwrite(accounting, original);
        }
        assertEquals(0, ToolRunner.run(conf, new WarehouseCli(new PrintStream(printed)),
                concat(new String[] {"check", "--date", DAY2.toString()}, common)), "passes again");
        File untouched = new File(tmp, "never-created-metastore");
        for (String[] impossible : List.of(new String[] {"report", "--from", "2026-11-24", "--to", "2026-11-20"},
                new String[] {"check"}, new String[] {"retention", "--keep-days", "-1"}, new String[] {"query", "no_such_query"},
                new String[] {"regsiter", "--date", "2026-11-24"}, new String[] {"check", "--date", "2026-11-24", "--dry-run", "x"},
                new String[] {"check", "--date=2026-11-24", "--date", "2026-11-25"}, new String[] {"check", "--date", "2026-13-01"})) {
            assertThrows(IllegalArgumentException.class, () -> ToolRunner.run(conf, new WarehouseCli(new PrintStream(printed)),
                    concat(impossible, new String[] {"--metastore", untouched.getPath()})), String.join(" ", impossible));
        }
        for (String command : WarehouseCli.commands()) {
            Args.HelpRequested help = assertThrows(Args.HelpRequested.class, () -> ToolRunner.run(conf,
                    new WarehouseCli(new PrintStream(printed)), new String[] {command, "--help", "--metastore", untouched.getPath()}));
            assertTrue(help.usage().startsWith("usage: warehouse " + command) && help.usage().contains("--jdbc-url URL"),
                    help.usage());
        }
        assertFalse(untouched.exists(), "refused before an in-process HiveServer2 created its metastore");
        JobFailedException unregistered = assertThrows(JobFailedException.class, () -> ToolRunner.run(conf,
                new WarehouseCli(new PrintStream(printed)), concat(new String[] {"register", "--date", "2026-01-01"}, common)));
        assertEquals("register: no table has a version of dt=2026-01-01 (have the day's stages run?)", unregistered.getMessage());
        JobFailedException unchecked = assertThrows(JobFailedException.class, () -> ToolRunner.run(conf,
                new WarehouseCli(new PrintStream(printed)), concat(new String[] {"check", "--date", "2026-01-02"}, common)));
        assertEquals("check: dt=2026-01-02 has no registered versions; run warehouse register first", unchecked.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ToolRunner.run(conf, new WarehouseCli(new PrintStream(printed)),
                concat(new String[] {"query", "top_pages", "--hivevar", "from=" + DAY2 + "' OR 'x'='x", "--hivevar", "limit=5"},
                        common)));
    }

    @Test
    @Order(6)
    void everyKindOfCheckCatchesWhatItShould() throws Exception {
        try (Statement st = hive.createStatement()) {
            st.execute("CREATE TABLE default.customers_fixture (customer_id STRING) PARTITIONED BY (dt STRING)");
            st.execute("CREATE TABLE default.orders_fixture (order_id INT, customer_id STRING, status STRING)"
                    + " PARTITIONED BY (dt STRING)");
            st.execute("INSERT INTO default.customers_fixture PARTITION (dt='2026-01-01') VALUES ('c1'), ('c2')");
            st.execute("INSERT INTO default.orders_fixture PARTITION (dt='2026-01-01') VALUES"
                    + " (1, 'c1', 'paid'), (1, 'c2', 'paid'), (2, 'c9', 'lost'), (NULL, 'c1', 'paid'), (3, 'c8', 'paid')");
            // An earlier day the volume band compares with, itself breaking every rule: only the checked day counts.
            st.execute("INSERT INTO default.orders_fixture PARTITION (dt='2025-12-30') VALUES" + ", (NULL, 'c0', 'lost')".repeat(12).substring(1));
        }
        List<QualityChecks.Result> results = new QualityChecks(hive, conf, root).run("default.orders_fixture", List.of(
                "not_null order_id customer_id", "unique order_id", "accepted_values status paid refunded",
                "relationships customer_id default.customers_fixture customer_id", "accepted_range order_id 1 2",
                "volume_band 7 0.5 2.0", "warn volume_band 1 0.5 2.0"), LocalDate.of(2026, 1, 1));
        Map<String, String> failures = results.stream().filter(r -> !r.passed())
                .collect(Collectors.toMap(QualityChecks.Result::check, QualityChecks.Result::detail));
        assertEquals(Map.of(
                "not_null order_id customer_id", "1 rows with a null",
                "unique order_id", "1 rows repeat another row's key",
                "accepted_values status paid refunded", "1 rows with another value",
                "relationships customer_id default.customers_fixture customer_id",
                "2 rows without a match in default.customers_fixture dt=2026-01-01 (among them c8 and c9)",
                "accepted_range order_id 1 2", "1 rows out of range",
                "volume_band 7 0.5 2.0", "5 rows vs 12 a day over the 1 earlier day(s); band 6..24"), failures);
        QualityChecks.Result noHistory = results.get(results.size() - 1);
        assertEquals("warn volume_band 1 0.5 2.0", noHistory.check());
        assertEquals(List.of(true, "no rows in the 1 day(s) before to compare with"), List.of(noHistory.passed(), noHistory.detail()));
        assertEquals(List.of(true, "5 rows"), List.of(results.get(0).passed(), results.get(0).detail()), "the partition's rows");
    }

    @Test
    @Order(8)
    void aFieldAddedWithADefaultKeepsOldPartitionsReadable() throws Exception {
        Schema evolved = new Schema.Parser().parse(PageView.getClassSchema().toString()
                .replaceFirst("]}$", ",{\"name\":\"country\",\"type\":[\"null\",\"string\"],\"default\":null,"
                        + "\"doc\":\"Country of the client, when known.\"}]}"));
        Path schemaFile = new Path(warehouse.schemasDir(), "page_view.avsc");
        String shipped = Files.readString(new File(schemaFile.toUri()).toPath());
        overwrite(schemaFile, evolved.toString(true));
        LocalDate day3 = DAY2.plusDays(1);
        File newPartition = new File(new File(root.toUri()), "clean/page_views/dt=" + day3);
        try {
            addAPartitionWithTheNewFieldAndReadBoth(evolved, day3, newPartition);
        } finally {
            // The other tests see the warehouse as the jobs wrote it.
            overwrite(schemaFile, shipped);
            try (Statement st = hive.createStatement()) {
                st.execute("ALTER TABLE clean.page_views DROP IF EXISTS PARTITION (dt='" + day3 + "')");
            }
            org.apache.commons.io.FileUtils.deleteDirectory(newPartition);
        }
    }

    private void addAPartitionWithTheNewFieldAndReadBoth(Schema evolved, LocalDate day3, File newPartition) throws Exception {
        newPartition.mkdirs();
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(evolved))) {
            writer.create(evolved, new File(newPartition, "part-m-00000.avro"));
            GenericRecord record = new GenericData.Record(evolved);
            record.put("ts", 1_795_900_000_000L);
            record.put("client_ip", "203.0.113.0");
            record.put("status", 200);
            record.put("country", "NL");
            writer.append(record);
        }
        new File(newPartition, "_SUCCESS").createNewFile();
        try (Statement st = hive.createStatement()) {
            st.execute("ALTER TABLE clean.page_views ADD PARTITION (dt='" + day3 + "') LOCATION '" + newPartition.toURI() + "'");
        }

        assertEquals(List.of(List.of(String.valueOf(cleaned.get(DAY1).accounting().accepted()), "0")),
                rows("SELECT COUNT(*), COUNT(country) FROM clean.page_views WHERE dt='" + DAY1 + "'"), "old data: country null");
        assertEquals(List.of(List.of("1", "NL")),
                rows("SELECT COUNT(*), MAX(country) FROM clean.page_views WHERE dt='" + day3 + "'"), "new data: country set");
    }

    @Test
    @Order(10)
    void hostileWarehousePathsNeverReachHql() throws Exception {
        List<List<String>> before = rows("SHOW PARTITIONS clean.page_views");
        File crafted = new File(tmp, "w') PARTITION (dt='2099-01-01') LOCATION '" + tmp.getAbsolutePath());
        new File(crafted, "clean/page_views/dt=" + DAY2).mkdirs();
        new File(crafted, "clean/page_views/dt=" + DAY2 + "/_SUCCESS").createNewFile();
        for (String hostile : List.of(crafted.getPath(), new File(tmp, "o'brien").getPath(), tmp + "/a;b", tmp + "/x\\y",
                tmp + "/new\nline")) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ToolRunner.run(conf,
                    new WarehouseCli(new PrintStream(printed)), new String[] {"register", "--date", DAY2.toString(),
                        "--warehouse", hostile, "--metastore", metastore.getPath()}), hostile);
            assertTrue(refused.getMessage().endsWith("cannot go into HQL safely: use letters, digits and / . _ ~ % : @ + = , -"
                    + " only"), refused.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new HiveWarehouse(hive, conf, new Path(new File(hostile).toURI())));
        }
        assertEquals(before, rows("SHOW PARTITIONS clean.page_views"), "no partition added");
    }

    /** A typo or an unknown column in an analyst's query: one line with Hive's words, exit 2, and the command returns. */
    @Test
    @Order(11)
    void aBrokenQueryFailsWithOneLineAndReturns() throws Exception {
        File typo = new File(tmp, "typo.hql");
        File unknownColumn = new File(tmp, "unknown_column.hql");
        Files.writeString(typo.toPath(), "-- a typo\nSELEC path FROM clean.page_views\n");
        Files.writeString(unknownColumn.toPath(), "-- no such column\nSELECT no_such_column FROM clean.page_views\n");
        for (File query : List.of(typo, unknownColumn)) {
            IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    java.time.Duration.ofSeconds(120), () -> assertThrows(IllegalArgumentException.class,
                            () -> ToolRunner.run(conf, new WarehouseCli(new PrintStream(new ByteArrayOutputStream())),
                                    new String[] {"query", query.getPath(), "--warehouse", root.toString(), "--metastore",
                                        metastore.getPath()})));
            assertTrue(refused.getMessage().startsWith("warehouse query " + query.getPath() + ": Hive: Error while compiling"
                    + " statement: FAILED: "), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("(SQLState 42000)"), refused.getMessage());
            assertFalse(refused.getMessage().contains("\n"));
        }
        assertEquals(0, ExitStatus.status(() -> ToolRunner.run(conf, new WarehouseCli(new PrintStream(new ByteArrayOutputStream())),
                new String[] {"query", "visitors_per_day", "--hivevar", "from=" + DAY2, "--hivevar", "to=" + DAY2,
                    "--warehouse", root.toString(), "--metastore", metastore.getPath()})), "the in-process server still answers");
    }

    @Test
    @Order(9)
    void retentionDropsOldPartitionsAndTheirData() throws Exception {
        assertEquals(Datasets.TABLES.stream().map(d -> d.table() + " dt=" + DAY1).sorted().collect(Collectors.toList()),
                warehouse.retention(1, DAY2.plusDays(1)).stream().sorted(Comparator.naturalOrder()).collect(Collectors.toList()));
        assertFalse(rows("SHOW PARTITIONS clean.page_views").contains(List.of("dt=" + DAY1)));
        assertFalse(new File(new File(root.toUri()), "clean/page_views/dt=" + DAY1).exists());
        assertFalse(rows("SHOW PARTITIONS clean_audit.page_views").contains(List.of("dt=" + DAY1)));
        assertFalse(new File(new File(root.toUri()), "audit/dt=" + DAY1).exists(), "and the day's audit");
        assertTrue(new File(new File(root.toUri()), "clean/page_views/dt=" + DAY2).exists());
    }

    @Test
    @Order(4)
    void theSessionsAndMartsWrittenInHqlAgreeRowForRowWithTheJobs() throws Exception {
        // The Hive peer (hql/peer/*.hql, the same rules in window functions and GROUP BYs) on DAY2: an implementation
        // independent of the jobs but for the functions they share (visitor ids, User-Agent verdicts, channels).
        io.clickstream.hive.peer.HivePeer peer = new io.clickstream.hive.peer.HivePeer(hive, conf, DAY2);
        peer.sessions();
        peer.marts();
        List<io.clickstream.hive.peer.HivePeer.Comparison> comparisons = peer.compare();
        assertEquals(7, comparisons.size());
        for (io.clickstream.hive.peer.HivePeer.Comparison c : comparisons) {
            assertTrue(c.jobs() > 0 && c.same(), c.toString());
        }
        assertTrue(comparisons.get(0).jobs() > 100, "sessions compared: " + comparisons.get(0));
        // Every human page view of DAY2 finds its session through the analysts' view, wherever it started.
        assertEquals(count("SELECT COUNT(*) FROM marts.sessionized_page_views WHERE dt = '" + DAY2 + "' AND NOT is_bot"
                        + " AND request_class = 'page'"),
                count("SELECT COUNT(*) FROM analytics.session_page_views WHERE dt = '" + DAY2 + "'"));
    }

    @Test
    @Order(7)
    void theDashboardShowsEveryPanelWithDataInARealBrowser() throws Exception {
        java.nio.file.Path out = new File(tmp, "dashboard").toPath();
        List<io.clickstream.hive.report.Panel> panels = new io.clickstream.hive.report.Dashboard(warehouse, conf, root).panels(DAY1, DAY2);
        for (io.clickstream.hive.report.Panel panel : panels) {
            assertFalse(panel.data().isEmpty(), panel.id() + " has rows");
        }
        // One definition per metric: each panel but the run status shows exactly what its analyst query returns.
        assertEquals(io.clickstream.hive.report.Dashboard.panelQueries(),
                panels.stream().map(io.clickstream.hive.report.Panel::id).filter(id -> !id.equals("run_status")).toList());
        for (io.clickstream.hive.report.Panel panel : panels.subList(0, panels.size() - 1)) {
            assertEquals(warehouse.query(HqlScript.query(panel.id()), new HiveVars().set("from", DAY1.toString())
                    .set("to", DAY2.toString()).set("limit", "15")), panel.rows(), panel.id());
        }
        java.nio.file.Path page = new io.clickstream.hive.report.Dashboard(warehouse, conf, root).write(DAY1, DAY2, out);
        for (io.clickstream.hive.report.Panel panel : panels) {
            assertTrue(java.nio.file.Files.readAllLines(out.resolve(panel.id() + ".csv")).size() > 1, panel.id() + ".csv");
        }
        String html = java.nio.file.Files.readString(page);
        assertEquals(List.of(), externalReferences(html), "no external resources");

        HeadlessChromium chromium = HeadlessChromium.findOrSkip(tmp.toPath());
        HeadlessChromium.Loaded loaded = chromium.load(page);
        assertEquals(List.of(), loaded.console(), "nothing written to the browser console");
        assertTrue(loaded.dom().contains("data-ready=\"ok\""), "every panel has rows and no script error: "
                + loaded.dom().substring(0, Math.min(400, loaded.dom().length())));
        java.nio.file.Path png = java.nio.file.Path.of("target", "dashboard.png");
        chromium.screenshot(page, png, 1400, 2400);
    }

    /**
     * Write, audit, publish as an analyst sees it: a second JDBC session polls the analysts' view while DAY2 is cleaned
     * again twice, first into a version that fails its checks, then into one that passes. It only ever sees the rows of
     * the published version or of the one that passed: never an empty or mixed partition, never the failed version.
     */
    @Test
    @Order(12)
    void anAnalystPollingThroughRerunsSeesOnlyVersionsThatPassed() throws Exception {
        String poll = "SELECT SUM(IF(status > 0, 1, 0)) FROM analytics.page_views WHERE dt='" + DAY2 + "'";
        long before = count(poll);
        File rawDay = new File(Datasets.RAW_ACCESS_LOGS.partition(root, DAY2).toUri());
        File log = java.util.Arrays.stream(rawDay.listFiles((d, name) -> name.endsWith(".log"))).sorted().findFirst().orElseThrow();
        Files.copy(log.toPath(), new File(rawDay, "more-" + log.getName()).toPath());

        List<Long> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        Thread analyst = new Thread(() -> {
            try (Connection session = HiveConnections.open(HiveConnections.EMBEDDED_URL, metastore);
                 Statement st = session.createStatement()) {
                while (!stop.get()) {
                    try (ResultSet rs = st.executeQuery(poll)) {
                        rs.next();
                        seen.add(rs.getLong(1));
                    }
                }
            } catch (Exception e) {
                failed.set(e);
            }
        }, "analyst");
        analyst.start();
        long after;
        try {
            ToolRunner.run(conf, new CleanAccessLogs(), new String[] {"--date", DAY2.toString(), "--warehouse", root.toString()});
            Path accounting = new Path(current(Datasets.PAGE_VIEWS.partition(root, DAY2)), "_accounting.json");
            overwrite(accounting, Files.readString(new File(accounting.toUri()).toPath())
                    .replaceFirst("\"accepted\": (\\d+)", "\"accepted\": 1"));
            warehouse.register(DAY2);
            assertTrue(warehouse.check(DAY2).stream().anyMatch(QualityChecks.Result::blocks), "the new version fails");
            assertThrows(JobFailedException.class, () -> warehouse.publish(DAY2));
            assertEquals(before, count(poll), "the previous version stays visible");
            assertTrue(count("SELECT COUNT(*) FROM clean_audit.page_views WHERE dt='" + DAY2 + "'") > before,
                    "the failed version stays inspectable in the audit table");
            assertTrue(new io.clickstream.hive.report.Dashboard(warehouse, conf, root).status(DAY2)
                    .startsWith("failed: 1 check(s): clean.page_views row_count_matches"), "the dashboard says why");

            ToolRunner.run(conf, new CleanAccessLogs(), new String[] {"--date", DAY2.toString(), "--warehouse", root.toString()});
            warehouse.register(DAY2);
            assertTrue(warehouse.check(DAY2).stream().noneMatch(QualityChecks.Result::blocks));
            warehouse.publish(DAY2);
            after = count(poll);
            assertTrue(after > before, after + " rows after the rerun with more traffic, " + before + " before");
            long waitUntil = System.nanoTime() + 120_000_000_000L;
            while (!seen.contains(after) && failed.get() == null && System.nanoTime() < waitUntil) {
                Thread.sleep(100);
            }
        } finally {
            stop.set(true);
            analyst.join();
        }
        assertEquals(null, failed.get(), "the analyst's session kept working");
        assertTrue(seen.contains(before) && seen.contains(after), "saw the old version, then the new one: " + seen);
        long switched = seen.indexOf(after);
        assertEquals(List.of(before), seen.subList(0, (int) switched).stream().distinct().toList(), "before the switch: " + seen);
        assertEquals(List.of(after), seen.subList((int) switched, seen.size()).stream().distinct().toList(), "after it: " + seen);
    }

    @Test
    @Order(13)
    void aStreamedHourIsQueryableByHourBeforeItsDayIsPublishedAndARerunReplacesIt() throws Exception {
        LocalDate day = DAY2.plusDays(3);
        int hour = 7;
        DaySummary logs = GenerateAccessLogs.write(conf, root, day, 1, 600, 23, 0.02).get(0);
        GenerateEvents.DaySummary events = GenerateEvents.write(conf, root, day, 1, 300, 23, 0.02).get(0);
        for (Dataset raw : List.of(Datasets.RAW_ACCESS_LOGS, Datasets.RAW_EVENTS)) {
            File dayDir = new File(raw.partition(root, day).toUri());
            File hourDir = new File(raw.hour(root, day, hour).toUri());
            hourDir.mkdirs();
            for (File file : dayDir.listFiles((d, name) -> !name.startsWith("_") && !name.startsWith("hour="))) {
                Files.move(file.toPath(), new File(hourDir, file.getName()).toPath());
            }
        }
        String[] args = {"--date", day.toString(), "--hour", "07", "--warehouse", root.toString()};
        CleanAccessLogs pageViews = new CleanAccessLogs();
        ToolRunner.run(conf, pageViews, args);
        CleanEvents cleanEvents = new CleanEvents();
        ToolRunner.run(conf, cleanEvents, args);
        assertEquals(logs.lines(), pageViews.lastResult().accounting().read());
        assertEquals(events.lines(), cleanEvents.lastResult().accounting().read());

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String[] common = {"--warehouse", root.toString(), "--metastore", metastore.getPath()};
        String[] registerHour = concat(new String[] {"register-hour", "--date", day.toString(), "--hour", "7"}, common);
        assertEquals(0, ToolRunner.run(conf, new WarehouseCli(new PrintStream(printed)), registerHour));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("registered clean_hourly.page_views dt=" + day
                + " hour=07 at "), printed.toString(StandardCharsets.UTF_8));
        String byHour = "SELECT hour, COUNT(*) FROM clean_hourly.%s WHERE dt='" + day + "' GROUP BY hour";
        long accepted = pageViews.lastResult().accounting().accepted();
        assertEquals(List.of(List.of("07", Long.toString(accepted))), rows(String.format(byHour, "page_views")));
        assertEquals(List.of(List.of("07", Long.toString(cleanEvents.lastResult().accounting().accepted()))),
                rows(String.format(byHour, "events")));
        assertEquals(0, count("SELECT COUNT(*) FROM clean.page_views WHERE dt='" + day + "'"),
                "the provisional hour is not the day: analysts' daily tables wait for the day's audit");

        io.clickstream.hive.report.Dashboard dashboard = new io.clickstream.hive.report.Dashboard(warehouse, conf, root);
        List<io.clickstream.hive.report.Panel> live = dashboard.panels(day, day);
        assertEquals(List.of("hours_so_far", "run_status"), live.stream().map(io.clickstream.hive.report.Panel::id).toList(),
                "a day in progress shows its hours, and no empty daily panel");
        long planted = logs.generated().stream().filter(l -> l.expected() == null && l.pageView()).count();
        List<String> seven = live.get(0).data().get(0);
        assertEquals(List.of("07", Long.toString(accepted), Long.toString(planted)), seven.subList(0, 3));
        assertEquals(Long.toString(cleanEvents.lastResult().accounting().accepted()), seven.get(4));
        assertEquals(Long.toString(count("SELECT COUNT(DISTINCT event_id) FROM clean_hourly.events WHERE dt='" + day
                + "' AND event_type = 'order_placed'")), seven.get(5));
        String page = Files.readString(dashboard.write(day, day, new File(tmp, "live-dashboard").toPath()));
        assertTrue(page.contains("http-equiv=\"refresh\""), "the page of a day in progress reloads itself");

        ToolRunner.run(conf, new CleanAccessLogs(), args);
        assertEquals(0, ToolRunner.run(conf, new WarehouseCli(new PrintStream(printed)), registerHour));
        assertEquals(List.of(List.of("07", Long.toString(accepted))), rows(String.format(byHour, "page_views")),
                "a rerun of the hour replaces it");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ToolRunner.run(conf,
                new WarehouseCli(new PrintStream(printed)), concat(new String[] {"register-hour", "--date", day.toString(),
                        "--hour", "7'; DROP TABLE x; --"}, common)));
        assertTrue(refused.getMessage().contains("must be an hour of the day"), refused.getMessage());
        JobFailedException none = assertThrows(JobFailedException.class, () -> warehouse.registerHour(day, 8));
        assertTrue(none.getMessage().contains("no hourly table has a version of dt=" + day + " hour=08"), none.getMessage());

        warehouse.retention(0, day.plusDays(1));
        assertEquals(List.of(), rows("SHOW PARTITIONS clean_hourly.page_views"), "retention drops the hours too");
        assertFalse(new File(Datasets.PAGE_VIEWS.partition(root, day).toUri()).exists());
    }

    @Test
    void externalReferencesAreFoundInEveryAttributeAndStyleThatLoadsOne() {
        assertEquals(List.of("https://cdn.example/chart.js", "//img.example/logo.png", "http://fonts.example/a.woff",
                "https://x.example/s.css"), externalReferences("<script src=\"https://cdn.example/chart.js\"></script>"
                + "<img src='//img.example/logo.png'><style>@font-face{src:url(\"http://fonts.example/a.woff\")}</style>"
                + "<link rel=\"stylesheet\" href=\"https://x.example/s.css\">"));
        assertEquals(List.of(), externalReferences("<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"#top\">t</a></svg>"
                + "<a href=\"traffic_by_hour.csv\">csv</a><img src=\"data:image/png;base64,AAAA\">"));
    }

    /** Every URL the page would fetch from another host: src/href attributes and CSS url(…) or @import. */
    static List<String> externalReferences(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "(?i)(?:\\b(?:src|href)\\s*=\\s*[\"']?|url\\(\\s*[\"']?|@import\\s+[\"'])((?:https?:)?//[^\"'\\s)>]+)").matcher(html);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static void overwrite(Path file, String text) throws java.io.IOException {
        try (var out = file.getFileSystem(conf).create(file, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
