package io.clickstream.jobs.accesslogs;

import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.DailyStage;
import io.clickstream.accesslog.RejectReason;
import io.clickstream.jobs.Accounting;
import io.clickstream.jobs.Args;
import io.clickstream.jobs.CleanRun;
import io.clickstream.jobs.HourlyRun;
import io.clickstream.jobs.JobFailedException;
import io.clickstream.jobs.LateArrivals;
import io.clickstream.jobs.PartitionCommit;
import io.clickstream.jobs.QuarantineSink;
import io.clickstream.jobs.RawTextInputFormat;
import io.clickstream.jobs.Schemas;
import io.clickstream.jobs.Settings;
import io.clickstream.privacy.IpAnonymizer;
import java.io.IOException;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * {@code clean-access-logs}: one day of raw web-server logs (plain, gzip or bzip2) into {@code page_views}
 * Avro, every line it cannot accept into {@code quarantine/access_logs} with its reason. Publishes the day
 * only when the accounting balances and the quarantined share is under the threshold; a rerun replaces the
 * day exactly. With {@code --hour H}, one streamed hour ({@code raw/access_logs/dt=D/hour=HH}) into the provisional
 * hour {@code page_views/dt=D/hour=HH} ({@link HourlyRun}).
 */
public class CleanAccessLogs extends DailyStage<CleanAccessLogs.Result> {

    public static final String NAME = "clean-access-logs";

    /** What a run did, for callers that go on from here (the quickstart, tests). */
    public record Result(Accounting accounting, long eventTimeOutsideDay, Path output, Path quarantine)
            implements DailyStage.Outcome {

        @Override
        public String report() {
            return String.format("%s%npage views: %s%nquarantine: %s", accounting.summary(), output, quarantine);
        }
    }

    public CleanAccessLogs() {
        super(NAME, "one day of raw web-server logs into page_views, every line it cannot accept into the quarantine");
    }

    @Override
    protected Args.Spec options() {
        return super.options()
                .optional("input", "DIR", "the raw logs (default: the day's raw partition)", null)
                .optional("output", "DIR", "the page views (default: the day's clean partition)", null)
                .optional("quarantine", "DIR", "the quarantine (default: the day's quarantine partition)", null)
                .optional("hour", "HH", HourlyRun.OPTION_DOC, null);
    }

    @Override
    protected Result run(Args args) throws Exception {
        LocalDate date = args.date("date");
        Path root = new Path(args.get("warehouse"));
        Integer hour = HourlyRun.hour(args, "input", "output", "quarantine");
        if (hour != null) {
            return runHour(date, hour, root);
        }
        return run(date, path(args, "input", Datasets.RAW_ACCESS_LOGS.partition(root, date)),
                path(args, "output", Datasets.PAGE_VIEWS.partition(root, date)),
                path(args, "quarantine", Datasets.QUARANTINED_ACCESS_LOGS.partition(root, date)));
    }

    private static Path path(Args args, String option, Path fallback) {
        return args.has(option) ? new Path(args.get(option)) : fallback;
    }

    @Override
    public Result run(LocalDate date, Path root) throws Exception {
        return run(date, Datasets.RAW_ACCESS_LOGS.partition(root, date),
                Datasets.PAGE_VIEWS.partition(root, date),
                Datasets.QUARANTINED_ACCESS_LOGS.partition(root, date));
    }

    /**
     * Cleans the streamed hour {@code raw/access_logs/dt=D/hour=HH} into the provisional hour of page views and its
     * quarantine, then flags the hour done for the day's run to wait on.
     */
    public Result runHour(LocalDate date, int hour, Path root) throws Exception {
        Path output = Datasets.PAGE_VIEWS.hour(root, date, hour);
        try (CleanRun run = new CleanRun(getConf(), NAME, date, hour)) {
            Path input = Datasets.RAW_ACCESS_LOGS.hour(root, date, hour);
            run.requireHour(input);
            Result result = run(run, date, input, output, Datasets.QUARANTINED_ACCESS_LOGS.hour(root, date, hour));
            run.markDone(output);
            return result;
        }
    }

    /**
     * Cleans {@code input} into {@code output} and {@code quarantine}.
     *
     * @throws JobFailedException with a message for operators when the job, its accounting or its threshold fails
     */
    public Result run(LocalDate date, Path input, Path outputDir, Path quarantineDir) throws Exception {
        try (CleanRun run = new CleanRun(getConf(), NAME, date)) {
            run.requireInput(input);
            return run(run, date, input, outputDir, quarantineDir);
        }
    }

    private Result run(CleanRun run, LocalDate date, Path input, Path outputDir, Path quarantineDir) throws Exception {
        // new Path(String) drops a trailing slash (as File.toURI() adds for directories): partitions are named by their last part.
        Path output = new Path(outputDir.toString());
        Path quarantine = new Path(quarantineDir.toString());
        Path staging = run.staging(output);
        Job job = configure(date, input, staging);
        Counters counters = run.run(job, staging);
        LateArrivals.recordRead(job, staging);
        Accounting accounting = new Accounting(NAME, counters.findCounter(CleanAccessLogsCounter.LINES_READ).getValue(),
                counters.findCounter(CleanAccessLogsCounter.ACCEPTED).getValue(),
                counters.findCounter(CleanAccessLogsCounter.QUARANTINED).getValue());
        run.requireBalanced(accounting.violations(
                counters.findCounter(TaskCounter.MAP_INPUT_RECORDS).getValue(),
                counters.findCounter(TaskCounter.MAP_OUTPUT_RECORDS).getValue(),
                QuarantineSink.written(counters)), staging);
        CleanRun.Committed committed = run.publish(accounting, staging, output, quarantine,
                CleanRun.reasons(counters, RejectReason.class));
        return new Result(accounting, counters.findCounter(CleanAccessLogsCounter.EVENT_TIME_OUTSIDE_DAY).getValue(),
                committed.output(), committed.quarantine());
    }

    private Job configure(LocalDate date, Path input, Path staging) throws IOException {
        Configuration conf = getConf();
        Job job = newJob(date, Schemas.PAGE_VIEW, staging);
        if (Settings.IP_ANONYMIZE.get(conf) == IpAnonymizer.Mode.HASH) {
            byte[] key = Settings.IP_HASH_KEY.lookup(conf);
            if (key == null) {
                throw new IllegalArgumentException(Settings.IP_ANONYMIZE + "=hash needs a key: put it in "
                        + Settings.IP_HASH_KEY.where());
            }
            IpAnonymizer.of(IpAnonymizer.Mode.HASH, key); // rejects a weak key here rather than in every task
            job.getCredentials().addSecretKey(CleanAccessLogsSettings.IP_HASH_KEY_TOKEN, key);
        }

        job.setInputFormatClass(RawTextInputFormat.class);
        FileInputFormat.setInputDirRecursive(job, true);
        RawTextInputFormat.addRawDay(job, input);
        job.setMapperClass(CleanAccessLogsMapper.class);
        job.setNumReduceTasks(0);
        QuarantineSink.configure(job);
        return job;
    }

}
