package io.clickstream.jobs.events;

import io.clickstream.jobs.TaskFailures;
import io.clickstream.jobs.Datasets;
import io.clickstream.quality.Rejection;
import io.clickstream.jobs.Settings;
import io.clickstream.avro.Event;
import io.clickstream.events.EventRejectReason;
import io.clickstream.events.EventValidator;
import io.clickstream.events.LatenessWindow;
import io.clickstream.jobs.QuarantineSink;
import io.clickstream.jobs.RawTextInputFormat;
import io.clickstream.jobs.SourceFiles;
import java.io.IOException;
import java.time.LocalDate;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * Validates each JSON line. Valid events of the run's day go to the reducer under their event_id (for
 * deduplication); events of an earlier day within the window are forwarded, as the original line, to that
 * day's late-arrivals output; everything else is quarantined with its reason.
 */
public class CleanEventsMapper extends Mapper<LongWritable, Text, Text, AvroValue<Event>> {

    public static final String SOURCE = Datasets.RAW_EVENTS.name();
    /** Named text output of late lines, under {@code late/dt=<event day>/}. */
    public static final String LATE_OUTPUT = "late";

    private final Text eventId = new Text();
    private final AvroValue<Event> value = new AvroValue<>();
    private EventValidator validator;
    private LatenessWindow window;
    private String sourceFile;
    private QuarantineSink quarantine;
    private MultipleOutputs<Text, AvroValue<Event>> late;

    /** Records why the task failed, for the driver's one-line message ({@link TaskFailures}). */
    @Override
    public void run(Context context) throws IOException, InterruptedException {
        TaskFailures.recorded(context, () -> super.run(context));
    }

    @Override
    protected void setup(Context context) {
        validator = new EventValidator(Settings.EVENTS_MAX_LINE_BYTES.get(context.getConfiguration()));
        window = new LatenessWindow(Settings.RUN_DATE.get(context.getConfiguration()),
                Settings.EVENTS_LATENESS_DAYS.get(context.getConfiguration()));
        sourceFile = SourceFiles.of(context.getInputSplit());
        quarantine = openQuarantine(context);
        late = new MultipleOutputs<>(context);
    }

    protected QuarantineSink openQuarantine(Context context) {
        return QuarantineSink.avro(context);
    }

    /** Late lines are written as they came, so the earlier day's run reads them like any raw line. */
    protected void writeLate(Text line, LocalDate day) throws IOException, InterruptedException {
        late.write(LATE_OUTPUT, NullWritable.get(), line, LATE_OUTPUT + "/dt=" + day + "/part");
    }

    @Override
    protected void map(LongWritable offset, Text line, Context context) throws IOException, InterruptedException {
        context.getCounter(CleanEventsCounter.LINES_READ).increment(1);
        if (RawTextInputFormat.isUnreadableRest(offset)) {
            quarantine.write(QuarantineSink.unreadableRest(SOURCE, sourceFile, offset, line));
            context.getCounter(CleanEventsCounter.QUARANTINED).increment(1);
            context.getCounter(EventRejectReason.CORRUPT_COMPRESSED_FILE).increment(1);
            return;
        }
        Rejection<EventRejectReason> rejection = validator.validate(line.getBytes(), line.getLength());
        if (rejection == null) {
            Event event = validator.event();
            switch (window.route(event.getEventTime())) {
                case ON_TIME -> {
                    eventId.set(event.getEventId());
                    value.datum(event);
                    context.write(eventId, value);
                    return;
                }
                case LATE -> {
                    writeLate(line, LatenessWindow.day(event.getEventTime()));
                    context.getCounter(CleanEventsCounter.LATE).increment(1);
                    return;
                }
                case TOO_LATE -> rejection = new Rejection<>(EventRejectReason.TOO_LATE, "event_time "
                        + event.getEventTime() + " is more than " + window.days() + " days before the day it arrived on");
                default -> rejection = new Rejection<>(EventRejectReason.EVENT_TIME_IN_FUTURE, "event_time "
                        + event.getEventTime() + " is after the day it arrived on");
            }
        }
        quarantine.write(QuarantineSink.record(SOURCE, sourceFile, offset.get(), line,
                Settings.EVENTS_MAX_LINE_BYTES.get(context.getConfiguration()), rejection.reason().name(), rejection.message()));
        context.getCounter(CleanEventsCounter.QUARANTINED).increment(1);
        context.getCounter(rejection.reason()).increment(1);
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
        quarantine.close();
        late.close();
    }
}
