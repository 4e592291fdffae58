package io.clickstream.jobs.orders;

import io.clickstream.jobs.AvroInputFormat;
import io.clickstream.jobs.TaskFailures;
import io.clickstream.jobs.Datasets;
import io.clickstream.avro.CustomerVersion;
import io.clickstream.avro.Event;
import io.clickstream.avro.Order;
import io.clickstream.avro.Product;
import io.clickstream.customers.CustomerHistory;
import io.clickstream.jobs.Accounting;
import io.clickstream.jobs.CleanRun;
import io.clickstream.jobs.DailyStage;
import io.clickstream.jobs.PartitionCommit;
import io.clickstream.jobs.Schemas;
import io.clickstream.jobs.orders.OrderEnrichment.Attribution;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.lib.input.MultipleInputs;

/**
 * {@code orders}: day D's order_placed events as orders ({@code marts/orders/dt=D}). Products are joined
 * map-side from the distributed cache (D's catalogue), the web session from the order index of D's and the
 * previous day's sessions (map-side too: one small row per confirmed order), and the customer reduce-side
 * to the customer_history version valid at the order time (as of D). Orders of unknown customers or
 * products are kept and flagged.
 */
public class BuildOrders extends DailyStage<Accounting> {

    public static final String NAME = "orders";

    /** Counters of the job. */
    public enum Counter {
        ORDERS_READ, OTHER_EVENTS, VERSIONS_READ, ORDERS_WRITTEN, UNKNOWN_CUSTOMER, UNKNOWN_PRODUCT_LINES, ATTRIBUTED
    }

    static final Schema SHUFFLE = Schema.createUnion(Schemas.CUSTOMER_HISTORY, Schemas.ORDER);

    public BuildOrders() {
        super(NAME, "the day's orders, joined to products, web sessions and the customer version of their time");
    }

    @Override
    public Accounting run(LocalDate date, Path root) throws Exception {
        Configuration conf = getConf();
        Path events = Datasets.EVENTS.current(getConf(), root, date);
        Path history = Datasets.CUSTOMER_HISTORY.current(getConf(), root, date);
        Path products = Datasets.PRODUCTS.current(getConf(), root, date);
        Path output = Datasets.ORDERS.partition(root, date);
        try (CleanRun run = new CleanRun(conf, NAME, date)) {
            run.requireInput(events);
            run.requireInput(history);
            run.requireInput(products);
            Path staging = run.staging(output);

            Job job = newJob(date, Schemas.ORDER, staging);
            SideData.shipProducts(job, products);
            for (LocalDate day : List.of(date.minusDays(1), date)) {
                SideData.shipOrderIndex(job, Datasets.SESSIONS.current(getConf(), root, day));
            }
            MultipleInputs.addInputPath(job, events, AvroInputFormat.class, OrderMapper.class);
            MultipleInputs.addInputPath(job, history, AvroInputFormat.class, HistoryMapper.class);
            job.setMapOutputKeyClass(CustomerTimeKey.class);
            AvroJob.setMapOutputValueSchema(job, SHUFFLE);
            job.setGroupingComparatorClass(CustomerTimeKey.CustomerGrouping.class);
            job.setPartitionerClass(CustomerTimeKey.CustomerPartitioner.class);
            job.setReducerClass(AsOfJoin.class);
            Counters counters = run.run(job, staging);

            long orders = counters.findCounter(Counter.ORDERS_READ).getValue();
            Accounting accounting = new Accounting(NAME, orders, counters.findCounter(Counter.ORDERS_WRITTEN).getValue(), 0);
            long other = counters.findCounter(Counter.OTHER_EVENTS).getValue() + counters.findCounter(Counter.VERSIONS_READ).getValue();
            List<String> violations = new ArrayList<>(accounting.violations(
                    counters.findCounter(TaskCounter.MAP_INPUT_RECORDS).getValue() - other,
                    counters.findCounter(TaskCounter.REDUCE_OUTPUT_RECORDS).getValue(), 0));
            run.requireBalanced(violations, staging);
            run.requireCommitted(staging, accounting.accepted(), "the staged orders");
            run.publishAll(accounting, staging, Map.of(staging, output));
            return accounting;
        }
    }

    /** order_placed events → orders with products and session, keyed by customer and time. */
    public static class OrderMapper extends Mapper<AvroKey<Event>, NullWritable, CustomerTimeKey, AvroValue<Object>> {
        /** Records why the task failed, for the driver's one-line message ({@link TaskFailures}). */
        @Override
        public void run(Context context) throws IOException, InterruptedException {
            TaskFailures.recorded(context, () -> super.run(context));
        }

        private final CustomerTimeKey key = new CustomerTimeKey();
        private final AvroValue<Object> value = new AvroValue<>();
        private Map<String, Product> products;
        private Map<String, Attribution> attributions;

        @Override
        protected void setup(Context context) throws IOException {
            loadSideData(SideData.products(context.getConfiguration(), context.getCacheFiles()),
                    SideData.attributions(context.getConfiguration(), context.getCacheFiles()));
        }

        /** The catalogue and the order index this task joins with. */
        protected void loadSideData(Map<String, Product> catalogue, Map<String, Attribution> index) {
            products = catalogue;
            attributions = index;
        }

        @Override
        protected void map(AvroKey<Event> record, NullWritable ignored, Context context) throws IOException, InterruptedException {
            Event event = record.datum();
            if (!"order_placed".equals(event.getEventType())) {
                context.getCounter(Counter.OTHER_EVENTS).increment(1);
                return;
            }
            context.getCounter(Counter.ORDERS_READ).increment(1);
            Order order = OrderEnrichment.fromEvent(event, products, attributions);
            context.getCounter(Counter.UNKNOWN_PRODUCT_LINES).increment(order.getUnknownProductLines());
            context.getCounter(Counter.ATTRIBUTED).increment(order.getSessionId() == null ? 0 : 1);
            value.datum(order);
            context.write(key.set(order.getCustomerId(), CustomerTimeKey.ORDER, order.getOrderTs().toEpochMilli()), value);
        }
    }

    /** Customer versions, keyed by customer and valid_from. */
    public static class HistoryMapper extends Mapper<AvroKey<CustomerVersion>, NullWritable, CustomerTimeKey, AvroValue<Object>> {
        /** Records why the task failed, for the driver's one-line message ({@link TaskFailures}). */
        @Override
        public void run(Context context) throws IOException, InterruptedException {
            TaskFailures.recorded(context, () -> super.run(context));
        }

        private final CustomerTimeKey key = new CustomerTimeKey();
        private final AvroValue<Object> value = new AvroValue<>();

        @Override
        protected void map(AvroKey<CustomerVersion> record, NullWritable ignored, Context context) throws IOException, InterruptedException {
            CustomerVersion version = record.datum();
            context.getCounter(Counter.VERSIONS_READ).increment(1);
            value.datum(version);
            context.write(key.set(version.getCustomerId(), CustomerTimeKey.VERSION, version.getValidFrom().toEpochMilli()), value);
        }
    }

    /** A customer's versions (first) and orders: each order gets the version valid at its time. */
    public static class AsOfJoin extends Reducer<CustomerTimeKey, AvroValue<Object>, AvroKey<Order>, NullWritable> {
        /** Records why the task failed, for the driver's one-line message ({@link TaskFailures}). */
        @Override
        public void run(Context context) throws IOException, InterruptedException {
            TaskFailures.recorded(context, () -> super.run(context));
        }

        private final AvroKey<Order> out = new AvroKey<>();

        @Override
        protected void reduce(CustomerTimeKey key, Iterable<AvroValue<Object>> values, Context context) throws IOException, InterruptedException {
            List<CustomerVersion> versions = new ArrayList<>();
            for (AvroValue<Object> value : values) {
                if (value.datum() instanceof CustomerVersion version) {
                    versions.add(CustomerVersion.newBuilder(version).build());
                    continue;
                }
                Order order = (Order) value.datum();
                CustomerVersion version = CustomerHistory.asOf(versions, order.getOrderTs());
                OrderEnrichment.withCustomer(order, version);
                context.getCounter(Counter.UNKNOWN_CUSTOMER).increment(version == null ? 1 : 0);
                context.getCounter(Counter.ORDERS_WRITTEN).increment(1);
                out.datum(order);
                context.write(out, NullWritable.get());
            }
        }
    }
}
