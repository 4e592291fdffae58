package io.clickstream.ingest.kafka;

import io.clickstream.jobs.Settings;
import java.io.IOException;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consumers for {@code land-kafka}: no consumer group and no auto-commit (the offsets live in HDFS with the data),
 * committed records only ({@code read_committed}), raw bytes. Any other client property comes from
 * {@code clickstream.kafka.client.<property>}, read with {@link Configuration#getPassword} so secrets (a
 * {@code sasl.jaas.config}, a key store password) can live in a Hadoop credential provider instead of the
 * configuration.
 */
final class KafkaClients {

    private KafkaClients() {
    }

    static KafkaConsumer<byte[], byte[]> consumer(Configuration conf, String clientId) throws IOException {
        Properties props = new Properties();
        for (Map.Entry<String, String> entry : conf.getPropsWithPrefix(Settings.KAFKA_CLIENT_PREFIX).entrySet()) {
            char[] value = conf.getPassword(Settings.KAFKA_CLIENT_PREFIX + entry.getKey());
            props.put(entry.getKey(), value == null ? entry.getValue() : new String(value));
        }
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Settings.KAFKA_BOOTSTRAP_SERVERS.get(conf));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }
}
