package io.clickstream.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * The records {@code land-kafka} put in a streamed raw day's {@code hour=HH/_late/} because they came after their hour
 * was closed. A day's clean run reads them ({@link RawTextInputFormat#addRawDay}) and names the ones it read in the
 * version it commits ({@value #READ_FILE}); those that came later are <em>unread</em>, and a later day's run within the
 * lateness window cleans the day again for them ({@code reclean-late-page-views}, {@code reclean-late-events}).
 * Names, not times, decide: a file that landed while the day's job was being set up is either named or read again.
 */
public final class LateArrivals {

    /** Beside {@code _SUCCESS} in a clean day's version: the late files it read, relative to the raw day, one a line. */
    public static final String READ_FILE = "_late_read";

    private LateArrivals() {
    }

    /** The late files of a raw day, relative to it ({@code hour=07/_late/access_logs-0-1200.log}), sorted. */
    public static List<String> files(Configuration conf, Path rawDay) throws IOException {
        FileSystem fs = rawDay.getFileSystem(conf);
        FileStatus[] late = fs.globStatus(new Path(rawDay, "hour=*/" + RawTextInputFormat.LATE_FOLDER + "/*"));
        List<String> names = new ArrayList<>();
        for (FileStatus file : late == null ? new FileStatus[0] : late) {
            if (file.isFile() && !file.getPath().getName().startsWith(".")) {
                names.add(relative(file.getPath()));
            }
        }
        names.sort(null);
        return names;
    }

    /** A late file's name relative to its raw day ({@code hour=HH/_late/NAME}); null for a path in no late folder. */
    private static String relative(Path file) {
        Path folder = file.getParent();
        if (folder == null || !folder.getName().equals(RawTextInputFormat.LATE_FOLDER) || folder.getParent() == null) {
            return null;
        }
        return folder.getParent().getName() + "/" + folder.getName() + "/" + file.getName();
    }

    /**
     * Names, in the staged version {@code staging}, the late files that {@code job} read (as its input paths, which
     * {@link RawTextInputFormat#addRawDay} added one by one); nothing when it read none.
     */
    public static void recordRead(Job job, Path staging) throws IOException {
        List<String> read = new ArrayList<>();
        for (Path input : FileInputFormat.getInputPaths(job)) {
            String late = relative(input);
            if (late != null) {
                read.add(late);
            }
        }
        if (read.isEmpty()) {
            return;
        }
        read.sort(null);
        try (OutputStream out = staging.getFileSystem(job.getConfiguration()).create(new Path(staging, READ_FILE), true)) {
            out.write((String.join("\n", read) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The late files of {@code rawDay} that the newest version of the clean day {@code cleanDay} did not read; none
     * when the day was never cleaned (its own run will read them all).
     */
    public static List<String> unread(Configuration conf, Path rawDay, Path cleanDay) throws IOException {
        Path version = PartitionCommit.current(conf, cleanDay);
        if (version == null) {
            return List.of();
        }
        Set<String> read = new HashSet<>();
        Path ledger = new Path(version, READ_FILE);
        FileSystem fs = ledger.getFileSystem(conf);
        if (fs.exists(ledger)) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(ledger), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    read.add(line);
                }
            }
        }
        List<String> unread = new ArrayList<>(files(conf, rawDay));
        unread.removeIf(read::contains);
        return unread;
    }

    /**
     * Tells, for the day that just left the lateness window, how many late files it got that no run will take in
     * unless the day is rerun by hand; prints their names.
     *
     * @return how many there are
     */
    public static int reportTooLate(Configuration conf, String stage, Dataset raw, Dataset clean, Path root,
            java.time.LocalDate day) throws IOException {
        List<String> unread = unread(conf, raw.partition(root, day), clean.partition(root, day));
        if (!unread.isEmpty()) {
            System.out.printf("%s: WARNING dt=%s got %d late %s files after its lateness window closed; they are not in"
                    + " %s until the day is rerun: %s%n", stage, day, unread.size(), raw.name(), clean.name(),
                    String.join(", ", unread));
        }
        return unread.size();
    }
}
