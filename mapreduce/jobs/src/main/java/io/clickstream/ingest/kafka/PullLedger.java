package io.clickstream.ingest.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.jobs.ExclusiveFiles;
import io.clickstream.jobs.JobFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The offsets {@code land-kafka} consumed, kept in HDFS with the data: {@code state/land-kafka/<topic>/pull-000042.json}
 * per committed pull, naming for each partition the offsets it covered and the files it landed. A pull stages its
 * files in {@code pull-000042.staging/}; creating its commit file (exclusively: of two pulls racing for the same
 * number one wins) is the one atomic step that commits offsets and data together. Moving the staged files into the
 * raw zone comes after, and is finished by the next pull if a crash interrupts it; a pull that died before its commit
 * leaves only staging, which the next pull deletes, and its offsets are pulled again.
 */
final class PullLedger {

    /** Commits kept: the newest is the state, the others an audit trail of the last pulls. */
    private static final int KEEP = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMMIT = Pattern.compile("pull-(\\d{6,})\\.json");
    private static final Pattern STAGING = Pattern.compile("pull-(\\d{6,})\\.staging");

    /** The offsets {@code [from, to)} of a partition a pull covers. */
    record Range(int partition, long from, long to) {
    }

    /** What a pull's tasks do, handed to them in the job's configuration. */
    record Plan(String topic, String source, String staging, long closedThroughMillis, List<Range> ranges) {

        String toJson() throws IOException {
            return JSON.writeValueAsString(this);
        }

        static Plan fromJson(String json) throws IOException {
            return JSON.readValue(json, Plan.class);
        }
    }

    /** A file a task staged ({@code staged}, under the pull's staging) for {@code target} (under the warehouse root). */
    record LandedFile(String staged, String target, long records) {
    }

    /**
     * One partition's share of a pull, as its task reports it: records read = landed + late + quarantined, and the
     * offsets without a record (transaction markers, compacted records) as gaps.
     */
    record PartitionPull(int partition, long from, long to, long records, long landed, long late, long quarantined,
            long gaps, List<LandedFile> files) {

        List<String> violations() {
            List<String> problems = new java.util.ArrayList<>();
            if (records != landed + late + quarantined) {
                problems.add(String.format(Locale.ROOT, "partition %d: read %d != landed %d + late %d + quarantined %d",
                        partition, records, landed, late, quarantined));
            }
            if (records + gaps != to - from) {
                problems.add(String.format(Locale.ROOT, "partition %d: read %d + gaps %d != the %d offsets %d..%d",
                        partition, records, gaps, to - from, from, to));
            }
            long inFiles = files.stream().mapToLong(LandedFile::records).sum();
            if (inFiles != records) {
                problems.add(String.format(Locale.ROOT, "partition %d: read %d != %d records in the files it wrote",
                        partition, records, inFiles));
            }
            return problems;
        }
    }

    /** Offsets that expired from the topic before a pull reached them: lost, and said so. */
    record Lost(int partition, long from, long to) {
    }

    /**
     * A committed pull: the offsets and files of each partition, the offsets lost, and the hours it closed
     * ({@code _SUCCESS} for every hour starting in {@code [flagFromMillis, closedThroughMillis)}).
     */
    record Commit(long sequence, String topic, String source, String startedAt, long flagFromMillis,
            long closedThroughMillis, List<PartitionPull> partitions, List<Lost> lost) {
    }

    private final FileSystem fs;
    private final Path dir;

    PullLedger(Configuration conf, Path dir) throws IOException {
        this.fs = dir.getFileSystem(conf);
        this.dir = dir;
    }

    /** The newest committed pull, or null before the first. */
    Commit latest() throws IOException {
        long newest = -1;
        if (fs.exists(dir)) {
            for (FileStatus file : fs.listStatus(dir)) {
                Matcher m = COMMIT.matcher(file.getPath().getName());
                if (m.matches()) {
                    newest = Math.max(newest, Long.parseLong(m.group(1)));
                }
            }
        }
        if (newest < 0) {
            return null;
        }
        try (InputStream in = fs.open(commitFile(newest))) {
            return JSON.readValue(in, Commit.class);
        }
    }

    Path staging(long sequence) {
        return new Path(dir, String.format(Locale.ROOT, "pull-%06d.staging", sequence));
    }

    /** @throws JobFailedException when another pull committed this number first (nothing of this one is kept) */
    void commit(Commit commit) throws IOException {
        if (!ExclusiveFiles.create(fs, commitFile(commit.sequence()), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(commit))) {
            fs.delete(staging(commit.sequence()), true);
            throw new JobFailedException("land-kafka for topic " + commit.topic() + ": another pull committed pull "
                    + commit.sequence() + " first; this one landed nothing (its records are in that one's)");
        }
        for (FileStatus file : fs.listStatus(dir)) {
            Matcher m = COMMIT.matcher(file.getPath().getName());
            if (m.matches() && Long.parseLong(m.group(1)) <= commit.sequence() - KEEP) {
                fs.delete(file.getPath(), false);
            }
        }
    }

    /** Deletes what pulls that never committed staged (any staging but that of a committed pull not yet published). */
    void discardUncommitted(Commit latest) throws IOException {
        if (!fs.exists(dir)) {
            return;
        }
        for (FileStatus file : fs.listStatus(dir)) {
            Matcher m = STAGING.matcher(file.getPath().getName());
            if (m.matches() && (latest == null || Long.parseLong(m.group(1)) > latest.sequence())) {
                fs.delete(file.getPath(), true);
            }
        }
    }

    /** Writes a task's report into its staging. */
    static void writeReport(FileSystem fs, Path file, PartitionPull report) throws IOException {
        try (OutputStream out = fs.create(file, true)) {
            out.write(JSON.writeValueAsBytes(report));
        }
    }

    static PartitionPull readReport(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return JSON.readValue(in, PartitionPull.class);
        }
    }

    private Path commitFile(long sequence) {
        return new Path(dir, String.format(Locale.ROOT, "pull-%06d.json", sequence));
    }
}
