package io.clickstream.jobs.dimensions;

import io.clickstream.jobs.TaskFailures;
import io.clickstream.dimensions.Csv;
import io.clickstream.jobs.QuarantineSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Map;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.specific.SpecificRecord;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.db.DBConfiguration;

/** One row of a dimension table read over JDBC; a quarantined row is kept as the CSV line it would export to. */
public class JdbcDimensionMapper extends Mapper<LongWritable, DbRow, Text, KeyedRow> {

    private DimensionRows rows;
    private QuarantineSink quarantine;

    /** Records why the task failed, for the driver's one-line message ({@link TaskFailures}). */
    @Override
    public void run(Context context) throws IOException, InterruptedException {
        TaskFailures.recorded(context, () -> super.run(context));
    }

    @Override
    protected void setup(Context context) {
        quarantine = openQuarantine(context);
        rows = new DimensionRows(context, quarantine, context.getConfiguration().get(DBConfiguration.URL_PROPERTY)
                + "#" + context.getConfiguration().get(DBConfiguration.INPUT_TABLE_NAME_PROPERTY));
    }

    protected QuarantineSink openQuarantine(Context context) {
        return QuarantineSink.avro(context);
    }

    @Override
    protected void map(LongWritable rowNumber, DbRow row, Context context) throws IOException, InterruptedException {
        Map<String, String> values = row.asMap();
        rows.accept(values, rowNumber.get(), new Text(Csv.format(new ArrayList<>(values.values()))), context);
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
        quarantine.close();
    }
}
