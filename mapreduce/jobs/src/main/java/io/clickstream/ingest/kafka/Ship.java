package io.clickstream.ingest.kafka;

import io.clickstream.jobs.Args;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.util.Tool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * {@code ship}: tails log files into a Kafka topic the way Filebeat or Fluent Bit would, each line a record keyed by
 * the host, stamped with the time it was shipped. Rotation and truncation are followed ({@link TailedFile}); the
 * position in each file is committed in the same Kafka transaction as the lines before it ({@link ShipPositions}), so
 * a shipper killed at any moment and started again neither sends a line twice nor skips one: a transaction it did not
 * commit is aborted, and it goes on from the last committed position.
 */
public class Ship extends Configured implements Tool {

    public static final String NAME = "ship";
    private static final int LINES_PER_TRANSACTION = 2_000;

    /** What a run shipped. */
    public record Result(long lines, long transactions, long truncations) {
    }

    @Override
    public int run(String[] argv) throws Exception {
        Args args = Args.command(NAME, "tails log files into a Kafka topic, following rotation and truncation;"
                        + " resumes from the position committed with the last lines it sent, never twice, never skipping")
                .required("topic", "TOPIC", "the topic the lines go to (access_logs)")
                .repeatable("file", "PATH", "a log file to follow (repeat for several)")
                .optional("name", "NAME", "this shipper's name: its positions and Kafka transactional id; default: the"
                        + " host name", "")
                .optional("positions-topic", "TOPIC", "the compacted topic positions are committed to",
                        "_ship_positions")
                .optional("follow", "true|false", "keep following the files until stopped; false: ship what is there,"
                        + " then stop", "true")
                .parse(argv);
        String name = args.get("name").isEmpty() ? InetAddress.getLocalHost().getHostName() : args.get("name");
        if (!name.matches("[A-Za-z0-9._-]{1,200}")) {
            throw new IllegalArgumentException(NAME + ": --name '" + name + "' may hold letters, digits, '.', '_', '-'");
        }
        List<Path> files = args.all("file").stream().map(Path::of).toList();
        if (files.isEmpty()) {
            throw new IllegalArgumentException(NAME + ": give at least one --file");
        }
        Result result = ship(args.get("topic"), files, name, args.get("positions-topic"),
                Boolean.parseBoolean(args.get("follow")));
        System.out.printf("%s: %,d lines to %s in %,d transactions (%d truncated files read again)%n", NAME,
                result.lines(), args.get("topic"), result.transactions(), result.truncations());
        return 0;
    }

    public Result ship(String topic, List<Path> paths, String name, String positionsTopic, boolean follow)
            throws Exception {
        createPositionsTopic(positionsTopic);
        byte[] key = name.getBytes(StandardCharsets.UTF_8);
        long lines = 0;
        long transactions = 0;
        List<TailedFile> files = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.transactionalProducer(getConf(), NAME + "-" + name)) {
            producer.initTransactions(); // fences a previous run with this name, aborting what it left open
            Map<String, TailedFile.Position> positions;
            try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(getConf(), NAME + "-" + name)) {
                positions = ShipPositions.read(consumer, positionsTopic, name);
            }
            for (Path path : paths) {
                files.add(new TailedFile(path, positions.get(path.toAbsolutePath().toString())));
            }
            while (true) {
                boolean sent = false;
                for (TailedFile file : files) {
                    List<TailedFile.Line> batch = file.poll(LINES_PER_TRANSACTION);
                    if (batch.isEmpty()) {
                        continue;
                    }
                    producer.beginTransaction();
                    for (TailedFile.Line line : batch) {
                        producer.send(new ProducerRecord<>(topic, null, System.currentTimeMillis(), key, line.bytes()));
                    }
                    producer.send(ShipPositions.record(positionsTopic, name, file.path().toAbsolutePath().toString(),
                            batch.get(batch.size() - 1).after()));
                    producer.commitTransaction();
                    lines += batch.size();
                    transactions++;
                    sent = true;
                }
                if (!sent) {
                    if (!follow) {
                        break;
                    }
                    Thread.sleep(200);
                }
            }
        } finally {
            for (TailedFile file : files) {
                file.close();
            }
        }
        return new Result(lines, transactions, files.stream().mapToLong(TailedFile::truncations).sum());
    }

    private void createPositionsTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(KafkaClients.common(getConf(), NAME + "-admin"))) {
            admin.createTopics(Set.of(new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
