package io.clickstream.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clickstream.Main;
import java.io.File;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployAppTest {

    @TempDir
    File tmp;

    @Test
    void redeployingReplacesTheApplicationInsteadOfNestingTheNewCopyInTheOldOne() throws Exception {
        File to = new File(tmp, "apps/clickstream");
        deploy(app("v1", "lib/old-only.jar"), to);
        deploy(app("v2", "lib/new-only.jar"), to);

        assertEquals("v2", Files.readString(new File(to, "workflow.xml").toPath()));
        assertFalse(new File(to, "lib/old-only.jar").exists(), "nothing of the old application is left");
        assertEquals(1, visible(new File(to, "lib")).length);
        assertFalse(new File(to, "app-v2").exists(), "no nested copy");
        String[] beside = to.getParentFile().list((d, n) -> !n.endsWith(".crc"));
        assertEquals(1, beside.length, "nothing left beside it: " + Arrays.toString(beside));
    }

    @Test
    void aDirectoryWithoutAWorkflowIsRefused() throws Exception {
        File empty = new File(tmp, "not-an-app");
        empty.mkdirs();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Main.runOrThrow(new String[] {"deploy-app", "--app", empty.getPath(), "--to", new File(tmp, "x").getPath()}));
        assertEquals(true, e.getMessage().contains("no workflow.xml"), e.getMessage());
    }

    /** The local file system's checksum files aside. */
    private static String[] visible(File dir) {
        return dir.list((d, n) -> !n.endsWith(".crc"));
    }

    private File app(String version, String jar) throws Exception {
        File dir = new File(tmp, "app-" + version);
        new File(dir, "lib").mkdirs();
        Files.writeString(new File(dir, "workflow.xml").toPath(), version);
        Files.writeString(new File(dir, jar).toPath(), version);
        return dir;
    }

    private static void deploy(File app, File to) throws Exception {
        assertEquals(0, Main.runOrThrow(new String[] {"deploy-app", "--app", app.toURI().toString(), "--to", to.toURI().toString()}));
    }
}
