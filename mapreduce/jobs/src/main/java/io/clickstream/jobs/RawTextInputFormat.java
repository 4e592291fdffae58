package io.clickstream.jobs;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.LineRecordReader;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;

/**
 * The raw zone's text files, line by line, deciding per file what a corrupt or truncated compressed file costs: by
 * default ({@code clickstream.input.fail-on-corrupt-files=false}) the lines read before the damage are kept and the
 * reader then hands the mapper one last record that stands for the unreadable rest ({@link #isUnreadableRest}: its
 * key is negative, its value says where and why reading stopped), which the mapper quarantines as
 * {@code CORRUPT_COMPRESSED_FILE}, so the books and the quarantine threshold see it; with {@code true} the task fails
 * with a message naming the file and the offset. An empty file, compressed or not, is empty: no lines, no error.
 */
public class RawTextInputFormat extends TextInputFormat {

    /** The reason the mappers quarantine the unreadable rest of a compressed file under. */
    public static final String CORRUPT_COMPRESSED_FILE = "CORRUPT_COMPRESSED_FILE";

    @Override
    public RecordReader<LongWritable, Text> createRecordReader(InputSplit split, TaskAttemptContext context) {
        return new Reader(Settings.INPUT_FAIL_ON_CORRUPT_FILES.get(context.getConfiguration()));
    }

    /**
     * Compressed files are read whole, one task each: a line's key is then its offset in the uncompressed text, where
     * the quarantine says it is (a later split of a {@code .bz2} would count from a compressed block's position).
     * Parallelism comes from the many files of a day; uncompressed files still split.
     */
    @Override
    protected boolean isSplitable(JobContext context, Path file) {
        return new CompressionCodecFactory(context.getConfiguration()).getCodec(file) == null;
    }

    /**
     * Adds a raw day ({@code raw/<source>/dt=D}, its hours read recursively) to the job's input, with the records that
     * {@code land-kafka} put in an hour's {@code _late/} folder because they arrived after the hour was closed: hidden
     * from the hour's own provisional run, they belong to the day, which its own run reads whole.
     */
    public static void addRawDay(Job job, Path day) throws IOException {
        FileInputFormat.addInputPath(job, day);
        for (String file : LateArrivals.files(job.getConfiguration(), day)) {
            FileInputFormat.addInputPath(job, new Path(day, file));
        }
    }

    /** The folder of an hour where {@code land-kafka} puts the records that came after the hour was closed. */
    public static final String LATE_FOLDER = "_late";

    /** True for the record that stands for the rest of a file that could not be decompressed. */
    public static boolean isUnreadableRest(LongWritable key) {
        return key.get() < 0;
    }

    /** The compressed offset at which reading stopped, for the quarantine record of the unreadable rest. */
    public static long stoppedAt(LongWritable key) {
        return -key.get() - 1;
    }

    private static final class Reader extends RecordReader<LongWritable, Text> {
        private final boolean failOnCorruption;
        private final LineRecordReader lines = new LineRecordReader();
        private final LongWritable key = new LongWritable();
        private final Text value = new Text();
        private String file;
        private long splitStart;
        private long splitLength;
        private boolean compressed;
        private boolean empty;
        private boolean opened;
        private boolean done;
        private boolean unreadableRestHanded;
        private IOException cause;
        private long stoppedAt;

        Reader(boolean failOnCorruption) {
            this.failOnCorruption = failOnCorruption;
        }

        @Override
        public void initialize(InputSplit genericSplit, TaskAttemptContext context) throws IOException {
            FileSplit split = (FileSplit) genericSplit;
            Configuration conf = context.getConfiguration();
            file = split.getPath().toString();
            splitStart = split.getStart();
            splitLength = split.getLength();
            compressed = new CompressionCodecFactory(conf).getCodec(split.getPath()) != null;
            empty = split.getPath().getFileSystem(conf).getFileStatus(split.getPath()).getLen() == 0;
            if (empty) {
                return;
            }
            try {
                lines.initialize(split, context);
                opened = true;
            } catch (IOException e) {
                if (!compressed) {
                    throw e;
                }
                corrupt(splitStart, e);
            }
        }

        @Override
        public boolean nextKeyValue() throws IOException {
            if (empty || done) {
                return false;
            }
            if (unreadableRestHanded) {
                done = true;
                return false;
            }
            if (!opened) {
                return handUnreadableRest();
            }
            try {
                return lines.nextKeyValue();
            } catch (IOException e) {
                if (!compressed) {
                    throw e;
                }
                corrupt(splitStart + (long) (lines.getProgress() * splitLength), e);
                return handUnreadableRest();
            }
        }

        private void corrupt(long at, IOException e) throws IOException {
            String message = file + ": compressed data unreadable from about byte " + at + " of " + (splitStart + splitLength)
                    + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
            if (failOnCorruption) {
                throw new IOException(message + "; clickstream.input.fail-on-corrupt-files=true", e);
            }
            cause = e;
            stoppedAt = at;
        }

        private boolean handUnreadableRest() {
            unreadableRestHanded = true;
            key.set(-stoppedAt - 1);
            long share = splitLength == 0 ? 0 : Math.round(100.0 * (splitStart + splitLength - stoppedAt) / splitLength);
            value.set("compressed data unreadable from about byte " + stoppedAt + " of " + (splitStart + splitLength)
                    + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + "); the lines before it are"
                    + " kept, about " + Math.min(100, share) + "% of the file's compressed bytes are lost");
            return true;
        }

        @Override
        public LongWritable getCurrentKey() {
            return unreadableRestHanded ? key : lines.getCurrentKey();
        }

        @Override
        public Text getCurrentValue() {
            return unreadableRestHanded ? value : lines.getCurrentValue();
        }

        @Override
        public float getProgress() throws IOException {
            return empty || done || unreadableRestHanded ? 1f : opened ? lines.getProgress() : 0f;
        }

        @Override
        public void close() throws IOException {
            if (opened) {
                try {
                    lines.close();
                } catch (IOException e) {
                    // the stream was already broken; its lines are accounted for
                }
            }
        }
    }
}
