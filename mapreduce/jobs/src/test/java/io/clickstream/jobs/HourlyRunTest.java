package io.clickstream.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.generate.GenerateAccessLogs;
import io.clickstream.generate.GenerateEvents;
import io.clickstream.generate.SampleRun;
import io.clickstream.jobs.accesslogs.CleanAccessLogs;
import io.clickstream.jobs.events.CleanEvents;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The clean stages' hourly runs ({@code --hour}) over streamed hours laid out as {@code land-kafka} lays them out, on the
 * LocalJobRunner: each hour accounted for and flagged, late events left to the day's run, and the day's run over the same
 * hours giving the figures it gives over daily files.
 */
class HourlyRunTest {

    private static final LocalDate D1 = LocalDate.of(2026, 11, 22);
    private static final LocalDate D2 = D1.plusDays(1);
    private static final int HOURS = 3;

    @TempDir
    static File tmp;
    private static Configuration conf;
    private static Path root;
    private static FileSystem fs;

    @BeforeAll
    static void setUp() throws Exception {
        conf = SampleRun.local(new Configuration());
        root = new Path(new File(tmp, "warehouse").toURI().toString());
        fs = root.getFileSystem(conf);
    }

    @Test
    void eventHoursAreCleanedOnTheirOwnAndLeaveLateEventsToTheDay() throws Exception {
        Path warehouse = new Path(root, "events");
        List<GenerateEvents.DaySummary> planted = GenerateEvents.write(conf, warehouse, D1, 2, 1_500, 8, 0.03);
        GenerateEvents.DaySummary day = planted.get(1);
        assertFalse(day.late().isEmpty(), "the generated day has late events to leave alone");
        List<Long> perHour = spreadOverHours(Datasets.RAW_EVENTS.partition(warehouse, D2));

        long read = 0;
        long late = 0;
        for (int hour = 0; hour < HOURS; hour++) {
            CleanEvents.Result result = runTool(new CleanEvents(), "--date", D2.toString(), "--hour", "0" + hour,
                    "--warehouse", warehouse.toString());
            Path output = Datasets.EVENTS.hour(warehouse, D2, hour);
            assertEquals(perHour.get(hour), result.accounting().read(), "hour " + hour);
            assertEquals(result.accounting().accepted(), AvroFiles.count(conf, PartitionCommit.current(conf, output)));
            assertTrue(fs.exists(new Path(output, HourlyRun.DONE_FLAG)), "hour " + hour + " flagged done");
            assertEquals(Map.of(), result.lateDays(), "an hour forwards nothing");
            read += result.accounting().read();
            late += result.accounting().late();
        }
        assertEquals(day.lines(), read);
        assertEquals(day.late().values().stream().mapToLong(Long::longValue).sum(), late, "late events counted by the hours");
        assertFalse(fs.exists(Datasets.LATE_EVENTS.partition(warehouse, D1)), "and forwarded by none of them");

        JobFailedException notYet = assertThrows(JobFailedException.class, () -> new CleanRun(conf, "orders", D2)
                .requireInput(Datasets.EVENTS.current(conf, warehouse, D2)));
        assertTrue(notYet.getMessage().contains("no clean/events for dt=" + D2), "provisional hours are not the day: "
                + notYet.getMessage());

        CleanEvents.Result whole = runTool(new CleanEvents(), "--date", D2.toString(), "--warehouse", warehouse.toString());
        assertEquals(day.lines(), whole.accounting().read());
        assertEquals(day.accepted(), whole.accounting().accepted());
        assertEquals(day.duplicates(), whole.accounting().duplicates(), "the day deduplicates across its hours");
        assertEquals(day.late(), whole.lateDays(), "the day forwards the late events, once");
        assertEquals(day.accepted(), AvroFiles.count(conf, Datasets.EVENTS.current(conf, warehouse, D2)));
    }

    @Test
    void accessLogHoursAreReplacedOnRerunAndAnEmptyClosedHourIsAnEmptyHour() throws Exception {
        Path warehouse = new Path(root, "access-logs");
        GenerateAccessLogs.DaySummary day = GenerateAccessLogs.write(conf, warehouse, D2, 1, 2_000, 5, 0.02).get(0);
        List<Long> perHour = spreadOverHours(Datasets.RAW_ACCESS_LOGS.partition(warehouse, D2));
        Path hour0 = Datasets.RAW_ACCESS_LOGS.hour(warehouse, D2, 0);
        byte[] late;
        try (InputStream in = fs.open(new Path(hour0, "topic-0-0.log"))) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            late = text.substring(0, text.indexOf('\n', text.indexOf('\n') + 1) + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        try (OutputStream out = fs.create(new Path(hour0, "_late/topic-0-77.log"))) {
            out.write(late); // two lines that came after the hour was closed
        }
        Path emptyHour = Datasets.RAW_ACCESS_LOGS.hour(warehouse, D2, 5);
        fs.mkdirs(emptyHour);
        fs.create(new Path(emptyHour, "_SUCCESS")).close();

        long read = 0;
        for (int hour = 0; hour < HOURS; hour++) {
            String[] args = {"--date", D2.toString(), "--hour", Integer.toString(hour), "--warehouse", warehouse.toString()};
            CleanAccessLogs.Result first = runTool(new CleanAccessLogs(), args);
            CleanAccessLogs.Result again = runTool(new CleanAccessLogs(), args);
            Path output = Datasets.PAGE_VIEWS.hour(warehouse, D2, hour);
            assertEquals(perHour.get(hour), again.accounting().read());
            assertEquals(first.accounting(), again.accounting());
            assertEquals(again.output(), PartitionCommit.current(conf, output), "the rerun's version is the hour's");
            assertEquals(again.accounting().accepted(), AvroFiles.count(conf, again.output()));
            assertEquals(again.accounting().quarantined(), AvroFiles.count(conf, again.quarantine()));
            assertEquals(Datasets.QUARANTINED_ACCESS_LOGS.hour(warehouse, D2, hour), again.quarantine().getParent());
            read += again.accounting().read();
        }
        assertEquals(day.lines(), read);

        CleanAccessLogs.Result empty = runTool(new CleanAccessLogs(), "--date", D2.toString(), "--hour", "05",
                "--warehouse", warehouse.toString());
        assertEquals(0, empty.accounting().read());
        assertEquals(0, AvroFiles.count(conf, empty.output()));
        assertTrue(fs.exists(new Path(Datasets.PAGE_VIEWS.hour(warehouse, D2, 5), HourlyRun.DONE_FLAG)));

        Path brokenHour = Datasets.RAW_ACCESS_LOGS.hour(warehouse, D2, 6);
        try (OutputStream out = fs.create(new Path(brokenHour, "topic-0-9.log"))) {
            out.write("not a log line\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        CleanAccessLogs.Result broken = runTool(new CleanAccessLogs(), "--date", D2.toString(), "--hour", "06",
                "--warehouse", warehouse.toString());
        assertEquals(1, broken.accounting().quarantined(), "a provisional hour is published whatever its share: the day"
                + " judges the share over the day");
        assertEquals(1, AvroFiles.count(conf, broken.quarantine()));

        JobFailedException notLanded = assertThrows(JobFailedException.class, () -> runTool(new CleanAccessLogs(),
                "--date", D2.toString(), "--hour", "08", "--warehouse", warehouse.toString()));
        assertTrue(notLanded.getMessage().contains("no raw input for dt=" + D2 + " hour=08"), notLanded.getMessage());

        CleanAccessLogs.Result whole = runTool(new CleanAccessLogs(), "--date", D2.toString(), "--warehouse",
                warehouse.toString());
        assertEquals(day.lines() + 1 + 2, whole.accounting().read(), "the day's run reads its hours, and what came"
                + " after an hour was closed");
    }

    @Test
    void anHourOutsideTheDayOrWithTheDaysDirectoriesIsRefused() {
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class, () -> runTool(new CleanAccessLogs(),
                "--date", D2.toString(), "--hour", "24"));
        assertTrue(late.getMessage().contains("--hour must be an hour of the day, 00 to 23, not '24'"), late.getMessage());
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class, () -> runTool(new CleanAccessLogs(),
                "--date", D2.toString(), "--hour", "3", "--input", tmp.getPath()));
        assertTrue(mixed.getMessage().contains("--hour and --input do not go together"), mixed.getMessage());
    }

    private static <R extends DailyStage.Outcome> R runTool(DailyStage<R> stage, String... args) throws Exception {
        stage.setConf(new Configuration(conf));
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            assertEquals(0, stage.run(args));
        } finally {
            System.setOut(out);
        }
        return stage.lastResult();
    }

    /**
     * Moves a generated raw day's lines, byte for byte, into hours 00 to {@code HOURS - 1}, one line to each in turn, as
     * plain files the way {@code land-kafka} writes them; returns each hour's line count.
     */
    private static List<Long> spreadOverHours(Path day) throws Exception {
        CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
        List<OutputStream> hours = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (int hour = 0; hour < HOURS; hour++) {
            hours.add(fs.create(new Path(new Path(day, String.format("hour=%02d", hour)), "topic-0-0.log")));
            counts.add(0L);
        }
        long line = 0;
        for (FileStatus file : fs.listStatus(day)) {
            String name = file.getPath().getName();
            if (file.isDirectory() || name.startsWith("_") || name.startsWith(".")) {
                continue;
            }
            CompressionCodec codec = codecs.getCodec(file.getPath());
            byte[] bytes;
            try (InputStream raw = fs.open(file.getPath()); InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
                bytes = in.readAllBytes();
            }
            for (int start = 0; start < bytes.length; line++) {
                int end = start;
                while (end < bytes.length && bytes[end] != '\n') {
                    end++;
                }
                int hour = (int) (line % HOURS);
                hours.get(hour).write(bytes, start, end - start);
                hours.get(hour).write('\n');
                counts.set(hour, counts.get(hour) + 1);
                start = end + 1;
            }
            fs.delete(file.getPath(), false);
        }
        for (OutputStream hour : hours) {
            hour.close();
        }
        return counts;
    }
}
