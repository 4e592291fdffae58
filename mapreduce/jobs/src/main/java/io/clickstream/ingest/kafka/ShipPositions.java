package io.clickstream.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Where each shipper stands in each of its files, kept in a compacted Kafka topic and written in the same transaction
 * as the lines it covers (as Kafka Connect keeps source offsets for exactly-once delivery): after a crash the position
 * read back is exactly that of the last lines that became visible. Key {@code <shipper>|<path>}, value
 * {@code <file key>\t<offset>}.
 */
final class ShipPositions {

    private ShipPositions() {
    }

    static ProducerRecord<byte[], byte[]> record(String topic, String shipper, String path, TailedFile.Position position) {
        return new ProducerRecord<>(topic, (shipper + "|" + path).getBytes(StandardCharsets.UTF_8),
                (position.fileKey() + "\t" + position.offset()).getBytes(StandardCharsets.UTF_8));
    }

    /** The committed positions of {@code shipper}'s files, by path: the topic read to its end. */
    static Map<String, TailedFile.Position> read(KafkaConsumer<byte[], byte[]> consumer, String topic, String shipper) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(60));
        Map<String, TailedFile.Position> positions = new HashMap<>();
        String prefix = shipper + "|";
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                String key = new String(record.key(), StandardCharsets.UTF_8);
                if (key.startsWith(prefix) && record.value() != null) {
                    String[] value = new String(record.value(), StandardCharsets.UTF_8).split("\t");
                    positions.put(key.substring(prefix.length()), new TailedFile.Position(value[0], Long.parseLong(value[1])));
                }
            }
        }
        return positions;
    }
}
