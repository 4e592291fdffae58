package io.clickstream.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clickstream.oozie.OozieParser;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.oozie.workflow.lite.LiteWorkflowApp;
import org.apache.oozie.workflow.lite.NodeDef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine test's variants of the deployed workflow are workflows Oozie accepts, with the nodes meant: seconds, not minutes, to find out. */
class WorkflowVariantsTest {

    @TempDir
    static File tmp;

    @BeforeAll
    static void startOozie() throws Exception {
        OozieParser.start(new File(tmp, "oozie"));
    }

    @AfterAll
    static void stopOozie() {
        // The engine test starts Oozie's full services in this JVM.
        OozieParser.stop();
    }

    @Test
    void oneActionAloneKeepsItsRetriesAndGoesThroughTheAlertToTheKillNodes() throws Exception {
        LiteWorkflowApp app = parse(w -> WorkflowVariants.actionAlone(w, "clean-access-logs"));
        assertEquals(Set.of(":start:", "clean-access-logs", "notify-failure", "failed", "failed-unalerted", "end"), nodes(app));
        assertEquals(List.of("end", "notify-failure"), app.getNode("clean-access-logs").getTransitions());
        assertEquals("2", app.getNode("clean-access-logs").getUserRetryMax());
    }

    @Test
    void theRegistrationAloneAndTheWorkflowFromTheRegistrationOn() throws Exception {
        assertEquals(Set.of(":start:", "register-partitions", "failed", "end"), nodes(parse(WorkflowVariants::registrationOnly)));
        Set<String> fromRegistration = nodes(parse(WorkflowVariants::fromRegistration));
        assertEquals(Set.of(":start:", "register-partitions", "quality-checks", "publish-or-stop", "publish", "done-flag",
                "notify-failure", "alert-quality-failed", "quality-failed", "failed", "failed-unalerted", "end"), fromRegistration);
    }

    private static LiteWorkflowApp parse(UnaryOperator<String> variant) throws Exception {
        File xml = new File(tmp, "workflow-" + System.nanoTime() + ".xml");
        Files.writeString(xml.toPath(), variant.apply(Files.readString(new File(ClusterInABox.application(), "workflow.xml").toPath())));
        return OozieParser.parse(xml);
    }

    private static Set<String> nodes(LiteWorkflowApp app) {
        return app.getNodeDefs().stream().map(NodeDef::getName).collect(Collectors.toCollection(TreeSet::new));
    }
}
