package io.clickstream.jobs.events;

import io.clickstream.jobs.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.avro.Event;
import io.clickstream.avro.QuarantineRecord;
import io.clickstream.events.EventRejectReason;
import io.clickstream.jobs.QuarantineSink;
import io.clickstream.jobs.Schemas;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.hadoop.io.AvroSerialization;
import org.apache.avro.mapred.AvroValue;
import org.apache.avro.mapreduce.AvroJob;
import io.clickstream.jobs.AvroModel;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.mapreduce.ReduceDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CleanEventsMapReduceTest {

    private static final String LOGIN = "{\"event_id\":\"ev-1\",\"event_type\":\"login\",\"event_time\":\"%s\",\"customer_id\":\"C1\"}";

    private final List<QuarantineRecord> quarantined = new ArrayList<>();
    private final Map<LocalDate, List<String>> late = new TreeMap<>();
    private MapDriver<LongWritable, Text, Text, AvroValue<Event>> mapDriver;
    private ReduceDriver<Text, AvroValue<Event>, AvroKey<Event>, NullWritable> reduceDriver;

    @BeforeEach
    void setUp() throws Exception {
        CleanEventsMapper mapper = new CleanEventsMapper() {
            @Override
            protected QuarantineSink openQuarantine(Context context) {
                return record -> quarantined.add(QuarantineRecord.newBuilder(record).build());
            }

            @Override
            protected void writeLate(Text line, LocalDate day) {
                late.computeIfAbsent(day, d -> new ArrayList<>()).add(line.toString());
            }
        };
        Job job = Job.getInstance();
        Settings.RUN_DATE.set(job.getConfiguration(), "2026-11-24");
        AvroJob.setDataModelClass(job, AvroModel.class);
        AvroJob.setMapOutputValueSchema(job, Schemas.EVENT);
        AvroJob.setOutputKeySchema(job, Schemas.EVENT);
        mapDriver = MapDriver.newMapDriver(mapper).withConfiguration(job.getConfiguration())
                .withMapInputPath(new Path("hdfs://nn/warehouse/raw/events/dt=2026-11-24/events-1.jsonl"));
        Job reduceJob = Job.getInstance(job.getConfiguration());
        // MRUnit copies the reducer's AvroKey output through Avro serialization: it needs the key's schema.
        AvroSerialization.setKeyWriterSchema(reduceJob.getConfiguration(), Schemas.EVENT);
        reduceDriver = ReduceDriver.newReduceDriver(new CleanEventsReducer()).withConfiguration(reduceJob.getConfiguration());
    }

    @Test
    void mapperRoutesOnTimeLateAndBrokenLines() throws Exception {
        List<Pair<Text, AvroValue<Event>>> out = mapDriver
                .withInput(new LongWritable(0), new Text(String.format(LOGIN, "2026-11-24T08:00:00Z")))
                .withInput(new LongWritable(100), new Text(String.format(LOGIN, "2026-11-24T00:30:00+01:00")))
                .withInput(new LongWritable(200), new Text(String.format(LOGIN, "2026-11-15T08:00:00Z")))
                .withInput(new LongWritable(300), new Text("{broken"))
                .run();

        assertEquals(1, out.size());
        assertEquals("ev-1", out.get(0).getFirst().toString());
        assertEquals(Instant.parse("2026-11-24T08:00:00Z"), out.get(0).getSecond().datum().getEventTime());
        assertEquals(Map.of(LocalDate.of(2026, 11, 23), List.of(String.format(LOGIN, "2026-11-24T00:30:00+01:00"))), late,
                "00:30 at +01:00 is 23:30 UTC the day before: forwarded as it came");
        assertEquals(List.of("TOO_LATE", "INVALID_JSON"), quarantined.stream().map(QuarantineRecord::getReason).toList());
        assertEquals(300, quarantined.get(1).getByteOffset());
        assertTrue(quarantined.get(1).getSourceFile().endsWith("events-1.jsonl"));
        assertEquals(4, mapDriver.getCounters().findCounter(CleanEventsCounter.LINES_READ).getValue());
        assertEquals(1, mapDriver.getCounters().findCounter(CleanEventsCounter.LATE).getValue());
        assertEquals(2, mapDriver.getCounters().findCounter(CleanEventsCounter.QUARANTINED).getValue());
        assertEquals(1, mapDriver.getCounters().findCounter(EventRejectReason.TOO_LATE).getValue());
    }

    @Test
    void reducerKeepsOneEventPerIdWhateverTheOrder() throws Exception {
        Event a = event("C1");
        Event b = event("C2");
        List<Pair<AvroKey<Event>, NullWritable>> first = reduceDriver
                .withInput(new Text("ev-1"), List.of(new AvroValue<>(a), new AvroValue<>(b), new AvroValue<>(a))).run();
        assertEquals(1, first.size());
        assertEquals(2, reduceDriver.getCounters().findCounter(CleanEventsCounter.DUPLICATES).getValue());
        assertEquals(1, reduceDriver.getCounters().findCounter(CleanEventsCounter.DUPLICATES_WITH_OTHER_PAYLOAD).getValue());

        ReduceDriver<Text, AvroValue<Event>, AvroKey<Event>, NullWritable> reversed =
                ReduceDriver.newReduceDriver(new CleanEventsReducer()).withConfiguration(reduceDriver.getConfiguration());
        List<Pair<AvroKey<Event>, NullWritable>> second = reversed
                .withInput(new Text("ev-1"), List.of(new AvroValue<>(b), new AvroValue<>(a))).run();
        assertEquals(first.get(0).getFirst().datum(), second.get(0).getFirst().datum(), "same event kept in any order");
        assertEquals(1, reversed.getCounters().findCounter(CleanEventsCounter.ACCEPTED).getValue());
    }

    private static Event event(String customer) {
        return Event.newBuilder().setEventId("ev-1").setEventType("login").setEventTime(Instant.parse("2026-11-24T08:00:00Z"))
                .setCustomerId(customer).setAnonymousId(null).setProductId(null).setQuantity(null).setOrderId(null)
                .setItems(List.of()).setAmount(null).setCurrency(null).build();
    }
}
