package io.clickstream.jobs.customers;

import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.Settings;
import io.clickstream.avro.Customer;
import io.clickstream.avro.CustomerVersion;
import io.clickstream.customers.CustomerHistory;
import io.clickstream.jobs.Accounting;
import io.clickstream.jobs.CleanRun;
import io.clickstream.jobs.DailyStage;
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
import org.apache.avro.mapreduce.AvroKeyInputFormat;
import org.apache.avro.specific.SpecificRecord;
import org.apache.hadoop.conf.Configuration;
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
 * from the history as of D-1 and D's snapshot ({@code clean/customers/dt=D}). Without a history of D-1 it
 * starts afresh from D's snapshot. Rerunning D gives the same history; a rerun of an earlier day needs the
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
        Path snapshot = Datasets.CUSTOMERS.partition(root, date);
        Path previous = Datasets.CUSTOMER_HISTORY.partition(root, date.minusDays(1));
        Path output = Datasets.CUSTOMER_HISTORY.partition(root, date);
        CleanRun run = new CleanRun(conf, NAME, date);
        run.requireInput(snapshot);
        Path staging = PartitionCommit.stagingFor(output);

        Job job = newJob(date, Schemas.CUSTOMER_HISTORY, staging);
        job.setInputFormatClass(AvroKeyInputFormat.class);
        FileInputFormat.addInputPath(job, snapshot);
        if (previous.getFileSystem(conf).exists(new Path(previous, "_SUCCESS"))) {
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
        run.publishAll(accounting, staging, Map.of(staging, output));
        return accounting;
    }

    /** Keys snapshot rows and previous versions by customer. */
    public static class ByCustomer extends Mapper<AvroKey<SpecificRecord>, NullWritable, Text, AvroValue<Object>> {
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
