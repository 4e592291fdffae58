package io.clickstream.jobs.dimensions;

import io.clickstream.dimensions.Csv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.util.LineReader;

/**
 * CSV files record by record (a quoted field may span lines), keyed by the byte offset of the record's
 * first line. Files are not split: a split could start inside a quoted line break, and exports are small.
 */
public class CsvInputFormat extends FileInputFormat<LongWritable, Text> {

    @Override
    protected boolean isSplitable(JobContext context, Path file) {
        return false;
    }

    @Override
    public RecordReader<LongWritable, Text> createRecordReader(InputSplit split, TaskAttemptContext context) {
        return new CsvRecordReader();
    }

    static final class CsvRecordReader extends RecordReader<LongWritable, Text> {
        private final LongWritable key = new LongWritable();
        private final Text value = new Text();
        private final Text line = new Text();
        private LineReader reader;
        private long position;
        private long length;

        @Override
        public void initialize(InputSplit split, TaskAttemptContext context) throws IOException {
            FileSplit file = (FileSplit) split;
            Configuration conf = context.getConfiguration();
            InputStream in = file.getPath().getFileSystem(conf).open(file.getPath());
            CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file.getPath());
            reader = new LineReader(codec == null ? in : codec.createInputStream(in), conf);
            length = file.getLength();
        }

        @Override
        public boolean nextKeyValue() throws IOException {
            int read = reader.readLine(line);
            if (read == 0) {
                return false;
            }
            key.set(position);
            position += read;
            StringBuilder record = new StringBuilder(line.toString());
            while (!Csv.isComplete(record)) {
                int more = reader.readLine(line);
                if (more == 0) {
                    break;
                }
                position += more;
                record.append('\n').append(line);
            }
            value.set(record.toString().getBytes(StandardCharsets.UTF_8));
            return true;
        }

        @Override
        public LongWritable getCurrentKey() {
            return key;
        }

        @Override
        public Text getCurrentValue() {
            return value;
        }

        @Override
        public float getProgress() {
            return length == 0 ? 1 : Math.min(1f, (float) position / length);
        }

        @Override
        public void close() throws IOException {
            if (reader != null) {
                reader.close();
            }
        }
    }
}
