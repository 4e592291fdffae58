package io.clickstream.jobs.dimensions;

import io.clickstream.dimensions.Csv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
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
 * CSV files record by record (a quoted field may span a bounded number of lines), keyed by the byte offset of the
 * record's first line. Files are not split: a split could start inside a quoted line break, and exports are small.
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

    /** A record may span this many lines at most; past it, the opening line is a malformed record of its own. */
    static final int MAX_RECORD_LINES = 100;
    static final int MAX_RECORD_BYTES = 1 << 20;

    static final class CsvRecordReader extends RecordReader<LongWritable, Text> {
        /** A physical line with the offset it starts at and the terminator it ended with, kept as written. */
        private record Line(long offset, String text, String terminator) {
        }

        private final LongWritable key = new LongWritable();
        private final Text value = new Text();
        private final Text line = new Text();
        /** Lines read ahead while looking for a quoted field's end that turned out not to belong to the record. */
        private final Deque<Line> pending = new ArrayDeque<>();
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

        private Line nextLine() throws IOException {
            if (!pending.isEmpty()) {
                return pending.pollFirst();
            }
            int read = reader.readLine(line);
            if (read == 0) {
                return null;
            }
            long offset = position;
            position += read;
            String terminator = read - line.getLength() == 2 ? "\r\n" : read - line.getLength() == 1
                    ? "\n" : "";
            return new Line(offset, line.toString(), terminator);
        }

        /**
         * The next record: a line, with the lines after it while a quoted field is open (joined by the line breaks as
         * written, CRLF kept). A quoted field still open after {@link #MAX_RECORD_LINES} lines or
         * {@link #MAX_RECORD_BYTES} bytes, or at the end of the file, is not a field: the opening line becomes a record alone (quarantined as
         * malformed) and the lines after it are read again as records.
         */
        @Override
        public boolean nextKeyValue() throws IOException {
            Line first = nextLine();
            if (first == null) {
                return false;
            }
            key.set(first.offset());
            StringBuilder record = new StringBuilder(first.text());
            List<Line> continued = new ArrayList<>();
            String terminator = first.terminator();
            while (!Csv.isComplete(record)) {
                Line more = continued.size() + 1 < MAX_RECORD_LINES && record.length() < MAX_RECORD_BYTES ? nextLine() : null;
                if (more == null) {
                    for (int i = continued.size() - 1; i >= 0; i--) {
                        pending.addFirst(continued.get(i));
                    }
                    record.setLength(0);
                    record.append(first.text());
                    break;
                }
                continued.add(more);
                record.append(terminator).append(more.text());
                terminator = more.terminator();
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
