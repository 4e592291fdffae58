package io.clickstream.ingest.kafka;

import io.clickstream.jobs.Settings;
import java.io.IOException;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka clients of {@code land-kafka} and {@code ship}. Consumers: no consumer group and no auto-commit (the offsets live in HDFS with the data),
 * committed records only ({@code read_committed}), raw bytes. Any other client property comes from
 * {@code clickstream.kafka.client.<property>}, read with {@link Configuration#getPassword} so secrets (a
 * {@code sasl.jaas.config}, a key store password) can live in a Hadoop credential provider instead of the
 * configuration.
 */
final class KafkaClients {

    private KafkaClients() {
    }

    static KafkaConsumer<byte[], byte[]> consumer(Configuration conf, String clientId) throws IOException {
        Properties props = common(conf, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    /**
     * A transactional producer ({@code transactional.id} {@code transactionalId}): what it sends in a transaction
     * becomes visible to {@code read_committed} readers all at once or not at all, and starting a producer with the
     * same id fences off an earlier one that may still be running.
     */
    static KafkaProducer<byte[], byte[]> transactionalProducer(Configuration conf, String transactionalId)
            throws IOException {
        Properties props = common(conf, transactionalId);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /** The brokers and {@code clickstream.kafka.client.*}, each read through the credential providers first. */
    static Properties common(Configuration conf, String clientId) throws IOException {
        Properties props = new Properties();
        for (Map.Entry<String, String> entry : conf.getPropsWithPrefix(Settings.KAFKA_CLIENT_PREFIX).entrySet()) {
            char[] value = conf.getPassword(Settings.KAFKA_CLIENT_PREFIX + entry.getKey());
            props.put(entry.getKey(), value == null ? entry.getValue() : new String(value));
        }
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, Settings.KAFKA_BOOTSTRAP_SERVERS.get(conf));
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return props;
    }
}
