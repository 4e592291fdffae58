package io.clickstream.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.accesslog.RejectReason;
import io.clickstream.avro.QuarantineRecord;
import io.clickstream.dimensions.Dimension;
import io.clickstream.dimensions.DimensionRejectReason;
import io.clickstream.events.EventRejectReason;
import io.clickstream.generate.GenerateAccessLogs;
import io.clickstream.generate.GenerateDimensions;
import io.clickstream.generate.GenerateEvents;
import io.clickstream.jobs.accesslogs.CleanAccessLogs;
import io.clickstream.jobs.dimensions.CleanDimension;
import io.clickstream.jobs.events.CleanEvents;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real-looking lines of every source, mutated at random (bytes flipped, cut, repeated, quotes, NUL and control bytes,
 * broken UTF-8, endless numbers, JSON and CSV structure), through the clean stages on the LocalJobRunner: every line is
 * accounted for, as output, as a counted duplicate or late record, or in the quarantine with a reason of its stage and a
 * message, and a quarantined line's offset points at its bytes. Bounded: about 9,000 lines, one seed
 * ({@code -Dfuzz.seed=N} replays another).
 */
class FuzzTest {

    private static final LocalDate DAY = LocalDate.of(2026, 6, 15);
    private static final long SEED = Long.getLong("fuzz.seed", 20261203L);

    @TempDir
    static File tmp;
    private static Configuration conf;
    private static Path fuzzed;
    private static final Map<String, Long> LINES = new HashMap<>();

    @BeforeAll
    static void fuzz() throws Exception {
        conf = new Configuration();
        conf.set("mapreduce.framework.name", "local");
        conf.set("fs.defaultFS", "file:///");
        conf.set("hadoop.tmp.dir", new File(tmp, "hadoop-tmp").getAbsolutePath());
        Settings.VERBOSE.set(conf, false);
        Settings.QUARANTINE_MAX_SHARE.set(conf, "1");
        Path base = new Path(new File(tmp, "generated").toURI());
        fuzzed = new Path(new File(tmp, "fuzzed").toURI());
        GenerateAccessLogs.write(conf, base, DAY, 1, 3_000, SEED, 0.02);
        GenerateEvents.write(conf, base, DAY, 1, 3_000, SEED, 0.02);
        GenerateDimensions.writeCsv(conf, base, DAY, 1, SEED, 0.01);
        Random random = new Random(SEED);
        for (Dataset raw : List.of(Datasets.RAW_ACCESS_LOGS, Datasets.RAW_EVENTS, Datasets.RAW_CUSTOMERS,
                Datasets.RAW_PRODUCTS)) {
            LINES.put(raw.name(), mutate(raw, base, random));
        }
    }

    /** Writes the mutated files of {@code raw}'s day, uncompressed; returns the physical lines written. */
    private static long mutate(Dataset raw, Path base, Random random) throws IOException {
        Path from = raw.partition(base, DAY);
        Path to = raw.partition(fuzzed, DAY);
        FileSystem fs = from.getFileSystem(conf);
        CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
        boolean csv = raw == Datasets.RAW_CUSTOMERS || raw == Datasets.RAW_PRODUCTS;
        long lines = 0;
        for (FileStatus file : fs.listStatus(from, p -> !p.getName().startsWith("_") && !p.getName().startsWith("."))) {
            CompressionCodec codec = codecs.getCodec(file.getPath());
            byte[] content;
            try (InputStream in = codec == null ? fs.open(file.getPath()) : codec.createInputStream(fs.open(file.getPath()))) {
                content = in.readAllBytes();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<byte[]> original = split(content);
            for (int i = 0; i < original.size(); i++) {
                byte[] line = original.get(i);
                boolean header = csv && i == 0;
                out.writeBytes(header || random.nextDouble() > 0.4 ? line : mutated(line, random, csv));
                out.write('\n');
            }
            String name = codec == null ? file.getPath().getName()
                    : CompressionCodecFactory.removeSuffix(file.getPath().getName(), codec.getDefaultExtension());
            File target = new File(new File(to.toUri()), name);
            target.getParentFile().mkdirs();
            Files.write(target.toPath(), out.toByteArray());
            lines += physicalLines(out.toByteArray());
        }
        return lines;
    }

    private static List<byte[]> split(byte[] content) {
        return Arrays.stream(new String(content, StandardCharsets.ISO_8859_1).split("\r?\n"))
                .map(line -> line.getBytes(StandardCharsets.ISO_8859_1)).toList();
    }

    /** One to three mutations; a line break only where CSV may legitimately hold one (inside a quoted field). */
    private static byte[] mutated(byte[] line, Random random, boolean csv) {
        byte[] bytes = line;
        for (int m = 1 + random.nextInt(3); m > 0; m--) {
            int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            byte[] insert = switch (random.nextInt(12)) {
                case 0 -> new byte[] {(byte) random.nextInt(256)};
                case 1 -> new byte[] {'"'};
                case 2 -> new byte[] {0};
                case 3 -> new byte[] {(byte) (1 + random.nextInt(31))};
                case 4 -> new byte[] {(byte) 0xC3, (byte) 0x28};
                case 5 -> "99999999999999999999999999999".getBytes(StandardCharsets.US_ASCII);
                case 6 -> Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 1 + random.nextInt(40)));
                case 7 -> new byte[] {csv ? (byte) ',' : (byte) ' '};
                case 8 -> csv ? "\"a\nb\"".getBytes(StandardCharsets.US_ASCII) : new byte[] {'}', '{'};
                case 9 -> "\",\"id\":\"x\"".getBytes(StandardCharsets.US_ASCII);
                default -> new byte[0];
            };
            int cut = insert.length == 0 ? Math.min(bytes.length - at, 1 + random.nextInt(30)) : 0;
            if (random.nextInt(20) == 0) {
                bytes = Arrays.copyOf(bytes, at);
                continue;
            }
            ByteBuffer next = ByteBuffer.allocate(bytes.length + insert.length);
            next.put(bytes, 0, at).put(insert).put(bytes, at + cut, bytes.length - at - cut);
            bytes = Arrays.copyOf(next.array(), next.position());
        }
        if (!csv) {
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n' || bytes[i] == '\r') {
                    bytes[i] = ' ';
                }
            }
        }
        return bytes;
    }

    /** Lines as Hadoop's line readers count them: ended by LF, CR or CRLF. */
    private static long physicalLines(byte[] bytes) {
        long lines = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n')) {
                lines++;
            }
        }
        return bytes.length > 0 && bytes[bytes.length - 1] != '\n' && bytes[bytes.length - 1] != '\r' ? lines + 1 : lines;
    }

    private static void accountedFor(Accounting books, Path output, Path quarantine, Set<String> reasons, boolean plainLines)
            throws IOException {
        String seed = " (seed " + SEED + ")";
        assertEquals(books.read(), books.accepted() + books.quarantined() + books.duplicates() + books.late(), books + seed);
        assertEquals(books.accepted(), AvroFiles.count(conf, Versions.current(conf, output)), "output records" + seed);
        List<QuarantineRecord> quarantined = AvroFiles.readAll(conf, Versions.current(conf, quarantine), new SpecificDatumReader<>(QuarantineRecord.class));
        assertEquals(books.quarantined(), quarantined.size(), "quarantine records" + seed);
        assertTrue(books.quarantined() > books.read() / 10, "the mutations were seen: " + books + seed);
        Map<String, byte[]> files = new HashMap<>();
        for (QuarantineRecord record : quarantined) {
            assertTrue(reasons.contains(record.getReason()), record.getReason() + " is a reason of the stage" + seed);
            assertFalse(record.getMessage().isBlank(), record + seed);
            if (plainLines && !"LINE_TOO_LONG".equals(record.getReason())) {
                byte[] file = files.computeIfAbsent(record.getSourceFile(), FuzzTest::read);
                byte[] raw = new byte[record.getRaw().remaining()];
                record.getRaw().duplicate().get(raw);
                int at = (int) record.getByteOffset();
                assertArrayEquals(raw, Arrays.copyOfRange(file, at, at + raw.length), "offset of " + record + seed);
            }
        }
    }

    private static byte[] read(String file) {
        try {
            return Files.readAllBytes(new File(new Path(file).toUri()).toPath());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> names(Class<? extends Enum<?>> reasons) {
        return Stream.of(reasons.getEnumConstants()).map(Enum::name).collect(Collectors.toSet());
    }

    @Test
    void everyAccessLogLineIsAccountedFor() throws Exception {
        CleanAccessLogs job = new CleanAccessLogs();
        job.setConf(conf);
        CleanAccessLogs.Result result = job.run(DAY, fuzzed);
        assertEquals(LINES.get("access_logs"), result.accounting().read(), "every line read");
        accountedFor(result.accounting(), result.output(), result.quarantine(), names(RejectReason.class), true);
    }

    @Test
    void everyEventLineIsAccountedFor() throws Exception {
        CleanEvents job = new CleanEvents();
        job.setConf(conf);
        CleanEvents.Result result = job.run(DAY, fuzzed);
        assertEquals(LINES.get("events"), result.accounting().read(), "every line read");
        assertEquals(result.accounting().late(), result.lateDays().values().stream().mapToLong(Long::longValue).sum());
        accountedFor(result.accounting(), result.output(), result.quarantine(), names(EventRejectReason.class), true);
    }

    @Test
    void everyCsvLineIsAccountedFor() throws Exception {
        for (Dimension dimension : Dimension.values()) {
            CleanDimension job = new CleanDimension(dimension);
            job.setConf(conf);
            CleanDimension.Result result = job.run(DAY, fuzzed);
            assertEquals(LINES.get(dimension.dataset()), result.lines(), dimension + ": every line read, into one record");
            accountedFor(result.accounting(), result.output(), result.quarantine(), names(DimensionRejectReason.class),
                    false);
        }
    }
}
