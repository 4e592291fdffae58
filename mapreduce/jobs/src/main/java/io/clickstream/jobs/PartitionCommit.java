package io.clickstream.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Write-then-commit for a date partition: a job writes into a hidden staging directory beside the
 * partition; only a complete, checked output replaces the partition (delete, then one rename), so a rerun
 * leaves exactly the new output and a failed run leaves the old one.
 */
public final class PartitionCommit {

    /** File with the stage's accounting, next to {@code _SUCCESS}; hidden from Hive and MapReduce by its '_'. */
    public static final String ACCOUNTING_FILE = "_accounting.json";

    private PartitionCommit() {
    }

    /** A fresh staging directory for {@code partition}: {@code <dataset>/.staging/<dt=D>-<millis>}. */
    public static Path stagingFor(Path partition) {
        return new Path(new Path(partition.getParent(), ".staging"), partition.getName() + "-" + System.currentTimeMillis());
    }

    /** Replaces {@code partition} with {@code staged}. */
    public static void replace(Configuration conf, Path staged, Path partition) throws IOException {
        FileSystem fs = partition.getFileSystem(conf);
        fs.mkdirs(partition.getParent());
        if (fs.exists(partition) && !fs.delete(partition, true)) {
            throw new IOException("cannot delete the previous output " + partition);
        }
        if (!fs.rename(staged, partition)) {
            throw new IOException("cannot move " + staged + " to " + partition);
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
        Path folder = staged.getParent();
        if (fs.exists(folder) && fs.listStatus(folder).length == 0) {
            fs.delete(folder, false);
        }
    }
}
