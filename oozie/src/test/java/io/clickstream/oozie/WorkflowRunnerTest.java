package io.clickstream.oozie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.generate.GenerateAccessLogs;
import io.clickstream.generate.GenerateDimensions;
import io.clickstream.generate.GenerateEvents;
import io.clickstream.generate.SampleRun;
import io.clickstream.oozie.RunState.NodeRun;
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

    /** Every published file's name, and every record of the Avro ones. */
    private static Map<String, List<String>> published() throws Exception {
        Map<String, List<String>> files = new TreeMap<>(WarehouseRecords.read(FileSystem.getLocal(new Configuration()), warehouse,
                List.of("clean", "quarantine", "marts")));
        java.nio.file.Path root = new File(warehouse.toUri()).toPath();
        try (var walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).map(f -> root.relativize(f).toString())
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
            "clean-products", "restate-previous-day", "sessionize", "customer-history", "orders", "marts",
            "register-partitions", "verify-registration", "quality-checks", "publish-or-stop", "done-flag", "end"}) {
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
}
