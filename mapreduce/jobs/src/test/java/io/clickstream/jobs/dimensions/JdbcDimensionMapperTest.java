package io.clickstream.jobs.dimensions;

import io.clickstream.jobs.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clickstream.avro.Product;
import io.clickstream.avro.QuarantineRecord;
import io.clickstream.jobs.AvroModel;
import io.clickstream.jobs.QuarantineSink;
import io.clickstream.jobs.Schemas;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.db.DBConfiguration;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;

class JdbcDimensionMapperTest {

    private static final String[] COLUMNS = {"product_id", "name", "category", "list_price", "currency", "active", "updated_at"};

    @Test
    void rowsBecomeProductsOrQuarantinedCsvLines() throws Exception {
        List<QuarantineRecord> quarantined = new ArrayList<>();
        JdbcDimensionMapper mapper = new JdbcDimensionMapper() {
            @Override
            protected QuarantineSink openQuarantine(Context context) {
                return record -> quarantined.add(QuarantineRecord.newBuilder(record).build());
            }
        };
        Job job = Job.getInstance();
        Settings.DIMENSION.set(job.getConfiguration(), "products");
        job.getConfiguration().set(DBConfiguration.URL_PROPERTY, "jdbc:postgresql://db/shop");
        job.getConfiguration().set(DBConfiguration.INPUT_TABLE_NAME_PROPERTY, "products");
        AvroJob.setDataModelClass(job, AvroModel.class);
        MapDriver<LongWritable, DbRow, Text, KeyedRow> driver =
                MapDriver.newMapDriver(mapper).withConfiguration(job.getConfiguration());

        List<Pair<Text, KeyedRow>> out = driver
                .withInput(new LongWritable(1), new DbRow(COLUMNS,
                        new String[] {"P0001", "Sun Hat, wide", "hats", "19.9", "EUR", "true", "2026-11-23T21:00:00Z"}))
                .withInput(new LongWritable(2), new DbRow(COLUMNS,
                        new String[] {"P0002", "Bag", null, "5.00", "EUR", "false", "2026-11-23T21:00:00Z"}))
                .run();

        Product product = (Product) out.get(0).getSecond().decode(new SpecificDatumReader<>(Schemas.PRODUCT));
        assertEquals(new BigDecimal("19.90"), product.getListPrice());
        assertEquals(1, quarantined.size());
        assertEquals("MISSING_VALUE", quarantined.get(0).getReason());
        assertEquals("jdbc:postgresql://db/shop#products", quarantined.get(0).getSourceFile());
        assertEquals(2, quarantined.get(0).getByteOffset(), "the row number stands for the offset");
        assertEquals("P0002,Bag,,5.00,EUR,false,2026-11-23T21:00:00Z",
                StandardCharsets.UTF_8.decode(quarantined.get(0).getRaw()).toString());
        assertEquals(2, driver.getCounters().findCounter(CleanDimensionCounter.ROWS_READ).getValue());
    }
}
