package io.clickstream.jobs.sessions;

import io.clickstream.jobs.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.avro.PageView;
import io.clickstream.avro.Session;
import io.clickstream.avro.SessionizedPageView;
import io.clickstream.jobs.AvroModel;
import io.clickstream.jobs.FlatRecordBytes;
import io.clickstream.jobs.Schemas;
import io.clickstream.sessions.Sessionizer.Origin;
import io.clickstream.sessions.Visitors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.hadoop.io.AvroSerialization;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.mapreduce.MapReduceDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sessionize mapper, and mapper + raw sort + grouping + reducer together, in MRUnit. */
class SessionizeMapReduceTest {

    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";
    private static final String BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    private final List<Session> sessions = new ArrayList<>();
    private final List<String> orderIndex = new ArrayList<>();
    private Configuration conf;

    @BeforeEach
    void setUp() throws Exception {
        Job job = Job.getInstance();
        Settings.RUN_DATE.set(job.getConfiguration(), "2026-11-24");
        AvroJob.setDataModelClass(job, AvroModel.class);
        AvroSerialization.addToConfiguration(job.getConfiguration());
        AvroSerialization.setKeyWriterSchema(job.getConfiguration(), Schemas.PAGE_VIEW);
        AvroSerialization.setKeyReaderSchema(job.getConfiguration(), Schemas.PAGE_VIEW);
        conf = job.getConfiguration();
    }

    private static PageView view(String time, String agent, String path, String query) {
        return PageView.newBuilder().setTs(Instant.parse(time)).setClientIp("203.0.113.0").setMethod("GET").setPath(path)
                .setQuery(query).setProtocol("HTTP/1.1").setStatus(200).setBytes(512L).setReferer(null)
                .setUserAgent(agent).setVhost(null).setResponseTimeUs(null).build();
    }

    /** A page view as the job's input format hands it to the mapper: its bytes as read from a file. */
    private static FlatRecordBytes bytes(PageView view) throws java.io.IOException {
        return FlatRecordBytes.of(view, new AvroModel());
    }

    private MapDriver<FlatRecordBytes, NullWritable, VisitorTimeKey, BytesWritable> mapper(String dt) {
        return MapDriver.newMapDriver(new SessionizeMapper()).withConfiguration(conf)
                .withMapInputPath(new Path("hdfs://nn/w/clean/page_views/dt=" + dt + "/part-m-00000.avro"));
    }

    @Test
    void theMapperSendsTheDayWholeAndTheNeighboursOnlyAsFarAsNeeded() throws Exception {
        List<Pair<VisitorTimeKey, BytesWritable>> day = mapper("2026-11-24")
                .withInput(bytes(view("2026-11-24T10:00:00Z", BOT, "/robots.txt", null)), NullWritable.get()).run();
        assertEquals(Origin.DAY, day.get(0).getFirst().origin());
        assertTrue(day.get(0).getSecond().getLength() > 0, "the day's page views, bots too, go whole");

        List<Pair<VisitorTimeKey, BytesWritable>> previous = mapper("2026-11-23")
                .withInput(bytes(view("2026-11-23T23:50:00Z", CHROME, "/", null)), NullWritable.get())
                .withInput(bytes(view("2026-11-23T23:55:00Z", BOT, "/", null)), NullWritable.get()).run();
        assertEquals(1, previous.size(), "no context for bots");
        assertEquals(Origin.PREVIOUS_DAY, previous.get(0).getFirst().origin());
        assertEquals(0, previous.get(0).getSecond().getLength(), "the previous day as time only");
        assertEquals(Visitors.key("203.0.113.0", CHROME), previous.get(0).getFirst().visitor());

        List<Pair<VisitorTimeKey, BytesWritable>> next = mapper("2026-11-25")
                .withInput(bytes(view("2026-11-25T05:59:59Z", CHROME, "/", null)), NullWritable.get())
                .withInput(bytes(view("2026-11-25T06:00:00Z", CHROME, "/", null)), NullWritable.get()).run();
        assertEquals(1, next.size(), "the next day up to the 6-hour lookahead");
        assertEquals(Origin.NEXT_DAY, next.get(0).getFirst().origin());
    }

    @Test
    void shuffleAndReducerCutSessionsDropDuplicatesAndIndexConfirmedOrders() throws Exception {
        SessionizeReducer reducer = new SessionizeReducer() {
            @Override
            protected void writeSession(Session session, List<String> orderIndexLines) {
                sessions.add(Session.newBuilder(session).build());
                orderIndex.addAll(orderIndexLines);
            }
        };
        Configuration reduceConf = new Configuration(conf);
        // MRUnit copies input and output keys with the one key schema: a union of both records.
        org.apache.avro.Schema both = org.apache.avro.Schema.createUnion(Schemas.PAGE_VIEW, Schemas.SESSIONIZED_PAGE_VIEW);
        AvroSerialization.setKeyWriterSchema(reduceConf, both);
        AvroSerialization.setKeyReaderSchema(reduceConf, both);
        MapReduceDriver<FlatRecordBytes, NullWritable, VisitorTimeKey, BytesWritable, AvroKey<SessionizedPageView>, NullWritable> driver =
                MapReduceDriver.newMapReduceDriver(new SessionizeMapper(), reducer).withConfiguration(reduceConf);
        driver.setKeyOrderComparator(new VisitorTimeKey.RawComparator());
        driver.setKeyGroupingComparator(new VisitorTimeKey.VisitorGrouping());
        driver.setMapInputPath(new Path("hdfs://nn/w/clean/page_views/dt=2026-11-24/part-m-00000.avro"));
        PageView cart = view("2026-11-24T10:05:00Z", CHROME, "/cart", null);
        List<Pair<AvroKey<SessionizedPageView>, NullWritable>> out = driver
                .withInput(bytes(view("2026-11-24T11:00:00Z", CHROME, "/checkout/confirm", "order=O-7")), NullWritable.get())
                .withInput(bytes(cart), NullWritable.get())
                .withInput(bytes(view("2026-11-24T10:00:00Z", CHROME, "/product/3", null)), NullWritable.get())
                .withInput(bytes(PageView.newBuilder(cart).build()), NullWritable.get())
                .withInput(bytes(view("2026-11-24T10:01:00Z", BOT, "/robots.txt", null)), NullWritable.get())
                .run();

        assertEquals(4, out.size(), "5 page views, one of them a duplicate");
        assertEquals(1L, driver.getCounters().findCounter(SessionizeCounter.DUPLICATES).getValue());
        assertEquals(2, sessions.size(), "55 minutes between /cart and the confirmation: two sessions");
        Session first = sessions.get(0).getStartTs().isBefore(sessions.get(1).getStartTs()) ? sessions.get(0) : sessions.get(1);
        Session second = first == sessions.get(0) ? sessions.get(1) : sessions.get(0);
        assertEquals(2, first.getPageViews());
        assertEquals("/product/3", first.getLandingPage());
        assertTrue(first.getReachedCart());
        assertEquals(List.of("O-7"), second.getOrderIds());
        assertEquals(List.of("O-7\t" + second.getSessionId() + "\t" + second.getVisitorId() + "\tdirect"), orderIndex);
        SessionizedPageView bot = out.stream().map(p -> p.getFirst().datum()).filter(SessionizedPageView::getIsBot).findFirst().orElseThrow();
        assertNull(bot.getSessionId());
        assertEquals("Googlebot", bot.getBrowserFamily());
    }
}
