package io.clickstream.ingest.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.generate.SampleRun;
import io.clickstream.jobs.JobFailedException;
import io.clickstream.jobs.Settings;
import io.clickstream.kafka.KafkaBroker;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code land-kafka} against a real Kafka broker ({@link TestBroker}, in its own JVM): every record produced lands
 * exactly once in the hour of its timestamp, whatever happens to the pulls: stopped at each of their phases, killed at
 * random moments, run twice at once, or finding offsets expired from the topic.
 */
class LandKafkaTest {

    private static final long HOUR = 3_600_000L;
    /** The shortest lock lease there is: a killed pull's lock is broken this long after its last heartbeat. */
    private static final int LEASE_SECONDS = 5;

    private static KafkaBroker broker;
    private static Admin admin;
    private static KafkaProducer<String, String> producer;

    @TempDir
    File tmp;

    private final SplittableRandom random = new SplittableRandom(17);
    private int produced;

    @BeforeAll
    static void startProducer() throws Exception {
        broker = TestBroker.get();
        admin = TestBroker.admin();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        // A new topic's partitions may refuse the first requests (NotLeaderOrFollower). The idempotent producer's retry
        // of them was then refused as out of sequence until its batches expired (Kafka 4.1, seen here twice), so:
        // plain retries, one request in flight (in order); a record written twice would fail the exactly-once checks.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.RETRIES_CONFIG, "20");
        props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "200");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "20000");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(props);
    }

    @AfterAll
    static void stopProducer() {
        producer.close();
    }

    private Configuration conf() {
        Configuration conf = SampleRun.local(new Configuration());
        Settings.KAFKA_BOOTSTRAP_SERVERS.set(conf, broker.bootstrapServers());
        Settings.VERBOSE.set(conf, false);
        Settings.LOCK_LEASE_SECONDS.set(conf, LEASE_SECONDS);
        return conf;
    }

    private static void createTopic(String topic, int partitions) throws Exception {
        TestBroker.createTopic(topic, partitions);
    }

    /** {@code n} lines keyed by host, each stamped with a time in the last {@code hours} hours; returns the lines. */
    private List<String> produce(String topic, int n, int hours) throws Exception {
        long now = System.currentTimeMillis();
        return produce(topic, n, now - hours * HOUR, now - 60_000);
    }

    /** {@code n} lines keyed by host, each stamped with a time in {@code [from, to)}; returns the lines. */
    private List<String> produce(String topic, int n, long from, long to) throws Exception {
        List<String> lines = new ArrayList<>();
        List<Future<?>> sent = new ArrayList<>();
        // The producer's own view of a new topic: a partition it first saw without a leader has had batches expire.
        long deadline = System.currentTimeMillis() + 30_000;
        while (producer.partitionsFor(topic).stream().anyMatch(p -> p.leader() == null || p.leader().id() < 0)) {
            assertTrue(System.currentTimeMillis() < deadline, topic + ": the producer sees no leader for a partition");
            Thread.sleep(100);
        }
        for (int i = 0; i < n; i++) {
            long time = from + random.nextLong(to - from);
            String host = "web-" + random.nextInt(4);
            String line = host + " line " + produced++ + " at " + time;
            sent.add(producer.send(new ProducerRecord<>(topic, null, time, host, line)));
            lines.add(line);
        }
        try {
            for (Future<?> send : sent) {
                send.get(60, TimeUnit.SECONDS);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("producing to " + topic + " failed; the broker's log ends:\n" + TestBroker.logTail(), e);
        }
        return lines;
    }

    private LandKafka.Result pull(File warehouse, String topic) throws Exception {
        LandKafka land = new LandKafka();
        land.setConf(conf());
        return land.pull(new org.apache.hadoop.fs.Path(warehouse.toURI()), topic, "access_logs");
    }

    /** The lines in the hours' visible files (or in their {@code folder}), each checked to be in its own hour. */
    private static Map<String, Integer> landed(File warehouse, String folder) throws IOException {
        Map<String, Integer> lines = new TreeMap<>();
        Path raw = warehouse.toPath().resolve("raw/access_logs");
        if (!Files.exists(raw)) {
            return lines;
        }
        try (Stream<Path> files = Files.walk(raw)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                boolean inFolder = folder == null ? !file.toString().contains("/_") : file.getParent().endsWith(folder);
                if (name.startsWith(".") || name.startsWith("_") || !inFolder) {
                    continue;
                }
                Path hour = folder == null ? file.getParent() : file.getParent().getParent();
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    long time = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
                    ZonedDateTime at = Instant.ofEpochMilli(time).atZone(ZoneOffset.UTC);
                    assertEquals("dt=" + at.toLocalDate() + "/hour=" + String.format("%02d", at.getHour()),
                            hour.getParent().getFileName() + "/" + hour.getFileName(), line);
                    lines.merge(line, 1, Integer::sum);
                }
            }
        }
        return lines;
    }

    private static void assertExactlyOnce(List<String> produced, File warehouse) throws IOException {
        Map<String, Integer> landed = landed(warehouse, null);
        landed(warehouse, "_late").forEach((line, n) -> landed.merge(line, n, Integer::sum));
        List<String> twice = landed.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        assertTrue(twice.isEmpty(), twice.size() + " lines landed twice, e.g. " + twice.stream().limit(3).toList());
        List<String> missing = produced.stream().filter(l -> !landed.containsKey(l)).toList();
        assertTrue(missing.isEmpty(), missing.size() + " lines never landed, e.g. " + missing.stream().limit(3).toList());
        assertEquals(produced.size(), landed.size());
    }

    @Test
    void everyRecordLandsOnceInItsHourAndTheHoursBehindTheGraceAreClosed() throws Exception {
        createTopic("shop-logs", 3);
        File warehouse = new File(tmp, "warehouse");
        List<String> lines = new ArrayList<>(produce("shop-logs", 3_000, 5));
        long started = System.currentTimeMillis();

        LandKafka.Result first = pull(warehouse, "shop-logs");

        assertEquals(3_000, first.records());
        assertEquals(3_000, first.landed());
        assertExactlyOnce(lines, warehouse);
        long closeThrough = started - 10 * 60_000L - Math.floorMod(started - 10 * 60_000L, HOUR);
        for (long hour = closeThrough - 3 * HOUR; hour < closeThrough + 2 * HOUR; hour += HOUR) {
            ZonedDateTime at = Instant.ofEpochMilli(hour).atZone(ZoneOffset.UTC);
            File flag = new File(warehouse, String.format("raw/access_logs/dt=%s/hour=%02d/_SUCCESS", at.toLocalDate(),
                    at.getHour()));
            if (hour < closeThrough - HOUR) {
                assertTrue(flag.exists(), flag + " missing: all records of that hour were produced before the pull");
                assertEquals(List.of(HourCompaction.COMPACTED), List.of(flag.getParentFile().list(
                        (dir, name) -> !name.startsWith("_") && !name.startsWith("."))), "a closed hour is one file");
            } else if (hour >= closeThrough + HOUR) {
                assertFalse(flag.exists(), flag + ": the hour is not over");
            }
        }

        LandKafka.Result again = pull(warehouse, "shop-logs");
        assertEquals(0, again.records(), "a pull with nothing new reads nothing");
        assertExactlyOnce(lines, warehouse);

        // New records, among them one for an hour the first pull closed: it goes to that hour's _late folder.
        lines.addAll(produce("shop-logs", 500, closeThrough, System.currentTimeMillis()));
        long old = closeThrough - 3 * HOUR + 5;
        String late = "web-9 line late at " + old;
        producer.send(new ProducerRecord<>("shop-logs", null, old, "web-9", late)).get();
        lines.add(late);
        LandKafka.Result third = pull(warehouse, "shop-logs");
        assertEquals(501, third.records());
        assertEquals(1, third.late());
        assertEquals(Map.of(late, 1), landed(warehouse, "_late"));
        assertExactlyOnce(lines, warehouse);
    }

    @Test
    void offsetsThatExpiredBeforeTheyWerePulledAreCountedAsLost() throws Exception {
        createTopic("expiring", 1);
        File warehouse = new File(tmp, "warehouse");
        List<String> kept = new ArrayList<>(produce("expiring", 100, 2));
        pull(warehouse, "expiring");
        List<String> more = produce("expiring", 100, 2);
        admin.deleteRecords(Map.of(new TopicPartition("expiring", 0), RecordsToDelete.beforeOffset(150))).all()
                .get(30, TimeUnit.SECONDS);

        LandKafka.Result result = pull(warehouse, "expiring");

        assertEquals(50, result.lost(), "offsets 100 to 149 expired unpulled");
        assertEquals(50, result.records());
        kept.addAll(more.subList(50, 100));
        assertExactlyOnce(kept, warehouse);
    }

    @Test
    void aPullStoppedAtAnyPhaseIsRedoneOrFinishedByTheNextOne() throws Exception {
        createTopic("stopped", 2);
        File warehouse = new File(tmp, "warehouse");
        List<String> lines = new ArrayList<>();
        for (LandKafka.Phase phase : LandKafka.Phase.values()) {
            lines.addAll(produce("stopped", 400, 3));
            LandKafka stopping = new LandKafka() {
                @Override
                void reached(Phase reached) {
                    if (reached == phase) {
                        throw new IllegalStateException("stopped at " + phase);
                    }
                }
            };
            stopping.setConf(conf());
            assertThrows(IllegalStateException.class, () -> stopping.pull(new org.apache.hadoop.fs.Path(warehouse.toURI()),
                    "stopped", "access_logs"));
            LandKafka.Result next = pull(warehouse, "stopped");
            assertEquals(phase == LandKafka.Phase.PULLED ? 400 : 0, next.records(), "after a stop at " + phase);
            assertExactlyOnce(lines, warehouse);
        }
    }

    @Test
    void aPullKilledAtAnyMomentLosesAndDuplicatesNothing() throws Exception {
        createTopic("killed", 3);
        File warehouse = new File(tmp, "warehouse");
        List<String> lines = new ArrayList<>();
        for (long delay : new long[] {1_500, 3_000, 4_500, 6_000, 8_000, 11_000}) {
            lines.addAll(produce("killed", 2_000, 3));
            Process process = landKafkaProcess(warehouse, "killed");
            if (!process.waitFor(delay, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
            Thread.sleep(5_500); // the killed pull's lock lease runs out
            pull(warehouse, "killed");
            assertExactlyOnce(lines, warehouse);
        }
    }

    @Test
    void twoPullsAtOnceLandEachRecordOnce() throws Exception {
        createTopic("twice", 2);
        File warehouse = new File(tmp, "warehouse");
        List<String> lines = produce("twice", 3_000, 3);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<LandKafka.Result>> pulls = List.of(pool.submit(() -> pull(warehouse, "twice")),
                    pool.submit(() -> pull(warehouse, "twice")));
            long records = 0;
            int refused = 0;
            for (Future<LandKafka.Result> pull : pulls) {
                try {
                    records += pull.get().records();
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(e.getCause() instanceof JobFailedException, String.valueOf(e.getCause()));
                    assertTrue(e.getCause().getMessage().contains("another run holds it"), e.getCause().getMessage());
                    refused++;
                }
            }
            assertTrue(refused <= 1, "one of them ran");
            assertEquals(3_000, records);
        } finally {
            pool.shutdownNow();
        }
        assertExactlyOnce(lines, warehouse);
    }

    @Test
    void theDailyCleanStageReadsEveryLineThePullsLandedInTheDaysHours() throws Exception {
        createTopic("web-logs", 2);
        File warehouse = new File(tmp, "warehouse");
        java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 20);
        List<io.clickstream.generate.AccessLogGenerator.Line> generated = new io.clickstream.generate.AccessLogGenerator(
                io.clickstream.accesslog.LogFormat.of("combined"), 5, 0.02).days(day, 1, 3_000).get(0);
        KafkaProducer<String, byte[]> bytes = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false", ProducerConfig.RETRIES_CONFIG, "20",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.ByteArraySerializer.class.getName()));
        try (bytes) {
            for (io.clickstream.generate.AccessLogGenerator.Line line : generated) {
                bytes.send(new ProducerRecord<>("web-logs", null, line.timestampMillis(), line.server().name(), line.bytes()));
            }
        }
        LandKafka.Result landed = pull(warehouse, "web-logs");
        assertEquals(generated.size(), landed.records());
        assertEquals(generated.size(), landed.landed() + landed.quarantined(), "none late: the day was never pulled before");

        io.clickstream.jobs.accesslogs.CleanAccessLogs clean = new io.clickstream.jobs.accesslogs.CleanAccessLogs();
        clean.setConf(conf());
        io.clickstream.jobs.Accounting books = clean.run(day, new org.apache.hadoop.fs.Path(warehouse.toURI())).accounting();
        assertEquals(landed.landed(), books.read(), "every landed line read by the day's clean stage, from its hours");
        long expectedQuarantine = generated.stream().filter(l -> l.expected() != null).count();
        assertEquals(expectedQuarantine, books.quarantined() + landed.quarantined());
    }

    /** {@code land-kafka} as its command line runs it, in a JVM of its own that the test can kill. */
    private static Process landKafkaProcess(File warehouse, String topic) throws IOException {
        return ChildJvm.main(new File(warehouse.getParentFile(), "land-kafka-" + System.nanoTime() + ".log"), "land-kafka",
                "-conf", LandKafkaTest.class.getResource("/conf/hadoop-local.xml").getPath(),
                "-D", Settings.KAFKA_BOOTSTRAP_SERVERS + "=" + broker.bootstrapServers(),
                "-D", Settings.LOCK_LEASE_SECONDS + "=" + LEASE_SECONDS, "-D", Settings.VERBOSE + "=false",
                "--topic", topic, "--source", "access_logs", "--warehouse", warehouse.toURI().toString());
    }
}
