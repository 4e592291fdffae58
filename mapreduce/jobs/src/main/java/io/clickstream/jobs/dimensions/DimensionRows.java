package io.clickstream.jobs.dimensions;

import io.clickstream.quality.Rejection;
import io.clickstream.jobs.Settings;
import io.clickstream.dimensions.Dimension;
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

    private static final int MAX_QUARANTINED_BYTES = 64 * 1024;

    private final Dimension dimension;
    private final QuarantineSink quarantine;
    private final String source;
    private final AvroKey<SpecificRecord> out = new AvroKey<>();

    DimensionRows(TaskInputOutputContext<?, ?, ?, ?> context, QuarantineSink quarantine, String source) {
        this.dimension = Dimension.of(Settings.DIMENSION.get(context.getConfiguration()));
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
        } catch (Rejection.Thrown rejected) {
            reject(offset, raw, rejected.rejection(), context);
        }
    }

    void reject(long offset, Text raw, Rejection<?> rejection, TaskInputOutputContext<?, ?, ?, ?> context)
            throws IOException, InterruptedException {
        quarantine.write(QuarantineSink.record(dimension.dataset(), source, offset, raw, MAX_QUARANTINED_BYTES,
                rejection.reason().name(), rejection.message()));
        context.getCounter(CleanDimensionCounter.QUARANTINED).increment(1);
        context.getCounter(rejection.reason()).increment(1);
    }
}
