package io.clickstream.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.Main;
import io.clickstream.avro.ChannelsByDay;
import io.clickstream.avro.Event;
import io.clickstream.avro.Order;
import io.clickstream.avro.SessionizedPageView;
import io.clickstream.generate.AccessLogGenerator.Line;
import io.clickstream.generate.GenerateAccessLogs;
import io.clickstream.generate.GenerateDimensions;
import io.clickstream.generate.GenerateEvents;
import io.clickstream.generate.SampleRun;
import io.clickstream.jobs.accesslogs.RecleanLatePageViews;
import io.clickstream.jobs.events.RecleanLateEvents;
import io.clickstream.jobs.marts.BuildMarts;
import io.clickstream.jobs.orders.BuildOrders;
import io.clickstream.jobs.sessions.Sessionize;
import java.io.File;
import java.io.FileInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code land-kafka} puts in a streamed hour's {@code _late/} after the day was cleaned reaches the day in a later
 * day's run within the lateness window (its page views, sessions, events, orders and marts), once; after the window it
 * is named in a warning, never silently left out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LateArrivalsTest {

    private static final LocalDate D1 = LocalDate.of(2026, 11, 20);
    private static final LocalDate D2 = D1.plusDays(1);
    private static final LocalDate RUN = D2.plusDays(2); // D2 two days back: in the window, and not the day before

    @TempDir
    static File tmp;
    private static Configuration conf;
    private static Path root;
    private static List<Line> d2Lines;

    @BeforeAll
    static void cleanThreeDaysAndBuildTheSecond() throws Exception {
        conf = SampleRun.local(new Configuration());
        root = new Path(new File(tmp, "warehouse").toURI().toString());
        GenerateAccessLogs.Written logs = GenerateAccessLogs.writeWithOrders(conf, root, D1, 3, 1_500, 11, 0.0);
        d2Lines = logs.days().get(1).generated();
        GenerateEvents.write(conf, root, D1, 3, 400, 11, 0.0, logs.orders());
        GenerateDimensions.writeCsv(conf, root, D1, 3, 11, 0.0);
        for (int d = 0; d < 3; d++) {
            String day = D1.plusDays(d).toString();
            run("clean-access-logs", "--date", day);
            run("clean-events", "--date", day);
            run("clean-dimension", "--dimension", "customers", "--date", day);
            run("clean-dimension", "--dimension", "products", "--date", day);
            run("customer-history", "--date", day);
        }
        run(Sessionize.NAME, "--date", D1.toString());
        run(Sessionize.NAME, "--date", D2.toString());
        run(BuildOrders.NAME, "--date", D2.toString());
        run(BuildMarts.NAME, "--date", D2.toString());
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void lateStreamedLinesReachTheirDayAndEveryStageBuiltFromIt() throws Exception {
        long pageViews = count(Datasets.PAGE_VIEWS, D2);
        long sessionized = count(Datasets.SESSIONIZED_PAGE_VIEWS, D2);
        Set<String> visitors = visitors();
        int orders = read(Datasets.ORDERS, D2, Order.class).size();
        Line human = d2Lines.stream().filter(l -> l.expected() == null && !l.duplicate() && l.human() && l.pageView())
                .findFirst().orElseThrow();
        String line = new String(human.bytes(), StandardCharsets.UTF_8).strip().replaceFirst("^\\S+", "198.51.100.77");
        writeLate(Datasets.RAW_ACCESS_LOGS, D2, "access_logs-0-4100.log", line);
        writeLate(Datasets.RAW_EVENTS, D2, "events-2-900.log", lateOrder());

        Properties pageViewRun = run(RecleanLatePageViews.NAME, RUN);
        Properties eventRun = run(RecleanLateEvents.NAME, RUN);

        assertEquals("1", pageViewRun.getProperty("days"));
        assertEquals(pageViews + 1, count(Datasets.PAGE_VIEWS, D2), "the late line is in its day's page views");
        assertEquals(sessionized + 1, count(Datasets.SESSIONIZED_PAGE_VIEWS, D2), "and its sessions were built again");
        List<SessionizedPageView> newVisitor = read(Datasets.SESSIONIZED_PAGE_VIEWS, D2, SessionizedPageView.class)
                .stream().filter(v -> !visitors.contains(v.getVisitorId().toString())).toList();
        assertEquals(1, newVisitor.size(), "the late line's visitor is new to the day");
        assertTrue(newVisitor.get(0).getSessionId() != null && !newVisitor.get(0).getIsBot(), "in a session of its own");
        assertEquals("1", eventRun.getProperty("days"));
        assertTrue(read(Datasets.EVENTS, D2, Event.class).stream().anyMatch(e -> e.getEventId().equals("ev-late-raw-1")));
        List<Order> rebuilt = read(Datasets.ORDERS, D2, Order.class);
        assertEquals(orders + 1, rebuilt.size(), "the late order is in its day's orders");
        assertEquals(rebuilt.size(), read(Datasets.CHANNELS_BY_DAY, D2, ChannelsByDay.class).stream()
                .mapToLong(ChannelsByDay::getOrders).sum(), "and in its marts");
        assertEquals(List.of("hour=09/_late/access_logs-0-4100.log"), readLedger(Datasets.PAGE_VIEWS, D2));
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aSecondRunFindsNothingNewAndCleansNothingAgain() throws Exception {
        Path version = PartitionCommit.current(conf, Datasets.PAGE_VIEWS.partition(root, D2));
        Path events = PartitionCommit.current(conf, Datasets.EVENTS.partition(root, D2));

        assertEquals("0", run(RecleanLatePageViews.NAME, RUN).getProperty("days"));
        assertEquals("0", run(RecleanLateEvents.NAME, RUN).getProperty("days"));
        assertEquals(version, PartitionCommit.current(conf, Datasets.PAGE_VIEWS.partition(root, D2)));
        assertEquals(events, PartitionCommit.current(conf, Datasets.EVENTS.partition(root, D2)));
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void lateFilesOfADayThatLeftTheWindowAreNamedNotTakenIn() throws Exception {
        writeLate(Datasets.RAW_ACCESS_LOGS, D1, "access_logs-1-77.log",
                new String(d2Lines.get(0).bytes(), StandardCharsets.UTF_8).strip());
        Path version = PartitionCommit.current(conf, Datasets.PAGE_VIEWS.partition(root, D1));
        LocalDate afterWindow = D1.plusDays(Settings.EVENTS_LATENESS_DAYS.get(conf) + 1L);

        Properties output = run(RecleanLatePageViews.NAME, afterWindow);

        assertEquals("0", output.getProperty("days"));
        assertEquals("1", output.getProperty("too_late_files"));
        assertEquals(version, PartitionCommit.current(conf, Datasets.PAGE_VIEWS.partition(root, D1)));
    }

    private static Set<String> visitors() throws Exception {
        return read(Datasets.SESSIONIZED_PAGE_VIEWS, D2, SessionizedPageView.class).stream()
                .map(v -> v.getVisitorId().toString()).collect(Collectors.toSet());
    }

    private static String lateOrder() throws Exception {
        Path raw = Datasets.RAW_EVENTS.partition(root, D2);
        String placed = Files.readString(new File(new Path(raw, "events-1.jsonl").toUri()).toPath()).lines()
                .filter(l -> l.contains("\"order_placed\"") && l.matches(".*\"event_time\":\"" + D2 + "T[0-9:.]+Z\".*"))
                .findFirst().orElseThrow();
        return placed.replaceFirst("\"event_id\":\"[^\"]+\"", "\"event_id\":\"ev-late-raw-1\"")
                .replaceFirst("\"order_id\":\"[^\"]+\"", "\"order_id\":\"O-LATE-RAW-1\"");
    }

    private static void writeLate(Dataset raw, LocalDate day, String name, String line) throws Exception {
        Path late = new Path(raw.hour(root, day, 9), RawTextInputFormat.LATE_FOLDER);
        try (OutputStream out = late.getFileSystem(conf).create(new Path(late, name))) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static List<String> readLedger(Dataset clean, LocalDate day) throws Exception {
        Path ledger = new Path(PartitionCommit.current(conf, clean.partition(root, day)), LateArrivals.READ_FILE);
        return Files.readAllLines(new File(ledger.toUri()).toPath());
    }

    private static long count(Dataset dataset, LocalDate day) throws Exception {
        return AvroFiles.count(conf, PartitionCommit.current(conf, dataset.partition(root, day)));
    }

    private static <T> List<T> read(Dataset dataset, LocalDate day, Class<T> type) throws Exception {
        return AvroFiles.readAll(conf, PartitionCommit.current(conf, dataset.partition(root, day)),
                new SpecificDatumReader<>(type));
    }

    /** Runs a stage as Oozie would, returning what it captured for the workflow. */
    private static Properties run(String stage, LocalDate date) throws Exception {
        File output = new File(tmp, stage + "-" + date + "-" + System.nanoTime() + ".properties");
        ActionOutput.useFileForThisThread(output.getPath());
        try {
            run(stage, "--date", date.toString());
        } finally {
            ActionOutput.useFileForThisThread(null);
        }
        Properties properties = new Properties();
        try (FileInputStream in = new FileInputStream(output)) {
            properties.load(in);
        }
        return properties;
    }

    private static void run(String... args) throws Exception {
        String[] withWarehouse = Arrays.copyOf(args, args.length + 2);
        withWarehouse[args.length] = "--warehouse";
        withWarehouse[args.length + 1] = root.toString();
        assertEquals(0, Main.runOrThrow(withWarehouse));
    }
}
