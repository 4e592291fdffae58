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
        if (writer == null && reader == null) {
            return new ChosenByWriter(this);
        }
        DatumReader<?> flat = writer != null && writer.equals(reader) ? FlatRecordReader.of(reader, this) : null;
        return flat != null ? flat : super.createDatumReader(writer, reader);
    }

    /**
     * The reader of a job that reads files without naming a schema (several datasets in one job, as {@code marts}
     * does): once a file's schema is known, its generated class's schema is read with (as {@code SpecificDatumReader}
     * would), by {@link FlatRecordReader} when the record is flat.
     */
    private static final class ChosenByWriter implements DatumReader<Object> {
        private final AvroModel model;
        private DatumReader<Object> chosen;

        ChosenByWriter(AvroModel model) {
            this.model = model;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void setSchema(Schema writer) {
            Class<?> type = writer.getType() == Schema.Type.RECORD ? model.getClass(writer) : null;
            Schema reader = type != null && org.apache.avro.specific.SpecificRecord.class.isAssignableFrom(type)
                    ? model.getSchema(type) : writer;
            DatumReader<Object> flat = (DatumReader<Object>) (DatumReader<?>) FlatRecordReader.of(reader, model);
            chosen = flat != null ? flat : (DatumReader<Object>) model.createDatumReader(writer, reader);
            chosen.setSchema(writer);
        }

        @Override
        public Object read(Object reuse, org.apache.avro.io.Decoder in) throws java.io.IOException {
            return chosen.read(reuse, in);
        }
    }
}
