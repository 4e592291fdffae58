package io.clickstream.oozie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.oozie.workflow.WorkflowException;
import org.apache.oozie.workflow.lite.LiteWorkflowApp;
import org.apache.oozie.workflow.lite.NodeDef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workflows as Oozie itself parses them: graph included. */
class OozieParserTest {

    private static final File APP = new File("src/main/app");

    @TempDir
    static File tmp;

    @BeforeAll
    static void startOozie() throws Exception {
        OozieParser.start(new File(tmp, "oozie"));
    }

    @Test
    void theDailyWorkflowIsTheGraphWeMeant() throws Exception {
        LiteWorkflowApp app = OozieParser.parse(new File(APP, "workflow.xml"));
        Set<String> nodes = app.getNodeDefs().stream().map(NodeDef::getName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of(":start:", "warehouse-apply", "clean-sources", "clean-access-logs", "clean-events", "reclean-late-events", "clean-customers",
                "clean-products", "sources-cleaned", "reclean-late-page-views", "restate-previous-day", "sessionize", "customer-history", "orders", "marts",
                "register-partitions", "quality-checks", "publish-or-stop", "publish", "done-flag",
                "notify-failure", "alert-quality-failed", "quality-failed", "failed", "failed-unalerted", "end")), nodes);
        String unalerted = app.getNode("failed-unalerted").getConf();
        for (NodeDef node : app.getNodeDefs()) {
            if (node instanceof org.apache.oozie.workflow.lite.ActionNodeDef && !node.getName().equals("notify-failure")
                    && !node.getName().equals("alert-quality-failed")) {
                assertTrue(unalerted.contains("wf:errorMessage('" + node.getName() + "')"),
                        "failed-unalerted lists " + node.getName() + "'s error");
            }
        }
        assertEquals(List.of("clean-access-logs", "clean-events", "clean-customers", "clean-products"),
                app.getNode("clean-sources").getTransitions());
        assertEquals(List.of("reclean-late-events", "notify-failure"), app.getNode("clean-events").getTransitions());
        assertEquals("2", app.getNode("clean-events").getUserRetryMax());
        assertEquals(List.of("restate-previous-day", "notify-failure"), app.getNode("reclean-late-page-views").getTransitions());
        assertEquals(List.of("sessionize", "notify-failure"), app.getNode("restate-previous-day").getTransitions());
        assertEquals(List.of("register-partitions", "notify-failure"), app.getNode("marts").getTransitions());
        assertEquals(List.of("quality-checks", "notify-failure"), app.getNode("register-partitions").getTransitions());
        assertEquals(List.of("publish", "alert-quality-failed"), app.getNode("publish-or-stop").getTransitions());
        assertEquals(List.of("done-flag", "notify-failure"), app.getNode("publish").getTransitions());
        assertEquals(List.of("quality-failed", "quality-failed"), app.getNode("alert-quality-failed").getTransitions(),
                "a failed check is alerted before the kill, and kills even when the e-mail fails");
        OozieParser.parse(new File(APP, "retention/workflow.xml"));
    }

    @Test
    void theStreamingWorkflowsAreTheGraphsWeMeantAndNameEveryFailure() throws Exception {
        LiteWorkflowApp hourly = OozieParser.parse(new File(APP, "hourly/workflow.xml"));
        assertEquals(List.of("clean-access-logs", "clean-events"), hourly.getNode("clean-hour").getTransitions());
        assertEquals(List.of("hour-cleaned", "notify-failure"), hourly.getNode("clean-events").getTransitions());
        assertEquals(List.of("end", "notify-failure"), hourly.getNode("register-hour").getTransitions());
        LiteWorkflowApp pull = OozieParser.parse(new File(APP, "pull/workflow.xml"));
        assertEquals(List.of("land-kafka-access-logs", "land-kafka-events"), pull.getNode("pull-topics").getTransitions());
        for (LiteWorkflowApp app : List.of(hourly, pull)) {
            String unalerted = app.getNode("failed-unalerted").getConf();
            for (NodeDef node : app.getNodeDefs()) {
                if (node instanceof org.apache.oozie.workflow.lite.ActionNodeDef && !node.getName().equals("notify-failure")) {
                    assertTrue(unalerted.contains("wf:errorMessage('" + node.getName() + "')"),
                            app.getName() + ": failed-unalerted lists " + node.getName() + "'s error");
                }
            }
        }
    }

    @Test
    void undefinedTransitionsAndBrokenForksAreRefused() throws Exception {
        String workflow = Files.readString(new File(APP, "workflow.xml").toPath());
        File undefined = new File(tmp, "undefined.xml");
        Files.writeString(undefined.toPath(), workflow.replace("<ok to=\"quality-checks\"/>", "<ok to=\"quality-check\"/>"));
        WorkflowException e = assertThrows(WorkflowException.class, () -> OozieParser.parse(undefined));
        assertTrue(e.getMessage().contains("quality-check"), e.getMessage());

        File escapingFork = new File(tmp, "fork.xml");
        Files.writeString(escapingFork.toPath(), workflow.replaceFirst("<ok to=\"sources-cleaned\"/>", "<ok to=\"end\"/>"));
        WorkflowException fork = assertThrows(WorkflowException.class, () -> OozieParser.parse(escapingFork));
        assertTrue(fork.getErrorCode().name().startsWith("E07"), fork.getErrorCode() + " " + fork.getMessage());
    }
}
