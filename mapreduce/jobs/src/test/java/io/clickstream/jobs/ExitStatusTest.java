package io.clickstream.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExitStatusTest {

    @AfterEach
    void leaveTheLauncher() {
        System.clearProperty(LaunchConfiguration.OOZIE_ACTION_CONF);
    }

    @Test
    void insideAnOozieLauncherAFailureIsThrownWithTheLineMeantForPeople() {
        System.setProperty(LaunchConfiguration.OOZIE_ACTION_CONF, "/container/action.xml");

        ExitStatus.ActionFailedException failed = assertThrows(ExitStatus.ActionFailedException.class,
                () -> ExitStatus.exit("clean-access-logs", () -> {
                    throw new JobFailedException("clean-access-logs for dt=2026-11-20: quarantined 52.0% > 5.0%");
                }));

        assertEquals(1, failed.status());
        assertEquals("clean-access-logs for dt=2026-11-20: quarantined 52.0% > 5.0%", failed.getMessage());
    }

    @Test
    void badArgumentsAreStatusTwoACrashIsSeventyAndAStatusWithoutAMessageIsNamed() throws Exception {
        System.setProperty(LaunchConfiguration.OOZIE_ACTION_CONF, "/container/action.xml");

        assertEquals(2, assertThrows(ExitStatus.ActionFailedException.class, () -> ExitStatus.exit("ingest", () -> {
            throw new IllegalArgumentException("ingest: --source is required");
        })).status());
        ExitStatus.ActionFailedException crashed = assertThrows(ExitStatus.ActionFailedException.class,
                () -> ExitStatus.exit("sessionize", () -> {
                    throw new java.io.IOException("disk quota exceeded");
                }));
        assertEquals(ExitStatus.CRASHED, crashed.status(), "not 1: a crash says nothing about the data");
        assertEquals("crashed: java.io.IOException: disk quota exceeded", crashed.getMessage());
        assertEquals("marts exited with status 3", assertThrows(ExitStatus.ActionFailedException.class,
                () -> ExitStatus.exit("marts", () -> 3)).getMessage());
    }
}
