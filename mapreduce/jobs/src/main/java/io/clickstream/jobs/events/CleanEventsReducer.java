package io.clickstream.jobs.events;

import io.clickstream.jobs.TaskFailures;
import io.clickstream.avro.Event;
import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Keeps one event per event_id and counts the others as duplicates. Which one is kept does not depend on
 * input order (the smallest in its JSON form), so a rerun keeps the same event.
 */
public class CleanEventsReducer extends Reducer<Text, AvroValue<Event>, AvroKey<Event>, NullWritable> {
    /** Records why the task failed, for the driver's one-line message ({@link TaskFailures}). */
    @Override
    public void run(Context context) throws IOException, InterruptedException {
        TaskFailures.recorded(context, () -> super.run(context));
    }


    private final AvroKey<Event> out = new AvroKey<>();

    @Override
    protected void reduce(Text eventId, Iterable<AvroValue<Event>> events, Context context)
            throws IOException, InterruptedException {
        Event kept = null;
        long seen = 0;
        boolean differ = false;
        for (AvroValue<Event> value : events) {
            Event event = value.datum();
            seen++;
            if (kept == null) {
                kept = Event.newBuilder(event).build();
                continue;
            }
            int order = event.toString().compareTo(kept.toString());
            differ |= order != 0;
            if (order < 0) {
                kept = Event.newBuilder(event).build();
            }
        }
        out.datum(kept);
        context.write(out, NullWritable.get());
        context.getCounter(CleanEventsCounter.ACCEPTED).increment(1);
        context.getCounter(CleanEventsCounter.DUPLICATES).increment(seen - 1);
        if (differ) {
            context.getCounter(CleanEventsCounter.DUPLICATES_WITH_OTHER_PAYLOAD).increment(1);
        }
    }
}
