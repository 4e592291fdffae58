package io.clickstream.jobs.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clickstream.avro.ChannelsByDay;
import io.clickstream.avro.Order;
import io.clickstream.avro.PagesByDay;
import io.clickstream.avro.RevenueBySegment;
import io.clickstream.avro.Session;
import io.clickstream.avro.SessionizedPageView;
import io.clickstream.avro.TrafficByHour;
import io.clickstream.jobs.AvroModel;
import io.clickstream.jobs.Schemas;
import io.clickstream.marts.Mart;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.hadoop.io.AvroSerialization;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.specific.SpecificRecord;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import java.util.ArrayList;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.mapreduce.ReduceDriver;
import org.apache.hadoop.mrunit.types.KeyValueReuseList;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;

/** The marts mapper, row grouping and reducer in MRUnit, on a handful of known records. */
class MartsMapReduceTest {

    private final Map<Mart, Map<String, SpecificRecord>> rows = new EnumMap<>(Mart.class);

    private static SessionizedPageView view(String time, String visitor, boolean bot, String path, int status) {
        return SessionizedPageView.newBuilder().setTs(Instant.parse(time)).setVisitorId(visitor).setSessionId(bot ? null : "s-" + visitor)
                .setSessionStart(null).setIsBot(bot).setMethod("GET").setPath(path).setQuery(null).setStatus(status).setBytes(1L)
                .setReferer(null).setBrowserFamily("Chrome").setBrowserVersion("131").setOsFamily("Windows")
                .setDeviceClass(bot ? "bot" : "desktop").build();
    }

    private static Session session(String visitor, int pages, String channel, List<String> orders) {
        Instant start = Instant.parse("2026-11-24T10:00:00Z");
        return Session.newBuilder().setSessionId("s-" + visitor).setVisitorId(visitor).setStartTs(start)
                .setEndTs(start.plusSeconds(60L * (pages - 1))).setDurationSeconds(60L * (pages - 1)).setPageViews(pages)
                .setLandingPage("/").setExitPage(pages == 1 ? "/" : "/cart").setChannel(channel).setDeviceClass("desktop")
                .setBrowserFamily("Chrome").setOsFamily("Windows").setIsBounce(pages == 1).setReachedProduct(pages > 1)
                .setReachedCart(pages > 1).setReachedCheckout(false).setOrderIds(orders).build();
    }

    private static Order order(String id, String customer, String segment, String amount, String channel) {
        return Order.newBuilder().setOrderId(id).setOrderTs(Instant.parse("2026-11-24T10:05:00Z")).setCustomerId(customer)
                .setCustomerKnown(true).setSegment(segment).setCountry("DE").setCustomerVersion(1)
                .setAmount(new BigDecimal(amount)).setCurrency("EUR").setLineCount(1).setUnits(1).setUnknownProductLines(0)
                .setCategories(List.of("bags")).setSessionId(null).setVisitorId(null).setChannel(channel).build();
    }

    @Test
    void rowsCountDistinctVisitorsAndCustomersOnceAndSumEverythingElse() throws Exception {
        BuildMarts.RowReducer reducer = new BuildMarts.RowReducer() {
            @Override
            protected void writeRow(Mart mart, SpecificRecord row) {
                String key = row.get(0).toString();
                rows.computeIfAbsent(mart, m -> new HashMap<>()).put(key, row);
            }
        };
        Job job = Job.getInstance();
        AvroJob.setDataModelClass(job, AvroModel.class);
        AvroSerialization.addToConfiguration(job.getConfiguration());
        Schema inputs = Schema.createUnion(Schemas.SESSIONIZED_PAGE_VIEW, Schemas.SESSION, Schemas.ORDER);
        AvroSerialization.setKeyWriterSchema(job.getConfiguration(), inputs);
        AvroSerialization.setKeyReaderSchema(job.getConfiguration(), inputs);
        MapDriver<AvroKey<SpecificRecord>, NullWritable, Text, Sums> mapper =
                MapDriver.newMapDriver(new BuildMarts.ContributionMapper()).withConfiguration(job.getConfiguration());
        for (SpecificRecord record : List.<SpecificRecord>of(
                view("2026-11-24T10:00:00Z", "a", false, "/", 200), view("2026-11-24T10:01:00Z", "a", false, "/cart", 200),
                view("2026-11-24T10:02:00Z", "b", false, "/", 404), view("2026-11-24T10:03:00Z", "a", false, "/", 200),
                view("2026-11-24T10:04:00Z", "g", true, "/robots.txt", 500), view("2026-11-24T11:00:00Z", "b", false, "/", 200),
                session("a", 3, "search", List.of("O-1")), session("b", 1, "direct", List.of()),
                order("O-1", "C1", "vip", "10.50", "search"), order("O-2", "C1", "vip", "4.50", "unattributed"),
                order("O-3", "C2", "consumer", "1.00", "unattributed"))) {
            mapper.withInput(new AvroKey<>(record), NullWritable.get());
        }
        // The shuffle by hand: sort by the whole key, one reduce call per mart row (Hadoop moves the key
        // along the values of a call; MRUnit's KeyValueReuseList does the same).
        List<Pair<Text, Sums>> mapped = new ArrayList<>(mapper.run());
        assertEquals(mapped.stream().map(Pair::getFirst).distinct().count(), mapped.size(),
                "the mapper adds up its contributions: one record a key");
        mapped.sort((x, y) -> x.getFirst().compareTo(y.getFirst()));
        MartKey.RowGrouping grouping = new MartKey.RowGrouping();
        List<KeyValueReuseList<Text, Sums>> groups = new ArrayList<>();
        for (int i = 0; i < mapped.size(); i++) {
            if (i == 0 || grouping.compare(mapped.get(i - 1).getFirst(), mapped.get(i).getFirst()) != 0) {
                groups.add(new KeyValueReuseList<>(new Text(), new Sums(), job.getConfiguration()));
            }
            groups.get(groups.size() - 1).add(mapped.get(i));
        }
        ReduceDriver.newReduceDriver(reducer).withConfiguration(job.getConfiguration()).withAllElements(groups).run();

        TrafficByHour ten = (TrafficByHour) rows.get(Mart.TRAFFIC_BY_HOUR).get("10");
        assertEquals(5, ten.getRequests());
        assertEquals(4, ten.getPageViews());
        assertEquals(1, ten.getBotPageViews());
        assertEquals(2, ten.getVisitors(), "a and b, each once");
        assertEquals(2, ten.getSessions());
        assertEquals(0.5, ten.getBounceRate());
        assertEquals(1, ten.getStatus4xx());
        assertEquals(0.2, ten.getRate5xx());
        PagesByDay home = (PagesByDay) rows.get(Mart.PAGES_BY_DAY).get("/");
        assertEquals(4, home.getPageViews());
        assertEquals(2, home.getVisitors());
        assertEquals(2, home.getEntrances());
        assertEquals(1, home.getBounces());
        ChannelsByDay search = (ChannelsByDay) rows.get(Mart.CHANNELS_BY_DAY).get("search");
        assertEquals(1.0, search.getConversionRate());
        assertEquals(new BigDecimal("10.50"), search.getRevenue());
        assertEquals(2, ((ChannelsByDay) rows.get(Mart.CHANNELS_BY_DAY).get("unattributed")).getOrders());
        RevenueBySegment vip = (RevenueBySegment) rows.get(Mart.REVENUE_BY_SEGMENT).get("vip");
        assertEquals(2, vip.getOrders());
        assertEquals(1, vip.getCustomers());
        assertEquals(new BigDecimal("7.50"), vip.getAverageOrderValue());
    }

    @Test
    void theCombinerAddsUpIdenticalKeys() throws Exception {
        Text key = new Text();
        MartKey.set(key, io.clickstream.marts.Contribution.sums(Mart.FUNNEL_BY_DAY, "mobile")
                .plus(Mart.FunnelSums.SESSIONS, 1).plus(Mart.FunnelSums.PRODUCT_SESSIONS, 1));
        List<Pair<Text, Sums>> out = ReduceDriver.newReduceDriver(new BuildMarts.SumCombiner())
                .withInput(key, List.of(new Sums().set(new long[] {1, 1, 0, 0, 0}), new Sums().set(new long[] {1, 0, 1, 0, 1})))
                .run();
        assertEquals(1, out.size());
        assertEquals(List.of(2L, 1L, 1L, 0L, 1L), java.util.Arrays.stream(out.get(0).getSecond().values()).boxed().toList());
    }
}
