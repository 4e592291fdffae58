package io.clickstream.ingest.kafka;

import io.clickstream.kafka.KafkaBroker;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** One real Kafka broker for all the test classes of a run, started by the first that needs it, stopped at exit. */
final class TestBroker {

    private static KafkaBroker broker;
    private static Path dir;
    private static Admin admin;

    private TestBroker() {
    }

    static synchronized KafkaBroker get() throws Exception {
        if (broker == null) {
            dir = Files.createTempDirectory("kafka-broker");
            broker = KafkaBroker.start(dir.toFile());
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    admin.close();
                    broker.close();
                    if (System.getenv("KEEP_TEST_BROKER") != null) {
                        System.err.println("the test broker's files stay in " + dir);
                        return;
                    }
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                    }
                } catch (Exception e) {
                    System.err.println("stopping the test Kafka broker: " + e);
                }
            }));
        }
        return broker;
    }

    /** The last lines of the broker's log, for a failure message. */
    static String logTail() throws java.io.IOException {
        List<String> lines = Files.readAllLines(dir.resolve("broker.log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    static synchronized Admin admin() throws Exception {
        get();
        return admin;
    }

    /** Creates a topic and waits until each of its partitions has a leader. */
    static void createTopic(String topic, int partitions) throws Exception {
        admin().createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        long deadline = System.currentTimeMillis() + 30_000;
        while (admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                .stream().anyMatch(p -> p.leader() == null || p.leader().isEmpty())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(topic + ": partitions without a leader after 30 s");
            }
            Thread.sleep(100);
        }
    }
}
