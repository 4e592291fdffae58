package io.clickstream.jobs;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableInput;
import org.apache.avro.io.DatumReader;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.mapreduce.AvroRecordReaderBase;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * Avro container files of a flat record (the job's input key schema, {@code AvroJob.setInputKeySchema}) read as
 * {@link FlatRecordBytes}: each record's bytes with where its fields lie, for a job that passes records on unchanged.
 * Split, failures and progress as {@link AvroInputFormat}.
 */
public class FlatRecordBytesInputFormat extends FileInputFormat<FlatRecordBytes, NullWritable> {

    @Override
    public RecordReader<FlatRecordBytes, NullWritable> createRecordReader(InputSplit split, TaskAttemptContext context) {
        Schema schema = AvroJob.getInputKeySchema(context.getConfiguration());
        if (schema == null) {
            throw new IllegalStateException("no input key schema: set it with AvroJob.setInputKeySchema");
        }
        DatumReader<FlatRecordBytes> datumReader = FlatRecordBytes.reader(schema, new AvroModel());
        return TaskFailures.recorded(new AvroInputFormat.SampledProgress<>(new Reader(schema, datumReader)));
    }

    private static final class Reader extends AvroRecordReaderBase<FlatRecordBytes, NullWritable, FlatRecordBytes> {
        private final DatumReader<FlatRecordBytes> datumReader;

        Reader(Schema schema, DatumReader<FlatRecordBytes> datumReader) {
            super(schema);
            this.datumReader = datumReader;
        }

        @Override
        protected DataFileReader<FlatRecordBytes> createAvroFileReader(SeekableInput input, DatumReader<FlatRecordBytes> ignored)
                throws IOException {
            return new DataFileReader<>(input, datumReader);
        }

        @Override
        public FlatRecordBytes getCurrentKey() {
            return getCurrentRecord();
        }

        @Override
        public NullWritable getCurrentValue() {
            return NullWritable.get();
        }
    }
}
