package io.clickstream.jobs.accesslogs;

import io.clickstream.jobs.Versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.avro.PageView;
import io.clickstream.avro.QuarantineRecord;
import io.clickstream.jobs.AvroFiles;
import io.clickstream.jobs.JobFailedException;
import io.clickstream.jobs.Settings;
import io.clickstream.jobs.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupt, truncated and empty compressed raw files, decided per file and consistently: an empty file is empty, a
 * damaged one keeps the lines before the damage and is quarantined as CORRUPT_COMPRESSED_FILE with the offset where
 * reading stopped; the books balance; an option makes any corrupt file fatal, with the file named.
 */
class CorruptCompressedFilesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 28);

    @TempDir
    File tmp;

    private static byte[] lines(String file, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append("203.0.113.").append(i % 250).append(" - - [28/Mar/2026:10:").append(String.format("%02d", i % 60))
                    .append(":00 +0000] \"GET /").append(file).append('/').append(i)
                    .append(" HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\"\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] compressed(Configuration conf, String name, byte[] data) throws Exception {
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(new Path(name));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = codec.createOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private Path dayWithDamagedFiles(Configuration conf) throws Exception {
        Path root = new Path(new File(tmp, "warehouse").toURI());
        File raw = new File(Warehouse.partition(root, "raw", "access_logs", DAY).toUri());
        raw.mkdirs();
        Files.write(new File(raw, "good.log.gz").toPath(), compressed(conf, "x.gz", lines("good", 300)));
        byte[] gz = compressed(conf, "x.gz", lines("cutgz", 3000));
        Files.write(new File(raw, "truncated.log.gz").toPath(), Arrays.copyOf(gz, gz.length * 6 / 10));
        byte[] bz2 = compressed(conf, "x.bz2", lines("cutbz2", 3000));
        Files.write(new File(raw, "truncated.log.bz2").toPath(), Arrays.copyOf(bz2, bz2.length * 6 / 10));
        Files.write(new File(raw, "not-gzip.log.gz").toPath(), lines("plain", 10));
        Files.write(new File(raw, "empty.log.gz").toPath(), new byte[0]);
        Files.write(new File(raw, "empty.log.bz2").toPath(), new byte[0]);
        return root;
    }

    @Test
    void damagedFilesKeepTheirReadableLinesAndAreQuarantinedWithTheOffset() throws Exception {
        Configuration conf = CleanAccessLogsJobTest.localConf();
        Settings.QUARANTINE_MAX_SHARE.set(conf, "0.5");
        Path root = dayWithDamagedFiles(conf);
        CleanAccessLogs job = new CleanAccessLogs();
        assertEquals(0, ToolRunner.run(conf, job, new String[] {"--date", DAY.toString(), "--warehouse", root.toString()}));
        CleanAccessLogs.Result result = job.lastResult();

        List<PageView> views = AvroFiles.readAll(conf, Versions.current(conf, result.output()), new SpecificDatumReader<>(PageView.class));
        List<QuarantineRecord> quarantine = AvroFiles.readAll(conf, Versions.current(conf, result.quarantine()),
                new SpecificDatumReader<>(QuarantineRecord.class));
        Map<String, Long> keptPerFile = views.stream().collect(Collectors.groupingBy(v -> v.getPath().split("/")[1],
                TreeMap::new, Collectors.counting()));
        assertEquals(300L, keptPerFile.get("good"));
        assertTrue(keptPerFile.get("cutgz") > 1000 && keptPerFile.get("cutgz") < 3000, keptPerFile.toString());
        assertTrue(keptPerFile.getOrDefault("cutbz2", 0L) < 3000, keptPerFile.toString());
        assertFalse(keptPerFile.containsKey("plain"), "bytes that are not gzip are not read as lines");
        Set<String> distinct = new HashSet<>();
        views.forEach(v -> assertTrue(distinct.add(v.getPath()), "each line once: " + v.getPath()));

        Map<String, QuarantineRecord> corrupt = quarantine.stream().collect(Collectors.toMap(
                q -> new Path(q.getSourceFile()).getName(), q -> q));
        assertEquals(Set.of("truncated.log.gz", "truncated.log.bz2", "not-gzip.log.gz"), corrupt.keySet());
        for (QuarantineRecord q : corrupt.values()) {
            assertEquals("CORRUPT_COMPRESSED_FILE", q.getReason());
            assertTrue(q.getMessage().startsWith("compressed data unreadable from about byte " + q.getByteOffset() + " of "),
                    q.getMessage());
            assertTrue(q.getMessage().contains("the lines before it are kept"), q.getMessage());
        }
        long truncatedLength = new File(new File(Warehouse.partition(root, "raw", "access_logs", DAY).toUri()),
                "truncated.log.gz").length();
        assertTrue(corrupt.get("truncated.log.gz").getByteOffset() > 0
                && corrupt.get("truncated.log.gz").getByteOffset() <= truncatedLength);
        assertEquals(views.size() + quarantine.size(), result.accounting().read(), "every record accounted for");
        assertEquals(3L, result.accounting().quarantined());
    }

    @Test
    void anOptionMakesAnyCorruptFileFatalNamingIt() throws Exception {
        Configuration conf = CleanAccessLogsJobTest.localConf();
        Settings.INPUT_FAIL_ON_CORRUPT_FILES.set(conf, "true");
        Path root = dayWithDamagedFiles(conf);
        JobFailedException failed = assertThrows(JobFailedException.class, () -> ToolRunner.run(conf, new CleanAccessLogs(),
                new String[] {"--date", DAY.toString(), "--warehouse", root.toString()}));
        assertTrue(failed.getMessage().contains("compressed data unreadable from about byte"), failed.getMessage());
        assertTrue(failed.getMessage().matches("(?s).*(truncated\\.log\\.gz|truncated\\.log\\.bz2|not-gzip\\.log\\.gz).*"),
                failed.getMessage());
        assertFalse(new File(Warehouse.partition(root, "clean", "page_views", DAY).toUri()).exists(), "nothing published");
    }

    /** A quarantined line's offset is its offset in the uncompressed text, also in a .bz2 of several blocks. */
    @Test
    void quarantineOffsetsInALargeBzip2FilePointAtTheLine() throws Exception {
        Configuration conf = CleanAccessLogsJobTest.localConf();
        conf.setLong("mapreduce.input.fileinputformat.split.maxsize", 16 * 1024);
        Path root = new Path(new File(tmp, "bzip2").toURI());
        File raw = new File(Warehouse.partition(root, "raw", "access_logs", DAY).toUri());
        raw.mkdirs();
        String good = new String(lines("big", 24_000), StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder();
        String[] parts = good.split("\n");
        for (int i = 0; i < parts.length; i++) {
            text.append(i % 1000 == 999 ? "garbage line " + i : parts[i]).append('\n');
        }
        byte[] plain = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bz2 = compressed(conf, "x.bz2", plain);
        assertTrue(plain.length > 2 * 900_000, "several bzip2 blocks");
        Files.write(new File(raw, "big.log.bz2").toPath(), bz2);

        CleanAccessLogs job = new CleanAccessLogs();
        assertEquals(0, ToolRunner.run(conf, job, new String[] {"--date", DAY.toString(), "--warehouse", root.toString()}));
        List<QuarantineRecord> quarantine = AvroFiles.readAll(conf, Versions.current(conf, job.lastResult().quarantine()),
                new SpecificDatumReader<>(QuarantineRecord.class));
        assertEquals(24, quarantine.size());
        for (QuarantineRecord q : quarantine) {
            byte[] line = new byte[q.getRaw().remaining()];
            q.getRaw().duplicate().get(line);
            int at = (int) q.getByteOffset();
            assertTrue(at >= 0 && at + line.length <= plain.length, "offset " + at + " is inside the text");
            assertEquals(new String(line, StandardCharsets.UTF_8), new String(Arrays.copyOfRange(plain, at, at + line.length),
                    StandardCharsets.UTF_8), "offset " + at);
        }
        assertEquals(24_000, job.lastResult().accounting().read(), "every line once");
    }
}
