package io.clickstream.jobs.marts;

import io.clickstream.jobs.AvroInputFormat;
import io.clickstream.jobs.TaskFailures;
import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.Settings;
import io.clickstream.accesslog.RequestClass;
import io.clickstream.avro.Order;
import io.clickstream.avro.Session;
import io.clickstream.avro.SessionizedPageView;
import io.clickstream.jobs.Accounting;
import io.clickstream.jobs.CleanRun;
import io.clickstream.jobs.DailyStage;
import io.clickstream.jobs.PartitionCommit;
import io.clickstream.jobs.Schemas;
import io.clickstream.jobs.Warehouse;
import io.clickstream.marts.Contribution;
import io.clickstream.marts.Mart;
import io.clickstream.marts.MartRules;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapreduce.AvroKeyOutputFormat;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
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
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;

/**
 * {@code marts}: day D's marts ({@code marts/<mart>/dt=D}: traffic_by_hour, pages_by_day, channels_by_day,
 * funnel_by_day, revenue_by_segment) in one pass over D's sessionized page views, sessions and orders.
 * Definitions in MartRules; sums are pre-added by a combiner. The run checks that the marts add up to what
 * was read (page views, sessions, orders) before publishing.
 */
public class BuildMarts extends DailyStage<Accounting> {

    public static final String NAME = "marts";

    /** Counters of the job: what was read, and what the marts hold. */
    public enum Counter {
        PAGE_VIEWS_READ, HUMAN_PAGE_VIEWS_READ, SESSIONS_READ, ORDERS_READ, ROWS_WRITTEN,
        TRAFFIC_PAGE_VIEWS, TRAFFIC_SESSIONS, CHANNEL_ORDERS, ORDERS_IN_OTHER_CURRENCY
    }

    public BuildMarts() {
        super(NAME, "the day's marts, in one pass over its sessionized page views, sessions and orders");
    }

    @Override
    public Accounting run(LocalDate date, Path root) throws Exception {
        Configuration conf = getConf();
        List<Path> inputs = List.of(Datasets.SESSIONIZED_PAGE_VIEWS.current(conf, root, date),
                Datasets.SESSIONS.current(conf, root, date),
                Datasets.ORDERS.current(conf, root, date));
        Path first = Datasets.of(Warehouse.MARTS, Mart.TRAFFIC_BY_HOUR.dataset()).partition(root, date);
        try (CleanRun run = new CleanRun(conf, NAME, date)) {
            for (Path input : inputs) {
                run.requireInput(input);
            }
            Path staging = run.staging(first);

            Job job = newJob(date, null, staging);
            job.setInputFormatClass(AvroInputFormat.class);
            for (Path input : inputs) {
                FileInputFormat.addInputPath(job, input);
            }
            job.setMapperClass(ContributionMapper.class);
            job.setMapOutputKeyClass(Text.class);
            job.setMapOutputValueClass(Sums.class);
            job.setCombinerClass(SumCombiner.class);
            job.setGroupingComparatorClass(MartKey.RowGrouping.class);
            job.setPartitionerClass(MartKey.RowPartitioner.class);
            job.setReducerClass(RowReducer.class);
            job.setNumReduceTasks(Settings.MARTS_REDUCERS.get(conf));
            LazyOutputFormat.setOutputFormatClass(job, AvroKeyOutputFormat.class);
            for (Mart mart : Mart.values()) {
                AvroMultipleOutputs.addNamedOutput(job, mart.namedOutput(), AvroKeyOutputFormat.class,
                        Schemas.load(mart.dataset() + ".avsc"));
            }
            Counters counters = run.run(job, staging);

            long read = counters.findCounter(Counter.PAGE_VIEWS_READ).getValue() + counters.findCounter(Counter.SESSIONS_READ).getValue()
                    + counters.findCounter(Counter.ORDERS_READ).getValue();
            Accounting accounting = new Accounting(NAME, read, read, 0);
            List<String> violations = new ArrayList<>(accounting.violations(
                    counters.findCounter(TaskCounter.MAP_INPUT_RECORDS).getValue(), read, 0));
            addsUp(violations, counters, Counter.HUMAN_PAGE_VIEWS_READ, Counter.TRAFFIC_PAGE_VIEWS);
            addsUp(violations, counters, Counter.SESSIONS_READ, Counter.TRAFFIC_SESSIONS);
            addsUp(violations, counters, Counter.ORDERS_READ, Counter.CHANNEL_ORDERS);
            run.requireBalanced(violations, staging);

            Map<Path, Path> outputs = new LinkedHashMap<>();
            for (Mart mart : Mart.values()) {
                outputs.put(new Path(staging, mart.dataset()), Datasets.of(Warehouse.MARTS, mart.dataset()).partition(root, date));
            }
            run.publishAll(accounting, staging, outputs);
            return accounting;
        }
    }

    private static void addsUp(List<String> violations, Counters counters, Counter read, Counter inMarts) {
        long expected = counters.findCounter(read).getValue();
        long actual = counters.findCounter(inMarts).getValue();
        if (expected != actual) {
            violations.add(inMarts + " " + actual + " != " + read + " " + expected);
        }
    }

    /** Each record's contributions, keyed by mart row (and distinct value). */
    public static class ContributionMapper extends Mapper<AvroKey<SpecificRecord>, NullWritable, Text, Sums> {
        /** Records why the task failed, for the driver's one-line message ({@link TaskFailures}). */
        @Override
        public void run(Context context) throws IOException, InterruptedException {
            TaskFailures.recorded(context, () -> super.run(context));
        }

        /**
         * Contributions are added up here before they are written (in-mapper combining), so the map output holds one
         * record per mart row and distinct value the task saw, not one per contribution; flushed at this many keys.
         */
        static final int PENDING_LIMIT = 100_000;

        private final Text key = new Text();
        private final Sums sums = new Sums();
        private final Map<Text, Sums> pending = new HashMap<>();
        private MartRules rules;
        private String currency;

        @Override
        protected void setup(Context context) {
            currency = Settings.MARTS_CURRENCY.get(context.getConfiguration());
            rules = new MartRules(currency);
        }

        @Override
        protected void map(AvroKey<SpecificRecord> record, NullWritable ignored, Context context) throws IOException, InterruptedException {
            Object datum = record.datum();
            List<Contribution> contributions;
            if (datum instanceof SessionizedPageView view) {
                context.getCounter(Counter.PAGE_VIEWS_READ).increment(1);
                boolean humanPageView = !view.getIsBot() && RequestClass.isPageView(view.getRequestClass());
                context.getCounter(Counter.HUMAN_PAGE_VIEWS_READ).increment(humanPageView ? 1 : 0);
                contributions = rules.of(view);
            } else if (datum instanceof Session session) {
                context.getCounter(Counter.SESSIONS_READ).increment(1);
                contributions = rules.of(session);
            } else {
                Order order = (Order) datum;
                context.getCounter(Counter.ORDERS_READ).increment(1);
                context.getCounter(Counter.ORDERS_IN_OTHER_CURRENCY).increment(currency.equals(order.getCurrency()) ? 0 : 1);
                contributions = rules.of(order);
            }
            for (Contribution c : contributions) {
                MartKey.set(key, c);
                Sums row = pending.get(key);
                if (row == null) {
                    pending.put(new Text(key), new Sums().set(c.sums().clone()));
                } else {
                    row.add(sums.set(c.sums()));
                }
            }
            if (pending.size() >= PENDING_LIMIT) {
                flush(context);
            }
        }

        @Override
        protected void cleanup(Context context) throws IOException, InterruptedException {
            flush(context);
        }

        private void flush(Context context) throws IOException, InterruptedException {
            for (Map.Entry<Text, Sums> row : pending.entrySet()) {
                context.write(row.getKey(), row.getValue());
            }
            pending.clear();
        }
    }

    /** Adds up the sums of identical keys (a distinct value is kept once). */
    public static class SumCombiner extends Reducer<Text, Sums, Text, Sums> {
        private final Sums total = new Sums();

        @Override
        protected void reduce(Text key, Iterable<Sums> values, Context context) throws IOException, InterruptedException {
            total.set(new long[0]);
            for (Sums value : values) {
                total.add(value);
            }
            context.write(key, total);
        }
    }

    /** One mart row: its sums and distinct count, written to the mart's output. */
    public static class RowReducer extends Reducer<Text, Sums, AvroKey<SpecificRecord>, NullWritable> {
        /** Records why the task failed, for the driver's one-line message ({@link TaskFailures}). */
        @Override
        public void run(Context context) throws IOException, InterruptedException {
            TaskFailures.recorded(context, () -> super.run(context));
        }

        private final AvroKey<SpecificRecord> out = new AvroKey<>();
        private AvroMultipleOutputs outputs;
        private MartRules rules;

        @Override
        protected void setup(Context context) {
            outputs = new AvroMultipleOutputs(context);
            rules = new MartRules(Settings.MARTS_CURRENCY.get(context.getConfiguration()));
        }

        @Override
        protected void reduce(Text key, Iterable<Sums> values, Context context) throws IOException, InterruptedException {
            Mart mart = null;
            String group = null;
            Sums total = new Sums();
            long distinct = 0;
            String lastDistinct = "";
            for (Sums value : values) {
                // The framework moves the key along with the values: read it per value.
                if (mart == null) {
                    mart = MartKey.mart(key);
                    group = MartKey.group(key);
                    total.set(new long[mart.metrics()]);
                }
                total.add(value);
                String current = MartKey.distinct(key);
                if (!current.isEmpty() && !current.equals(lastDistinct)) {
                    distinct++;
                    lastDistinct = current;
                }
            }
            long[] s = total.values();
            if (mart == Mart.TRAFFIC_BY_HOUR) {
                context.getCounter(Counter.TRAFFIC_PAGE_VIEWS).increment(Contribution.get(s, Mart.TrafficSums.PAGE_VIEWS));
                context.getCounter(Counter.TRAFFIC_SESSIONS).increment(Contribution.get(s, Mart.TrafficSums.SESSIONS));
            } else if (mart == Mart.CHANNELS_BY_DAY) {
                context.getCounter(Counter.CHANNEL_ORDERS).increment(Contribution.get(s, Mart.ChannelSums.ORDERS));
            }
            writeRow(mart, rules.row(mart, group, s, distinct));
            context.getCounter(Counter.ROWS_WRITTEN).increment(1);
        }

        /** Writes a row to its mart's named output (tests override it). */
        protected void writeRow(Mart mart, SpecificRecord row) throws IOException, InterruptedException {
            out.datum(row);
            outputs.write(mart.namedOutput(), out, NullWritable.get(), mart.dataset() + "/part");
        }

        @Override
        protected void cleanup(Context context) throws IOException, InterruptedException {
            outputs.close();
        }
    }
}
