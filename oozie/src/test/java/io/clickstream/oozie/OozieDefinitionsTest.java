package io.clickstream.oozie;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import javax.xml.validation.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every definition of the Oozie application validates against Oozie's own schemas; a broken one is named. */
class OozieDefinitionsTest {

    private static final File APP = new File("src/main/app");

    @TempDir
    File tmp;

    private static void assertValid(Schema schema, String path) throws Exception {
        assertNull(OozieSchemas.problem(schema, new File(APP, path)), path);
    }

    @Test
    void workflowsCoordinatorsAndBundleValidate() throws Exception {
        assertValid(OozieSchemas.WORKFLOW, "workflow.xml");
        assertValid(OozieSchemas.WORKFLOW, "retention/workflow.xml");
        assertValid(OozieSchemas.COORDINATOR, "coordinator.xml");
        assertValid(OozieSchemas.COORDINATOR, "retention/coordinator.xml");
        assertValid(OozieSchemas.BUNDLE, "bundle.xml");
        assertValid(OozieSchemas.WORKFLOW, "pull/workflow.xml");
        assertValid(OozieSchemas.COORDINATOR, "pull/coordinator.xml");
        assertValid(OozieSchemas.WORKFLOW, "hourly/workflow.xml");
        assertValid(OozieSchemas.COORDINATOR, "hourly/coordinator.xml");
        assertValid(OozieSchemas.COORDINATOR, "daily-streamed/coordinator.xml");
        assertValid(OozieSchemas.BUNDLE, "streaming-bundle.xml");
    }

    @Test
    void aBrokenWorkflowIsRefusedWithFileLineAndReason() throws Exception {
        String workflow = Files.readString(new File(APP, "workflow.xml").toPath());
        File broken = new File(tmp, "workflow.xml");
        Files.writeString(broken.toPath(), workflow.replaceFirst("<main-class>", "<mainclass>")
                .replaceFirst("</main-class>", "</mainclass>"));
        String problem = OozieSchemas.problem(OozieSchemas.WORKFLOW, broken);
        assertNotNull(problem);
        assertTrue(problem.matches("workflow\\.xml:\\d+:\\d+: .*mainclass.*"), problem);
    }
}
