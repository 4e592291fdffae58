package io.clickstream.jobs.events;

import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.DailyStage;
import io.clickstream.jobs.Settings;
import io.clickstream.events.EventRejectReason;
import io.clickstream.jobs.Accounting;
import io.clickstream.jobs.Args;
import io.clickstream.jobs.HourlyRun;
import io.clickstream.jobs.LateArrivals;
import io.clickstream.jobs.CleanRun;
import io.clickstream.jobs.PartitionCommit;
import io.clickstream.jobs.QuarantineSink;
import io.clickstream.jobs.RawTextInputFormat;
import io.clickstream.jobs.Schemas;
import io.clickstream.jobs.Warehouse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.GzipCodec;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/**
 * {@code clean-events}: the application events that arrived on day D (JSON lines in {@code raw/events/dt=D})
 * plus the late arrivals other days forwarded to D ({@code late/events/dt=D/arrived=*}), validated,
 * deduplicated by event_id and written as {@code clean/events/dt=D}, partitioned by event time.
 *
 * <p>Late data: an event that arrives on D but happened on an earlier day E within the lateness window is
 * not put into D; its line goes to {@code late/events/dt=E/arrived=D}, and the run prints the days to clean
 * again. Rerunning E then includes it (and dedups it against E's own events). Older events and events from
 * the future are quarantined.
 *
 * <p>With {@code --hour H}, one streamed hour ({@code raw/events/dt=D/hour=HH}) into the provisional hour
 * {@code clean/events/dt=D/hour=HH} ({@link HourlyRun}): deduplicated within the hour; its late events are counted but
 * left for the day's run to forward, so that they are forwarded once.
 */
public class CleanEvents extends DailyStage<CleanEvents.Result> {

    public static final String NAME = "clean-events";

    /** What a run did: the accounting, and the earlier days that received late events (to clean again). */
    public record Result(Accounting accounting, Map<LocalDate, Long> lateDays, Path output, Path quarantine)
            implements DailyStage.Outcome {

        @Override
        public String report() {
            return String.format("%s%nevents: %s%nquarantine: %s%s", accounting.summary(), output, quarantine,
                    lateDays.isEmpty() ? "" : "\nlate events forwarded to " + lateDays + ": run " + NAME
                            + " again for those days");
        }
    }

    public CleanEvents() {
        super(NAME, "one day of application events (JSON lines) into events, deduplicated; late ones to their own day");
    }

    @Override
    protected Args.Spec options() {
        return super.options().optional("hour", "HH", HourlyRun.OPTION_DOC, null);
    }

    @Override
    protected Result run(Args args) throws Exception {
        Integer hour = HourlyRun.hour(args);
        Path root = new Path(args.get("warehouse"));
        return hour == null ? run(args.date("date"), root) : runHour(args.date("date"), hour, root);
    }

    @Override
    public Result run(LocalDate date, Path root) throws Exception {
        Path raw = Datasets.RAW_EVENTS.partition(root, date);
        Path lateForDate = Datasets.LATE_EVENTS.partition(root, date);
        try (CleanRun run = new CleanRun(getConf(), NAME, date)) {
            run.requireInput(raw, lateForDate);
            return run(run, date, root, List.of(raw, lateForDate), Datasets.EVENTS.partition(root, date),
                    Datasets.QUARANTINED_EVENTS.partition(root, date), true);
        }
    }

    /** Cleans the streamed hour {@code raw/events/dt=D/hour=HH} into the provisional hour, then flags it done. */
    public Result runHour(LocalDate date, int hour, Path root) throws Exception {
        Path raw = Datasets.RAW_EVENTS.hour(root, date, hour);
        Path output = Datasets.EVENTS.hour(root, date, hour);
        try (CleanRun run = new CleanRun(getConf(), NAME, date, hour)) {
            run.requireHour(raw);
            Result result = run(run, date, root, List.of(raw), output, Datasets.QUARANTINED_EVENTS.hour(root, date, hour),
                    false);
            run.markDone(output);
            return result;
        }
    }

    private Result run(CleanRun run, LocalDate date, Path root, List<Path> inputs, Path output, Path quarantine,
            boolean forwardLate) throws Exception {
        Configuration conf = getConf();
        Path staging = run.staging(output);
        Job job = configure(date, inputs, staging);
        Counters counters = run.run(job, staging);
        LateArrivals.recordRead(job, staging);
        Map<LocalDate, Long> lateDays = lateDays(counters);
        long lateWritten = lateDays.values().stream().mapToLong(Long::longValue).sum();
        Accounting accounting = new Accounting(NAME, counters.findCounter(CleanEventsCounter.LINES_READ).getValue(),
                counters.findCounter(CleanEventsCounter.ACCEPTED).getValue(),
                counters.findCounter(CleanEventsCounter.QUARANTINED).getValue(),
                counters.findCounter(CleanEventsCounter.DUPLICATES).getValue(),
                counters.findCounter(CleanEventsCounter.LATE).getValue());
        List<String> violations = new ArrayList<>(accounting.violations(
                counters.findCounter(TaskCounter.MAP_INPUT_RECORDS).getValue(),
                counters.findCounter(TaskCounter.REDUCE_OUTPUT_RECORDS).getValue(),
                QuarantineSink.written(counters)));
        if (lateWritten != accounting.late()) {
            violations.add("late " + accounting.late() + " != " + lateWritten + " late lines written");
        }
        run.requireBalanced(violations, staging);

        Path stagedLate = new Path(staging, CleanEventsMapper.LATE_OUTPUT);
        if (forwardLate) {
            publishLate(conf, root, date, stagedLate);
        } else {
            stagedLate.getFileSystem(conf).delete(stagedLate, true);
        }
        CleanRun.Committed committed = run.publish(accounting, staging, output, quarantine,
                CleanRun.reasons(counters, EventRejectReason.class));
        return new Result(accounting, forwardLate ? lateDays : Map.of(), committed.output(), committed.quarantine());
    }

    private Job configure(LocalDate date, List<Path> inputs, Path staging) throws IOException {
        Configuration conf = getConf();
        Job job = newJob(date, Schemas.EVENT, staging);

        job.setInputFormatClass(RawTextInputFormat.class);
        FileInputFormat.setInputDirRecursive(job, true);
        long inputBytes = 0;
        for (Path input : inputs) {
            FileSystem fs = input.getFileSystem(conf);
            if (fs.exists(input)) {
                RawTextInputFormat.addRawDay(job, input);
                inputBytes += fs.getContentSummary(input).getLength();
            }
        }
        job.setMapperClass(CleanEventsMapper.class);
        job.setMapOutputKeyClass(Text.class);
        AvroJob.setMapOutputValueSchema(job, Schemas.EVENT);
        job.setReducerClass(CleanEventsReducer.class);
        long perReducer = Settings.EVENTS_BYTES_PER_REDUCER.get(conf);
        job.setNumReduceTasks((int) Math.max(1, Math.min(200, (inputBytes + perReducer - 1) / perReducer)));
        QuarantineSink.configure(job);
        MultipleOutputs.addNamedOutput(job, CleanEventsMapper.LATE_OUTPUT, TextOutputFormat.class, NullWritable.class,
                Text.class);
        MultipleOutputs.setCountersEnabled(job, true);
        // Late lines are forwarded byte for byte, gzipped (the Avro outputs use their own codec).
        FileOutputFormat.setOutputCompressorClass(job, GzipCodec.class);
        return job;
    }

    /** Late lines written per event day, as counted by the late output itself ({@code late/dt=E/part}). */
    private static Map<LocalDate, Long> lateDays(Counters counters) {
        Map<LocalDate, Long> days = new TreeMap<>();
        for (Counter counter : counters.getGroup(MultipleOutputs.class.getName())) {
            String name = counter.getName();
            if (name.startsWith(CleanEventsMapper.LATE_OUTPUT + "/dt=") && counter.getValue() > 0) {
                String day = name.substring((CleanEventsMapper.LATE_OUTPUT + "/dt=").length(), name.lastIndexOf('/'));
                days.merge(LocalDate.parse(day), counter.getValue(), Long::sum);
            }
        }
        return days;
    }

    /**
     * Moves each staged {@code late/dt=E} to {@code late/events/dt=E/arrived=D}, replacing what an earlier
     * run of D forwarded there.
     */
    private static void publishLate(Configuration conf, Path root, LocalDate date, Path stagedLate) throws IOException {
        FileSystem fs = stagedLate.getFileSystem(conf);
        Path lateRoot = new Path(new Path(root, Datasets.LATE_EVENTS.zone()), Datasets.LATE_EVENTS.name());
        if (fs.exists(lateRoot)) {
            for (FileStatus day : fs.listStatus(lateRoot)) {
                Path previous = new Path(day.getPath(), "arrived=" + date);
                if (fs.exists(previous)) {
                    fs.delete(previous, true);
                }
            }
        }
        if (!fs.exists(stagedLate)) {
            return;
        }
        for (FileStatus day : fs.listStatus(stagedLate)) {
            LocalDate eventDay = Warehouse.parseDate(day.getPath().getName().substring("dt=".length()));
            PartitionCommit.replace(conf, day.getPath(),
                    new Path(Datasets.LATE_EVENTS.partition(root, eventDay), "arrived=" + date));
        }
        fs.delete(stagedLate, true);
    }
}
