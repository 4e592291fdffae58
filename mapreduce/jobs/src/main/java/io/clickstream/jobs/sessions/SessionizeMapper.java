package io.clickstream.jobs.sessions;

import io.clickstream.jobs.Warehouse;
import io.clickstream.jobs.TaskFailures;
import io.clickstream.jobs.Settings;
import io.clickstream.accesslog.RequestClass;
import io.clickstream.avro.PageView;
import io.clickstream.jobs.AvroModel;
import io.clickstream.jobs.Schemas;
import io.clickstream.sessions.Sessionizer.Origin;
import io.clickstream.sessions.UserAgents;
import io.clickstream.sessions.Visitors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.mapred.AvroKey;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Keys each request by visitor and time. D's requests go whole (Avro binary); the previous day's page views go as
 * time only (whole when their time is on D), the next day's whole up to the lookahead; the neighbouring days' bots
 * and requests that are not page views are not needed.
 */
public class SessionizeMapper extends Mapper<AvroKey<PageView>, NullWritable, VisitorTimeKey, BytesWritable> {
    /** Records why the task failed, for the driver's one-line message ({@link TaskFailures}). */
    @Override
    public void run(Context context) throws IOException, InterruptedException {
        TaskFailures.recorded(context, () -> super.run(context));
    }


    private static final BytesWritable TIME_ONLY = new BytesWritable();

    private final VisitorTimeKey key = new VisitorTimeKey();
    private final BytesWritable value = new BytesWritable();
    private final Buffer buffer = new Buffer();
    private final DatumWriter<PageView> writer = new AvroModel().createDatumWriter(Schemas.PAGE_VIEW);
    private BinaryEncoder encoder;
    private UserAgents agents;
    private Origin origin;
    private long dayStart;
    private long lookaheadEnd;

    @Override
    protected void setup(Context context) {
        LocalDate day = Settings.RUN_DATE.get(context.getConfiguration());
        dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        lookaheadEnd = dayStart + 86_400_000L + Settings.sessionRules(context.getConfiguration()).lookahead().toMillis();
        agents = SessionizeSettings.userAgents(context.getConfiguration());
        LocalDate dt = Warehouse.dayOf(((FileSplit) context.getInputSplit()).getPath());
        origin = dt.isBefore(day) ? Origin.PREVIOUS_DAY : dt.isAfter(day) ? Origin.NEXT_DAY : Origin.DAY;
    }

    @Override
    protected void map(AvroKey<PageView> record, NullWritable ignored, Context context) throws IOException, InterruptedException {
        PageView view = record.datum();
        long ts = view.getTs().toEpochMilli();
        long visitor = Visitors.key(view.getClientIp(), view.getUserAgent());
        if (origin == Origin.DAY) {
            context.getCounter(SessionizeCounter.PAGE_VIEWS_READ).increment(1);
            emitWhole(visitor, ts, view, context);
        } else if (!RequestClass.isPageView(view.getRequestClass()) || agents.classify(view.getUserAgent()).bot()
                || origin == Origin.NEXT_DAY && ts >= lookaheadEnd) {
            context.getCounter(SessionizeCounter.CONTEXT_SKIPPED).increment(1);
        } else if (origin == Origin.PREVIOUS_DAY && ts < dayStart) {
            context.getCounter(SessionizeCounter.CONTEXT_PREVIOUS_DAY).increment(1);
            context.write(key.set(visitor, ts, 0, origin), TIME_ONLY);
        } else {
            context.getCounter(origin == Origin.NEXT_DAY ? SessionizeCounter.CONTEXT_NEXT_DAY
                    : SessionizeCounter.CONTEXT_PREVIOUS_DAY).increment(1);
            emitWhole(visitor, ts, view, context);
        }
    }

    private void emitWhole(long visitor, long ts, PageView view, Context context) throws IOException, InterruptedException {
        buffer.reset();
        encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
        writer.write(view, encoder);
        value.set(buffer.bytes(), 0, buffer.size());
        context.write(key.set(visitor, ts, Visitors.fingerprint(buffer.bytes(), buffer.size()), origin), value);
    }

    /** A growable buffer whose bytes are read in place (no copy per record). */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(512);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
