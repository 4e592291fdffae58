package io.clickstream.jobs.accesslogs;

import io.clickstream.jobs.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.accesslog.RejectReason;
import io.clickstream.avro.PageView;
import io.clickstream.avro.QuarantineRecord;
import io.clickstream.jobs.QuarantineSink;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CleanAccessLogsMapperTest {

    private static final String GOOD = "203.0.113.7 - - [24/Nov/2026:23:59:59 +0100] \"GET /cart?x=1 HTTP/1.1\" 200 512"
            + " \"https://shop.example.com/product/7\" \"Mozilla/5.0\"";
    private static final Path SOURCE = new Path("hdfs://nn/warehouse/raw/access_logs/dt=2026-11-24/web-1.log.gz");

    private final List<QuarantineRecord> quarantined = new ArrayList<>();
    private MapDriver<LongWritable, Text, AvroKey<PageView>, NullWritable> driver;

    @BeforeEach
    void setUp() throws Exception {
        CleanAccessLogsMapper mapper = new CleanAccessLogsMapper() {
            @Override
            protected QuarantineSink openQuarantine(Mapper<LongWritable, Text, AvroKey<PageView>, NullWritable>.Context c) {
                return record -> quarantined.add(QuarantineRecord.newBuilder(record).build());
            }
        };
        Job job = Job.getInstance();
        AvroJob.setMapOutputKeySchema(job, PageView.getClassSchema());
        Settings.RUN_DATE.set(job.getConfiguration(), "2026-11-24");
        driver = MapDriver.newMapDriver(mapper).withConfiguration(job.getConfiguration()).withMapInputPath(SOURCE);
    }

    private long counter(Enum<?> name) {
        return driver.getCounters().findCounter(name).getValue();
    }

    @Test
    void goodLineIsWrittenAsAPageViewAndCounted() throws Exception {
        List<Pair<AvroKey<PageView>, NullWritable>> out = driver.withInput(new LongWritable(0), new Text(GOOD)).run();

        assertEquals(1, out.size());
        PageView view = out.get(0).getFirst().datum();
        assertEquals(Instant.parse("2026-11-24T22:59:59Z"), view.getTs());
        assertEquals("203.0.113.0", view.getClientIp(), "truncated by default");
        assertEquals("/cart", view.getPath());
        assertEquals(512L, view.getBytes());
        assertTrue(quarantined.isEmpty());
        assertEquals(1, counter(CleanAccessLogsCounter.LINES_READ));
        assertEquals(1, counter(CleanAccessLogsCounter.ACCEPTED));
        assertEquals(0, counter(CleanAccessLogsCounter.QUARANTINED));
        assertEquals(0, counter(CleanAccessLogsCounter.EVENT_TIME_OUTSIDE_DAY));
    }

    @Test
    void linesOfANeighbouringUtcDayAreKeptAndCounted() throws Exception {
        List<Pair<AvroKey<PageView>, NullWritable>> out = driver
                .withInput(new LongWritable(0), new Text(GOOD.replace("23:59:59 +0100", "00:30:00 +0100")))
                .run();
        assertEquals(Instant.parse("2026-11-23T23:30:00Z"), out.get(0).getFirst().datum().getTs());
        assertEquals(1, counter(CleanAccessLogsCounter.ACCEPTED));
        assertEquals(1, counter(CleanAccessLogsCounter.EVENT_TIME_OUTSIDE_DAY));
    }

    @Test
    void badLinesAreQuarantinedWithFileOffsetBytesAndReason() throws Exception {
        byte[] garbage = {0x16, 0x03, 0x01, (byte) 0xff};
        List<Pair<AvroKey<PageView>, NullWritable>> out = driver
                .withInput(new LongWritable(0), new Text(GOOD))
                .withInput(new LongWritable(130), new Text(garbage))
                .withInput(new LongWritable(135), new Text(""))
                .withInput(new LongWritable(136), new Text(GOOD.replace(" 200 ", " 2x0 ")))
                .run();

        assertEquals(1, out.size());
        assertEquals(3, quarantined.size());
        QuarantineRecord first = quarantined.get(0);
        assertEquals("access_logs", first.getSource());
        assertEquals(SOURCE.toString(), first.getSourceFile());
        assertEquals(130, first.getByteOffset());
        assertEquals(java.nio.ByteBuffer.wrap(garbage), first.getRaw());
        assertEquals("FORMAT_MISMATCH", first.getReason());
        assertEquals("BLANK_LINE", quarantined.get(1).getReason());
        assertEquals(136, quarantined.get(2).getByteOffset());
        assertEquals("BAD_STATUS", quarantined.get(2).getReason());
        assertTrue(quarantined.get(2).getMessage().contains("%>s value '2x0'"), quarantined.get(2).getMessage());
        assertEquals(GOOD.replace(" 200 ", " 2x0 "), StandardCharsets.UTF_8.decode(quarantined.get(2).getRaw()).toString());

        assertEquals(4, counter(CleanAccessLogsCounter.LINES_READ));
        assertEquals(1, counter(CleanAccessLogsCounter.ACCEPTED));
        assertEquals(3, counter(CleanAccessLogsCounter.QUARANTINED));
        assertEquals(1, counter(RejectReason.FORMAT_MISMATCH));
        assertEquals(1, counter(RejectReason.BLANK_LINE));
        assertEquals(1, counter(RejectReason.BAD_STATUS));
    }

    @Test
    void formatComesFromTheConfiguration() throws Exception {
        Settings.ACCESS_LOGS_FORMAT.set(driver.getConfiguration(), "common");
        Settings.IP_ANONYMIZE.set(driver.getConfiguration(), "none");
        List<Pair<AvroKey<PageView>, NullWritable>> out = driver
                .withInput(new LongWritable(0), new Text("2001:db8::7 - - [24/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 304 -"))
                .run();
        assertEquals("2001:db8::7", out.get(0).getFirst().datum().getClientIp());
        assertEquals(0L, out.get(0).getFirst().datum().getBytes());
    }

    @Test
    void aFileTakesTheFormatsOfTheRulesItsNameMatchesEachLineTheFirstThatFits() throws Exception {
        Settings.ACCESS_LOGS_FORMATS.set(driver.getConfiguration(), "app-*.log => common\n"
                + "web-*.log.gz => %h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\" %D\n"
                + "**/dt=*/edge/*.log => nginx_combined");
        String withTime = GOOD + " 1873";
        String neither = "203.0.113.7 24/Nov/2026 GET /";
        List<Pair<AvroKey<PageView>, NullWritable>> out = driver
                .withInput(new LongWritable(0), new Text(withTime))
                .withInput(new LongWritable(200), new Text(GOOD))
                .withInput(new LongWritable(400), new Text(neither))
                .run();
        assertEquals(2, out.size(), "the rule's format, then the default combined for the lines before the change");
        assertEquals(1873L, out.get(0).getFirst().datum().getResponseTimeUs());
        assertEquals(null, out.get(1).getFirst().datum().getResponseTimeUs());
        assertEquals(1, quarantined.size());
        String message = quarantined.get(0).getMessage();
        assertTrue(message.contains(SOURCE.toString()) && message.contains("none of its 2 formats"), message);
        assertEquals(3, counter(CleanAccessLogsCounter.LINES_READ));
    }
}
