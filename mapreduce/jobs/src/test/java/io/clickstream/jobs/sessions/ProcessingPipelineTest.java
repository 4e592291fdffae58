package io.clickstream.jobs.sessions;

import io.clickstream.jobs.Versions;
import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.JobFailedException;
import io.clickstream.jobs.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.Main;
import io.clickstream.accesslog.RequestClass;
import io.clickstream.avro.ChannelsByDay;
import io.clickstream.avro.Customer;
import io.clickstream.avro.CustomerVersion;
import io.clickstream.avro.Event;
import io.clickstream.avro.FunnelByDay;
import io.clickstream.avro.Order;
import io.clickstream.avro.PagesByDay;
import io.clickstream.avro.RevenueBySegment;
import io.clickstream.avro.Session;
import io.clickstream.avro.SessionizedPageView;
import io.clickstream.avro.TrafficByHour;
import io.clickstream.customers.CustomerHistory;
import io.clickstream.generate.AccessLogGenerator.Line;
import io.clickstream.generate.GenerateAccessLogs;
import io.clickstream.generate.GenerateDimensions;
import io.clickstream.generate.GenerateEvents;
import io.clickstream.jobs.Accounting;
import io.clickstream.jobs.AvroFiles;
import io.clickstream.jobs.Warehouse;
import io.clickstream.jobs.customers.BuildCustomerHistory;
import io.clickstream.jobs.marts.BuildMarts;
import io.clickstream.jobs.orders.BuildOrders;
import io.clickstream.generate.SampleRun;
import java.io.File;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sessionize, customer-history, orders and marts on the LocalJobRunner over three generated days, checked
 * against what the generator planted: its visits, duplicate lines, crawlers and confirmed orders.
 */
class ProcessingPipelineTest {

    private static final LocalDate D1 = LocalDate.of(2026, 11, 20);
    private static final LocalDate D2 = D1.plusDays(1);

    @TempDir
    static File tmp;
    private static Configuration conf;
    private static Path root;
    private static GenerateAccessLogs.Written logs;
    private static Sessionize.Result sessionized;

    @BeforeAll
    static void runPipeline() throws Exception {
        conf = SampleRun.local(new Configuration());
        root = new Path(new File(tmp, "warehouse").toURI().toString());
        logs = GenerateAccessLogs.writeWithOrders(conf, root, D1, 3, 4_000, 5, 0.01);
        GenerateEvents.write(conf, root, D1, 3, 1_000, 5, 0.0, logs.orders());
        GenerateDimensions.writeCsv(conf, root, D1, 3, 5, 0.01);
        for (int d = 0; d < 3; d++) {
            String day = D1.plusDays(d).toString();
            run("clean-access-logs", "--date", day);
            run("clean-events", "--date", day);
            run("clean-dimension", "--dimension", "customers", "--date", day);
            run("clean-dimension", "--dimension", "products", "--date", day);
            run(BuildCustomerHistory.NAME, "--date", day);
        }
        Sessionize sessionize = new Sessionize();
        sessionize.setConf(conf);
        sessionized = sessionize.run(D2, root);
        run(BuildOrders.NAME, "--date", D2.toString());
        run(BuildMarts.NAME, "--date", D2.toString());
    }

    private static void run(String... args) throws Exception {
        String[] withWarehouse = java.util.Arrays.copyOf(args, args.length + 2);
        withWarehouse[args.length] = "--warehouse";
        withWarehouse[args.length + 1] = root.toString();
        assertEquals(0, Main.runOrThrow(withWarehouse));
    }

    private static <T> List<T> read(String dataset, LocalDate day, Class<T> type) throws Exception {
        return AvroFiles.readAll(conf, Versions.current(conf, Warehouse.partition(root, Warehouse.MARTS, dataset, day)), new SpecificDatumReader<>(type));
    }

    /** Accepted, first copies of lines, all three days, in time order. */
    private static List<Line> accepted() {
        return logs.days().stream().flatMap(d -> d.generated().stream())
                .filter(l -> l.expected() == null && !l.duplicate())
                .sorted(java.util.Comparator.comparingLong(Line::timestampMillis)).toList();
    }

    private static boolean onD2(long millis) {
        return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate().equals(D2);
    }

    @Test
    void sessionizeAccountsForEveryPageViewAndRemovesPlantedDuplicates() throws Exception {
        List<Line> d2 = logs.days().get(1).generated();
        long acceptedLines = d2.stream().filter(l -> l.expected() == null).count();
        long duplicates = d2.stream().filter(Line::duplicate).count();
        assertTrue(duplicates > 0, "the generator plants duplicate lines");
        Accounting accounting = sessionized.accounting();
        assertEquals(acceptedLines, accounting.read());
        assertEquals(duplicates, accounting.duplicates());
        assertEquals(acceptedLines - duplicates, accounting.accepted());
        assertTrue(sessionized.nextDaySeen());

        List<SessionizedPageView> views = read(Datasets.SESSIONIZED_PAGE_VIEWS.name(), D2, SessionizedPageView.class);
        assertEquals(accounting.accepted(), views.size());
        long bots = d2.stream().filter(l -> l.expected() == null && !l.duplicate() && !l.human()).count();
        assertEquals(bots, views.stream().filter(SessionizedPageView::getIsBot).count());
        List<SessionizedPageView> pageViews = views.stream().filter(v -> RequestClass.isPageView(v.getRequestClass())).toList();
        assertTrue(pageViews.stream().allMatch(v -> v.getIsBot() == (v.getSessionId() == null)));
        assertTrue(views.stream().filter(SessionizedPageView::getIsBot).allMatch(v -> v.getSessionId() == null));
        long plantedPageViews = d2.stream().filter(l -> l.expected() == null && !l.duplicate() && l.pageView()).count();
        assertEquals(plantedPageViews, pageViews.size(), "page views by the one definition: no static file, redirect, error");
        assertTrue(views.stream().anyMatch(v -> "asset".equals(v.getRequestClass()) && v.getSessionId() != null),
                "a page's static files belong to its session");
        assertTrue(views.stream().anyMatch(v -> "error".equals(v.getRequestClass())));
        Set<String> reasons = views.stream().map(SessionizedPageView::getBotReason).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        assertTrue(reasons.containsAll(List.of("spider", "request_rate", "no_assets", "robots_txt")),
                "the planted scrapers behind browser User-Agents are caught by their behaviour: " + reasons);
        assertTrue(views.stream().allMatch(v -> v.getIsBot() == (v.getBotReason() != null)));
    }

    @Test
    void oneSessionPerPlantedVisitStartingThatDayIncludingVisitsAcrossMidnight() throws Exception {
        Map<Long, Long> visitStart = new HashMap<>();
        for (Line line : accepted()) {
            if (line.human() && line.pageView()) {
                visitStart.putIfAbsent(line.visit(), line.timestampMillis());
            }
        }
        long expected = visitStart.values().stream().filter(ProcessingPipelineTest::onD2).count();
        List<Session> sessions = read(Datasets.SESSIONS.name(), D2, Session.class);
        assertEquals(expected, sessions.size());
        assertEquals(expected, sessionized.sessions());
        assertEquals(sessions.size(), sessions.stream().map(Session::getSessionId).distinct().count());

        // Visits planted across midnight: one session each, holding the next day's page views too.
        Map<Long, List<Line>> byVisit = accepted().stream().filter(l -> l.human() && l.pageView())
                .collect(Collectors.groupingBy(Line::visit));
        long crossing = byVisit.values().stream().filter(v -> onD2(v.get(0).timestampMillis())
                && !onD2(v.get(v.size() - 1).timestampMillis())).count();
        long crossingSessions = sessions.stream().filter(s -> !onD2(s.getEndTs().toEpochMilli())).count();
        assertEquals(crossing, crossingSessions);
        long pageViewsInSessions = sessions.stream().mapToLong(Session::getPageViews).sum();
        long plantedPageViews = byVisit.values().stream().filter(v -> onD2(v.get(0).timestampMillis())).mapToLong(List::size).sum();
        assertEquals(plantedPageViews, pageViewsInSessions);

        // D2's page views continuing a session begun on D1 carry that session's start.
        List<SessionizedPageView> views = read(Datasets.SESSIONIZED_PAGE_VIEWS.name(), D2, SessionizedPageView.class);
        long continued = byVisit.values().stream().filter(v -> !onD2(v.get(0).timestampMillis()))
                .flatMap(List::stream).filter(l -> onD2(l.timestampMillis())).count();
        assertEquals(continued, views.stream().filter(v -> RequestClass.isPageView(v.getRequestClass()))
                .filter(v -> v.getSessionStart() != null && !onD2(v.getSessionStart().toEpochMilli())).count());
    }

    @Test
    void rerunGivesTheSameSessionIds() throws Exception {
        Set<String> before = read(Datasets.SESSIONS.name(), D2, Session.class).stream().map(Session::getSessionId).collect(Collectors.toSet());
        Sessionize again = new Sessionize();
        again.setConf(conf);
        again.run(D2, root);
        Set<String> after = read(Datasets.SESSIONS.name(), D2, Session.class).stream().map(Session::getSessionId).collect(Collectors.toSet());
        assertEquals(before, after);
    }

    @Test
    void customerHistoryFollowsEverySnapshot() throws Exception {
        List<CustomerVersion> history = read(Datasets.CUSTOMER_HISTORY.name(), D1.plusDays(2), CustomerVersion.class);
        Map<String, List<CustomerVersion>> byCustomer = history.stream().collect(Collectors.groupingBy(CustomerVersion::getCustomerId));
        assertTrue(history.size() > byCustomer.size(), "segment changes give customers more than one version");
        for (int d = 0; d < 3; d++) {
            LocalDate day = D1.plusDays(d);
            Instant noon = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
            for (Customer row : AvroFiles.readAll(conf, Versions.current(conf, Datasets.CUSTOMERS.partition(root, day)),
                    new SpecificDatumReader<>(Customer.class))) {
                CustomerVersion version = CustomerHistory.asOf(byCustomer.get(row.getCustomerId()), noon);
                assertNotNull(version, row.getCustomerId() + " on " + day);
                assertEquals(row.getSegment(), version.getSegment(), row.getCustomerId() + " on " + day);
            }
        }
        for (List<CustomerVersion> versions : byCustomer.values()) {
            assertEquals(1, versions.stream().filter(CustomerVersion::getIsCurrent).count());
        }
    }

    /** A failure inside a task reaches the operator as one line naming the file and the cause, not "NA". */
    @Test
    void aTaskFailureInAProcessingStageNamesTheFileAndTheCause() throws Exception {
        Path broken = new Path(new File(tmp, "broken").toURI().toString());
        Path day = Datasets.PAGE_VIEWS.partition(broken, D2);
        org.apache.hadoop.fs.FileSystem fs = day.getFileSystem(conf);
        org.apache.hadoop.fs.FileUtil.copy(fs, Datasets.PAGE_VIEWS.partition(root, D2), fs, day, false, conf);
        try (var out = fs.create(new Path(Versions.current(conf, day), "part-m-00099.avro"))) {
            out.write("not avro at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        Sessionize job = new Sessionize();
        job.setConf(conf);
        JobFailedException failed = assertThrows(JobFailedException.class, () -> job.run(D2, broken));
        assertTrue(failed.getMessage().startsWith("sessionize for dt=" + D2 + " failed: "), failed.getMessage());
        assertTrue(failed.getMessage().contains("part-m-00099.avro"), failed.getMessage());
        assertTrue(failed.getMessage().contains("Not an Avro data file"), failed.getMessage());
        assertFalse(failed.getMessage().contains("\n"), "one line: " + failed.getMessage());
    }

    /** A gap in the history is refused, not papered over by a new history that forgot every earlier version. */
    @Test
    void customerHistoryRefusesAGapUnlessToldToBeginANewHistory() throws Exception {
        LocalDate afterGap = D1.plusDays(4);
        Path snapshot = Datasets.CUSTOMERS.partition(root, afterGap);
        org.apache.hadoop.fs.FileSystem fs = snapshot.getFileSystem(conf);
        org.apache.hadoop.fs.FileUtil.copy(fs, Datasets.CUSTOMERS.partition(root, D1.plusDays(2)), fs, snapshot, false, conf);
        BuildCustomerHistory job = new BuildCustomerHistory();
        job.setConf(conf);
        JobFailedException refused = assertThrows(JobFailedException.class, () -> job.run(afterGap, root));
        assertEquals(BuildCustomerHistory.NAME + " for dt=" + afterGap + ": there is no history of " + D1.plusDays(3)
                + " to continue, though the history goes back to " + D1.plusDays(2) + "; run customer-history for "
                + D1.plusDays(3) + " first, or set clickstream.customer-history.start-at=" + afterGap + " to begin a new"
                + " history here (the versions before it are then forgotten). Nothing was published", refused.getMessage());
        assertFalse(fs.exists(Datasets.CUSTOMER_HISTORY.partition(root, afterGap)));

        Configuration beginAgain = new Configuration(conf);
        Settings.CUSTOMER_HISTORY_START_AT.set(beginAgain, afterGap.toString());
        BuildCustomerHistory afresh = new BuildCustomerHistory();
        afresh.setConf(beginAgain);
        afresh.run(afterGap, root);
        List<CustomerVersion> history = read(Datasets.CUSTOMER_HISTORY.name(), afterGap, CustomerVersion.class);
        assertEquals(AvroFiles.readAll(conf, Versions.current(conf, snapshot), new SpecificDatumReader<>(Customer.class)).size(), history.size(),
                "a new history holds one version per customer of the snapshot");
    }

    @Test
    void ordersKeepEveryOrderAndLinkTheConfirmedOnesToTheirSession() throws Exception {
        List<Event> placed = AvroFiles.readAll(conf, Versions.current(conf, Datasets.EVENTS.partition(root, D2)),
                new SpecificDatumReader<>(Event.class)).stream().filter(e -> e.getEventType().equals("order_placed")).toList();
        List<Order> orders = read(Datasets.ORDERS.name(), D2, Order.class);
        assertEquals(placed.size(), orders.size());

        Set<String> confirmed = new HashSet<>();
        for (Line line : accepted()) {
            String text = new String(line.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            int at = text.indexOf("/checkout/confirm?order=");
            if (at >= 0 && line.human()) {
                confirmed.add(text.substring(at + "/checkout/confirm?order=".length()).split("[ \"]")[0]);
            }
        }
        Set<String> sessionIds = new HashSet<>();
        for (LocalDate day : List.of(D1, D2)) {
            read(Datasets.SESSIONS.name(), day, Session.class).forEach(s -> sessionIds.add(s.getSessionId()));
        }
        long attributed = 0;
        for (Order order : orders) {
            boolean web = confirmed.contains(order.getOrderId());
            assertEquals(web, order.getSessionId() != null, order.getOrderId());
            if (web) {
                attributed++;
                assertTrue(sessionIds.contains(order.getSessionId()));
            } else {
                assertEquals("unattributed", order.getChannel());
            }
        }
        assertTrue(attributed > 0, "the generator confirms web orders on every day");
        assertFalse(orders.stream().anyMatch(o -> o.getCustomerKnown() && o.getSegment().equals("unknown")));
    }

    @Test
    void martsAddUpToTheirInputs() throws Exception {
        List<SessionizedPageView> views = read(Datasets.SESSIONIZED_PAGE_VIEWS.name(), D2, SessionizedPageView.class);
        List<Session> sessions = read(Datasets.SESSIONS.name(), D2, Session.class);
        List<Order> orders = read(Datasets.ORDERS.name(), D2, Order.class);
        List<TrafficByHour> traffic = read("traffic_by_hour", D2, TrafficByHour.class);
        assertEquals(views.size(), traffic.stream().mapToLong(TrafficByHour::getRequests).sum());
        assertEquals(sessions.size(), traffic.stream().mapToLong(TrafficByHour::getSessions).sum());
        for (TrafficByHour hour : traffic) {
            long visitors = views.stream().filter(v -> !v.getIsBot() && RequestClass.isPageView(v.getRequestClass()))
                    .filter(v -> v.getTs().atZone(ZoneOffset.UTC).getHour() == hour.getHour())
                    .map(SessionizedPageView::getVisitorId).distinct().count();
            assertEquals(visitors, hour.getVisitors(), "visitors in hour " + hour.getHour());
        }
        List<PagesByDay> pages = read("pages_by_day", D2, PagesByDay.class);
        assertEquals(sessions.size(), pages.stream().mapToLong(PagesByDay::getEntrances).sum());
        List<FunnelByDay> funnel = read("funnel_by_day", D2, FunnelByDay.class);
        assertEquals(sessions.stream().filter(s -> s.getReachedCart()).count(), funnel.stream().mapToLong(FunnelByDay::getCartSessions).sum());
        List<ChannelsByDay> channels = read("channels_by_day", D2, ChannelsByDay.class);
        assertEquals(orders.size(), channels.stream().mapToLong(ChannelsByDay::getOrders).sum());
        BigDecimal revenue = orders.stream().map(Order::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, revenue.compareTo(channels.stream().map(ChannelsByDay::getRevenue).reduce(BigDecimal.ZERO, BigDecimal::add)));
        List<RevenueBySegment> segments = read("revenue_by_segment", D2, RevenueBySegment.class);
        assertEquals(0, revenue.compareTo(segments.stream().map(RevenueBySegment::getRevenue).reduce(BigDecimal.ZERO, BigDecimal::add)));
        for (RevenueBySegment segment : segments) {
            assertEquals(orders.stream().filter(o -> o.getSegment().equals(segment.getSegment())).map(Order::getCustomerId).distinct().count(),
                    segment.getCustomers(), segment.getSegment());
        }
    }

    /** An order that arrives two days late reaches its day's orders and marts in the run of the day it arrived. */
    @Test
    void aLateOrderReachesItsDaysOrdersAndMarts() throws Exception {
        LocalDate arrived = D2.plusDays(2); // D2 is two days back: in the lateness window, and not the day before
        int ordersBefore = read(Datasets.ORDERS.name(), D2, Order.class).size();
        String placed = new String(java.nio.file.Files.readAllBytes(new File(new Path(Datasets.RAW_EVENTS.partition(root, D2),
                "events-1.jsonl").toUri()).toPath()), java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("\"order_placed\"") && l.matches(".*\"event_time\":\"" + D2 + "T[0-9:.]+Z\".*"))
                .findFirst().orElseThrow();
        String late = placed.replaceFirst("\"event_id\":\"[^\"]+\"", "\"event_id\":\"ev-late-1\"")
                .replaceFirst("\"order_id\":\"[^\"]+\"", "\"order_id\":\"O-LATE-1\"");
        Path forwarded = new Path(Datasets.LATE_EVENTS.partition(root, D2), "arrived=" + arrived);
        try (var out = forwarded.getFileSystem(conf).create(new Path(forwarded, "late-order.jsonl"))) {
            out.write((late + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        run(io.clickstream.jobs.events.RecleanLateEvents.NAME, "--date", arrived.toString());

        List<Order> orders = read(Datasets.ORDERS.name(), D2, Order.class);
        long placedNow = AvroFiles.readAll(conf, Versions.current(conf, Datasets.EVENTS.partition(root, D2)),
                new SpecificDatumReader<>(Event.class)).stream().filter(e -> e.getEventType().equals("order_placed")).count();
        assertEquals(placedNow, orders.size(), "the day's orders rebuilt from its events, late ones included");
        assertTrue(orders.size() > ordersBefore && orders.stream().anyMatch(o -> o.getOrderId().equals("O-LATE-1")));
        assertEquals(orders.size(), read("channels_by_day", D2, ChannelsByDay.class).stream()
                .mapToLong(ChannelsByDay::getOrders).sum(), "and its marts with them");
    }
}
