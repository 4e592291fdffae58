package io.clickstream.ingest.kafka;

import io.clickstream.jobs.Settings;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one {@link KafkaSplit}, in offset order: from its first offset up to (not including) the end offset
 * the pull took at its start, then no more, however many records arrived since. Offsets without a record (transaction
 * markers, aborted or compacted records) are skipped by the consumer; the mapper counts them as gaps.
 */
final class KafkaRecordReader extends RecordReader<Long, ConsumerRecord<byte[], byte[]>> {

    private KafkaConsumer<byte[], byte[]> consumer;
    private TopicPartition partition;
    private KafkaSplit split;
    private long timeoutMillis;
    private Iterator<ConsumerRecord<byte[], byte[]>> batch = List.<ConsumerRecord<byte[], byte[]>>of().iterator();
    private ConsumerRecord<byte[], byte[]> current;

    @Override
    public void initialize(InputSplit input, TaskAttemptContext context) throws IOException {
        split = (KafkaSplit) input;
        partition = new TopicPartition(split.topic(), split.partition());
        timeoutMillis = Settings.KAFKA_POLL_TIMEOUT_SECONDS.get(context.getConfiguration()) * 1000L;
        consumer = KafkaClients.consumer(context.getConfiguration(), "land-kafka-" + context.getTaskAttemptID());
        consumer.assign(List.of(partition));
        consumer.seek(partition, split.from());
    }

    @Override
    public boolean nextKeyValue() throws IOException {
        long waitingSince = System.currentTimeMillis();
        while (!batch.hasNext()) {
            if (split.from() >= split.to() || consumer.position(partition) >= split.to()) {
                current = null;
                return false;
            }
            if (System.currentTimeMillis() - waitingSince > timeoutMillis) {
                throw new IOException(split + ": no record came between offset " + consumer.position(partition)
                        + " and the end offset " + split.to() + " taken at the pull's start within "
                        + timeoutMillis / 1000 + " s (" + Settings.KAFKA_POLL_TIMEOUT_SECONDS + "); is the broker up?");
            }
            batch = consumer.poll(Duration.ofMillis(500)).records(partition).iterator();
        }
        current = batch.next();
        if (current.offset() >= split.to()) {
            batch = List.<ConsumerRecord<byte[], byte[]>>of().iterator();
            current = null;
            return false;
        }
        return true;
    }

    @Override
    public Long getCurrentKey() {
        return current.offset();
    }

    @Override
    public ConsumerRecord<byte[], byte[]> getCurrentValue() {
        return current;
    }

    @Override
    public float getProgress() {
        long span = split.to() - split.from();
        return span <= 0 || current == null ? 1f : (float) (current.offset() - split.from()) / span;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
