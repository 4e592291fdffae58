package io.clickstream.jobs;

import io.clickstream.avro.QuarantineRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapreduce.AvroKeyOutputFormat;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;

/**
 * Where a task puts the records it cannot accept: the named Avro output {@code quarantine} beside the job's
 * main output (published as {@code ROOT/quarantine/<source>/dt=D}). Tests may collect records instead.
 */
public interface QuarantineSink {

    String OUTPUT = "quarantine";

    void write(QuarantineRecord record) throws IOException, InterruptedException;

    default void close() throws IOException, InterruptedException {
    }

    /** Declares the quarantine output of a job, with record counters for the accounting check. */
    static void configure(Job job) {
        AvroMultipleOutputs.addNamedOutput(job, OUTPUT, AvroKeyOutputFormat.class, Schemas.QUARANTINE_RECORD);
        AvroMultipleOutputs.setCountersEnabled(job, true);
    }

    /** Records the job wrote to its quarantine, as counted by the output itself. */
    static long written(Counters counters) {
        return counters.findCounter(AvroMultipleOutputs.class.getName(), OUTPUT + "/part").getValue();
    }

    static QuarantineSink avro(TaskInputOutputContext<?, ?, ?, ?> context) {
        AvroMultipleOutputs outputs = new AvroMultipleOutputs(context);
        AvroKey<QuarantineRecord> key = new AvroKey<>();
        return new QuarantineSink() {
            @Override
            public void write(QuarantineRecord record) throws IOException, InterruptedException {
                key.datum(record);
                outputs.write(OUTPUT, key, NullWritable.get(), OUTPUT + "/part");
            }

            @Override
            public void close() throws IOException, InterruptedException {
                outputs.close();
            }
        };
    }

    /** The quarantine record of the rest of a compressed file that could not be read ({@link RawTextInputFormat}). */
    public static QuarantineRecord unreadableRest(String source, String sourceFile, LongWritable key, Text message) {
        return record(source, sourceFile, RawTextInputFormat.stoppedAt(key), new Text(), 0,
                RawTextInputFormat.CORRUPT_COMPRESSED_FILE, message.toString());
    }

    /** A quarantine record of {@code line}, its bytes kept up to {@code maxBytes}. */
    static QuarantineRecord record(String source, String sourceFile, long offset, Text line, int maxBytes,
            String reason, String message) {
        int kept = Math.min(line.getLength(), maxBytes);
        return QuarantineRecord.newBuilder()
                .setSource(source)
                .setSourceFile(sourceFile)
                .setByteOffset(offset)
                .setRaw(ByteBuffer.wrap(Arrays.copyOf(line.getBytes(), kept)))
                .setReason(reason)
                .setMessage(message)
                .build();
    }
}
