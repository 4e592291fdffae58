package io.clickstream.ingest.kafka;

import io.clickstream.jobs.Settings;
import io.clickstream.jobs.TaskFailures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** One split per partition of the pull's plan ({@link Settings#KAFKA_PULL_PLAN}), empty ranges included. */
public final class LandKafkaInputFormat extends InputFormat<Long, ConsumerRecord<byte[], byte[]>> {

    @Override
    public List<InputSplit> getSplits(JobContext context) throws IOException {
        PullLedger.Plan plan = PullLedger.Plan.fromJson(Settings.KAFKA_PULL_PLAN.get(context.getConfiguration()));
        List<InputSplit> splits = new ArrayList<>();
        for (PullLedger.Range range : plan.ranges()) {
            splits.add(new KafkaSplit(plan.topic(), range.partition(), range.from(), range.to()));
        }
        return splits;
    }

    @Override
    public RecordReader<Long, ConsumerRecord<byte[], byte[]>> createRecordReader(InputSplit split,
            TaskAttemptContext context) {
        return TaskFailures.recorded(new KafkaRecordReader());
    }
}
