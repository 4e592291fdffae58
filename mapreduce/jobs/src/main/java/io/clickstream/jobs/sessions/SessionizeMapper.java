package io.clickstream.jobs.sessions;

import io.clickstream.accesslog.RequestClass;
import io.clickstream.jobs.FlatRecordBytes;
import io.clickstream.jobs.Schemas;
import io.clickstream.jobs.Settings;
import io.clickstream.jobs.TaskFailures;
import io.clickstream.jobs.Warehouse;
import io.clickstream.sessions.Sessionizer.Origin;
import io.clickstream.sessions.UserAgents;
import io.clickstream.sessions.Visitors;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Keys each request by visitor and time. D's requests go whole (their Avro bytes as read, {@link FlatRecordBytes}); the
 * previous day's page views go as time only (whole when their time is on D), the next day's whole up to the
 * lookahead; the neighbouring days' bots and requests that are not page views are not needed.
 */
public class SessionizeMapper extends Mapper<FlatRecordBytes, NullWritable, VisitorTimeKey, BytesWritable> {
    /** Records why the task failed, for the driver's one-line message ({@link TaskFailures}). */
    @Override
    public void run(Context context) throws IOException, InterruptedException {
        TaskFailures.recorded(context, () -> super.run(context));
    }

    private static final BytesWritable TIME_ONLY = new BytesWritable();
    private static final int TS = Schemas.PAGE_VIEW.getField("ts").pos();
    private static final int CLIENT_IP = Schemas.PAGE_VIEW.getField("client_ip").pos();
    private static final int USER_AGENT = Schemas.PAGE_VIEW.getField("user_agent").pos();
    private static final int REQUEST_CLASS = Schemas.PAGE_VIEW.getField("request_class").pos();

    private final VisitorTimeKey key = new VisitorTimeKey();
    private final BytesWritable value = new BytesWritable();
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
    protected void map(FlatRecordBytes view, NullWritable ignored, Context context) throws IOException, InterruptedException {
        long ts = view.number(TS);
        if (origin == Origin.DAY) {
            context.getCounter(SessionizeCounter.PAGE_VIEWS_READ).increment(1);
            emitWhole(ts, view, context);
        } else if (origin == Origin.NEXT_DAY && ts >= lookaheadEnd || !RequestClass.isPageView(view.string(REQUEST_CLASS))
                || agents.classify(view.string(USER_AGENT)).bot()) {
            context.getCounter(SessionizeCounter.CONTEXT_SKIPPED).increment(1);
        } else if (origin == Origin.PREVIOUS_DAY && ts < dayStart) {
            context.getCounter(SessionizeCounter.CONTEXT_PREVIOUS_DAY).increment(1);
            context.write(key.set(visitor(view), ts, 0, origin), TIME_ONLY);
        } else {
            context.getCounter(origin == Origin.NEXT_DAY ? SessionizeCounter.CONTEXT_NEXT_DAY
                    : SessionizeCounter.CONTEXT_PREVIOUS_DAY).increment(1);
            emitWhole(ts, view, context);
        }
    }

    private static long visitor(FlatRecordBytes view) {
        return Visitors.key(view.bytes(), view.offset(CLIENT_IP), view.size(CLIENT_IP),
                view.bytes(), view.offset(USER_AGENT), view.size(USER_AGENT));
    }

    private void emitWhole(long ts, FlatRecordBytes view, Context context) throws IOException, InterruptedException {
        value.set(view.bytes(), 0, view.length());
        context.write(key.set(visitor(view), ts, Visitors.fingerprint(view.bytes(), view.length()), origin), value);
    }
}
