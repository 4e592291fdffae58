package io.clickstream.jobs.customers;

import io.clickstream.jobs.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clickstream.avro.Customer;
import io.clickstream.avro.CustomerVersion;
import io.clickstream.jobs.AvroModel;
import io.clickstream.jobs.Schemas;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.hadoop.io.AvroSerialization;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.specific.SpecificRecord;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.mapreduce.ReduceDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;

/** customer-history's mapper and merge reducer in MRUnit. */
class CustomerHistoryMapReduceTest {

    private static final Customer ROW = Customer.newBuilder().setCustomerId("C00050").setCountry("NL").setSegment("vip")
            .setSignupDate(LocalDate.of(2025, 3, 1)).setUpdatedAt(Instant.parse("2026-11-23T21:00:00Z")).build();
    private static final CustomerVersion V1 = CustomerVersion.newBuilder().setCustomerId("C00050").setVersion(1).setCountry("NL")
            .setSegment("consumer").setSignupDate(LocalDate.of(2025, 3, 1)).setValidFrom(Instant.parse("2025-03-01T00:00:00Z"))
            .setValidTo(null).setIsCurrent(true).setLastSeen(LocalDate.of(2026, 11, 23)).build();

    private static Job job() throws Exception {
        Job job = Job.getInstance();
        AvroJob.setDataModelClass(job, AvroModel.class);
        AvroSerialization.addToConfiguration(job.getConfiguration());
        AvroJob.setMapOutputValueSchema(job, BuildCustomerHistory.SHUFFLE);
        Settings.RUN_DATE.set(job.getConfiguration(), "2026-11-24");
        return job;
    }

    @Test
    void snapshotRowsAndPreviousVersionsMeetUnderTheCustomer() throws Exception {
        Job job = job();
        AvroSerialization.setKeyWriterSchema(job.getConfiguration(), BuildCustomerHistory.SHUFFLE);
        AvroSerialization.setKeyReaderSchema(job.getConfiguration(), BuildCustomerHistory.SHUFFLE);
        List<Pair<Text, AvroValue<Object>>> out = MapDriver.<AvroKey<SpecificRecord>, NullWritable, Text, AvroValue<Object>>newMapDriver(
                new BuildCustomerHistory.ByCustomer()).withConfiguration(job.getConfiguration())
                .withInput(new AvroKey<>(ROW), NullWritable.get()).withInput(new AvroKey<>(V1), NullWritable.get()).run();
        assertEquals(List.of("C00050", "C00050"), out.stream().map(p -> p.getFirst().toString()).toList());
    }

    @Test
    void aChangedSegmentOpensVersionTwo() throws Exception {
        Job job = job();
        AvroSerialization.setKeyWriterSchema(job.getConfiguration(), Schemas.CUSTOMER_HISTORY);
        List<Pair<AvroKey<CustomerVersion>, NullWritable>> out = ReduceDriver.newReduceDriver(new BuildCustomerHistory.Merge())
                .withConfiguration(job.getConfiguration())
                .withInput(new Text("C00050"), List.of(new AvroValue<>(V1), new AvroValue<>(ROW))).run();
        assertEquals(2, out.size());
        CustomerVersion closed = out.get(0).getFirst().datum();
        CustomerVersion current = out.get(1).getFirst().datum();
        assertEquals(ROW.getUpdatedAt(), closed.getValidTo());
        assertEquals("vip", current.getSegment());
        assertEquals(2, current.getVersion());
        assertEquals(LocalDate.of(2026, 11, 24), current.getLastSeen());
    }
}
