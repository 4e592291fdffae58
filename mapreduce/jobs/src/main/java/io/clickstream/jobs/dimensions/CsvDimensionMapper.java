package io.clickstream.jobs.dimensions;

import io.clickstream.jobs.TaskFailures;
import io.clickstream.quality.Rejection;
import io.clickstream.dimensions.Csv;
import io.clickstream.dimensions.DimensionRejectReason;
import io.clickstream.jobs.QuarantineSink;
import io.clickstream.jobs.SourceFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.specific.SpecificRecord;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * One CSV record of a dimension export. The file's first record is its header: columns are found by name,
 * so an export may order them as it likes; a header without a required column fails the task loudly.
 */
public class CsvDimensionMapper extends Mapper<LongWritable, Text, Text, KeyedRow> {

    private DimensionRows rows;
    private QuarantineSink quarantine;
    private List<String> header;
    private String sourceFile;

    /** Records why the task failed, for the driver's one-line message ({@link TaskFailures}). */
    @Override
    public void run(Context context) throws IOException, InterruptedException {
        TaskFailures.recorded(context, () -> super.run(context));
    }

    @Override
    protected void setup(Context context) {
        sourceFile = SourceFiles.of(context.getInputSplit());
        quarantine = openQuarantine(context);
        rows = new DimensionRows(context, quarantine, sourceFile);
    }

    protected QuarantineSink openQuarantine(Context context) {
        return QuarantineSink.avro(context);
    }

    @Override
    protected void map(LongWritable offset, Text record, Context context) throws IOException, InterruptedException {
        context.getCounter(CleanDimensionCounter.LINES_READ).increment(Csv.lines(record.toString()));
        if (offset.get() == 0) {
            readHeader(record.toString(), context);
            return;
        }
        List<String> fields;
        try {
            fields = Csv.parse(record.toString());
        } catch (Csv.MalformedCsvException e) {
            context.getCounter(CleanDimensionCounter.ROWS_READ).increment(1);
            rows.reject(offset.get(), record, new Rejection<>(DimensionRejectReason.MALFORMED_CSV, e.getMessage()),
                    context);
            return;
        }
        if (fields.size() != header.size()) {
            context.getCounter(CleanDimensionCounter.ROWS_READ).increment(1);
            rows.reject(offset.get(), record, new Rejection<>(DimensionRejectReason.WRONG_FIELD_COUNT,
                    fields.size() + " fields where the header has " + header.size()), context);
            return;
        }
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            row.put(header.get(i), fields.get(i));
        }
        rows.accept(row, offset.get(), record, context);
    }

    private void readHeader(String record, Context context) throws IOException {
        context.getCounter(CleanDimensionCounter.HEADERS).increment(1);
        try {
            header = new ArrayList<>();
            for (String column : Csv.parse(record.strip().replace("\uFEFF", ""))) {
                header.add(column.strip().toLowerCase(java.util.Locale.ROOT));
            }
        } catch (Csv.MalformedCsvException e) {
            throw new IOException(sourceFile + ": the header line is not CSV: " + e.getMessage());
        }
        List<String> missing = new ArrayList<>(rows.dimension().columns());
        missing.removeAll(header);
        if (!missing.isEmpty()) {
            throw new IOException(sourceFile + ": the header lacks the column(s) " + missing + " of "
                    + rows.dimension().dataset() + "; it has " + header);
        }
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
        quarantine.close();
    }
}
