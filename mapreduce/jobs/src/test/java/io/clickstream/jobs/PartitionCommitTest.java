package io.clickstream.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table's day gains versions, each complete or absent, and the stages read the newest; the published one is kept.
 * Files replaced in place (late lines, a failed run's quarantine) are never left partial either: a replacement cut
 * between its two renames is finished by the next run.
 */
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

    private Path staged(String content) throws IOException {
        return new Path(version(new File(tmp, "staged-" + content), content).toURI());
    }

    @Test
    void eachCommitAddsAVersionAndTheStagesReadTheNewest() throws Exception {
        assertEquals(null, PartitionCommit.current(conf, partition()), "no version yet");
        Path first = PartitionCommit.addVersion(conf, staged("first"), partition());
        Path second = PartitionCommit.addVersion(conf, staged("second"), partition());
        assertTrue(first.getName().matches("v000001-\\d{8}T\\d{6}Z"), first.getName());
        assertTrue(second.getName().startsWith("v000002-"), second.getName());
        assertEquals(second, PartitionCommit.current(conf, partition()));
        assertEquals("first", content(local(first)), "an earlier version is untouched");
        assertEquals(Datasets.PAGE_VIEWS.current(conf, new Path(tmp.toURI()), DAY), second);
        assertEquals(Datasets.PAGE_VIEWS.partition(new Path(tmp.toURI()), DAY.plusDays(1)),
                Datasets.PAGE_VIEWS.current(conf, new Path(tmp.toURI()), DAY.plusDays(1)), "a day without versions: its directory");
    }

    @Test
    void theNewestVersionsAndThePublishedOneAreKeptTheRestRemoved() throws Exception {
        Settings.VERSIONS_KEEP.set(conf, "2");
        Path v1 = PartitionCommit.addVersion(conf, staged("1"), partition());
        PartitionCommit.markPublished(conf, v1);
        Path v2 = PartitionCommit.addVersion(conf, staged("2"), partition());
        Path v3 = PartitionCommit.addVersion(conf, staged("3"), partition());
        Path v4 = PartitionCommit.addVersion(conf, staged("4"), partition());
        assertEquals(java.util.List.of(true, false, true, true), java.util.List.of(local(v1).exists(), local(v2).exists(),
                local(v3).exists(), local(v4).exists()), "v2 went; v1 stays while analysts see it");
        PartitionCommit.markPublished(conf, v4);
        assertFalse(new File(local(v1), PartitionCommit.PUBLISHED_MARKER).exists(), "one published version a day");
        Path v5 = PartitionCommit.addVersion(conf, staged("5"), partition());
        assertEquals(java.util.List.of(false, false, true, true), java.util.List.of(local(v1).exists(), local(v3).exists(),
                local(v4).exists(), local(v5).exists()));
    }

    @Test
    void theRowsOfADayAreThoseCountedInItsPublishedVersion() throws Exception {
        Path v1 = PartitionCommit.addVersion(conf, staged("1"), partition());
        PartitionCommit.writeRows(conf, v1, 120);
        assertEquals(null, PartitionCommit.publishedRows(conf, partition()), "counted, not published");
        PartitionCommit.markPublished(conf, v1);
        Path v2 = PartitionCommit.addVersion(conf, staged("2"), partition());
        PartitionCommit.writeRows(conf, v2, 7);
        assertEquals(120L, PartitionCommit.publishedRows(conf, partition()), "a newer version that failed its checks");
        PartitionCommit.markPublished(conf, v2);
        assertEquals(7L, PartitionCommit.publishedRows(conf, partition()));
        assertEquals(null, PartitionCommit.publishedRows(conf, Datasets.PAGE_VIEWS.partition(new Path(tmp.toURI()), DAY.plusDays(1))));
    }

    @Test
    void aVersionThatCannotBeMovedInLeavesTheDayAsItWas() throws Exception {
        Path v1 = PartitionCommit.addVersion(conf, staged("1"), partition());
        Path missing = new Path(new File(tmp, "never-written").toURI());
        IOException failed = assertThrows(IOException.class, () -> PartitionCommit.addVersion(conf, missing, partition()));
        assertTrue(failed.getMessage().startsWith("cannot move " + missing), failed.getMessage());
        assertEquals(v1, PartitionCommit.current(conf, partition()));
    }
}
