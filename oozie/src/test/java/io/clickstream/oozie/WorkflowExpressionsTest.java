package io.clickstream.oozie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.oozie.workflow.lite.ActionNodeDef;
import org.apache.oozie.workflow.lite.DecisionNodeDef;
import org.apache.oozie.workflow.lite.KillNodeDef;
import org.apache.oozie.workflow.lite.LiteWorkflowApp;
import org.apache.oozie.workflow.lite.NodeDef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every ${...} of the workflows evaluates with Oozie's own EL function library against each shipped job.properties. */
class WorkflowExpressionsTest {

    private static final File APP = new File("src/main/app");

    @TempDir
    static File tmp;

    @BeforeAll
    static void startOozie() throws Exception {
        OozieParser.start(new File(tmp, "oozie"));
    }

    private static Map<String, String> properties(String file) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(new File(APP, file).toPath())) {
            p.load(in);
        }
        Map<String, String> values = new HashMap<>();
        p.forEach((k, v) -> values.put((String) k, (String) v));
        values.putIfAbsent("dt", "2026-11-24");
        return values;
    }

    /** Evaluates the expressions of every node; the first undefined variable or unknown function throws. */
    private static int evaluateAll(String workflow, Map<String, String> properties) throws Exception {
        LiteWorkflowApp app = OozieParser.parse(new File(APP, workflow), properties);
        OozieEl el = new OozieEl(app, properties).actionData("quality-checks", Map.of("failed", "0", "checks", "74"));
        el.evaluate(app.getName(), String.class);
        int evaluated = 0;
        for (NodeDef node : app.getNodeDefs()) {
            if (node instanceof ActionNodeDef || node instanceof KillNodeDef) {
                el.evaluate(node.getConf(), String.class);
                evaluated++;
            } else if (node instanceof DecisionNodeDef) {
                for (String expression : node.getConf().split("<case")) {
                    int start = expression.indexOf("${");
                    if (start >= 0) {
                        el.evaluate(expression.substring(start, expression.indexOf('}', start) + 1), Boolean.class);
                        evaluated++;
                    }
                }
            }
        }
        return evaluated;
    }

    @Test
    void everyExpressionEvaluatesWithTheShippedProperties() throws Exception {
        for (String properties : new String[] {"job.properties.local", "job.properties.cluster"}) {
            assertTrue(evaluateAll("workflow.xml", properties(properties)) >= 10, properties);
            assertTrue(evaluateAll("retention/workflow.xml", properties(properties)) >= 2, properties);
        }
    }

    @Test
    void whenTheAlertFailsTooTheKillMessageStillNamesWhatFailedWithItsOwnError() throws Exception {
        Map<String, String> properties = properties("job.properties.cluster");
        LiteWorkflowApp app = OozieParser.parse(new File(APP, "workflow.xml"), properties);
        OozieEl oozie = new OozieEl(app, properties)
                .failed("clean-access-logs", "clean-access-logs for dt=2026-11-24: 60.47% of records quarantined")
                .failed("notify-failure", "EM007: Encountered an error while sending the email message over SMTP.");

        String message = oozie.evaluate(app.getNode("failed-unalerted").getConf(), String.class);

        assertEquals("clickstream-daily dt=2026-11-24: failed: clean-access-logs: clean-access-logs for dt=2026-11-24: 60.47% of"
                + " records quarantined; (the alert could not be sent: EM007: Encountered an error while sending the email message"
                + " over SMTP.)", message, "the failed action with its own error first, then the alert's");
    }

    @Test
    void thePublishDecisionFollowsTheChecksFiguresAsOozieReadsThem() throws Exception {
        Map<String, String> properties = properties("job.properties.cluster");
        LiteWorkflowApp app = OozieParser.parse(new File(APP, "workflow.xml"), properties);
        String passed = app.getNode("publish-or-stop").getConf();
        String condition = passed.substring(passed.indexOf("${"), passed.indexOf('}', passed.indexOf("${")) + 1);

        assertEquals(true, new OozieEl(app, properties).actionData("quality-checks", Map.of("failed", "0", "checks", "74"))
                .evaluate(condition, Boolean.class), "no failed check: publish");
        assertEquals(false, new OozieEl(app, properties).actionData("quality-checks", Map.of("failed", "3", "checks", "74"))
                .evaluate(condition, Boolean.class), "three failed: the quality-failed kill");
        assertEquals(false, new OozieEl(app, properties).evaluate(condition, Boolean.class), "no figures at all: do not publish");
    }

    @Test
    void aFailedCheckIsAlertedWithTheFailuresAndWhereToLook() throws Exception {
        Map<String, String> properties = properties("job.properties.cluster");
        LiteWorkflowApp app = OozieParser.parse(new File(APP, "workflow.xml"), properties);
        String mail = new OozieEl(app, properties).actionData("quality-checks", Map.of("failed", "1", "checks", "77",
                "failures", "clean.page_views row_count_matches clean/page_views accepted: 9 rows, the job accounted 1"))
                .evaluate(app.getNode("alert-quality-failed").getConf(), String.class);
        assertTrue(mail.contains("<subject>clickstream-daily dt=2026-11-24: 1 data-quality check(s) failed; not published</subject>"),
                mail);
        assertTrue(mail.contains("dt=2026-11-24: 1 of 77 data-quality checks failed, so nothing was published"), mail);
        assertTrue(mail.contains("Failed: clean.page_views row_count_matches clean/page_views accepted: 9 rows, the job"
                + " accounted 1"), mail);
        assertTrue(mail.contains("run report: Oozie's console"), mail);
    }

    @Test
    void aPropertyTheWorkflowNeedsButNobodySetsIsCaught() throws Exception {
        Map<String, String> missing = properties("job.properties.local");
        missing.remove("hiveJdbcUrl");
        Exception e = assertThrows(Exception.class, () -> evaluateAll("workflow.xml", missing));
        assertTrue(String.valueOf(e.getMessage()).contains("hiveJdbcUrl"), String.valueOf(e.getMessage()));
    }

    @Test
    void aSubmissionWithoutADeclaredParameterFailsAtOnceNamingIt() throws Exception {
        Map<String, String> missing = properties("job.properties.cluster");
        missing.remove("warehouse");
        Exception e = assertThrows(org.apache.oozie.workflow.WorkflowException.class,
                () -> OozieParser.parse(new File(APP, "workflow.xml"), missing));
        assertTrue(e.getMessage().contains("E0738") && e.getMessage().contains("warehouse"), e.getMessage());
    }

    @Test
    void declaredDefaultsFillWhatASubmissionLeavesOut() throws Exception {
        Map<String, String> properties = properties("job.properties.cluster");
        properties.remove("taskJavaOpts");
        OozieParser.parse(new File(APP, "workflow.xml"), properties);
        assertTrue(properties.get("taskJavaOpts").contains("--add-opens=java.base/java.lang=ALL-UNNAMED"),
                "the task JVMs get Java 17's opens by default: " + properties.get("taskJavaOpts"));
        assertTrue(properties.get("queueName") != null);
    }
}
