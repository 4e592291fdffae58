package io.clickstream.jobs;

import java.io.IOException;
import java.time.LocalDate;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.mapreduce.AvroKeyOutputFormat;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.util.Tool;

/**
 * The shape of every stage run for one day, clean and processing alike: {@code COMMAND --date D [--warehouse ROOT]}
 * (and whatever options a stage adds), a job built by {@link #newJob}, published through {@link CleanRun}, and
 * what the run did printed for the command line.
 *
 * @param <R> what a run returns to its callers: its accounting, or a record that holds it
 */
public abstract class DailyStage<R extends DailyStage.Outcome> extends Configured implements Tool {

    /** What a run did, as the command line prints it. */
    public interface Outcome {
        String report();
    }

    private final String name;
    private final String summary;
    private R lastResult;

    protected DailyStage(String name, String summary) {
        this.name = name;
        this.summary = summary;
    }

    /** Runs the stage for {@code date} on the warehouse at {@code root}; returns once the day is published. */
    public abstract R run(LocalDate date, Path root) throws Exception;

    /** The command's options: {@code --date} and {@code --warehouse}; a stage with more adds them here. */
    protected Args.Spec options() {
        return dailyOptions(name, summary);
    }

    /** {@code --date} and {@code --warehouse}, for commands that run stages for a day. */
    public static Args.Spec dailyOptions(String name, String summary) {
        return Args.command(name, summary)
                .required("date", "YYYY-MM-DD", "the UTC day to run")
                .optional("warehouse", "ROOT", "the warehouse root directory (any Hadoop file system)", "warehouse");
    }

    /** Runs the stage as the command line asks; a stage with more options overrides it. */
    protected R run(Args args) throws Exception {
        return run(args.date("date"), new Path(args.get("warehouse")));
    }

    @Override
    public final int run(String[] argv) throws Exception {
        Args args = options().parse(argv);
        lastResult = run(args);
        System.out.println(lastResult.report());
        return 0;
    }

    /** The result of the last successful {@link #run(String[])}. */
    public R lastResult() {
        return lastResult;
    }

    /** A job named after the stage and day, writing snappy Avro of {@code schema} (or only named outputs, when null) to {@code staging}. */
    protected Job newJob(LocalDate date, Schema schema, Path staging) throws IOException {
        return newJob(name, date, schema, staging);
    }

    /** {@link #newJob(LocalDate, Schema, Path)} for a stage that runs under several names ({@code clean-dimension customers}). */
    protected Job newJob(String stage, LocalDate date, Schema schema, Path staging) throws IOException {
        Job job = Job.getInstance(getConf(), stage + " dt=" + date);
        job.setJarByClass(getClass());
        JobSettings.isolateJobClasses(job.getConfiguration());
        Settings.RUN_DATE.set(job.getConfiguration(), date);
        if (schema != null) {
            job.setOutputFormatClass(AvroKeyOutputFormat.class);
            AvroJob.setOutputKeySchema(job, schema);
        }
        AvroJob.setDataModelClass(job, AvroModel.class);
        FileOutputFormat.setOutputPath(job, staging);
        FileOutputFormat.setCompressOutput(job, true);
        job.getConfiguration().setIfUnset(AvroJob.CONF_OUTPUT_CODEC, CodecFactory.snappyCodec().toString());
        return job;
    }
}
