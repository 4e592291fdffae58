package io.clickstream.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A partition is never left partial: a replacement cut between its two renames is finished by the next run. */
class PartitionCommitTest {

    private static final LocalDate DAY = LocalDate.of(2026, 5, 4);

    @TempDir
    File tmp;
    private final Configuration conf = new Configuration();

    private File version(File dir, String content) throws IOException {
        dir.mkdirs();
        Files.writeString(new File(dir, "part-m-00000.avro").toPath(), content);
        Files.writeString(new File(dir, "_SUCCESS").toPath(), "");
        return dir;
    }

    private static String content(File partition) throws IOException {
        return Files.readString(new File(partition, "part-m-00000.avro").toPath());
    }

    private Path partition() {
        return Datasets.PAGE_VIEWS.partition(new Path(tmp.toURI()), DAY);
    }

    private static File local(Path path) {
        return new File(path.toUri());
    }

    @Test
    void aReplacementLeavesOnlyTheNewVersion() throws Exception {
        File published = version(local(partition()), "old");
        File staged = version(new File(tmp, "staged"), "new");
        PartitionCommit.replace(conf, new Path(staged.toURI()), partition());
        assertEquals("new", content(published));
        assertFalse(local(PartitionCommit.replacedVersion(partition())).exists());
        assertFalse(new File(published.getParentFile(), ".staging").exists(), "nothing left aside");
    }

    @Test
    void aCrashBetweenTheRenamesIsUndoneByTheNextRunOfTheDay() throws Exception {
        version(local(PartitionCommit.replacedVersion(partition())), "old");
        try (DayLock next = DayLock.acquire(conf, "clean-access-logs", DAY, partition())) {
            assertEquals("old", content(local(partition())), "the previous version is back before anything runs");
            assertFalse(local(PartitionCommit.replacedVersion(partition())).exists());
        }
    }

    @Test
    void aCrashAfterTheNewVersionArrivedDropsTheOldOne() throws Exception {
        version(local(partition()), "new");
        version(local(PartitionCommit.replacedVersion(partition())), "old");
        PartitionCommit.restore(conf, partition());
        assertEquals("new", content(local(partition())));
        assertFalse(local(PartitionCommit.replacedVersion(partition())).exists());
    }

    @Test
    void aFailedMoveKeepsThePreviousVersionInPlace() throws Exception {
        version(local(partition()), "old");
        Path missing = new Path(new File(tmp, "never-written").toURI());
        IOException failed = assertThrows(IOException.class, () -> PartitionCommit.replace(conf, missing, partition()));
        assertEquals("old", content(local(partition())), failed.getMessage());
    }
}
