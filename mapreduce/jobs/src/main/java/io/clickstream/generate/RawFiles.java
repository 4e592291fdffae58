package io.clickstream.generate;

import io.clickstream.jobs.Dataset;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/** Writes generated raw files the way sources land them: lines, compressed by the file's extension. */
final class RawFiles {

    /** Per-day manifest of what was generated and what the clean stage must make of it. */
    static final String MANIFEST = "_generated.json";

    private RawFiles() {
    }

    static void write(FileSystem fs, CompressionCodecFactory codecs, Path file, Iterable<byte[]> lines) throws IOException {
        CompressionCodec codec = codecs.getCodec(file);
        OutputStream raw = fs.create(file, true);
        try (OutputStream out = codec == null ? raw : codec.createOutputStream(raw)) {
            for (byte[] line : lines) {
                out.write(line);
                out.write('\n');
            }
        }
    }

    /**
     * A file's name in one slice of a day written in several (to bound the generator's memory): the first slice keeps
     * the name, the others add {@code -sN} before the extensions ({@code web-1.log.gz}, {@code web-1-s1.log.gz}).
     */
    static String sliced(String name, int slice) {
        int dot = name.indexOf('.', 1);
        return slice == 0 ? name : dot < 0 ? name + "-s" + slice : name.substring(0, dot) + "-s" + slice + name.substring(dot);
    }

    /** Empties the partitions of the days written again from scratch. */
    static void clear(Configuration conf, Dataset dataset, Path warehouse, LocalDate start, int days) throws IOException {
        for (int d = 0; d < days; d++) {
            Path partition = dataset.partition(warehouse, start.plusDays(d));
            partition.getFileSystem(conf).delete(partition, true);
        }
    }

    /** The slice's manifest, then the done-flag, last. */
    static void finish(FileSystem fs, Path partition, int slice, String manifest) throws IOException {
        try (OutputStream out = fs.create(new Path(partition, sliced(MANIFEST, slice)), true)) {
            out.write(manifest.getBytes(StandardCharsets.UTF_8));
        }
        fs.create(new Path(partition, "_SUCCESS"), true).close();
    }
}
