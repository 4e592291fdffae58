package io.clickstream.jobs.dimensions;

import io.clickstream.dimensions.Dimension;
import io.clickstream.dimensions.DimensionRejectReason;
import io.clickstream.jobs.QuarantineSink;
import io.clickstream.jobs.Settings;
import io.clickstream.jobs.TaskFailures;
import io.clickstream.quality.Rejection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.specific.SpecificRecord;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * A snapshot holds each key once. Copies of one row are one row (the others counted as duplicates); different rows of
 * one key are settled by {@code updated_at} — the latest is the row, the older ones are quarantined as
 * {@code DUPLICATE_KEY} naming the row that won; when the latest is not unique, no row can be chosen and all of them
 * are quarantined. Nothing is kept or dropped by the order rows happened to arrive in.
 */
public class OneRowPerKey extends Reducer<Text, KeyedRow, AvroKey<SpecificRecord>, NullWritable> {

    private final AvroKey<SpecificRecord> out = new AvroKey<>();
    private Dimension dimension;
    private SpecificDatumReader<SpecificRecord> reader;
    private DimensionRows rows;
    private QuarantineSink quarantine;

    /** Records why the task failed, for the driver's one-line message ({@link TaskFailures}). */
    @Override
    public void run(Context context) throws IOException, InterruptedException {
        TaskFailures.recorded(context, () -> super.run(context));
    }

    @Override
    protected void setup(Context context) {
        dimension = Dimension.of(Settings.DIMENSION.get(context.getConfiguration()));
        reader = new SpecificDatumReader<>(CleanDimension.schema(dimension));
        quarantine = openQuarantine(context);
        rows = new DimensionRows(context, quarantine, null);
    }

    protected QuarantineSink openQuarantine(Context context) {
        return QuarantineSink.avro(context);
    }

    @Override
    protected void reduce(Text key, Iterable<KeyedRow> values, Context context) throws IOException, InterruptedException {
        List<KeyedRow> distinct = new ArrayList<>();
        for (KeyedRow row : values) {
            if (distinct.stream().anyMatch(row::sameRecordAs)) {
                context.getCounter(CleanDimensionCounter.DUPLICATES).increment(1);
            } else {
                distinct.add(row.copy());
            }
        }
        List<SpecificRecord> records = new ArrayList<>();
        for (KeyedRow row : distinct) {
            records.add(row.decode(reader));
        }
        if (distinct.size() == 1) {
            write(records.get(0), context);
            return;
        }
        Comparable<Object> latest = records.stream().map(OneRowPerKey::updatedAt).max(Comparable::compareTo).orElseThrow();
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (updatedAt(records.get(i)).compareTo(latest) == 0) {
                winners.add(i);
            }
        }
        int kept = winners.size() == 1 ? winners.get(0) : -1;
        for (int i = 0; i < distinct.size(); i++) {
            KeyedRow row = distinct.get(i);
            if (i == kept) {
                write(records.get(i), context);
            } else {
                String why = kept >= 0
                        ? String.format("%s %s has %d different rows; the one updated last (%s, offset %d of %s) is kept",
                                dimension.key(), key, distinct.size(), latest, distinct.get(kept).offset(),
                                distinct.get(kept).sourceFile())
                        : String.format("%s %s has %d different rows, %d of them updated last at %s: none can be chosen",
                                dimension.key(), key, distinct.size(), winners.size(), latest);
                rows.reject(row.sourceFile(), row.offset(), row.raw(),
                        new Rejection<>(DimensionRejectReason.DUPLICATE_KEY, why), context);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Comparable<Object> updatedAt(SpecificRecord record) {
        return (Comparable<Object>) record.get(record.getSchema().getField("updated_at").pos());
    }

    private void write(SpecificRecord record, Context context) throws IOException, InterruptedException {
        out.datum(record);
        context.write(out, NullWritable.get());
        context.getCounter(CleanDimensionCounter.ACCEPTED).increment(1);
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
        quarantine.close();
    }
}
