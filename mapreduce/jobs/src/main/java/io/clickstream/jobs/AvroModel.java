package io.clickstream.jobs;

import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;

/**
 * The Avro data model of the jobs' shuffles and outputs: the generated classes, with the logical types the
 * schemas use (decimal money as BigDecimal, timestamp-millis as Instant, date as LocalDate). Set with
 * {@code AvroJob.setDataModelClass(job, AvroModel.class)}. Flat records are written by {@link FlatRecordWriter} and read
 * by {@link FlatRecordReader}.
 */
public class AvroModel extends SpecificData {

    public AvroModel() {
        this(AvroModel.class.getClassLoader());
    }

    /** The constructor Avro's Hadoop serialization calls. */
    public AvroModel(ClassLoader classLoader) {
        super(classLoader);
        addLogicalTypeConversion(new Conversions.DecimalConversion());
        addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        addLogicalTypeConversion(new TimeConversions.DateConversion());
    }

    @Override
    public DatumWriter createDatumWriter(Schema schema) {
        DatumWriter<?> flat = FlatRecordWriter.of(schema, this);
        return flat != null ? flat : super.createDatumWriter(schema);
    }

    @Override
    public DatumReader createDatumReader(Schema writer, Schema reader) {
        DatumReader<?> flat = writer != null && writer.equals(reader) ? FlatRecordReader.of(reader, this) : null;
        return flat != null ? flat : super.createDatumReader(writer, reader);
    }
}
