package io.clickstream.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.avro.PageView;
import io.clickstream.generate.GenerateAccessLogs;
import io.clickstream.jobs.accesslogs.CleanAccessLogs;
import java.io.File;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs of one day cannot take each other's work: the second is refused while the first holds the day, a dead
 * run's lock expires and its staging is cleared, and the books are checked against what the staged files hold.
 */
class DayLockTest {

    private static final LocalDate DAY = LocalDate.of(2026, 5, 4);

    @TempDir
    static File tmp;
    private static Configuration conf;
    private static Path warehouse;
    private static long lines;

    @BeforeAll
    static void generate() throws Exception {
        conf = new Configuration();
        conf.set("mapreduce.framework.name", "local");
        conf.set("fs.defaultFS", "file:///");
        conf.set("hadoop.tmp.dir", new File(tmp, "hadoop-tmp").getAbsolutePath());
        Settings.VERBOSE.set(conf, false);
        warehouse = new Path(new File(tmp, "warehouse").toURI());
        GenerateAccessLogs.DaySummary day = GenerateAccessLogs.write(conf, warehouse, DAY, 1, 1_500, 2, 0).get(0);
        lines = day.lines() - day.expectedQuarantined();
    }

    private static Path pageViews() {
        return Datasets.PAGE_VIEWS.partition(warehouse, DAY);
    }

    private static CleanAccessLogs.Result clean() throws Exception {
        CleanAccessLogs job = new CleanAccessLogs();
        job.setConf(conf);
        return job.run(DAY, warehouse);
    }

    private static File local(Path path) {
        return new File(path.toUri());
    }

    @Test
    void aSecondRunOfTheDayIsRefusedAndLeavesTheFirstRunsStagingAlone() throws Exception {
        try (DayLock first = DayLock.acquire(conf, CleanAccessLogs.NAME, DAY, pageViews())) {
            Path staged = new Path(first.attemptStaging(), "part-m-00000.avro");
            FileSystem.get(staged.toUri(), conf).create(staged).close();

            JobFailedException refused = assertThrows(JobFailedException.class, DayLockTest::clean);
            assertTrue(refused.getMessage().startsWith("clean-access-logs for dt=" + DAY + ": another run holds the day"
                    + " (stage=clean-access-logs dt=" + DAY + " run="), refused.getMessage());
            assertTrue(local(staged).exists(), "the first run's staged output is untouched");
            first.requireHeld();
        }
        assertEquals(lines, clean().accounting().accepted(), "once released, the day runs");
    }

    @Test
    void ofRunsStartedTogetherExactlyOneHoldsTheDay() throws Exception {
        int runs = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        List<Future<DayLock>> attempts = new ArrayList<>();
        Path other = Datasets.EVENTS.partition(warehouse, DAY);
        for (int i = 0; i < runs; i++) {
            Callable<DayLock> attempt = () -> {
                start.await();
                try {
                    return DayLock.acquire(conf, "clean-events", DAY, other);
                } catch (JobFailedException refused) {
                    return null;
                }
            };
            attempts.add(pool.submit(attempt));
        }
        start.countDown();
        List<DayLock> holders = new ArrayList<>();
        for (Future<DayLock> attempt : attempts) {
            if (attempt.get() != null) {
                holders.add(attempt.get());
            }
        }
        pool.shutdown();
        assertEquals(1, holders.size(), "exactly one run holds the day");
        holders.get(0).close();
        assertFalse(local(DayLock.lockFor(other)).exists(), "released");
    }

    @Test
    void aDeadRunsLockExpiresAndWhatItLeftIsCleared() throws Exception {
        Path lock = DayLock.lockFor(pageViews());
        File staging = local(lock.getParent());
        File deadAttempt = new File(staging, "dt=" + DAY + "/attempt-dead/part-m-00000.avro");
        File olderLayout = new File(staging, "dt=" + DAY + "-1764000000000/part-m-00001.avro");
        for (File leftover : List.of(deadAttempt, olderLayout)) {
            leftover.getParentFile().mkdirs();
            Files.writeString(leftover.toPath(), "half-written");
        }
        Files.writeString(local(lock).toPath(), "stage=clean-access-logs dt=" + DAY + " run=dead by someone pid 1");
        FileSystem fs = FileSystem.get(lock.toUri(), conf);
        fs.setTimes(lock, System.currentTimeMillis() - 1_000L * (Settings.LOCK_LEASE_SECONDS.get(conf) - 10), -1);

        assertThrows(JobFailedException.class, DayLockTest::clean, "a lock touched within its lease holds");
        assertTrue(deadAttempt.exists(), "the holder's staging is not touched while its lease runs");

        fs.setTimes(lock, System.currentTimeMillis() - 1_000L * (Settings.LOCK_LEASE_SECONDS.get(conf) + 1), -1);
        CleanAccessLogs.Result result = clean();
        assertEquals(lines, result.accounting().accepted());
        assertEquals(lines, AvroFiles.readAll(conf, Versions.current(conf, result.output()), new SpecificDatumReader<>(PageView.class)).size());
        assertFalse(deadAttempt.exists(), "the dead attempt's staging is cleared");
        assertFalse(olderLayout.exists(), "so is staging in the older layout");
        assertFalse(staging.exists(), "nothing is left in .staging");
    }

    @Test
    void theHolderKeepsItsLeaseAliveAndNoticesWhenItLostIt() throws Exception {
        Configuration shortLease = new Configuration(conf);
        Settings.LOCK_LEASE_SECONDS.set(shortLease, "5");
        Path partition = Datasets.CUSTOMERS.partition(warehouse, DAY);
        Path lock = DayLock.lockFor(partition);
        FileSystem fs = FileSystem.get(lock.toUri(), conf);
        try (DayLock held = DayLock.acquire(shortLease, "clean-dimension customers", DAY, partition)) {
            long old = System.currentTimeMillis() - 60_000;
            fs.setTimes(lock, old, -1);
            long deadline = System.currentTimeMillis() + 10_000;
            while (fs.getFileStatus(lock).getModificationTime() <= old && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(fs.getFileStatus(lock).getModificationTime() > old, "the heartbeat touched the lock");

            Files.writeString(local(lock).toPath(), "stage=clean-dimension customers dt=" + DAY + " run=other by x pid 2");
            JobFailedException lost = assertThrows(JobFailedException.class, held::requireHeld);
            assertTrue(lost.getMessage().startsWith("this run lost its hold on the day"), lost.getMessage());
        }
        assertTrue(local(lock).exists(), "closing does not remove a lock that is no longer its own");
        fs.delete(lock, false);
    }

    @Test
    void theBooksAreCheckedAgainstTheRecordsTheStagedFilesHold() throws Exception {
        Path partition = Datasets.PAGE_VIEWS.partition(warehouse, DAY.plusDays(1));
        try (CleanRun run = new CleanRun(conf, CleanAccessLogs.NAME, DAY.plusDays(1))) {
            Path staging = run.staging(partition);
            Path raw = Datasets.PAGE_VIEWS.partition(warehouse, DAY);
            clean();
            FileSystem fs = FileSystem.get(staging.toUri(), conf);
            fs.mkdirs(staging);
            for (var file : fs.listStatus(Versions.current(conf, raw), p -> p.getName().endsWith(".avro"))) {
                org.apache.hadoop.fs.FileUtil.copy(fs, file.getPath(), fs, staging, false, conf);
            }
            Accounting claimed = new Accounting(CleanAccessLogs.NAME, lines + 1, lines + 1, 0);
            JobFailedException refused = assertThrows(JobFailedException.class, () -> run.publish(claimed, staging,
                    partition, Datasets.QUARANTINED_ACCESS_LOGS.partition(warehouse, DAY.plusDays(1)), ""));
            assertTrue(refused.getMessage().contains("the staged output holds " + lines + " records where the tasks"
                    + " counted " + (lines + 1) + "; nothing published"), refused.getMessage());
            assertFalse(local(partition).exists(), "nothing published");
        }
    }
}
