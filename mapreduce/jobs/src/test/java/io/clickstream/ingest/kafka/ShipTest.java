package io.clickstream.ingest.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.jobs.Settings;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ship} against a real broker: every line of the followed files in the topic once, in order, whatever happens. */
class ShipTest {

    @TempDir
    File tmp;

    private Configuration conf() throws Exception {
        Configuration conf = new Configuration(false);
        Settings.KAFKA_BOOTSTRAP_SERVERS.set(conf, TestBroker.get().bootstrapServers());
        return conf;
    }

    private Ship.Result ship(String topic, Path file) throws Exception {
        Ship ship = new Ship();
        ship.setConf(conf());
        return ship.ship(topic, List.of(file), "test-" + topic, "_ship_positions", false);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }

    private static List<String> expected(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "line " + i).collect(Collectors.toList());
    }

    /** The topic's committed records, in order (one partition). */
    private static List<String> topic(String topic) throws Exception {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.get().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    @Test
    void followsRotationAndTruncationAcrossRestartsShippingEveryLineOnceInOrder() throws Exception {
        TestBroker.createTopic("shipped", 1);
        Path log = tmp.toPath().resolve("access.log");
        append(log, lines(0, 100));
        assertEquals(100, ship("shipped", log).lines());

        append(log, lines(100, 150) + "line 150 still being writ");
        assertEquals(50, ship("shipped", log).lines(), "a line without its line break waits");
        assertEquals(expected(0, 150), topic("shipped"));

        // logrotate: the file renamed (its writer still adds to it), a new one created; the shipper was down meanwhile.
        append(log, "ten\n" + lines(151, 160));
        Files.move(log, tmp.toPath().resolve("access.log.1"));
        append(tmp.toPath().resolve("access.log.1"), lines(160, 165));
        append(log, lines(165, 185));
        assertEquals(35, ship("shipped", log).lines());
        List<String> all = expected(0, 185);
        all.set(150, "line 150 still being written");
        assertEquals(all, topic("shipped"));

        // copytruncate: the file emptied in place, then fewer bytes written than had been shipped from it.
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
            file.setLength(0);
        }
        append(log, lines(185, 188));
        Ship.Result truncated = ship("shipped", log);
        assertEquals(3, truncated.lines());
        assertEquals(1, truncated.truncations());
        all.addAll(expected(185, 188));
        assertEquals(all, topic("shipped"));
        assertEquals(0, ship("shipped", log).lines(), "nothing new, nothing sent");
    }

    @Test
    void aShipperKilledAtAnyMomentResumesWithoutResendingOrSkippingALine() throws Exception {
        TestBroker.createTopic("killed-shipper", 1);
        Path log = tmp.toPath().resolve("big.log");
        append(log, lines(0, 400_000));
        int midFile = 0;
        for (long delay : new long[] {1_500, 2_500, 3_500, 5_000}) {
            Process process = shipProcess("killed-shipper", log);
            if (!process.waitFor(delay, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                int shipped = topic("killed-shipper").size();
                midFile += shipped > 0 && shipped < 400_000 ? 1 : 0;
            }
        }
        assertTrue(midFile >= 1, "no shipper was killed in the middle of the file");
        ship("killed-shipper", log);
        assertEquals(expected(0, 400_000), topic("killed-shipper"));
    }

    private Process shipProcess(String topic, Path log) throws Exception {
        return ChildJvm.main(new File(tmp, "ship-" + System.nanoTime() + ".log"), "ship",
                "-D", Settings.KAFKA_BOOTSTRAP_SERVERS + "=" + TestBroker.get().bootstrapServers(),
                "--topic", topic, "--file", log.toString(), "--name", "test-" + topic, "--follow", "false");
    }
}
