package io.clickstream.jobs.dimensions;

import io.clickstream.quality.Rejection;
import io.clickstream.jobs.Settings;
import io.clickstream.dimensions.Dimension;
import io.clickstream.jobs.QuarantineSink;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;

/**
 * What both dimension mappers do with a row: pass it on, keyed by its dimension's key, to {@link OneRowPerKey}, or
 * quarantine it, counting either way.
 */
final class DimensionRows {

    private static final int MAX_QUARANTINED_BYTES = 64 * 1024;

    private final Dimension dimension;
    private final QuarantineSink quarantine;
    private final String source;
    private final Text key = new Text();
    private final KeyedRow out = new KeyedRow();
    private final ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    private SpecificDatumWriter<SpecificRecord> writer;
    private BinaryEncoder encoder;

    /** @param source the file or table rows come from (null in the reducer, where each row names its own) */
    DimensionRows(TaskInputOutputContext<?, ?, ?, ?> context, QuarantineSink quarantine, String source) {
        this.dimension = Dimension.of(Settings.DIMENSION.get(context.getConfiguration()));
        this.quarantine = quarantine;
        this.source = source;
    }

    Dimension dimension() {
        return dimension;
    }

    void accept(Map<String, String> row, long offset, Text raw, TaskInputOutputContext<?, ?, Text, KeyedRow> context)
            throws IOException, InterruptedException {
        context.getCounter(CleanDimensionCounter.ROWS_READ).increment(1);
        SpecificRecord record;
        try {
            record = dimension.toRecord(row);
        } catch (Rejection.Thrown rejected) {
            reject(offset, raw, rejected.rejection(), context);
            return;
        }
        key.set(String.valueOf(record.get(record.getSchema().getField(dimension.key()).pos())));
        context.write(key, out.set(source, offset, raw, encode(record)));
    }

    private byte[] encode(SpecificRecord record) throws IOException {
        if (writer == null) {
            writer = new SpecificDatumWriter<>(record.getSchema());
        }
        encoded.reset();
        encoder = EncoderFactory.get().directBinaryEncoder(encoded, encoder);
        writer.write(record, encoder);
        encoder.flush();
        return encoded.toByteArray();
    }

    void reject(long offset, Text raw, Rejection<?> rejection, TaskInputOutputContext<?, ?, ?, ?> context)
            throws IOException, InterruptedException {
        reject(source, offset, raw, rejection, context);
    }

    void reject(String sourceFile, long offset, Text raw, Rejection<?> rejection, TaskInputOutputContext<?, ?, ?, ?> context)
            throws IOException, InterruptedException {
        quarantine.write(QuarantineSink.record(dimension.dataset(), sourceFile, offset, raw, MAX_QUARANTINED_BYTES,
                rejection.reason().name(), rejection.message()));
        context.getCounter(CleanDimensionCounter.QUARANTINED).increment(1);
        context.getCounter(rejection.reason()).increment(1);
    }
}
