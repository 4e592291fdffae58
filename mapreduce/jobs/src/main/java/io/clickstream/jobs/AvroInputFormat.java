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
 * so a damaged or foreign file in a partition is named in the stage's one-line error.
 */
public class AvroInputFormat<T> extends AvroKeyInputFormat<T> {

    @Override
    public RecordReader<AvroKey<T>, NullWritable> createRecordReader(InputSplit split, TaskAttemptContext context)
            throws IOException, InterruptedException {
        return TaskFailures.recorded(super.createRecordReader(split, context));
    }
}
