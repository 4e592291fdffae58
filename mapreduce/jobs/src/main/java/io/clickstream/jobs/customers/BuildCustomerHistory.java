package io.clickstream.jobs.customers;

import io.clickstream.jobs.AvroInputFormat;
import io.clickstream.jobs.TaskFailures;
import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.Settings;
import io.clickstream.avro.Customer;
import io.clickstream.avro.CustomerVersion;
import io.clickstream.customers.CustomerHistory;
import io.clickstream.jobs.Accounting;
import io.clickstream.jobs.CleanRun;
import io.clickstream.jobs.DailyStage;
import io.clickstream.jobs.JobFailedException;
import io.clickstream.jobs.PartitionCommit;
import io.clickstream.jobs.Schemas;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.specific.SpecificRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * {@code customer-history}: the customers' SCD type 2 history as of day D ({@code marts/customer_history/dt=D}),
 * from the history as of D-1 and D's snapshot ({@code clean/customers/dt=D}). On the history's first day it starts
 * from D's snapshot; a missing D-1 after that is refused rather than forgetting versions. Rerunning D gives the same history; a rerun of an earlier day needs the
 * later days rerun in order.
 */
public class BuildCustomerHistory extends DailyStage<Accounting> {

    public static final String NAME = "customer-history";

    /** Counters of the job. */
    public enum Counter { SNAPSHOT_ROWS, PREVIOUS_VERSIONS, NEW_VERSIONS, VERSIONS_WRITTEN, CUSTOMERS_NOT_IN_SNAPSHOT }

    static final Schema SHUFFLE = Schema.createUnion(Schemas.CUSTOMER_HISTORY, Schemas.CUSTOMER);

    public BuildCustomerHistory() {
        super(NAME, "the customers' SCD type 2 history as of the day, from the day before's and the day's snapshot");
    }

    @Override
    public Accounting run(LocalDate date, Path root) throws Exception {
        Configuration conf = getConf();
        Path snapshot = Datasets.CUSTOMERS.current(conf, root, date);
        Path previous = Datasets.CUSTOMER_HISTORY.current(conf, root, date.minusDays(1));
        Path output = Datasets.CUSTOMER_HISTORY.partition(root, date);
        try (CleanRun run = new CleanRun(conf, NAME, date)) {
            run.requireInput(snapshot);
            Path staging = run.staging(output);

            Job job = newJob(date, Schemas.CUSTOMER_HISTORY, staging);
            job.setInputFormatClass(AvroInputFormat.class);
            FileInputFormat.addInputPath(job, snapshot);
            if (continuesFrom(root, previous, date)) {
                FileInputFormat.addInputPath(job, previous);
            }
            job.setMapperClass(ByCustomer.class);
            job.setMapOutputKeyClass(Text.class);
            AvroJob.setMapOutputValueSchema(job, SHUFFLE);
            job.setReducerClass(Merge.class);
            Counters counters = run.run(job, staging);

            long rows = counters.findCounter(Counter.SNAPSHOT_ROWS).getValue();
            long previousVersions = counters.findCounter(Counter.PREVIOUS_VERSIONS).getValue();
            Accounting accounting = new Accounting(NAME, rows, rows, 0);
            List<String> violations = new ArrayList<>(accounting.violations(
                    counters.findCounter(TaskCounter.MAP_INPUT_RECORDS).getValue() - previousVersions, rows, 0));
            long written = counters.findCounter(TaskCounter.REDUCE_OUTPUT_RECORDS).getValue();
            long expected = previousVersions + counters.findCounter(Counter.NEW_VERSIONS).getValue();
            if (written != expected) {
                violations.add("wrote " + written + " versions, not the " + expected + " previous and new ones");
            }
            run.requireBalanced(violations, staging);
            run.requireCommitted(staging, written, "the staged customer history");
            run.publishAll(accounting, staging, Map.of(staging, output));
            return accounting;
        }
    }

    /**
     * Whether the history of D continues that of D-1: yes when D-1's exists (unless D is where
     * {@link Settings#CUSTOMER_HISTORY_START_AT} begins a new one); no on the history's first day.
     *
     * @throws JobFailedException when D-1's history is missing though earlier days have one: starting afresh would
     *     forget every version quietly
     */
    private boolean continuesFrom(Path root, Path previous, LocalDate date) throws IOException {
        Configuration conf = getConf();
        if (date.equals(Settings.CUSTOMER_HISTORY_START_AT.get(conf))) {
            System.err.println(NAME + " for dt=" + date + ": a new history begins at this day ("
                    + Settings.CUSTOMER_HISTORY_START_AT + "); earlier versions are not carried over");
            return false;
        }
        FileSystem fs = previous.getFileSystem(conf);
        if (fs.exists(new Path(previous, "_SUCCESS"))) {
            return true;
        }
        LocalDate latest = null;
        Path days = Datasets.CUSTOMER_HISTORY.partition(root, date).getParent();
        if (fs.exists(days)) {
            for (FileStatus partition : fs.listStatus(days, p -> p.getName().startsWith("dt="))) {
                LocalDate day = LocalDate.parse(partition.getPath().getName().substring("dt=".length()));
                if (day.isBefore(date) && (latest == null || day.isAfter(latest))
                        && PartitionCommit.current(conf, partition.getPath()) != null) {
                    latest = day;
                }
            }
        }
        if (latest != null) {
            throw new JobFailedException(NAME + " for dt=" + date + ": there is no history of " + date.minusDays(1)
                    + " to continue, though the history goes back to " + latest + "; run " + NAME + " for "
                    + latest.plusDays(1) + (latest.plusDays(1).equals(date.minusDays(1)) ? "" : " to " + date.minusDays(1))
                    + " first, or set " + Settings.CUSTOMER_HISTORY_START_AT + "=" + date
                    + " to begin a new history here (the versions before it are then forgotten). Nothing was published");
        }
        return false;
    }

    /** Keys snapshot rows and previous versions by customer. */
    public static class ByCustomer extends Mapper<AvroKey<SpecificRecord>, NullWritable, Text, AvroValue<Object>> {
        /** Records why the task failed, for the driver's one-line message ({@link TaskFailures}). */
        @Override
        public void run(Context context) throws IOException, InterruptedException {
            TaskFailures.recorded(context, () -> super.run(context));
        }

        private final Text key = new Text();
        private final AvroValue<Object> value = new AvroValue<>();

        @Override
        protected void map(AvroKey<SpecificRecord> record, NullWritable ignored, Context context) throws IOException, InterruptedException {
            Object datum = record.datum();
            if (datum instanceof Customer row) {
                key.set(row.getCustomerId());
                context.getCounter(Counter.SNAPSHOT_ROWS).increment(1);
            } else {
                key.set(((CustomerVersion) datum).getCustomerId());
                context.getCounter(Counter.PREVIOUS_VERSIONS).increment(1);
            }
            value.datum(datum);
            context.write(key, value);
        }
    }

    /** One customer: previous versions plus today's row, merged. */
    public static class Merge extends Reducer<Text, AvroValue<Object>, AvroKey<CustomerVersion>, NullWritable> {
        /** Records why the task failed, for the driver's one-line message ({@link TaskFailures}). */
        @Override
        public void run(Context context) throws IOException, InterruptedException {
            TaskFailures.recorded(context, () -> super.run(context));
        }

        private final AvroKey<CustomerVersion> out = new AvroKey<>();
        private LocalDate day;

        @Override
        protected void setup(Context context) {
            day = Settings.RUN_DATE.get(context.getConfiguration());
        }

        @Override
        protected void reduce(Text customer, Iterable<AvroValue<Object>> values, Context context) throws IOException, InterruptedException {
            List<CustomerVersion> previous = new ArrayList<>();
            Customer row = null;
            for (AvroValue<Object> value : values) {
                Object datum = value.datum();
                if (datum instanceof Customer c) {
                    row = Customer.newBuilder(c).build();
                } else {
                    previous.add(CustomerVersion.newBuilder((CustomerVersion) datum).build());
                }
            }
            List<CustomerVersion> merged = CustomerHistory.merge(previous, row, day);
            context.getCounter(Counter.NEW_VERSIONS).increment(merged.size() - previous.size());
            context.getCounter(Counter.CUSTOMERS_NOT_IN_SNAPSHOT).increment(row == null ? 1 : 0);
            for (CustomerVersion version : merged) {
                out.datum(version);
                context.write(out, NullWritable.get());
            }
        }
    }
}
