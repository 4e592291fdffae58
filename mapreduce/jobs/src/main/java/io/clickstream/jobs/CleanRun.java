package io.clickstream.jobs;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;

/**
 * What every stage does around its MapReduce job, for one day: refuse missing input, hold the day against other
 * runs of the stage and run into this attempt's own staging directory, refuse to publish when records are unaccounted
 * for (by the counters and by the records the staged files hold) or too many were quarantined, and commit the staged
 * quarantine and output as the day's newest versions (quarantine first). Closing it releases the day.
 */
public final class CleanRun implements AutoCloseable {

    private final Configuration conf;
    private final String stage;
    private final String what;
    private final boolean hourly;
    private final double maxShare;
    private DayLock lock;

    /** @throws IllegalArgumentException when the quarantine threshold is not a share, before anything runs */
    public CleanRun(Configuration conf, String stage, LocalDate date) {
        this(conf, stage, date, null);
    }

    /**
     * A run for one hour of {@code date} ({@code dt=D hour=HH} in its messages and its lock), or for the whole day when
     * {@code hour} is null.
     */
    public CleanRun(Configuration conf, String stage, LocalDate date, Integer hour) {
        this.conf = conf;
        this.stage = stage;
        this.what = "dt=" + date + (hour == null ? "" : String.format(Locale.ROOT, " hour=%02d", hour));
        this.hourly = hour != null;
        this.maxShare = Settings.QUARANTINE_MAX_SHARE.get(conf);
    }

    /**
     * @throws JobFailedException when none of {@code inputs} holds a file (hidden files do not count), saying what is
     *     missing: a raw day not landed, or the output of the stage that has not run
     */
    public void requireInput(Path... inputs) throws IOException {
        for (Path input : inputs) {
            FileSystem fs = input.getFileSystem(conf);
            if (fs.exists(input)) {
                // The provisional hours inside a clean day (HourlyRun) are not the day: only raw hours are its input.
                boolean hoursAreInput = zoneOf(input).equals(Warehouse.RAW);
                for (FileStatus status : fs.listStatus(input)) {
                    String name = status.getPath().getName();
                    if (!name.startsWith("_") && !name.startsWith(".") && (hoursAreInput || !name.startsWith("hour="))) {
                        return;
                    }
                }
            }
        }
        throw new JobFailedException(stage + ": " + missing(inputs[0]));
    }

    /**
     * @throws JobFailedException when the streamed raw hour {@code rawHour} has never been written to (an hour with a
     *     directory but no records yet, or closed empty, is cleaned into an empty hour)
     */
    public void requireHour(Path rawHour) throws IOException {
        if (!rawHour.getFileSystem(conf).exists(rawHour)) {
            throw new JobFailedException(stage + ": no raw input for " + what + " at " + rawHour
                    + " (has land-kafka pulled the hour?)");
        }
    }

    /** Flags an hour's output done ({@link HourlyRun#DONE_FLAG}) once its version is committed. */
    public void markDone(Path hourPartition) throws IOException {
        hourPartition.getFileSystem(conf).create(new Path(hourPartition, HourlyRun.DONE_FLAG), true).close();
    }

    /** What a missing input means: a day not landed yet for raw data, a stage not run yet for the rest. */
    private String missing(Path input) {
        Path day = dayOf(input);
        Path dataset = day.getParent();
        String zone = zoneOf(input);
        if (zone.equals(Warehouse.CLEAN) || zone.equals(Warehouse.MARTS)) {
            String writer = Datasets.find(zone, dataset.getName()).map(Dataset::writtenBy).orElse("the stage that writes it");
            return "no " + zone + "/" + dataset.getName() + " for " + what + " at " + day + " (has " + writer
                    + " run for the day?)";
        }
        return "no raw input for " + what + " at " + input + " (has the " + (what.contains("hour=") ? "hour" : "day")
                + " landed?)";
    }

    /** The zone of a day's partition or of one of its versions ({@code clean}), or "" for a path outside the warehouse. */
    private static String zoneOf(Path input) {
        Path dataset = dayOf(input).getParent();
        return dataset == null || dataset.getParent() == null ? "" : dataset.getParent().getName();
    }

    private static Path dayOf(Path input) {
        return PartitionCommit.isVersion(input) ? input.getParent() : input;
    }

    /**
     * Takes the day of {@code partition} for this stage ({@link DayLock}) and returns this attempt's staging directory.
     *
     * @throws JobFailedException when another run of the stage holds the day
     */
    public Path staging(Path partition) throws IOException {
        if (lock != null) {
            throw new IllegalStateException(stage + " already holds " + what);
        }
        lock = DayLock.acquire(conf, stage, what, partition);
        return lock.attemptStaging();
    }

    /** Releases the day, removing what this attempt left in its staging directory. */
    @Override
    public void close() throws IOException {
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }

    /**
     * @throws JobFailedException when {@code dir} does not hold exactly {@code expected} records — the books are checked
     *     against what was committed, not only against what the tasks counted
     */
    public void requireCommitted(Path dir, long expected, String described) throws IOException {
        long committed = AvroFiles.count(conf, dir);
        if (committed != expected) {
            throw new JobFailedException(String.format(Locale.ROOT, "%s for %s: %s holds %d records where the tasks"
                    + " counted %d; nothing published (was its staging directory %s changed by something else?)",
                    stage, what, described, committed, expected, dir));
        }
    }

    private void requireHeld() throws IOException {
        if (lock != null) {
            lock.requireHeld();
        }
    }

    /** Runs the job (whose output is {@code staging}) and returns its counters; a failed job publishes nothing. */
    public Counters run(Job job, Path staging) throws IOException, InterruptedException, ClassNotFoundException {
        if (hourly) {
            job.setJobName(stage + " " + what); // the hour, not only the day, in the ResourceManager's list
        }
        if (!job.waitForCompletion(Settings.VERBOSE.get(conf))) {
            String cause = TaskFailures.first(conf, staging);
            PartitionCommit.discard(conf, staging);
            throw new JobFailedException(stage + " for " + what + " failed: " + (cause != null ? cause
                    : job.getStatus().getFailureInfo()) + " (job " + job.getJobID() + "; nothing was published)");
        }
        TaskFailures.clear(conf, staging);
        Counters counters = job.getCounters();
        finishedJobs.accept(stage, counters);
        return counters;
    }

    private static volatile BiConsumer<String, Counters> finishedJobs = (stage, counters) -> { };

    /** Lets a measuring tool (the benchmarks) see the counters of every job that succeeds in this JVM. */
    public static void observeFinishedJobs(BiConsumer<String, Counters> observer) {
        finishedJobs = observer;
    }

    public void requireBalanced(List<String> violations, Path staging) {
        if (!violations.isEmpty()) {
            throw new JobFailedException(stage + " for " + what + ": records unaccounted for, nothing published ("
                    + String.join("; ", violations) + "); output left for inspection in " + staging);
        }
    }

    /**
     * Commits the staged quarantine and output with its {@code _accounting.json} when the quarantined share is
     * within the threshold (always, for an hour); otherwise keeps the staged quarantine aside ({@link #failedQuarantine}) and publishes
     * nothing.
     */
    public Committed publish(Accounting accounting, Path staging, Path output, Path quarantine, String reasons)
            throws IOException {
        Path stagedQuarantine = new Path(staging, QuarantineSink.OUTPUT);
        requireHeld();
        requireCommitted(staging, accounting.accepted(), "the staged output");
        requireCommitted(stagedQuarantine, accounting.quarantined(), "the staged quarantine");
        FileSystem fs = staging.getFileSystem(conf);
        fs.mkdirs(stagedQuarantine);
        fs.createNewFile(new Path(stagedQuarantine, "_SUCCESS"));
        Path failedQuarantine = failedQuarantine(quarantine);
        // An hour is provisional and may hold a handful of records, where one broken line is a large share: the day's
        // run judges the share over the whole day; an hour is published with its quarantine.
        if (accounting.quarantinedShare() > maxShare && !hourly) {
            Map<String, Long> worst = QuarantineFiles.worst(conf, stagedQuarantine, 5);
            PartitionCommit.replace(conf, stagedQuarantine, failedQuarantine);
            PartitionCommit.discard(conf, staging);
            throw new JobFailedException(String.format(Locale.ROOT,
                    "%s for %s: %.2f%% of records quarantined, above the %.2f%% allowed by %s; nothing published (the"
                            + " day's output and quarantine stay as its last passing run left them). This run's"
                            + " quarantine, for inspection: %s. Reasons: %s. Worst files: %s",
                    stage, what, 100 * accounting.quarantinedShare(), 100 * maxShare, Settings.QUARANTINE_MAX_SHARE,
                    failedQuarantine, reasons, worst));
        }
        PartitionCommit.discard(conf, failedQuarantine);
        PartitionCommit.writeAccounting(conf, staging, accounting);
        Path quarantineVersion = PartitionCommit.addVersion(conf, stagedQuarantine, quarantine);
        Path outputVersion = PartitionCommit.addVersion(conf, staging, output);
        PartitionCommit.discard(conf, staging);
        ActionOutput.write(accounting.asMap());
        return new Committed(outputVersion, quarantineVersion);
    }

    /** The versions a run committed: its output's and its quarantine's. */
    public record Committed(Path output, Path quarantine) {
    }

    /**
     * Commits the staged outputs of a stage without quarantine (each staged directory a new version of its partition,
     * with the stage's {@code _accounting.json}), then removes the staging directory; returns each partition's new version.
     */
    public Map<Path, Path> publishAll(Accounting accounting, Path staging, Map<Path, Path> stagedToPartition) throws IOException {
        requireHeld();
        Map<Path, Path> versions = new java.util.LinkedHashMap<>();
        FileSystem fs = staging.getFileSystem(conf);
        for (Map.Entry<Path, Path> output : stagedToPartition.entrySet()) {
            fs.mkdirs(output.getKey());
            fs.createNewFile(new Path(output.getKey(), "_SUCCESS"));
            PartitionCommit.writeAccounting(conf, output.getKey(), accounting);
            versions.put(output.getValue(), PartitionCommit.addVersion(conf, output.getKey(), output.getValue()));
        }
        PartitionCommit.discard(conf, staging);
        ActionOutput.write(accounting.asMap());
        return versions;
    }

    /**
     * Where the quarantine of a run that failed its threshold is kept for inspection,
     * {@code <quarantine dataset>/.failed/dt=D}: hidden from Hive, so a day's published output and quarantine always
     * come from the same run. The next passing run of the day removes it.
     */
    static Path failedQuarantine(Path quarantine) {
        return new Path(new Path(quarantine.getParent(), ".failed"), quarantine.getName());
    }

    /** {@code REASON=count, ...} of the non-zero counters of a reason enum. */
    public static <E extends Enum<E>> String reasons(Counters counters, Class<E> reasons) {
        StringBuilder out = new StringBuilder();
        for (E reason : reasons.getEnumConstants()) {
            long count = counters.findCounter(reason).getValue();
            if (count > 0) {
                out.append(out.length() == 0 ? "" : ", ").append(reason).append('=').append(count);
            }
        }
        return out.toString();
    }
}
