package io.clickstream.jobs.dimensions;

import io.clickstream.jobs.LaunchConfiguration;
import io.clickstream.dimensions.Dimension;
import io.clickstream.dimensions.DimensionRejectReason;
import io.clickstream.jobs.Accounting;
import io.clickstream.jobs.Args;
import io.clickstream.jobs.AvroModel;
import io.clickstream.jobs.CleanRun;
import io.clickstream.jobs.JobSettings;
import io.clickstream.jobs.PartitionCommit;
import io.clickstream.jobs.QuarantineSink;
import io.clickstream.jobs.Schemas;
import io.clickstream.jobs.Secrets;
import io.clickstream.jobs.Warehouse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.mapreduce.AvroKeyOutputFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.lib.db.DBConfiguration;
import org.apache.hadoop.mapreduce.lib.db.DataDrivenDBInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.util.Tool;

/**
 * {@code clean-dimension}: the day's snapshot of a dimension table (customers, products) into
 * {@code clean/<dimension>/dt=D}, from the CSV export in {@code raw/<dimension>/dt=D} or, with
 * {@code --jdbc-url}, straight from the shop database (DataDrivenDBInputFormat, split on the key).
 * Rows that break the table's rules are quarantined; the accounting and publication are those of every
 * clean stage.
 */
public class CleanDimension extends Configured implements Tool {

    public static final String NAME = "clean-dimension";
    public static final String JDBC_PASSWORD_ALIAS = "clickstream.jdbc.password";
    public static final String JDBC_PASSWORD_ENV = "CLICKSTREAM_JDBC_PASSWORD";

    /** What a run did. */
    public record Result(Accounting accounting, Path output, Path quarantine) {
    }

    public static void main(String[] args) throws Exception {
        System.exit(LaunchConfiguration.run(new CleanDimension(), args));
    }

    @Override
    public int run(String[] argv) throws Exception {
        Args args = Args.parse(NAME, argv, List.of("dimension", "date", "warehouse", "jdbc-url", "jdbc-user"));
        Result result = run(Dimension.of(args.require("dimension")), Warehouse.parseDate(args.require("date")),
                new Path(args.get("warehouse", "warehouse")), args.get("jdbc-url", null), args.get("jdbc-user", null));
        System.out.printf("%s%n%s: %s%nquarantine: %s%n", result.accounting().summary(), args.require("dimension"),
                result.output(), result.quarantine());
        return 0;
    }

    /** @param jdbcUrl null to read the CSV export from the raw zone */
    public Result run(Dimension dimension, LocalDate date, Path root, String jdbcUrl, String jdbcUser) throws Exception {
        Configuration conf = getConf();
        String stage = NAME + " " + dimension.dataset();
        Path raw = Warehouse.partition(root, Warehouse.RAW, dimension.dataset(), date);
        Path output = Warehouse.partition(root, Warehouse.CLEAN, dimension.dataset(), date);
        Path quarantine = Warehouse.partition(root, Warehouse.QUARANTINE, dimension.dataset(), date);
        CleanRun run = new CleanRun(conf, stage, date);
        Path staging = PartitionCommit.stagingFor(output);

        Job job = Job.getInstance(conf, stage + " dt=" + date);
        job.setJarByClass(CleanDimension.class);
        JobSettings.isolateJobClasses(job.getConfiguration());
        job.getConfiguration().set(DimensionRows.DIMENSION, dimension.dataset());
        if (jdbcUrl == null) {
            run.requireInput(raw);
            job.setInputFormatClass(CsvInputFormat.class);
            FileInputFormat.setInputDirRecursive(job, true);
            FileInputFormat.addInputPath(job, raw);
            job.setMapperClass(CsvDimensionMapper.class);
        } else {
            configureJdbc(job, dimension, jdbcUrl, jdbcUser);
            job.setMapperClass(JdbcDimensionMapper.class);
        }
        job.setNumReduceTasks(0);
        job.setOutputFormatClass(AvroKeyOutputFormat.class);
        AvroJob.setDataModelClass(job, AvroModel.class);
        AvroJob.setOutputKeySchema(job, schema(dimension));
        QuarantineSink.configure(job);
        FileOutputFormat.setOutputPath(job, staging);
        FileOutputFormat.setCompressOutput(job, true);
        job.getConfiguration().setIfUnset(AvroJob.CONF_OUTPUT_CODEC, CodecFactory.snappyCodec().toString());

        Counters counters = run.run(job, staging);
        Accounting accounting = new Accounting(stage, counters.findCounter(CleanDimensionCounter.ROWS_READ).getValue(),
                counters.findCounter(CleanDimensionCounter.ACCEPTED).getValue(),
                counters.findCounter(CleanDimensionCounter.QUARANTINED).getValue());
        run.requireBalanced(accounting.violations(
                counters.findCounter(TaskCounter.MAP_INPUT_RECORDS).getValue()
                        - counters.findCounter(CleanDimensionCounter.HEADERS).getValue(),
                counters.findCounter(TaskCounter.MAP_OUTPUT_RECORDS).getValue(),
                QuarantineSink.written(counters)), staging);
        run.publish(accounting, staging, output, quarantine, CleanRun.reasons(counters, DimensionRejectReason.class));
        return new Result(accounting, output, quarantine);
    }

    private void configureJdbc(Job job, Dimension dimension, String url, String user) throws IOException {
        if (!url.startsWith("jdbc:postgresql:") || url.toLowerCase(java.util.Locale.ROOT).contains("password")) {
            throw new IllegalArgumentException(NAME + ": --jdbc-url must be a jdbc:postgresql: URL without a password"
                    + " (the password comes from " + JDBC_PASSWORD_ENV + " or credential alias " + JDBC_PASSWORD_ALIAS + ")");
        }
        byte[] password = Secrets.lookup(getConf(), JDBC_PASSWORD_ALIAS, JDBC_PASSWORD_ENV);
        Configuration conf = job.getConfiguration();
        conf.set(DBConfiguration.DRIVER_CLASS_PROPERTY, "org.postgresql.Driver");
        conf.set(DBConfiguration.URL_PROPERTY, url);
        if (user != null) {
            conf.set(DBConfiguration.USERNAME_PROPERTY, user);
        }
        if (password != null) {
            job.getCredentials().addSecretKey(CredentialedDBInputFormat.PASSWORD_KEY, password);
            // The client computes the splits in this process: it needs the secret too.
            UserGroupInformation.getCurrentUser().addCredentials(job.getCredentials());
        }
        DataDrivenDBInputFormat.setInput(job, DbRow.class, dimension.dataset(), null, dimension.key(),
                dimension.columns().toArray(new String[0]));
        job.setInputFormatClass(CredentialedDBInputFormat.class); // after setInput, which sets its own
        JobSettings.preferUnlessConfigured(conf, "mapreduce.job.maps", "2");
    }

    private static Schema schema(Dimension dimension) {
        return dimension == Dimension.CUSTOMERS ? Schemas.CUSTOMER : Schemas.PRODUCT;
    }
}
