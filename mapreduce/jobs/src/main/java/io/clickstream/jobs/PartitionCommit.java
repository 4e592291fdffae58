package io.clickstream.jobs;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Write-then-commit for a date partition: a job writes into a hidden staging directory beside the partition; only a
 * complete, checked output (its {@code _SUCCESS} and {@code _accounting.json} already in it) is committed.
 *
 * <p>A table's partition is committed as a new <em>version</em>, {@code dt=D/v000007-20261205T061502Z}, by one rename
 * ({@link #addVersion}): the stages read the newest ({@link #current}), while Hive's analyst-facing partition keeps
 * pointing at the version that passed its checks until {@code warehouse publish} switches it (write, audit, publish).
 * So a rerun never touches what analysts see, and a crash leaves either the new version complete or none of it. The
 * published version is marked ({@value #PUBLISHED_MARKER}) and kept; of the others the newest
 * {@code clickstream.versions.keep} stay.
 *
 * <p>Files that are not tables (forwarded late lines, a failed run's quarantine) are {@link #replace}d in place: the
 * previous version aside to {@code .staging/dt=D.replaced}, the new one in, and a crash between the two renames is
 * finished by {@link #restore} (run by the next run of the day, and before every replacement).
 */
public final class PartitionCommit {

    /** File with the stage's accounting, next to {@code _SUCCESS}; hidden from Hive and MapReduce by its '_'. */
    public static final String ACCOUNTING_FILE = "_accounting.json";

    /** Marks the version Hive's analyst-facing partition points at; kept whatever {@code clickstream.versions.keep} says. */
    public static final String PUBLISHED_MARKER = "_PUBLISHED";
    /** The rows Hive counted in a version when its checks ran: what later days' volume bands compare with. */
    public static final String ROWS_FILE = "_ROWS";

    private static final Pattern VERSION = Pattern.compile("v(\\d{6,})-\\d{8}T\\d{6}Z");
    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private PartitionCommit() {
    }

    /**
     * Commits {@code staged} as the newest version of {@code partition} with one rename, then removes the versions
     * that are neither published nor among the newest {@code clickstream.versions.keep}.
     *
     * @return the new version's directory
     */
    public static Path addVersion(Configuration conf, Path staged, Path partition) throws IOException {
        FileSystem fs = partition.getFileSystem(conf);
        fs.mkdirs(partition);
        List<Path> versions = versions(fs, partition);
        long sequence = versions.isEmpty() ? 1 : sequence(versions.get(versions.size() - 1)) + 1;
        Path version = new Path(partition, String.format(Locale.ROOT, "v%06d-%s", sequence,
                VERSION_TIME.format(Instant.now())));
        if (!renamed(fs, staged, version)) {
            throw new IOException("cannot move " + staged + " to " + version + " (the day's previous versions are unchanged)");
        }
        versions.add(version);
        int keep = Settings.VERSIONS_KEEP.get(conf);
        for (int i = 0; i < versions.size() - keep; i++) {
            if (!isPublished(fs, versions.get(i))) {
                fs.delete(versions.get(i), true);
            }
        }
        return version;
    }

    /** The newest committed version of a day's partition, or null when the day has none. */
    public static Path current(Configuration conf, Path partition) throws IOException {
        FileSystem fs = partition.getFileSystem(conf);
        List<Path> versions = versions(fs, partition);
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (fs.exists(new Path(versions.get(i), "_SUCCESS"))) {
                return versions.get(i);
            }
        }
        return null;
    }

    /** Marks {@code version} as the published one of its partition, and no other. */
    public static void markPublished(Configuration conf, Path version) throws IOException {
        FileSystem fs = version.getFileSystem(conf);
        for (Path other : versions(fs, version.getParent())) {
            if (!other.getName().equals(version.getName())) {
                fs.delete(new Path(other, PUBLISHED_MARKER), false);
            }
        }
        fs.create(new Path(version, PUBLISHED_MARKER), true).close();
    }

    /** Records the rows Hive counted in {@code version} when its checks ran. */
    public static void writeRows(Configuration conf, Path version, long rows) throws IOException {
        try (FSDataOutputStream out = version.getFileSystem(conf).create(new Path(version, ROWS_FILE), true)) {
            out.write((rows + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The rows counted in the published version of {@code partition} ({@link #writeRows}), or null when not known. */
    public static Long publishedRows(Configuration conf, Path partition) throws IOException {
        FileSystem fs = partition.getFileSystem(conf);
        for (Path version : versions(fs, partition)) {
            Path rows = new Path(version, ROWS_FILE);
            if (isPublished(fs, version) && fs.exists(rows)) {
                try (FSDataInputStream in = fs.open(rows)) {
                    return Long.parseLong(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
                } catch (NumberFormatException unreadable) {
                    return null;
                }
            }
        }
        return null;
    }

    /** A rename that says false, not throws, when it did not happen (the local file system throws where HDFS says false). */
    private static boolean renamed(FileSystem fs, Path from, Path to) {
        try {
            return fs.rename(from, to);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether {@code version} is the one Hive's analyst-facing partition points at ({@link #markPublished}). */
    public static boolean isPublished(FileSystem fs, Path version) throws IOException {
        return fs.exists(new Path(version, PUBLISHED_MARKER));
    }

    /** Whether a path names a version directory of a partition. */
    public static boolean isVersion(Path path) {
        return VERSION.matcher(path.getName()).matches();
    }

    /** The partition's versions, oldest first. */
    private static List<Path> versions(FileSystem fs, Path partition) throws IOException {
        List<Path> versions = new ArrayList<>();
        if (fs.exists(partition)) {
            for (FileStatus status : fs.listStatus(partition, PartitionCommit::isVersion)) {
                versions.add(status.getPath());
            }
        }
        versions.sort(Comparator.comparingLong(PartitionCommit::sequence));
        return versions;
    }

    private static long sequence(Path version) {
        Matcher m = VERSION.matcher(version.getName());
        if (!m.matches()) {
            throw new IllegalArgumentException(version + " is not a version directory");
        }
        return Long.parseLong(m.group(1));
    }

    /** Where the previous version of {@code partition} waits while it is replaced. */
    static Path replacedVersion(Path partition) {
        return new Path(new Path(partition.getParent(), ".staging"), partition.getName() + ".replaced");
    }

    /** Replaces {@code partition} with {@code staged}. */
    public static void replace(Configuration conf, Path staged, Path partition) throws IOException {
        FileSystem fs = partition.getFileSystem(conf);
        fs.mkdirs(partition.getParent());
        restore(conf, partition);
        Path previous = replacedVersion(partition);
        boolean hadPrevious = fs.exists(partition);
        if (hadPrevious) {
            fs.mkdirs(previous.getParent());
            if (!fs.rename(partition, previous)) {
                throw new IOException("cannot move the previous output " + partition + " aside to " + previous);
            }
        }
        if (!renamed(fs, staged, partition)) {
            if (hadPrevious) {
                fs.rename(previous, partition);
            }
            throw new IOException("cannot move " + staged + " to " + partition + " (the previous output is in place)");
        }
        fs.delete(previous, true);
        removeIfEmpty(fs, previous.getParent());
    }

    /**
     * Finishes a replacement a crash interrupted: the previous version comes back when the new one had not arrived,
     * and is dropped when it had.
     */
    public static void restore(Configuration conf, Path partition) throws IOException {
        FileSystem fs = partition.getFileSystem(conf);
        Path previous = replacedVersion(partition);
        if (!fs.exists(previous)) {
            return;
        }
        if (fs.exists(partition)) {
            fs.delete(previous, true);
        } else if (!fs.rename(previous, partition)) {
            throw new IOException("cannot put the previous output " + previous + " back to " + partition);
        }
    }

    public static void writeAccounting(Configuration conf, Path partition, Accounting accounting) throws IOException {
        Path file = new Path(partition, ACCOUNTING_FILE);
        try (OutputStream out = file.getFileSystem(conf).create(file, true)) {
            out.write(accounting.toJson().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The accounting written into a partition's version (or a staged output), or null when there is none. */
    public static Accounting readAccounting(Configuration conf, Path partition) throws IOException {
        Path file = new Path(partition, ACCOUNTING_FILE);
        FileSystem fs = file.getFileSystem(conf);
        if (!fs.exists(file)) {
            return null;
        }
        try (java.io.InputStream in = fs.open(file)) {
            return Accounting.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Removes a staging directory and, when it is then empty, the {@code .staging} folder too. */
    public static void discard(Configuration conf, Path staged) throws IOException {
        FileSystem fs = staged.getFileSystem(conf);
        fs.delete(staged, true);
        removeIfEmpty(fs, staged.getParent());
    }

    static void removeIfEmpty(FileSystem fs, Path folder) throws IOException {
        if (fs.exists(folder) && fs.listStatus(folder).length == 0) {
            fs.delete(folder, false);
        }
    }
}
