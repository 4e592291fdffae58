package io.clickstream.jobs;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One run of a stage at a time for a day: the run that holds {@code <dataset>/.staging/dt=D.lock} owns the day's
 * staging folder {@code <dataset>/.staging/dt=D/}, and writes into an attempt directory of its own there. A second
 * run of the day (by hand, or an Oozie retry while the first attempt still runs) is refused with the holder's name.
 *
 * <p>The lock is a lease, not a flag: the holder touches it every quarter of {@link Settings#LOCK_LEASE_SECONDS}, and
 * a lock not touched for a whole lease belongs to a run that died; the next run breaks it. So a crashed run cannot
 * leave a day locked for longer than one lease. A holder whose lock was broken (a pause longer than the lease) finds
 * out at {@link #requireHeld()} before it publishes, and publishes nothing.
 *
 * <p>Creating the lock must be atomic ({@link ExclusiveFiles}).
 */
public final class DayLock implements Closeable {

    private static final String ATTEMPT_PREFIX = "attempt-";

    private final Configuration conf;
    private final FileSystem fs;
    private final Path lock;
    private final Path days;
    private final String token;
    private final ScheduledExecutorService heartbeat;
    private volatile IOException heartbeatFailure;

    private DayLock(Configuration conf, FileSystem fs, Path lock, Path days, String token, long leaseMillis) {
        this.conf = conf;
        this.fs = fs;
        this.lock = lock;
        this.days = days;
        this.token = token;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "day-lock " + lock.getParent().getParent().getName() + "/" + lock.getName());
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, leaseMillis / 4);
        heartbeat.scheduleWithFixedDelay(this::touch, every, every, TimeUnit.MILLISECONDS);
    }

    /** The lock file of {@code partition}'s day ({@code <dataset>/dt=D}). */
    private static String held(String what) {
        return what.contains("hour=") ? "the hour" : what.startsWith("dt=") ? "the day" : "it";
    }

    static Path lockFor(Path partition) {
        return new Path(new Path(partition.getParent(), ".staging"), partition.getName() + ".lock");
    }

    /**
     * Takes the day of {@code partition} for {@code stage}, breaking a lock whose lease ran out, and clears the
     * staging left by earlier attempts that died (none can be running: they would hold the lock).
     *
     * @throws JobFailedException when another run holds the day, naming it
     */
    public static DayLock acquire(Configuration conf, String stage, LocalDate date, Path partition) throws IOException {
        return acquire(conf, stage, "dt=" + date, partition);
    }

    /**
     * As {@link #acquire(Configuration, String, LocalDate, Path)} for what {@code partition} holds, named {@code what}
     * in messages ({@code dt=2026-12-05}, {@code topic access_logs}).
     */
    public static DayLock acquire(Configuration conf, String stage, String what, Path partition) throws IOException {
        FileSystem fs = partition.getFileSystem(conf);
        Path lock = lockFor(partition);
        long lease = TimeUnit.SECONDS.toMillis(Settings.LOCK_LEASE_SECONDS.get(conf));
        String token = UUID.randomUUID().toString();
        String named = what.contains("=") ? what : what.replace(' ', '=');
        String holder = "stage=" + stage + " " + named + " run=" + token + " by " + whoAmI() + " since " + Instant.now();
        fs.mkdirs(lock.getParent());
        if (!create(fs, lock, holder)) {
            FileStatus status;
            String current;
            try {
                status = fs.getFileStatus(lock);
                current = read(fs, lock);
            } catch (FileNotFoundException released) {
                return acquire(conf, stage, what, partition);
            }
            long silentFor = System.currentTimeMillis() - status.getModificationTime();
            if (silentFor <= lease) {
                throw new JobFailedException(String.format("%s for %s: another run holds %s (%s; alive %d s ago)."
                                + " Nothing was done; run again once it has ended, or after %s seconds without a sign of"
                                + " life from it", stage, what, held(what), current,
                                silentFor / 1000, Settings.LOCK_LEASE_SECONDS));
            }
            Path broken = lock.suffix(".expired-" + token);
            if (!fs.rename(lock, broken)) {
                throw new JobFailedException(stage + " for " + what + ": another run took over the expired lock "
                        + lock + " at the same moment; nothing was done");
            }
            fs.delete(broken, false);
            System.err.printf("%s for %s: broke the lock of a run silent for %d s (%s)%n", stage, what,
                    silentFor / 1000, current);
            if (!create(fs, lock, holder)) {
                throw new JobFailedException(stage + " for " + what + ": another run took it at the same moment;"
                        + " nothing was done");
            }
        }
        Path days = new Path(lock.getParent(), partition.getName());
        DayLock held = new DayLock(conf, fs, lock, days, token, lease);
        held.clearDeadAttempts(partition);
        PartitionCommit.restore(conf, partition);
        return held;
    }

    /** A fresh attempt directory, this run's alone: {@code <dataset>/.staging/dt=D/attempt-<run>}. */
    public Path attemptStaging() {
        return new Path(days, ATTEMPT_PREFIX + token);
    }

    /** @throws JobFailedException when this run no longer holds the day (its lock was broken as expired) */
    public void requireHeld() throws IOException {
        String current;
        try {
            current = read(fs, lock);
        } catch (FileNotFoundException gone) {
            current = "no lock";
        }
        if (!current.contains("run=" + token + " ")) {
            throw new JobFailedException("this run lost its hold on the day (" + lock + " now says: " + current
                    + (heartbeatFailure == null ? "" : "; last heartbeat failed: " + heartbeatFailure.getMessage())
                    + "), so it publishes nothing; the run that holds the day does");
        }
    }

    /**
     * Releases the day: stops the heartbeat and removes the lock when it is still ours. What a failed attempt left in
     * its staging directory stays for inspection until the next run of the day clears it.
     */
    @Override
    public void close() throws IOException {
        heartbeat.shutdownNow();
        PartitionCommit.removeIfEmpty(fs, days);
        try {
            if (read(fs, lock).contains("run=" + token + " ")) {
                fs.delete(lock, false);
            }
        } catch (FileNotFoundException alreadyGone) {
            // broken by a run that found it expired; nothing of ours to remove
        }
        PartitionCommit.removeIfEmpty(fs, lock.getParent());
    }

    private void clearDeadAttempts(Path partition) throws IOException {
        if (fs.exists(days)) {
            for (FileStatus attempt : fs.listStatus(days)) {
                fs.delete(attempt.getPath(), true);
            }
        }
        // Staging as earlier versions named it (.staging/dt=D-<millis>), left by a killed run.
        for (FileStatus old : fs.listStatus(lock.getParent())) {
            if (old.getPath().getName().matches(java.util.regex.Pattern.quote(partition.getName()) + "-\\d+")) {
                fs.delete(old.getPath(), true);
            }
        }
    }

    private void touch() {
        try {
            fs.setTimes(lock, System.currentTimeMillis(), -1);
        } catch (IOException e) {
            heartbeatFailure = e;
        }
    }

    private static boolean create(FileSystem fs, Path lock, String holder) throws IOException {
        return ExclusiveFiles.create(fs, lock, (holder + " \n").getBytes(StandardCharsets.UTF_8));
    }

    private static String read(FileSystem fs, Path lock) throws IOException {
        try (InputStream in = fs.open(lock)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip() + " ";
        }
    }

    private static String whoAmI() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return System.getProperty("user.name") + "@" + host + " pid " + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
