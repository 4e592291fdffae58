package io.clickstream.ingest.kafka;

import io.clickstream.generate.AccessLogGenerator;
import io.clickstream.generate.EventGenerator;
import io.clickstream.jobs.Args;
import io.clickstream.jobs.Settings;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.util.Tool;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code generate-live}: the sample shop's traffic as it happens, from now on for a while. Each web server's access-log
 * lines are appended to its file in {@code --access-logs DIR} at the moment they are logged (for {@code ship},
 * Filebeat or Fluent Bit to tail), and each application event is produced to the events topic the moment it happens,
 * as the shop backend would: the event's time is the record's timestamp, redeliveries and a share of broken events
 * included. The rate is flat, the day's volume spread evenly (the batch generator's days have a daytime peak): a demo
 * shows traffic at any hour.
 */
public class GenerateLive extends Configured implements Tool {

    public static final String NAME = "generate-live";

    /** What was produced, one record or line at a time, as it is sent (for a caller that follows it: freshness). */
    public record Produced(String source, long millis, boolean accepted, String eventId) {
    }

    /** What a run produced: log lines and events, and how many of each the clean stages must accept. */
    public record Summary(long lines, long acceptedLines, long events, long acceptedEvents, long redeliveredEvents) {
    }

    @Override
    public int run(String[] argv) throws Exception {
        Args args = Args.command(NAME, "the sample shop's access logs (files) and events (Kafka) as they happen")
                .required("access-logs", "DIR", "where each web server's log file is appended to")
                .optional("minutes", "N", "how long to run", "10")
                .optional("lines-per-day", "N", "the traffic, as access-log lines a day (at a flat rate, as busy at night as by day)", "200000")
                .optional("events-per-day", "N", "application events a day", "50000")
                .optional("events-topic", "TOPIC", "the topic the events go to", "events")
                .optional("seed", "N", "the random seed", "42")
                .optional("bad-share", "SHARE", "the share of damaged lines and events", "0.01")
                .parse(argv);
        Summary summary = run(getConf(), new File(args.get("access-logs")), Duration.ofMinutes(args.getInt("minutes")),
                args.getInt("lines-per-day"), args.getInt("events-per-day"), args.get("events-topic"),
                args.getInt("seed"), args.getDouble("bad-share"), p -> { });
        System.out.printf("%s: %,d access-log lines (%,d to accept), %,d events (%,d to accept, %,d redelivered)%n",
                NAME, summary.lines(), summary.acceptedLines(), summary.events(), summary.acceptedEvents(),
                summary.redeliveredEvents());
        return 0;
    }

    /**
     * Produces the traffic of the next {@code duration}, in real time; {@code sink} sees each line and event once it
     * is written or acknowledged by the brokers. Returns once the last one is.
     */
    public static Summary run(Configuration conf, File logDir, Duration duration, int linesPerDay, int eventsPerDay,
            String topic, long seed, double badShare, Consumer<Produced> sink) throws IOException, InterruptedException {
        long from = System.currentTimeMillis();
        long to = from + duration.toMillis();
        List<Timed> stream = new ArrayList<>();
        AccessLogGenerator logs = new AccessLogGenerator(Settings.ACCESS_LOGS_FORMAT.get(conf), seed, badShare);
        int lines = (int) Math.max(1, (long) linesPerDay * duration.toMillis() / 86_400_000L);
        for (AccessLogGenerator.Line line : logs.window(from, to, lines)) {
            stream.add(new Timed(line.timestampMillis(), line, null));
        }
        int events = (int) Math.max(1, (long) eventsPerDay * duration.toMillis() / 86_400_000L);
        for (EventGenerator.Timed event : new EventGenerator(seed, badShare).window(from, to, events)) {
            stream.add(new Timed(event.millis(), null, event));
        }
        stream.sort(Comparator.comparingLong(Timed::millis));
        logDir.mkdirs();
        Map<String, OutputStream> files = new HashMap<>();
        long[] counts = new long[5];
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.Properties producerProps = producerProperties(conf);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            for (Timed item : stream) {
                long wait = item.millis() - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                if (item.line() != null) {
                    OutputStream out = files.computeIfAbsent(item.line().server().name(), name -> append(new File(logDir,
                            name + ".log")));
                    out.write(item.line().bytes());
                    out.write('\n');
                    out.flush();
                    boolean accepted = item.line().expected() == null;
                    counts[0]++;
                    counts[1] += accepted ? 1 : 0;
                    sink.accept(new Produced("access_logs", item.millis(), accepted, null));
                } else {
                    EventGenerator.Timed event = item.event();
                    boolean accepted = event.line().outcome() == EventGenerator.Outcome.ACCEPTED;
                    byte[] key = event.eventId() == null ? null : event.eventId().getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>(topic, null, event.millis(), key, event.line().bytes()), (meta, e) -> {
                        if (e == null) {
                            sink.accept(new Produced("events", event.millis(), accepted, event.eventId()));
                        } else {
                            failed.compareAndSet(null, e);
                        }
                    });
                    counts[2]++;
                    counts[3] += accepted ? 1 : 0;
                    counts[4] += event.line().outcome() == EventGenerator.Outcome.DUPLICATE ? 1 : 0;
                }
            }
            producer.flush();
            if (failed.get() != null) {
                throw new IOException(NAME + ": an event could not be sent to " + topic + " after the producer's retries: "
                        + failed.get().getMessage(), failed.get());
            }
        } finally {
            for (OutputStream out : files.values()) {
                out.close();
            }
        }
        return new Summary(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    /** A backend's producer: every broker acknowledges, retried sends may deliver a record twice (clean-events drops copies). */
    private static java.util.Properties producerProperties(Configuration conf) throws IOException {
        java.util.Properties props = KafkaClients.common(conf, NAME);
        props.put("acks", "all");
        props.put("enable.idempotence", "false");
        props.put("linger.ms", "5");
        props.put("key.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class.getName());
        props.put("value.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class.getName());
        return props;
    }

    private static OutputStream append(File file) {
        try {
            return new FileOutputStream(file, true);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Timed(long millis, AccessLogGenerator.Line line, EventGenerator.Timed event) {
    }
}
