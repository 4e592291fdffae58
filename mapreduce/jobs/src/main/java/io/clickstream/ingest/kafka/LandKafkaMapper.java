package io.clickstream.ingest.kafka;

import io.clickstream.jobs.Dataset;
import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.Settings;
import io.clickstream.jobs.TaskFailures;
import io.clickstream.jobs.Warehouse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Writes one partition's records of a pull as raw lines into their hours ({@link HourRouter}), in a directory of its
 * task attempt; at the end it reports what it read and wrote ({@code _partition.json}) and commits the attempt with
 * one rename to {@code p-<partition>} under the pull's staging. A second attempt of the same partition (a retry, a
 * speculative copy) finds that directory taken and drops its own: the partition's files are those of one attempt.
 */
public final class LandKafkaMapper extends Mapper<Long, ConsumerRecord<byte[], byte[]>, NullWritable, NullWritable> {

    static final String REPORT = "_partition.json";

    private final Map<Path, OutputStream> open = new LinkedHashMap<>();
    private final Map<Path, long[]> lines = new LinkedHashMap<>();
    private PullLedger.Plan plan;
    private KafkaSplit split;
    private FileSystem fs;
    private Path attempt;
    private HourRouter router;
    private long records;
    private long expectedOffset;
    private long gaps;
    private static final int KINDS = HourRouter.Kind.values().length;
    private final long[] byKind = new long[KINDS];
    /** The file of each hour and kind this task writes, by (epoch hour, kind): no path built per record. */
    private final Map<Long, Path> files = new HashMap<>();
    private Dataset source;

    @Override
    public void run(Context context) throws IOException, InterruptedException {
        TaskFailures.recorded(context, () -> super.run(context));
    }

    @Override
    protected void setup(Context context) throws IOException {
        plan = PullLedger.Plan.fromJson(Settings.KAFKA_PULL_PLAN.get(context.getConfiguration()));
        split = (KafkaSplit) context.getInputSplit();
        Path staging = new Path(plan.staging());
        fs = staging.getFileSystem(context.getConfiguration());
        attempt = new Path(new Path(staging, "_attempts"), context.getTaskAttemptID().toString());
        fs.delete(attempt, true);
        router = new HourRouter(String.format(Locale.ROOT, "%s-%d-%012d", split.topic(), split.partition(), split.from()),
                plan.closedThroughMillis());
        expectedOffset = split.from();
        source = Datasets.of(Warehouse.RAW, plan.source());
    }

    @Override
    protected void map(Long offset, ConsumerRecord<byte[], byte[]> record, Context context) throws IOException {
        records++;
        gaps += offset - expectedOffset;
        expectedOffset = offset + 1;
        HourRouter.Route route = router.route(offset, record.timestamp(), record.value());
        Path file = files.computeIfAbsent((route.day().toEpochDay() * 24 + route.hour()) * KINDS + route.kind().ordinal(),
                key -> {
                    Path hour = source.hour(attempt, route.day(), route.hour());
                    return new Path(route.folder().isEmpty() ? hour : new Path(hour, route.folder()), route.file());
                });
        OutputStream out = open.get(file);
        if (out == null) {
            out = fs.create(file, true);
            open.put(file, out);
            lines.put(file, new long[1]);
        }
        out.write(route.line());
        out.write('\n');
        lines.get(file)[0]++;
        byKind[route.kind().ordinal()]++;
        context.getCounter(LandKafkaCounter.RECORDS).increment(1);
        context.getCounter(counter(route.kind())).increment(1);
    }

    @Override
    protected void cleanup(Context context) throws IOException {
        for (OutputStream out : open.values()) {
            out.close();
        }
        gaps += split.to() - expectedOffset;
        context.getCounter(LandKafkaCounter.OFFSET_GAPS).increment(gaps);
        Path committed = new Path(new Path(plan.staging()), "p-" + split.partition());
        String prefix = committed.getName() + "/";
        List<PullLedger.LandedFile> landed = new ArrayList<>();
        String root = attempt.toUri().getPath() + "/";
        lines.forEach((file, count) -> {
            String relative = file.toUri().getPath().substring(root.length());
            landed.add(new PullLedger.LandedFile(prefix + relative, relative, count[0]));
        });
        PullLedger.writeReport(fs, new Path(attempt, REPORT), new PullLedger.PartitionPull(split.partition(),
                split.from(), split.to(), records, byKind[HourRouter.Kind.LANDED.ordinal()],
                byKind[HourRouter.Kind.LATE.ordinal()], byKind[HourRouter.Kind.REJECTED.ordinal()], gaps, landed));
        fs.mkdirs(committed.getParent());
        if (fs.exists(committed) || !fs.rename(attempt, committed)) {
            fs.delete(attempt, true); // another attempt of this partition committed first
        }
    }

    private static LandKafkaCounter counter(HourRouter.Kind kind) {
        return switch (kind) {
            case LANDED -> LandKafkaCounter.LANDED;
            case LATE -> LandKafkaCounter.LATE;
            case REJECTED -> LandKafkaCounter.QUARANTINED;
        };
    }
}
