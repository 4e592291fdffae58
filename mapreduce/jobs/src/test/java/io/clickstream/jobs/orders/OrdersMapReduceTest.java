package io.clickstream.jobs.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.clickstream.avro.CustomerVersion;
import io.clickstream.avro.Event;
import io.clickstream.avro.LineItem;
import io.clickstream.avro.Order;
import io.clickstream.avro.Product;
import io.clickstream.jobs.AvroModel;
import io.clickstream.jobs.Schemas;
import io.clickstream.jobs.orders.OrderEnrichment.Attribution;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.hadoop.io.AvroSerialization;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.mapreduce.ReduceDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;

/** The orders job's map-side joins and its reduce-side as-of join, in MRUnit. */
class OrdersMapReduceTest {

    private static final Product BAG = Product.newBuilder().setProductId("P0001").setName("Bag").setCategory("bags")
            .setListPrice(new BigDecimal("5.00")).setCurrency("EUR").setActive(true).setUpdatedAt(Instant.EPOCH).build();

    private static Event order(String id, String time, String... products) {
        List<LineItem> items = java.util.Arrays.stream(products).map(p -> LineItem.newBuilder().setProductId(p).setQuantity(2)
                .setUnitPrice(new BigDecimal("5.00")).build()).toList();
        return Event.newBuilder().setEventId("ev-" + id).setEventType("order_placed").setEventTime(Instant.parse(time))
                .setCustomerId("C00025").setAnonymousId(null).setProductId(null).setQuantity(null).setOrderId(id).setItems(items)
                .setAmount(new BigDecimal("10.00").multiply(BigDecimal.valueOf(products.length))).setCurrency("EUR").build();
    }

    private static CustomerVersion version(int n, String segment, String from, String to) {
        return CustomerVersion.newBuilder().setCustomerId("C00025").setVersion(n).setCountry("DE").setSegment(segment)
                .setSignupDate(LocalDate.of(2024, 1, 1)).setValidFrom(Instant.parse(from))
                .setValidTo(to == null ? null : Instant.parse(to)).setIsCurrent(to == null).setLastSeen(LocalDate.of(2026, 11, 24)).build();
    }

    private static Job job() throws Exception {
        Job job = Job.getInstance();
        AvroJob.setDataModelClass(job, AvroModel.class);
        AvroSerialization.addToConfiguration(job.getConfiguration());
        AvroJob.setMapOutputValueSchema(job, BuildOrders.SHUFFLE);
        return job;
    }

    @Test
    void theMapperJoinsProductsAndSessionsAndSkipsOtherEvents() throws Exception {
        BuildOrders.OrderMapper mapper = new BuildOrders.OrderMapper() {
            @Override
            protected void setup(Context context) {
                loadSideData(Map.of("P0001", BAG), Map.of("O-1", new Attribution("s1", "v1", "search")));
            }
        };
        Job job = job();
        AvroSerialization.setKeyWriterSchema(job.getConfiguration(), Schemas.EVENT);
        AvroSerialization.setKeyReaderSchema(job.getConfiguration(), Schemas.EVENT);
        Event login = Event.newBuilder(order("X", "2026-11-24T09:00:00Z")).setEventType("login").setOrderId(null).setAmount(null)
                .setCurrency(null).build();
        List<Pair<CustomerTimeKey, AvroValue<Object>>> out = MapDriver.newMapDriver(mapper).withConfiguration(job.getConfiguration())
                .withInput(new AvroKey<>(order("O-1", "2026-11-24T10:00:00Z", "P0001", "P9999")), NullWritable.get())
                .withInput(new AvroKey<>(login), NullWritable.get())
                .run();
        assertEquals(1, out.size());
        Order o = (Order) out.get(0).getSecond().datum();
        assertEquals(1, o.getUnknownProductLines());
        assertEquals("[bags]", o.getCategories().toString());
        assertEquals("s1", o.getSessionId());
        assertEquals("search", o.getChannel());
        assertFalse(o.getCustomerKnown(), "the customer is joined in the reducer");
    }

    @Test
    void eachOrderGetsTheCustomerVersionValidAtItsTime() throws Exception {
        Job job = job();
        AvroSerialization.setKeyWriterSchema(job.getConfiguration(), Schemas.ORDER);
        Order before = OrderEnrichment.fromEvent(order("O-1", "2026-11-22T10:00:00Z", "P0001"), Map.of(), Map.of());
        Order after = OrderEnrichment.fromEvent(order("O-2", "2026-11-24T10:00:00Z", "P0001"), Map.of(), Map.of());
        // The shuffle's order: the customer's versions by valid_from, then the orders by time.
        List<AvroValue<Object>> group = List.of(
                new AvroValue<>(version(1, "consumer", "2024-01-01T00:00:00Z", "2026-11-23T21:00:00Z")),
                new AvroValue<>(version(2, "vip", "2026-11-23T21:00:00Z", null)),
                new AvroValue<>(before), new AvroValue<>(after));
        List<Pair<AvroKey<Order>, NullWritable>> joined = ReduceDriver.newReduceDriver(new BuildOrders.AsOfJoin())
                .withConfiguration(job.getConfiguration())
                .withInput(new CustomerTimeKey().set("C00025", CustomerTimeKey.VERSION, 0), group).run();
        assertEquals(2, joined.size());
        assertEquals("consumer", joined.get(0).getFirst().datum().getSegment());
        assertEquals(1, joined.get(0).getFirst().datum().getCustomerVersion());
        assertEquals("vip", joined.get(1).getFirst().datum().getSegment());
    }

    @Test
    void theHistoryMapperKeysVersionsByCustomerBeforeTheirOrders() throws Exception {
        Job job = job();
        AvroSerialization.setKeyWriterSchema(job.getConfiguration(), Schemas.CUSTOMER_HISTORY);
        AvroSerialization.setKeyReaderSchema(job.getConfiguration(), Schemas.CUSTOMER_HISTORY);
        List<Pair<CustomerTimeKey, AvroValue<Object>>> out = MapDriver.newMapDriver(new BuildOrders.HistoryMapper())
                .withConfiguration(job.getConfiguration())
                .withInput(new AvroKey<>(version(2, "vip", "2026-11-23T21:00:00Z", null)), NullWritable.get()).run();
        CustomerTimeKey versionKey = out.get(0).getFirst();
        CustomerTimeKey orderKey = new CustomerTimeKey().set("C00025", CustomerTimeKey.ORDER, 0);
        assertEquals(-1, Integer.signum(versionKey.compareTo(orderKey)), "a version sorts before any order of its customer");
        CustomerTimeKey.CustomerGrouping grouping = new CustomerTimeKey.CustomerGrouping();
        assertEquals(0, grouping.compare(versionKey, orderKey));
        assertEquals(-1, Integer.signum(grouping.compare(orderKey, new CustomerTimeKey().set("C00026", CustomerTimeKey.VERSION, 0))));
        CustomerTimeKey.CustomerPartitioner<Object> partitioner = new CustomerTimeKey.CustomerPartitioner<>();
        assertEquals(partitioner.getPartition(versionKey, null, 9), partitioner.getPartition(orderKey, null, 9));
    }
}
