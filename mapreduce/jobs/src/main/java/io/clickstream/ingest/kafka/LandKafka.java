package io.clickstream.ingest.kafka;

import io.clickstream.jobs.Args;
import io.clickstream.jobs.Dataset;
import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.DayLock;
import io.clickstream.jobs.JobFailedException;
import io.clickstream.jobs.JobSettings;
import io.clickstream.jobs.Settings;
import io.clickstream.jobs.TaskFailures;
import io.clickstream.jobs.Warehouse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.NullOutputFormat;
import org.apache.hadoop.util.Tool;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code land-kafka}: pulls a topic into hourly raw partitions, exactly once, the way Camus and Gobblin do. It takes each
 * partition's end offset at its start and pulls from where the last committed pull stopped up to there, one map task
 * per partition, each record a line in the hour of its Kafka timestamp ({@code raw/<source>/dt=D/hour=HH/}), in the
 * raw format the clean stages read. The offsets are committed in HDFS together with the data ({@link PullLedger}), never
 * to Kafka. Then every hour that ended {@link Settings#KAFKA_HOUR_GRACE_MINUTES} before the pull's start gets its
 * {@code _SUCCESS}, its files (one a pull and partition) compacted into one first ({@link HourCompaction}): all
 * records produced by then have been pulled, and records still to come for it go to its {@code _late/} folder. One pull of a topic at a time ({@link DayLock}); offsets that expired from the topic before
 * they were pulled are reported as lost, by partition and range.
 */
public class LandKafka extends Configured implements Tool {

    public static final String NAME = "land-kafka";
    private static final long HOUR = 3_600_000L;

    /** The points a pull passes; a test stops a pull at each to check that the next one recovers. */
    enum Phase { PULLED, COMMITTED, PUBLISHED }

    /** What a pull did: the records read by outcome, the offsets lost, the hours it closed. */
    public record Result(long sequence, long records, long landed, long late, long quarantined, long lost,
            List<String> closedHours) {
    }

    @Override
    public int run(String[] argv) throws Exception {
        Args args = Args.command(NAME, "pulls a Kafka topic into hourly raw partitions, exactly once, from the offsets"
                        + " the last pull committed in HDFS to the end offsets at the start")
                .required("topic", "TOPIC", "the topic to pull")
                .optional("source", "DATASET", "the raw dataset its records land in (access_logs, events); default:"
                        + " the topic's name", "")
                .optional("warehouse", "ROOT", "the warehouse root directory", "warehouse")
                .parse(argv);
        String topic = args.get("topic");
        String source = args.get("source").isEmpty() ? topic : args.get("source");
        Result result = pull(new Path(args.get("warehouse")), topic, source);
        System.out.printf("%s: topic %s pull %d: read %,d = landed %,d + late %,d + quarantined %,d; %,d offsets lost;"
                        + " hours closed: %s%n", NAME, topic, result.sequence(), result.records(), result.landed(),
                result.late(), result.quarantined(), result.lost(),
                result.closedHours().isEmpty() ? "none" : String.join(", ", result.closedHours()));
        return 0;
    }

    public Result pull(Path root, String topic, String source) throws Exception {
        if (!topic.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new IllegalArgumentException(NAME + ": --topic '" + topic + "' is not a Kafka topic name");
        }
        Dataset dataset = Datasets.find(Warehouse.RAW, source).orElseThrow(() -> new IllegalArgumentException(
                NAME + ": --source '" + source + "' is not a raw dataset (access_logs, events, ...)"));
        Configuration conf = getConf();
        Path state = new Path(new Path(new Path(root, "state"), NAME), topic);
        try (DayLock lock = DayLock.acquire(conf, NAME, "topic " + topic, state)) {
            PullLedger ledger = new PullLedger(conf, state);
            PullLedger.Commit last = ledger.latest();
            if (last != null) {
                publish(root, dataset, ledger, last);
            }
            ledger.discardUncommitted(last);
            long sequence = last == null ? 1 : last.sequence() + 1;
            long started = System.currentTimeMillis();
            List<PullLedger.Lost> lost = new ArrayList<>();
            List<PullLedger.Range> ranges = ranges(conf, topic, last, lost);
            long closedBefore = last == null ? -1 : last.closedThroughMillis();
            Path staging = ledger.staging(sequence);
            PullLedger.Plan plan = new PullLedger.Plan(topic, source, staging.toString(), closedBefore, ranges);
            runJob(conf, plan, staging);
            reached(Phase.PULLED);
            List<PullLedger.PartitionPull> partitions = reports(conf, plan, staging);
            long grace = Settings.KAFKA_HOUR_GRACE_MINUTES.get(conf) * 60_000L;
            long closeThrough = Math.max(closedBefore, floorHour(started - grace));
            long flagFrom = closedBefore >= 0 ? closedBefore : firstHour(partitions, closeThrough);
            PullLedger.Commit commit = new PullLedger.Commit(sequence, topic, source, Instant.ofEpochMilli(started)
                    .toString(), flagFrom, closeThrough, partitions, lost);
            lock.requireHeld();
            ledger.commit(commit);
            reached(Phase.COMMITTED);
            List<String> closed = publish(root, dataset, ledger, commit);
            reached(Phase.PUBLISHED);
            return new Result(sequence, sum(partitions, PullLedger.PartitionPull::records),
                    sum(partitions, PullLedger.PartitionPull::landed), sum(partitions, PullLedger.PartitionPull::late),
                    sum(partitions, PullLedger.PartitionPull::quarantined),
                    lost.stream().mapToLong(l -> l.to() - l.from()).sum(), closed);
        }
    }

    /** Called as a pull passes each {@link Phase}; nothing happens here. */
    void reached(Phase phase) {
    }

    /**
     * Each partition from where the last pull stopped (its first retained offset for a partition never pulled) to its
     * end offset now. Offsets that expired before they were pulled are added to {@code lost} and said on stderr.
     */
    private static List<PullLedger.Range> ranges(Configuration conf, String topic, PullLedger.Commit last,
            List<PullLedger.Lost> lost) throws IOException {
        Map<Integer, Long> committed = new HashMap<>();
        if (last != null) {
            last.partitions().forEach(p -> committed.put(p.partition(), p.to()));
        }
        List<PullLedger.Range> ranges = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(conf, NAME + "-" + topic)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(60));
            if (infos == null || infos.isEmpty()) {
                throw new JobFailedException(NAME + ": no topic '" + topic + "' at " + Settings.KAFKA_BOOTSTRAP_SERVERS.get(conf));
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            Map<TopicPartition, Long> first = consumer.beginningOffsets(partitions, Duration.ofSeconds(60));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(60));
            for (TopicPartition tp : partitions) {
                long from = committed.getOrDefault(tp.partition(), first.get(tp));
                if (from > end.get(tp)) {
                    throw new JobFailedException(String.format("%s: topic %s partition %d ends at offset %d, before the"
                                    + " offset %d the last pull stopped at: was the topic deleted and created again? Nothing"
                                    + " was pulled; move %s aside to start over", NAME, topic, tp.partition(),
                            end.get(tp), from, "state/" + NAME + "/" + topic));
                }
                if (from < first.get(tp)) {
                    lost.add(new PullLedger.Lost(tp.partition(), from, first.get(tp)));
                    System.err.printf("%s: topic %s partition %d: offsets %d to %d (%d records) expired from the topic"
                                    + " before they were pulled: lost%n", NAME, topic, tp.partition(), from,
                            first.get(tp) - 1, first.get(tp) - from);
                    from = first.get(tp);
                }
                ranges.add(new PullLedger.Range(tp.partition(), from, end.get(tp)));
            }
        }
        return ranges;
    }

    private void runJob(Configuration conf, PullLedger.Plan plan, Path staging) throws Exception {
        Job job = Job.getInstance(conf, NAME + " " + plan.topic());
        job.setJarByClass(getClass());
        JobSettings.isolateJobClasses(job.getConfiguration());
        Settings.KAFKA_PULL_PLAN.set(job.getConfiguration(), plan.toJson());
        job.getConfiguration().setBoolean("mapreduce.map.speculative", false);
        job.setInputFormatClass(LandKafkaInputFormat.class);
        job.setMapperClass(LandKafkaMapper.class);
        job.setNumReduceTasks(0);
        job.setOutputFormatClass(NullOutputFormat.class);
        FileOutputFormat.setOutputPath(job, staging); // where tasks record why they failed
        if (!job.waitForCompletion(Settings.VERBOSE.get(conf))) {
            String cause = TaskFailures.first(conf, staging);
            throw new JobFailedException(NAME + " for topic " + plan.topic() + " failed: " + (cause != null ? cause
                    : job.getStatus().getFailureInfo()) + " (job " + job.getJobID() + "; nothing was committed, the"
                    + " next pull starts from the same offsets)");
        }
        TaskFailures.clear(conf, staging);
    }

    /** Each partition's report, checked: every offset of the plan read, every record read written somewhere. */
    private static List<PullLedger.PartitionPull> reports(Configuration conf, PullLedger.Plan plan, Path staging)
            throws IOException {
        FileSystem fs = staging.getFileSystem(conf);
        List<PullLedger.PartitionPull> reports = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (PullLedger.Range range : plan.ranges()) {
            Path report = new Path(new Path(staging, "p-" + range.partition()), LandKafkaMapper.REPORT);
            if (!fs.exists(report)) {
                problems.add("partition " + range.partition() + ": no report from its task");
                continue;
            }
            PullLedger.PartitionPull pulled = PullLedger.readReport(fs, report);
            if (pulled.from() != range.from() || pulled.to() != range.to()) {
                problems.add("partition " + range.partition() + ": its task pulled " + pulled.from() + ".." + pulled.to()
                        + ", not " + range.from() + ".." + range.to());
            }
            problems.addAll(pulled.violations());
            reports.add(pulled);
        }
        if (!problems.isEmpty()) {
            throw new JobFailedException(NAME + " for topic " + plan.topic() + ": the books do not balance, nothing was"
                    + " committed: " + String.join("; ", problems));
        }
        return reports;
    }

    /**
     * Moves a committed pull's staged files into the warehouse (those already moved are skipped, so a pull that died
     * half-way through is finished by the next), then writes the {@code _SUCCESS} of each hour it closed.
     *
     * @return the hours closed, as {@code dt=D/hour=HH}
     */
    private List<String> publish(Path root, Dataset dataset, PullLedger ledger, PullLedger.Commit commit)
            throws IOException {
        Path staging = ledger.staging(commit.sequence());
        FileSystem fs = staging.getFileSystem(getConf());
        for (PullLedger.PartitionPull partition : commit.partitions()) {
            for (PullLedger.LandedFile file : partition.files()) {
                Path from = new Path(staging, file.staged());
                Path to = new Path(root, file.target());
                if (fs.exists(from)) {
                    fs.mkdirs(to.getParent());
                    if (!fs.rename(from, to)) {
                        throw new IOException("cannot move " + from + " to " + to + " (pull " + commit.sequence()
                                + " is committed: the next pull moves it)");
                    }
                } else if (!fs.exists(to) && !fs.exists(new Path(to.getParent(), HourCompaction.COMPACTED))) {
                    throw new JobFailedException(NAME + ": " + to + " of committed pull " + commit.sequence()
                            + " is neither staged nor landed: the raw zone was changed behind the pull's back");
                }
            }
        }
        List<String> closed = new ArrayList<>();
        for (long hour = commit.flagFromMillis(); hour < commit.closedThroughMillis(); hour += HOUR) {
            ZonedDateTime time = Instant.ofEpochMilli(hour).atZone(ZoneOffset.UTC);
            Path dir = dataset.hour(root, time.toLocalDate(), time.getHour());
            Path flag = new Path(dir, "_SUCCESS");
            if (!fs.exists(flag)) {
                fs.mkdirs(dir);
                HourCompaction.compact(getConf(), dir);
                fs.create(flag, true).close();
            }
            closed.add(dir.getParent().getName() + "/" + dir.getName());
        }
        fs.delete(staging, true);
        return closed;
    }

    /** The first hour a first pull closes: the earliest it landed a record in (none: nothing to close). */
    private static long firstHour(List<PullLedger.PartitionPull> partitions, long closeThrough) {
        long first = closeThrough;
        for (PullLedger.PartitionPull partition : partitions) {
            for (PullLedger.LandedFile file : partition.files()) {
                first = Math.min(first, hourOf(file.target()));
            }
        }
        return first;
    }

    /** The start of the hour of a landed file's path ({@code raw/<source>/dt=D/hour=HH/...}). */
    private static long hourOf(String target) {
        Path hour = new Path(target).getParent();
        while (!hour.getName().startsWith("hour=")) {
            hour = hour.getParent();
        }
        return Warehouse.dayOf(hour).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
                + Integer.parseInt(hour.getName().substring("hour=".length())) * HOUR;
    }

    private static long floorHour(long millis) {
        return millis - Math.floorMod(millis, HOUR);
    }

    private static long sum(List<PullLedger.PartitionPull> partitions,
            java.util.function.ToLongFunction<PullLedger.PartitionPull> figure) {
        return partitions.stream().mapToLong(figure).sum();
    }
}
