package io.clickstream.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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

    /** The manifest, then the done-flag, last. */
    static void finish(FileSystem fs, Path partition, String manifest) throws IOException {
        try (OutputStream out = fs.create(new Path(partition, MANIFEST), true)) {
            out.write(manifest.getBytes(StandardCharsets.UTF_8));
        }
        fs.create(new Path(partition, "_SUCCESS"), true).close();
    }
}
