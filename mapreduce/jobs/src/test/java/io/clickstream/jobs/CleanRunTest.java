package io.clickstream.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clickstream.generate.SampleRun;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanRunTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    @TempDir
    Path dir;

    @Test
    void aMissingInputIsNamedForWhatItIsARawDayNotLandedOrAStageNotRun() {
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir.toUri());
        CleanRun run = new CleanRun(SampleRun.local(new Configuration()), "orders", DAY);

        JobFailedException stage = assertThrows(JobFailedException.class,
                () -> run.requireInput(Datasets.EVENTS.partition(root, DAY)));
        assertEquals("orders: no clean/events for dt=2026-11-24 at " + Datasets.EVENTS.partition(root, DAY)
                + " (has clean-events run for the day?)", stage.getMessage());
        JobFailedException raw = assertThrows(JobFailedException.class,
                () -> run.requireInput(Datasets.RAW_EVENTS.partition(root, DAY), Datasets.LATE_EVENTS.partition(root, DAY)));
        assertEquals("orders: no raw input for dt=2026-11-24 at " + Datasets.RAW_EVENTS.partition(root, DAY)
                + " (has the day landed?)", raw.getMessage());
    }
}
