package io.clickstream.ingest.kafka;

import io.clickstream.jobs.JobFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Frequent pulls leave an hour with a file per pull and partition; before the hour is closed (no reader looks at it
 * yet) its files become one, {@code compacted.log}: the same lines, byte for byte, in file-name order, and as many
 * of them (counted on the way, or nothing changes). Crash-safe: the sources are listed in {@code _compaction} before
 * the compacted file is renamed into place, and whoever finds that list again finishes the job: sources deleted when
 * the compacted file is there, the half-written copy deleted when it is not.
 */
final class HourCompaction {

    static final String COMPACTED = "compacted.log";
    private static final String INTENT = "_compaction";
    private static final String COPY = ".compacted.log.copying";

    private HourCompaction() {
    }

    /** @return the number of files the hour had before, 0 when there was nothing to compact */
    static int compact(Configuration conf, Path hour) throws IOException {
        FileSystem fs = hour.getFileSystem(conf);
        recover(fs, hour);
        List<Path> sources = new ArrayList<>();
        FileStatus[] files = fs.exists(hour) ? fs.listStatus(hour) : new FileStatus[0];
        Arrays.sort(files);
        for (FileStatus file : files) {
            String name = file.getPath().getName();
            if (file.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                sources.add(file.getPath());
            }
        }
        if (sources.size() < 2) {
            return 0;
        }
        Path compacted = new Path(hour, COMPACTED);
        if (sources.contains(compacted)) {
            throw new JobFailedException(hour + " was compacted once already and has new files since: " + sources
                    + "; nothing was changed");
        }
        try (OutputStream out = fs.create(new Path(hour, INTENT), true)) {
            for (Path source : sources) {
                out.write((source.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Path copy = new Path(hour, COPY);
        long linesIn = 0;
        long linesOut = 0;
        try (OutputStream out = fs.create(copy, true)) {
            for (Path source : sources) {
                try (InputStream in = fs.open(source)) {
                    linesIn += copyCountingLines(in, out);
                }
            }
        }
        try (InputStream in = fs.open(copy)) {
            linesOut = copyCountingLines(in, OutputStream.nullOutputStream());
        }
        if (linesIn != linesOut) {
            fs.delete(copy, false);
            fs.delete(new Path(hour, INTENT), false);
            throw new JobFailedException("compacting " + hour + ": " + linesIn + " lines read, " + linesOut
                    + " in the copy; the hour keeps its " + sources.size() + " files");
        }
        if (!fs.rename(copy, compacted)) {
            throw new IOException("cannot rename " + copy + " to " + compacted);
        }
        recover(fs, hour);
        return sources.size();
    }

    /** Finishes or undoes a compaction a crash interrupted. */
    private static void recover(FileSystem fs, Path hour) throws IOException {
        Path intent = new Path(hour, INTENT);
        if (!fs.exists(intent)) {
            return;
        }
        if (fs.exists(new Path(hour, COMPACTED))) {
            String listed;
            try (InputStream in = fs.open(intent)) {
                listed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            for (String name : listed.split("\n")) {
                if (!name.isEmpty() && !name.equals(COMPACTED)) {
                    fs.delete(new Path(hour, name), false);
                }
            }
        } else {
            fs.delete(new Path(hour, COPY), false);
        }
        fs.delete(intent, false);
    }

    /** Copies {@code in} to {@code out}; the lines: line breaks, plus one for a last line without its own. */
    private static long copyCountingLines(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long lines = 0;
        int last = '\n';
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
            last = buffer[n - 1];
        }
        return last == '\n' ? lines : lines + 1;
    }
}
