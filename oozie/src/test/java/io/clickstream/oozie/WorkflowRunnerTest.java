package io.clickstream.oozie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.generate.GenerateAccessLogs;
import io.clickstream.generate.GenerateDimensions;
import io.clickstream.generate.GenerateEvents;
import io.clickstream.generate.SampleRun;
import io.clickstream.oozie.RunState.NodeRun;
import io.clickstream.jobs.Dataset;
import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.PartitionCommit;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The real workflow.xml, run on this machine by the local runner over generated sources. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkflowRunnerTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    @TempDir
    static File tmp;
    private static Path warehouse;
    private static WorkflowRunner runner;
    private static final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @BeforeAll
    static void setUp() throws Exception {
        Configuration conf = SampleRun.local(new Configuration());
        warehouse = new Path(new File(tmp, "warehouse").toURI().toString());
        GenerateAccessLogs.write(conf, warehouse, DAY, 1, 2_000, 5, 0.01);
        GenerateEvents.write(conf, warehouse, DAY, 1, 1_000, 5, 0.01);
        GenerateDimensions.writeCsv(conf, warehouse, DAY, 1, 5, 0.01);
        OozieParser.start(new File(tmp, "oozie"));
        runner = new WorkflowRunner(new File("src/main/app"), new File(tmp, "metastore"),
                new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    private static Map<String, String> properties(LocalDate day) {
        Map<String, String> p = new HashMap<>();
        p.put("nameNode", "file:///");
        p.put("resourceManager", "local");
        p.put("queueName", "default");
        p.put("warehouse", warehouse.toString());
        p.put("hiveJdbcUrl", "jdbc:hive2://");
        p.put("alertEmail", "nobody@localhost");
        p.put("javaOpts", "-Xmx1g");
        p.put("dt", day.toString());
        return p;
    }

    /** Every published file's name (a table's day: its published version's, without the version), and every record of the Avro ones. */
    private static Map<String, List<String>> published() throws Exception {
        Map<String, List<String>> files = new TreeMap<>(WarehouseRecords.read(FileSystem.getLocal(new Configuration()), warehouse,
                List.of("clean", "quarantine", "marts")));
        java.nio.file.Path root = new File(warehouse.toUri()).toPath();
        try (var walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).filter(f -> !PartitionCommit.isVersion(new Path(f.getParent().toUri()))
                            || Files.exists(f.resolveSibling(PartitionCommit.PUBLISHED_MARKER)))
                    .map(f -> root.relativize(f).toString().replaceFirst("/v\\d{6,}-\\d{8}T\\d{6}Z/", "/"))
                    .filter(f -> f.matches("(clean|quarantine|marts|published)/.*") && !f.contains("/."))
                    .forEach(f -> files.put("file " + f, List.of()));
        }
        return files;
    }

    @Test
    @Order(1)
    void theWholeDayRunsThroughTheWorkflowAndIsPublished() throws Exception {
        WorkflowRunner.Result result = runner.run("workflow.xml", properties(DAY), "test-run-1");

        assertTrue(result.succeeded(), result.message() + "\n" + progress);
        Map<String, String> status = result.nodes().stream().collect(Collectors.toMap(NodeRun::node, NodeRun::status, (a, b) -> b));
        for (String node : new String[] {"warehouse-apply", "clean-access-logs", "clean-events", "clean-customers",
            "clean-products", "reclean-late-page-views", "restate-previous-day", "sessionize", "customer-history", "orders", "marts",
            "register-partitions", "quality-checks", "publish-or-stop", "publish", "done-flag", "end"}) {
            assertEquals("OK", status.get(node), node + " in " + status);
        }
        assertTrue(new File(new File(warehouse.toUri()), "published/dt=" + DAY + "/_SUCCESS").isFile());
        NodeRun logs = result.nodes().stream().filter(n -> n.node().equals("clean-access-logs")).findFirst().orElseThrow();
        assertTrue(logs.detail().matches("\\{read=\\d+, accepted=\\d+, quarantined=\\d+, duplicates=0, late=0}"), logs.detail());
        NodeRun checks = result.nodes().stream().filter(n -> n.node().equals("quality-checks")).findFirst().orElseThrow();
        assertTrue(checks.detail().contains("failed=0"), checks.detail());
        RunReport.write(result, "test-run-1", new File(tmp, "reports"));
        String json = Files.readString(new File(tmp, "reports/test-run-1.json").toPath());
        assertTrue(json.contains("\"succeeded\": true") && json.contains("\"node\": \"register-partitions\""), json);
        String html = Files.readString(new File(tmp, "reports/test-run-1.html").toPath());
        assertTrue(html.contains("<b>succeeded</b>") && html.contains("<td>quality-checks</td>"), html);
        assertTrue(html.contains("<svg"), "the DAG is drawn");
        assertTrue(java.util.regex.Pattern.compile(">done-flag</text><text[^>]*>OK").matcher(html).find(), html);
        assertTrue(java.util.regex.Pattern.compile(">notify-failure</text><text[^>]*>not run").matcher(html).find(), html);
    }

    @Test
    @Order(2)
    void aRerunLeavesIdenticalOutputs() throws Exception {
        Map<String, List<String>> before = published();
        assertTrue(before.keySet().stream().anyMatch(p -> p.startsWith("marts/sessions/dt=")), before.keySet().toString());
        assertTrue(runner.run("workflow.xml", properties(DAY), "test-run-2").succeeded());
        Map<String, List<String>> after = published();
        assertEquals(before.keySet(), after.keySet(), "the same files and partitions");
        for (String partition : before.keySet()) {
            assertEquals(before.get(partition), after.get(partition), partition);
        }
    }

    @Test
    @Order(6)
    void aStreamedHourRunsThroughTheHourlyWorkflowAndIsQueryableByHour() throws Exception {
        LocalDate day = DAY.plusDays(5);
        Configuration conf = SampleRun.local(new Configuration());
        GenerateAccessLogs.write(conf, warehouse, day, 1, 500, 9, 0.01);
        GenerateEvents.write(conf, warehouse, day, 1, 300, 9, 0.01);
        for (Dataset raw : List.of(Datasets.RAW_ACCESS_LOGS, Datasets.RAW_EVENTS)) {
            File dayDir = new File(raw.partition(warehouse, day).toUri());
            File hourDir = new File(raw.hour(warehouse, day, 7).toUri());
            hourDir.mkdirs();
            for (File file : dayDir.listFiles((d, name) -> !name.startsWith("_") && !name.startsWith("hour="))) {
                Files.move(file.toPath(), new File(hourDir, file.getName()).toPath());
            }
        }
        Map<String, String> properties = properties(day);
        properties.put("hour", "07");

        WorkflowRunner.Result result = runner.run("hourly/workflow.xml", properties, "test-hour");

        assertTrue(result.succeeded(), result.message() + "\n" + progress);
        Map<String, NodeRun> nodes = result.nodes().stream().collect(Collectors.toMap(NodeRun::node, n -> n, (a, b) -> b));
        for (String node : List.of("warehouse-apply", "clean-access-logs", "clean-events", "register-hour", "end")) {
            assertEquals("OK", nodes.get(node).status(), node + " in " + nodes.keySet());
        }
        long accepted = Long.parseLong(nodes.get("clean-access-logs").detail().replaceFirst(".*accepted=(\\d+).*", "$1"));
        assertTrue(accepted > 0, nodes.get("clean-access-logs").detail());
        try (java.sql.Connection hive = io.clickstream.hive.HiveConnections.open(io.clickstream.hive.HiveConnections.EMBEDDED_URL,
                new File(tmp, "metastore")); java.sql.Statement st = hive.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT hour, COUNT(*) FROM clean_hourly.page_views WHERE dt='" + day
                     + "' GROUP BY hour")) {
            assertTrue(rs.next());
            assertEquals("07", rs.getString(1));
            assertEquals(accepted, rs.getLong(2), "the hour's page views, as clean-access-logs accounted them");
            assertFalse(rs.next());
        }
    }

    /**
     * Lines and an order that {@code land-kafka} put in DAY's streamed hours after DAY was published reach DAY's
     * published figures in Hive (clean, marts: what the dashboard shows) through the next day's run of the workflow.
     */
    @Test
    @Order(7)
    void lateStreamedRecordsReachTheirPublishedDayThroughTheNextDaysRun() throws Exception {
        LocalDate next = DAY.plusDays(1);
        Configuration conf = SampleRun.local(new Configuration());
        GenerateAccessLogs.write(conf, warehouse, next, 1, 2_000, 5, 0.01);
        GenerateEvents.write(conf, warehouse, next, 1, 1_000, 5, 0.01);
        GenerateDimensions.writeCsv(conf, warehouse, next, 1, 5, 0.01);
        List<String> figures = List.of("SELECT COUNT(*) FROM clean.page_views WHERE dt='" + DAY + "'",
                "SELECT SUM(requests) FROM marts.traffic_by_hour WHERE dt='" + DAY + "'",
                "SELECT SUM(orders) FROM marts.channels_by_day WHERE dt='" + DAY + "'");
        List<Long> before = longs(figures);
        java.util.regex.Pattern page = java.util.regex.Pattern.compile("^\\S+ (.* \"GET /product/[^\"]* HTTP/[0-9.]+\" 200 .*)$");
        List<String> lines = rawLines(Datasets.RAW_ACCESS_LOGS).stream().map(page::matcher).filter(java.util.regex.Matcher::matches)
                .limit(3).map(m -> "198.51.100.9 " + m.group(1)).toList();
        assertEquals(3, lines.size());
        String order = rawLines(Datasets.RAW_EVENTS).stream().filter(l -> l.contains("\"order_placed\"")
                && l.contains("\"event_time\":\"" + DAY + "T")).findFirst().orElseThrow()
                .replaceFirst("\"event_id\":\"[^\"]+\"", "\"event_id\":\"ev-streamed-late\"")
                .replaceFirst("\"order_id\":\"[^\"]+\"", "\"order_id\":\"O-STREAMED-LATE\"");
        writeLate(Datasets.RAW_ACCESS_LOGS, "access_logs-0-500.log", lines);
        writeLate(Datasets.RAW_EVENTS, "events-1-700.log", List.of(order));

        WorkflowRunner.Result result = runner.run("workflow.xml", properties(next), "test-late");

        assertTrue(result.succeeded(), result.message() + "\n" + progress);
        Map<String, NodeRun> nodes = result.nodes().stream().collect(Collectors.toMap(NodeRun::node, n -> n, (a, b) -> b));
        assertTrue(nodes.get("reclean-late-page-views").detail().contains("days=1"), nodes.get("reclean-late-page-views").detail());
        assertTrue(nodes.get("reclean-late-events").detail().contains("days=1"), nodes.get("reclean-late-events").detail());
        assertEquals(List.of(before.get(0) + 3, before.get(1) + 3, before.get(2) + 1), longs(figures),
                "DAY's page views, requests and orders as analysts and the dashboard see them");
    }

    private static List<String> rawLines(Dataset raw) throws Exception {
        File day = new File(raw.partition(warehouse, DAY).toUri());
        List<String> lines = new java.util.ArrayList<>();
        for (File file : day.listFiles(f -> f.getName().endsWith(".log") || f.getName().endsWith(".jsonl"))) {
            // The generator damages some lines (invalid UTF-8 among them): plain ASCII ones are copied.
            Files.readAllLines(file.toPath(), StandardCharsets.ISO_8859_1).stream()
                    .filter(l -> l.chars().allMatch(c -> c < 128)).forEach(lines::add);
        }
        return lines;
    }

    private static void writeLate(Dataset raw, String name, List<String> lines) throws Exception {
        File late = new File(new File(raw.hour(warehouse, DAY, 9).toUri()), io.clickstream.jobs.RawTextInputFormat.LATE_FOLDER);
        late.mkdirs();
        Files.write(new File(late, name).toPath(), lines);
    }

    /** The one figure each query returns, in order. */
    private static List<Long> longs(List<String> queries) throws Exception {
        List<Long> values = new java.util.ArrayList<>();
        try (java.sql.Connection hive = io.clickstream.hive.HiveConnections.open(io.clickstream.hive.HiveConnections.EMBEDDED_URL,
                new File(tmp, "metastore")); java.sql.Statement st = hive.createStatement()) {
            for (String sql : queries) {
                try (java.sql.ResultSet rs = st.executeQuery(sql)) {
                    assertTrue(rs.next(), sql);
                    values.add(rs.getLong(1));
                }
            }
        }
        return values;
    }

    @Test
    @Order(3)
    void aFailingNodeIsRetriedThenStopsTheRunWithTheKillMessage() throws Exception {
        LocalDate missing = DAY.plusDays(5);
        File publishedBefore = new File(new File(warehouse.toUri()), "published/dt=" + missing + "/_SUCCESS");
        publishedBefore.getParentFile().mkdirs();
        assertTrue(publishedBefore.createNewFile(), "as if an earlier run had published the day");
        WorkflowRunner.Result result = runner.run("workflow.xml", properties(missing), "test-run-3");

        assertFalse(result.succeeded());
        assertTrue(result.message().startsWith("clickstream-daily dt=" + missing + ": node clean-"), result.message());
        assertTrue(result.message().contains("no raw input"), result.message());
        NodeRun failed = result.nodes().stream().filter(n -> n.node().equals("clean-access-logs")).findFirst().orElseThrow();
        assertEquals("ERROR", failed.status());
        assertEquals(3, failed.attempts(), "retry-max=2: three attempts");
        assertFalse(new File(new File(warehouse.toUri()), "published/dt=" + missing).exists(),
                "a rerun withdraws the day's published flag first, and a failed one does not set it again");
    }

    /** Bad arguments fail at once: another attempt could only fail the same way, later. */
    @Test
    @Order(4)
    void aFailureNoRetryCanFixIsNotRetried() throws Exception {
        Map<String, String> properties = properties(DAY);
        properties.put("dt", "2026-02-30");
        WorkflowRunner.Result result = runner.run("workflow.xml", properties, "test-run-4");

        assertFalse(result.succeeded());
        NodeRun failed = result.nodes().stream().filter(n -> n.node().equals("clean-access-logs")).findFirst().orElseThrow();
        assertEquals("ERROR", failed.status());
        assertEquals(1, failed.attempts(), "not retried");
        assertTrue(failed.detail().contains("date '2026-02-30' is not a calendar date"), failed.detail());
    }

    /** A failed action and a failed check each reach the on-call by e-mail, through a real SMTP server on loopback. */
    @Test
    @Order(5)
    void failuresReachTheOnCallByEmailWithWhatFailedAndWhereToLook() throws Exception {
        com.icegreen.greenmail.util.GreenMail smtp = new com.icegreen.greenmail.util.GreenMail(
                com.icegreen.greenmail.util.ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        try {
            Map<String, String> mailed = properties(DAY.plusDays(7));
            mailed.put(EmailAction.HOST, "127.0.0.1");
            mailed.put(EmailAction.PORT, String.valueOf(smtp.getSmtp().getPort()));
            mailed.put(EmailAction.FROM, "clickstream@localhost");
            mailed.put("alertEmail", "oncall@localhost");
            mailed.put("runReport", "/reports/test-run-5.html");
            WorkflowRunner.Result failedAction = runner.run("workflow.xml", mailed, "test-run-5");
            assertFalse(failedAction.succeeded());
            // Each of the four clean stages in the fork fails at once on the missing day, and each path goes through the alert.
            javax.mail.internet.MimeMessage[] received = smtp.getReceivedMessages();
            assertTrue(received.length >= 1, "alerted");
            for (javax.mail.internet.MimeMessage alert : received) {
                String subject = alert.getSubject();
                String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(alert);
                assertTrue(subject.matches("clickstream-daily dt=" + DAY.plusDays(7) + ": clean-[a-z-]+ failed"), subject);
                assertEquals("oncall@localhost", alert.getAllRecipients()[0].toString());
                assertTrue(body.contains("no raw input for dt=" + DAY.plusDays(7)), body);
                assertTrue(body.contains("Run report: /reports/test-run-5.html"), body);
            }
            int actionAlerts = received.length;
            assertTrue(failedAction.message().startsWith("clickstream-daily dt=" + DAY.plusDays(7) + ": node clean-"),
                    "the alert went out, then the kill: " + failedAction.message());

            // The day that ran in the first test, its new version with books that do not match its rows.
            Path version = PartitionCommit.current(new Configuration(), new Path(warehouse, "clean/page_views/dt=" + DAY));
            Path accounting = new Path(version, "_accounting.json");
            String books = Files.readString(new File(accounting.toUri()).toPath());
            try (var out = FileSystem.getLocal(new Configuration()).create(accounting, true)) {
                out.write(books.replaceFirst("\"accepted\": (\\d+)", "\"accepted\": 7").getBytes(StandardCharsets.UTF_8));
            }
            File fromRegistration = new File(tmp, "from-registration");
            fromRegistration.mkdirs();
            String workflow = Files.readString(new File("src/main/app/workflow.xml").toPath());
            Files.writeString(new File(fromRegistration, "workflow.xml").toPath(), workflow.substring(0,
                    workflow.indexOf("<start to=")) + "<start to=\"register-partitions\"/>\n"
                    + workflow.substring(workflow.indexOf("<action name=\"register-partitions\"")));
            Map<String, String> day = new HashMap<>(mailed);
            day.put("dt", DAY.toString());
            WorkflowRunner.Result failedCheck = new WorkflowRunner(fromRegistration, new File(tmp, "metastore"),
                    new PrintStream(progress, true, StandardCharsets.UTF_8)).run("workflow.xml", day, "test-run-6");

            assertFalse(failedCheck.succeeded());
            assertTrue(failedCheck.message().startsWith("clickstream-daily dt=" + DAY + ": 1 data-quality check(s) failed"),
                    failedCheck.message());
            received = smtp.getReceivedMessages();
            assertEquals(actionAlerts + 1, received.length, "the failed check's alert");
            javax.mail.internet.MimeMessage checkAlert = received[received.length - 1];
            String checkBody = com.icegreen.greenmail.util.GreenMailUtil.getBody(checkAlert);
            assertEquals("clickstream-daily dt=" + DAY + ": 1 data-quality check(s) failed; not published", checkAlert.getSubject());
            assertTrue(checkBody.contains("Failed: clean.page_views row_count_matches clean/page_views accepted: "), checkBody);
            assertTrue(checkBody.contains("the job accounted 7"), checkBody);
            assertTrue(checkBody.contains("analysts still see the previous version"), checkBody);
            assertTrue(failedCheck.nodes().stream().noneMatch(n -> n.node().equals("publish")), "not published");
        } finally {
            smtp.stop();
        }
    }

    /** Without an SMTP server named the local runner says where the e-mail would have gone, and goes on. */
    @Test
    void withoutAnSmtpServerTheAlertIsPrinted() throws Exception {
        org.w3c.dom.Element email = LocalActions.parse("<email xmlns=\"uri:oozie:email-action:0.2\"><to>a@b</to>"
                + "<subject>s</subject><body>b</body></email>");
        assertEquals("e-mail to a@b not sent (no oozie.email.smtp.host): s", EmailAction.send(email, Map.of()));
        Map<String, String> unreachable = Map.of(EmailAction.HOST, "127.0.0.1", EmailAction.PORT, "1");
        LocalActions.ActionFailed failed = org.junit.jupiter.api.Assertions.assertThrows(LocalActions.ActionFailed.class,
                () -> EmailAction.send(email, unreachable));
        assertTrue(failed.getMessage().startsWith("EM007: the e-mail could not be sent through 127.0.0.1:1: "), failed.getMessage());
    }
}
