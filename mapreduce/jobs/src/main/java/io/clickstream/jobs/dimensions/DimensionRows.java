package io.clickstream.jobs.dimensions;

import io.clickstream.dimensions.Dimension;
import io.clickstream.dimensions.DimensionRejection;
import io.clickstream.jobs.QuarantineSink;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.specific.SpecificRecord;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;

/** What both dimension mappers do with a row: accept it as Avro or quarantine it, counting either way. */
final class DimensionRows {

    static final String DIMENSION = "clickstream.dimension";
    private static final int MAX_QUARANTINED_BYTES = 64 * 1024;

    private final Dimension dimension;
    private final QuarantineSink quarantine;
    private final String source;
    private final AvroKey<SpecificRecord> out = new AvroKey<>();

    DimensionRows(TaskInputOutputContext<?, ?, ?, ?> context, QuarantineSink quarantine, String source) {
        this.dimension = Dimension.of(context.getConfiguration().get(DIMENSION));
        this.quarantine = quarantine;
        this.source = source;
    }

    Dimension dimension() {
        return dimension;
    }

    void accept(Map<String, String> row, long offset, Text raw,
            TaskInputOutputContext<?, ?, AvroKey<SpecificRecord>, NullWritable> context)
            throws IOException, InterruptedException {
        context.getCounter(CleanDimensionCounter.ROWS_READ).increment(1);
        try {
            out.datum(dimension.toRecord(row));
            context.write(out, NullWritable.get());
            context.getCounter(CleanDimensionCounter.ACCEPTED).increment(1);
        } catch (DimensionRejection rejection) {
            reject(offset, raw, rejection, context);
        }
    }

    void reject(long offset, Text raw, DimensionRejection rejection, TaskInputOutputContext<?, ?, ?, ?> context)
            throws IOException, InterruptedException {
        quarantine.write(QuarantineSink.record(dimension.dataset(), source, offset, raw, MAX_QUARANTINED_BYTES,
                rejection.reason().name(), rejection.getMessage()));
        context.getCounter(CleanDimensionCounter.QUARANTINED).increment(1);
        context.getCounter(rejection.reason()).increment(1);
    }
}
