package io.clickstream.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Write-then-commit for a date partition: a job writes into a hidden staging directory beside the
 * partition; only a complete, checked output (its {@code _SUCCESS} and {@code _accounting.json} already in it)
 * replaces the partition, so a rerun leaves exactly the new output and a failed run leaves the old one.
 *
 * <p>The replacement is two renames: the previous version aside to {@code .staging/dt=D.replaced}, the new one into
 * place. A crash between them leaves no partition rather than a partial one, and the previous version where
 * {@link #restore} (run by the next run of the day, and before every replacement) puts it back.
 */
public final class PartitionCommit {

    /** File with the stage's accounting, next to {@code _SUCCESS}; hidden from Hive and MapReduce by its '_'. */
    public static final String ACCOUNTING_FILE = "_accounting.json";

    private PartitionCommit() {
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
        boolean moved;
        try {
            moved = fs.rename(staged, partition);
        } catch (IOException e) {
            moved = false;
        }
        if (!moved) {
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

    /** The accounting written next to a published partition, or null when there is none. */
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
