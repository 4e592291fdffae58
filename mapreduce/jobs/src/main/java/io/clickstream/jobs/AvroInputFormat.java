package io.clickstream.jobs;

import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapreduce.AvroKeyInputFormat;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * The processing stages' input: {@link AvroKeyInputFormat} whose reader records why it failed ({@link TaskFailures}),
 * so a damaged or foreign file in a partition is named in the stage's one-line error, and whose progress is worked
 * out once every {@value #PROGRESS_EVERY} records: the framework asks after every record, and Avro's reader answers
 * by asking the file system where it is (a tenth of sessionize's map time).
 */
public class AvroInputFormat<T> extends AvroKeyInputFormat<T> {

    static final int PROGRESS_EVERY = 1024;

    @Override
    public RecordReader<AvroKey<T>, NullWritable> createRecordReader(InputSplit split, TaskAttemptContext context)
            throws IOException, InterruptedException {
        return TaskFailures.recorded(new SampledProgress<>(super.createRecordReader(split, context)));
    }

    static final class SampledProgress<K, V> extends ForwardingRecordReader<K, V> {
        private int calls;
        private float progress;

        SampledProgress(RecordReader<K, V> reader) {
            super(reader);
        }

        @Override
        public boolean nextKeyValue() throws IOException, InterruptedException {
            boolean next = reader.nextKeyValue();
            if (!next) {
                progress = 1;
            }
            return next;
        }

        @Override
        public float getProgress() throws IOException, InterruptedException {
            if (calls++ % PROGRESS_EVERY == 0 && progress < 1) {
                progress = reader.getProgress();
            }
            return progress;
        }
    }
}
