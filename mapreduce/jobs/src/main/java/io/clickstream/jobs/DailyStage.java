package io.clickstream.jobs;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
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
 * A processing stage run for one day: {@code COMMAND --date D [--warehouse ROOT]}, printing its accounting.
 * Subclasses build their job with {@link #newJob} and publish through CleanRun.
 */
public abstract class DailyStage extends Configured implements Tool {

    private final String name;

    protected DailyStage(String name) {
        this.name = name;
    }

    /** Runs the stage for {@code date} on the warehouse at {@code root}; returns its accounting once published. */
    public abstract Accounting run(LocalDate date, Path root) throws Exception;

    @Override
    public int run(String[] argv) throws Exception {
        Args args = Args.parse(name, argv, List.of("date", "warehouse"));
        System.out.print(describe(Warehouse.parseDate(args.require("date")), new Path(args.get("warehouse", "warehouse"))));
        return 0;
    }

    /** Runs the stage and says what it did, for the command line: its accounting, by default. */
    protected String describe(LocalDate date, Path root) throws Exception {
        return run(date, root).summary() + System.lineSeparator();
    }

    /** A job named after the stage and day, writing snappy Avro of {@code schema} (or only named outputs, when null) to {@code staging}. */
    protected Job newJob(LocalDate date, Schema schema, Path staging) throws IOException {
        Job job = Job.getInstance(getConf(), name + " dt=" + date);
        job.setJarByClass(getClass());
        JobSettings.isolateJobClasses(job.getConfiguration());
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
