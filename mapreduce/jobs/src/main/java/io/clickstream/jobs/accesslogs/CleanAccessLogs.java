package io.clickstream.jobs.accesslogs;

import io.clickstream.jobs.JobSettings;
import io.clickstream.jobs.LaunchConfiguration;
import io.clickstream.accesslog.RejectReason;
import io.clickstream.jobs.Accounting;
import io.clickstream.jobs.Args;
import io.clickstream.jobs.CleanRun;
import io.clickstream.jobs.JobFailedException;
import io.clickstream.jobs.PartitionCommit;
import io.clickstream.jobs.QuarantineSink;
import io.clickstream.jobs.Schemas;
import io.clickstream.jobs.Secrets;
import io.clickstream.jobs.Warehouse;
import io.clickstream.privacy.IpAnonymizer;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.mapreduce.AvroKeyOutputFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.util.Tool;

/**
 * {@code clean-access-logs}: one day of raw web-server logs (plain, gzip or bzip2) into {@code page_views}
 * Avro, every line it cannot accept into {@code quarantine/access_logs} with its reason. Publishes the day
 * only when the accounting balances and the quarantined share is under the threshold; a rerun replaces the
 * day exactly.
 */
public class CleanAccessLogs extends Configured implements Tool {

    public static final String NAME = "clean-access-logs";
    public static final String RAW_DATASET = CleanAccessLogsMapper.SOURCE;
    public static final String CLEAN_DATASET = "page_views";

    /** What a run did, for callers that go on from here (the quickstart, tests). */
    public record Result(Accounting accounting, long eventTimeOutsideDay, Path output, Path quarantine) {
    }

    private Result lastResult;

    public static void main(String[] args) throws Exception {
        System.exit(LaunchConfiguration.run(new CleanAccessLogs(), args));
    }

    @Override
    public int run(String[] argv) throws Exception {
        Args args = Args.parse(NAME, argv, List.of("date", "warehouse", "input", "output", "quarantine"));
        LocalDate date = Warehouse.parseDate(args.require("date"));
        Path root = new Path(args.get("warehouse", "warehouse"));
        Path input = new Path(args.get("input", Warehouse.partition(root, Warehouse.RAW, RAW_DATASET, date).toString()));
        Path output = new Path(args.get("output", Warehouse.partition(root, Warehouse.CLEAN, CLEAN_DATASET, date).toString()));
        Path quarantine = new Path(args.get("quarantine",
                Warehouse.partition(root, Warehouse.QUARANTINE, RAW_DATASET, date).toString()));
        lastResult = run(date, input, output, quarantine);
        System.out.printf("%s%npage views: %s%nquarantine: %s%n", lastResult.accounting().summary(), lastResult.output(),
                lastResult.quarantine());
        return 0;
    }

    /** The result of the last successful {@link #run(String[])}. */
    public Result lastResult() {
        return lastResult;
    }

    /**
     * Cleans {@code input} into {@code output} and {@code quarantine}.
     *
     * @throws JobFailedException with a message for operators when the job, its accounting or its threshold fails
     */
    public Result run(LocalDate date, Path input, Path outputDir, Path quarantineDir) throws Exception {
        Configuration conf = getConf();
        // new Path(String) drops a trailing slash (as File.toURI() adds for directories): partitions are named by their last part.
        Path output = new Path(outputDir.toString());
        Path quarantine = new Path(quarantineDir.toString());
        CleanAccessLogsSettings.format(conf);
        CleanRun run = new CleanRun(conf, NAME, date);
        run.requireInput(input);

        Path staging = PartitionCommit.stagingFor(output);
        Counters counters = run.run(configure(date, input, staging), staging);
        Accounting accounting = new Accounting(NAME, counters.findCounter(CleanAccessLogsCounter.LINES_READ).getValue(),
                counters.findCounter(CleanAccessLogsCounter.ACCEPTED).getValue(),
                counters.findCounter(CleanAccessLogsCounter.QUARANTINED).getValue());
        run.requireBalanced(accounting.violations(
                counters.findCounter(TaskCounter.MAP_INPUT_RECORDS).getValue(),
                counters.findCounter(TaskCounter.MAP_OUTPUT_RECORDS).getValue(),
                QuarantineSink.written(counters)), staging);
        run.publish(accounting, staging, output, quarantine, CleanRun.reasons(counters, RejectReason.class));
        return new Result(accounting, counters.findCounter(CleanAccessLogsCounter.EVENT_TIME_OUTSIDE_DAY).getValue(),
                output, quarantine);
    }

    private Job configure(LocalDate date, Path input, Path staging) throws IOException {
        Configuration conf = getConf();
        Job job = Job.getInstance(conf, NAME + " dt=" + date);
        job.setJarByClass(CleanAccessLogs.class);
        job.getConfiguration().set(CleanAccessLogsSettings.PARTITION_DATE, date.toString());
        JobSettings.isolateJobClasses(job.getConfiguration());
        if (CleanAccessLogsSettings.anonymization(conf) == IpAnonymizer.Mode.HASH) {
            byte[] key = Secrets.lookup(conf, CleanAccessLogsSettings.IP_HASH_KEY_ALIAS,
                    CleanAccessLogsSettings.IP_HASH_KEY_ENV);
            if (key == null) {
                throw new IllegalArgumentException(CleanAccessLogsSettings.IP_ANONYMIZE + "=hash needs a key: put it in a"
                        + " credential provider under alias '" + CleanAccessLogsSettings.IP_HASH_KEY_ALIAS
                        + "' or in the environment variable " + CleanAccessLogsSettings.IP_HASH_KEY_ENV);
            }
            IpAnonymizer.of(IpAnonymizer.Mode.HASH, key); // rejects a weak key here rather than in every task
            job.getCredentials().addSecretKey(CleanAccessLogsSettings.IP_HASH_KEY_TOKEN, key);
        }

        job.setInputFormatClass(TextInputFormat.class);
        FileInputFormat.setInputDirRecursive(job, true);
        FileInputFormat.addInputPath(job, input);
        job.setMapperClass(CleanAccessLogsMapper.class);
        job.setNumReduceTasks(0);

        job.setOutputFormatClass(AvroKeyOutputFormat.class);
        AvroJob.setOutputKeySchema(job, Schemas.PAGE_VIEW);
        QuarantineSink.configure(job);
        FileOutputFormat.setOutputPath(job, staging);
        FileOutputFormat.setCompressOutput(job, true);
        job.getConfiguration().setIfUnset(AvroJob.CONF_OUTPUT_CODEC, CodecFactory.snappyCodec().toString());
        return job;
    }

}
