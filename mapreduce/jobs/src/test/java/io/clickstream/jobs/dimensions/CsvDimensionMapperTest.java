package io.clickstream.jobs.dimensions;

import io.clickstream.jobs.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clickstream.avro.Customer;
import io.clickstream.avro.QuarantineRecord;
import io.clickstream.dimensions.DimensionRejectReason;
import io.clickstream.jobs.AvroModel;
import io.clickstream.jobs.QuarantineSink;
import io.clickstream.jobs.Schemas;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;

class CsvDimensionMapperTest {

    @Test
    void headerNamesTheColumnsAndEachRowIsAcceptedOrQuarantined() throws Exception {
        List<QuarantineRecord> quarantined = new ArrayList<>();
        CsvDimensionMapper mapper = new CsvDimensionMapper() {
            @Override
            protected QuarantineSink openQuarantine(Context context) {
                return record -> quarantined.add(QuarantineRecord.newBuilder(record).build());
            }
        };
        Job job = Job.getInstance();
        Settings.DIMENSION.set(job.getConfiguration(), "customers");
        AvroJob.setDataModelClass(job, AvroModel.class);
        MapDriver<LongWritable, Text, Text, KeyedRow> driver = MapDriver.newMapDriver(mapper)
                .withConfiguration(job.getConfiguration())
                .withMapInputPath(new Path("hdfs://nn/warehouse/raw/customers/dt=2026-11-24/customers.csv"));

        List<Pair<Text, KeyedRow>> out = driver
                .withInput(new LongWritable(0), new Text("updated_at,segment,customer_id,country,signup_date"))
                .withInput(new LongWritable(52), new Text("2026-11-23T21:00:00Z,VIP,C00001,NL,2021-03-04"))
                .withInput(new LongWritable(98), new Text("2026-11-23T21:00:00Z,vip,C00002,Netherlands,2021-03-04"))
                .withInput(new LongWritable(150), new Text("2026-11-23T21:00:00Z,vip,\"C00003\"x,NL,2021-03-04"))
                .run();

        assertEquals(1, out.size());
        Customer customer = (Customer) out.get(0).getSecond().decode(new SpecificDatumReader<>(Schemas.CUSTOMER));
        assertEquals("C00001", customer.getCustomerId());
        assertEquals("vip", customer.getSegment(), "accepted values are case-insensitive, stored lower-case");
        assertEquals(LocalDate.of(2021, 3, 4), customer.getSignupDate());
        assertEquals(List.of(DimensionRejectReason.BAD_VALUE.name(), DimensionRejectReason.MALFORMED_CSV.name()),
                quarantined.stream().map(QuarantineRecord::getReason).toList());
        assertEquals(98, quarantined.get(0).getByteOffset());
        assertEquals(3, driver.getCounters().findCounter(CleanDimensionCounter.ROWS_READ).getValue());
        assertEquals(1, driver.getCounters().findCounter(CleanDimensionCounter.HEADERS).getValue());
        assertEquals(2, driver.getCounters().findCounter(CleanDimensionCounter.QUARANTINED).getValue());
    }
}
