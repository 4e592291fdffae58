package io.clickstream.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.MapContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * Why a task failed, in one line the driver can print: the client's own view of a failed job is {@code NA} on the
 * LocalJobRunner and a bare task id on YARN. A task that throws leaves the exception's line (with the file it was
 * reading) in {@code _task-failures/<attempt>} under the job's output; the driver reads it into its failure message
 * and removes the directory when the job succeeds after a retry.
 */
public final class TaskFailures {

    private static final String DIR = "_task-failures";

    /** The body of a task's {@code run}, which may throw what a Mapper or Reducer may throw. */
    public interface Body {
        void run() throws IOException, InterruptedException;
    }

    private TaskFailures() {
    }

    /** Runs {@code body}; if it throws, records why before rethrowing. */
    public static void recorded(TaskInputOutputContext<?, ?, ?, ?> context, Body body)
            throws IOException, InterruptedException {
        recorded(context, context instanceof MapContext<?, ?, ?, ?> map ? map.getInputSplit() : null, body);
    }

    /**
     * {@code reader}, recording why it failed: a file that cannot be opened as what the job reads fails while the
     * reader starts, before the mapper's {@code run}.
     */
    public static <K, V> RecordReader<K, V> recorded(RecordReader<K, V> reader) {
        return new ForwardingRecordReader<>(reader) {
            private TaskAttemptContext context;
            private InputSplit split;

            @Override
            public void initialize(InputSplit split, TaskAttemptContext context) throws IOException, InterruptedException {
                this.split = split;
                this.context = context;
                recorded(context, split, () -> reader.initialize(split, context));
            }

            @Override
            public boolean nextKeyValue() throws IOException, InterruptedException {
                boolean[] next = new boolean[1];
                recorded(context, split, () -> next[0] = reader.nextKeyValue());
                return next[0];
            }
        };
    }

    private static void recorded(TaskAttemptContext context, Object split, Body body)
            throws IOException, InterruptedException {
        try {
            body.run();
        } catch (IOException | RuntimeException | Error e) {
            record(context, split, e);
            throw e;
        }
    }

    private static void record(TaskAttemptContext context, Object input, Throwable e) {
        Path output = FileOutputFormat.getOutputPath(context);
        if (output == null) {
            return;
        }
        String reading = input instanceof FileSplit split ? " (task " + context.getTaskAttemptID()
                + " reading " + split.getPath() + ")" : " (task " + context.getTaskAttemptID() + ")";
        String line = oneLine(e) + reading;
        try {
            FileSystem fs = output.getFileSystem(context.getConfiguration());
            try (OutputStream out = fs.create(new Path(new Path(output, DIR), context.getTaskAttemptID().toString()), true)) {
                out.write(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException ignored) {
            // the task fails anyway; the driver then says what Hadoop says
        }
    }

    /** The exception's own message, or its class when it has none; causes are followed for a message. */
    static String oneLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().replaceAll("\\s+", " ").strip();
            }
        }
        return e.getClass().getName();
    }

    /** The first recorded failure under {@code output}, or null. */
    public static String first(Configuration conf, Path output) throws IOException {
        Path dir = new Path(output, DIR);
        FileSystem fs = dir.getFileSystem(conf);
        if (!fs.exists(dir)) {
            return null;
        }
        FileStatus[] failures = fs.listStatus(dir);
        if (failures.length == 0) {
            return null;
        }
        Arrays.sort(failures);
        try (var in = fs.open(failures[0].getPath())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Forgets failures of attempts that a retry made good. */
    public static void clear(Configuration conf, Path output) throws IOException {
        Path dir = new Path(output, DIR);
        dir.getFileSystem(conf).delete(dir, true);
    }
}
