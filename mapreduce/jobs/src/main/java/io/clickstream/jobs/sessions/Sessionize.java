package io.clickstream.jobs.sessions;

import io.clickstream.jobs.FlatRecordBytesInputFormat;
import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.Settings;
import io.clickstream.jobs.Accounting;
import io.clickstream.jobs.CleanRun;
import io.clickstream.jobs.DailyStage;
import io.clickstream.jobs.JobSettings;
import io.clickstream.jobs.PartitionCommit;
import io.clickstream.jobs.Schemas;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.mapreduce.AvroKeyOutputFormat;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.GzipCodec;
import org.apache.hadoop.io.compress.SnappyCodec;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/**
 * {@code sessionize}: day D's page views, deduplicated (exact duplicate lines), with user agent, bot flag,
 * visitor and session ({@code marts/sessionized_page_views/dt=D}), and the sessions that start on D
 * ({@code marts/sessions/dt=D}).
 *
 * <p>Across midnight: the job also reads the previous day's page views (their times, so D's first page
 * views join a session begun before midnight under its id) and the next day's first hours up to the
 * lookahead (so D's last sessions are complete). When the next day has not landed yet, D's sessions that
 * are still open at midnight end there; the workflow of D+1 runs sessionize for D again, which completes
 * them: the run for a day is final once the next day's page views are in.
 */
public class Sessionize extends DailyStage<Sessionize.Result> {

    public static final String NAME = "sessionize";

    /** What a run did; {@code nextDaySeen} is false while the next day's page views are missing. */
    public record Result(Accounting accounting, long sessions, boolean nextDaySeen, Path pageViews, Path sessionsPath,
            long inputBytes, long shuffleBytes) implements DailyStage.Outcome {

        @Override
        public String report() {
            return String.format("%s%n%,d sessions: %s%npage views: %s%s", accounting.summary(), sessions, sessionsPath,
                    pageViews, nextDaySeen ? "" : "\nthe next day's page views are not in yet: sessions open at midnight"
                            + " end there until this day is sessionized again");
        }
    }

    public Sessionize() {
        super(NAME, "sessions of the day's human page views, and the page views with their session");
    }

    @Override
    public Result run(LocalDate date, Path root) throws Exception {
        Configuration conf = getConf();
        Settings.sessionRules(conf);
        SessionizeSettings.userAgents(conf);
        Path day = Datasets.PAGE_VIEWS.current(conf, root, date);
        Path previous = Datasets.PAGE_VIEWS.current(conf, root, date.minusDays(1));
        Path next = Datasets.PAGE_VIEWS.current(conf, root, date.plusDays(1));
        Path pageViews = Datasets.SESSIONIZED_PAGE_VIEWS.partition(root, date);
        Path sessions = Datasets.SESSIONS.partition(root, date);
        try (CleanRun run = new CleanRun(conf, NAME, date)) {
            run.requireInput(day);

            Path staging = run.staging(pageViews);
            FileSystem fs = day.getFileSystem(conf);
            boolean nextDaySeen = fs.exists(new Path(next, "_SUCCESS"));
            Job job = configure(date, List.of(previous, day, next), staging);
            Counters counters = run.run(job, staging);

            Accounting accounting = new Accounting(NAME, counters.findCounter(SessionizeCounter.PAGE_VIEWS_READ).getValue(),
                    counters.findCounter(SessionizeCounter.PAGE_VIEWS_WRITTEN).getValue(), 0,
                    counters.findCounter(SessionizeCounter.DUPLICATES).getValue(), 0);
            long context = counters.findCounter(SessionizeCounter.CONTEXT_PREVIOUS_DAY).getValue()
                    + counters.findCounter(SessionizeCounter.CONTEXT_NEXT_DAY).getValue()
                    + counters.findCounter(SessionizeCounter.CONTEXT_SKIPPED).getValue();
            List<String> violations = new ArrayList<>(accounting.violations(
                    counters.findCounter(TaskCounter.MAP_INPUT_RECORDS).getValue() - context,
                    counters.findCounter(TaskCounter.REDUCE_OUTPUT_RECORDS).getValue(), 0));
            long shuffled = counters.findCounter(SessionizeCounter.PAGE_VIEWS_SHUFFLED).getValue();
            if (shuffled != accounting.read()) {
                violations.add("read " + accounting.read() + " != " + shuffled + " page views that reached the reducers");
            }
            run.requireBalanced(violations, staging);

            run.requireCommitted(staging, accounting.accepted(), "the staged sessionized page views");
            run.requireCommitted(new Path(staging, SessionizeReducer.SESSIONS),
                    counters.findCounter(SessionizeCounter.SESSIONS).getValue(), "the staged sessions");
            Map<Path, Path> outputs = new LinkedHashMap<>();
            outputs.put(new Path(staging, SessionizeReducer.SESSIONS), sessions);
            outputs.put(staging, pageViews);
            Map<Path, Path> versions = run.publishAll(accounting, staging, outputs);
            return new Result(accounting, counters.findCounter(SessionizeCounter.SESSIONS).getValue(), nextDaySeen,
                    versions.get(pageViews), versions.get(sessions),
                    counters.findCounter(org.apache.hadoop.mapreduce.lib.input.FileInputFormatCounter.BYTES_READ).getValue(),
                    counters.findCounter(TaskCounter.MAP_OUTPUT_MATERIALIZED_BYTES).getValue());
        }
    }

    private Job configure(LocalDate date, List<Path> inputs, Path staging) throws IOException {
        Configuration conf = getConf();
        Job job = newJob(date, Schemas.SESSIONIZED_PAGE_VIEW, staging);
        Configuration jobConf = job.getConfiguration();
        JobSettings.preferUnlessConfigured(jobConf, MRJobConfig.MAP_OUTPUT_COMPRESS, "true");
        JobSettings.preferUnlessConfigured(jobConf, MRJobConfig.MAP_OUTPUT_COMPRESS_CODEC, SnappyCodec.class.getName());

        job.setInputFormatClass(FlatRecordBytesInputFormat.class);
        AvroJob.setInputKeySchema(job, Schemas.PAGE_VIEW);
        long inputBytes = 0;
        for (Path input : inputs) {
            FileSystem fs = input.getFileSystem(conf);
            if (fs.exists(input)) {
                FileInputFormat.addInputPath(job, input);
                inputBytes += fs.getContentSummary(input).getLength();
            }
        }
        job.setMapperClass(SessionizeMapper.class);
        job.setMapOutputKeyClass(VisitorTimeKey.class);
        job.setMapOutputValueClass(BytesWritable.class);
        job.setSortComparatorClass(VisitorTimeKey.RawComparator.class);
        job.setGroupingComparatorClass(VisitorTimeKey.VisitorGrouping.class);
        job.setPartitionerClass(VisitorTimeKey.VisitorPartitioner.class);
        job.setReducerClass(SessionizeReducer.class);
        long perReducer = Settings.SESSIONS_BYTES_PER_REDUCER.get(conf);
        job.setNumReduceTasks((int) Math.max(1, Math.min(200, (inputBytes + perReducer - 1) / perReducer)));

        AvroMultipleOutputs.addNamedOutput(job, SessionizeReducer.SESSIONS, AvroKeyOutputFormat.class, Schemas.SESSION);
        MultipleOutputs.addNamedOutput(job, SessionizeReducer.ORDER_INDEX, TextOutputFormat.class, NullWritable.class, Text.class);
        // The order index is text: gzipped (the Avro outputs use their own codec).
        FileOutputFormat.setOutputCompressorClass(job, GzipCodec.class);
        return job;
    }
}
