package io.clickstream.jobs.accesslogs;

import io.clickstream.jobs.TaskFailures;
import io.clickstream.jobs.Datasets;
import io.clickstream.accesslog.RejectReason;
import io.clickstream.quality.Rejection;
import io.clickstream.jobs.Settings;
import io.clickstream.accesslog.AccessLogCleaner;
import io.clickstream.avro.PageView;
import io.clickstream.jobs.QuarantineSink;
import io.clickstream.jobs.RawTextInputFormat;
import io.clickstream.jobs.SourceFiles;
import java.io.IOException;
import java.time.ZoneOffset;
import org.apache.avro.mapred.AvroKey;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/** Each line becomes a page view or a quarantine record; every line is counted as one or the other. */
public class CleanAccessLogsMapper extends Mapper<LongWritable, Text, AvroKey<PageView>, NullWritable> {

    public static final String SOURCE = Datasets.RAW_ACCESS_LOGS.name();

    private final AvroKey<PageView> key = new AvroKey<>();
    private AccessLogCleaner cleaner;
    private String sourceFile;
    private QuarantineSink quarantine;
    private long dayStart = Long.MIN_VALUE;
    private long dayEnd = Long.MAX_VALUE;

    /** Records why the task failed, for the driver's one-line message ({@link TaskFailures}). */
    @Override
    public void run(Context context) throws IOException, InterruptedException {
        TaskFailures.recorded(context, () -> super.run(context));
    }

    @Override
    protected void setup(Context context) {
        sourceFile = SourceFiles.of(context.getInputSplit());
        cleaner = CleanAccessLogsSettings.cleaner(context.getConfiguration(), context.getCredentials(), sourceFile);
        quarantine = openQuarantine(context);
        if (context.getConfiguration().get(Settings.RUN_DATE.key()) != null) {
            dayStart = Settings.RUN_DATE.get(context.getConfiguration()).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            dayEnd = dayStart + 86_400_000L;
        }
    }

    /** The quarantine as a named Avro output beside the page views; tests may collect it instead. */
    protected QuarantineSink openQuarantine(Context context) {
        return QuarantineSink.avro(context);
    }

    @Override
    protected void map(LongWritable offset, Text line, Context context) throws IOException, InterruptedException {
        context.getCounter(CleanAccessLogsCounter.LINES_READ).increment(1);
        if (RawTextInputFormat.isUnreadableRest(offset)) {
            quarantine.write(QuarantineSink.unreadableRest(SOURCE, sourceFile, offset, line));
            context.getCounter(CleanAccessLogsCounter.QUARANTINED).increment(1);
            context.getCounter(RejectReason.CORRUPT_COMPRESSED_FILE).increment(1);
            return;
        }
        Rejection<RejectReason> rejection = cleaner.clean(line.getBytes(), line.getLength());
        if (rejection == null) {
            key.datum(cleaner.pageView());
            context.write(key, NullWritable.get());
            context.getCounter(CleanAccessLogsCounter.ACCEPTED).increment(1);
            long ts = cleaner.pageView().getTs().toEpochMilli();
            if (ts < dayStart || ts >= dayEnd) {
                context.getCounter(CleanAccessLogsCounter.EVENT_TIME_OUTSIDE_DAY).increment(1);
            }
            return;
        }
        quarantine.write(QuarantineSink.record(SOURCE, sourceFile, offset.get(), line, cleaner.maxLineBytes(),
                rejection.reason().name(), rejection.message()));
        context.getCounter(CleanAccessLogsCounter.QUARANTINED).increment(1);
        context.getCounter(rejection.reason()).increment(1);
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
        quarantine.close();
    }

}
