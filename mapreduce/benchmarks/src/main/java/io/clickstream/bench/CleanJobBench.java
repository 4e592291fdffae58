package io.clickstream.bench;

import io.clickstream.generate.SampleRun;
import io.clickstream.jobs.ProcessClock;
import io.clickstream.jobs.Settings;
import io.clickstream.jobs.accesslogs.CleanAccessLogs;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/**
 * Wall and CPU time of clean-access-logs against the framework floor: an identity map-only job over the same input
 * (read each line, write it back). Runs alternate, so both see the same machine; prints each run, the medians, and
 * the median and spread of the per-run ratios. The job client polls for completion every 50 ms (Hadoop's default
 * is 5 s, which would round every whole-job time up to about a multiple of 5 s). Jobs run as on a laptop
 * ({@code hadoop-local.xml}: LocalJobRunner, the local file system through {@code NioLocalFileSystem}).
 * Usage: {@code CleanJobBench WORK_DIR [LINES | LOG_FILE_OR_DIR] [RUNS] [FORMAT]}: generated combined-format lines, or
 * real logs in FORMAT (any {@code clickstream.access-logs.format}; default combined).
 */
public final class CleanJobBench {

    /** The floor: every line written back unchanged. */
    public static class IdentityMapper extends Mapper<LongWritable, Text, Text, NullWritable> {
        @Override
        protected void map(LongWritable key, Text line, Context context) throws IOException, InterruptedException {
            context.write(line, NullWritable.get());
        }
    }

    public static void main(String[] args) throws Exception {
        File work = new File(args[0]).getAbsoluteFile();
        String source = args.length > 1 ? args[1] : "2000000";
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Configuration conf = SampleRun.local(new Configuration());
        File input;
        long lines;
        if (source.matches("\\d+")) {
            input = new File(work, "input");
            lines = Integer.parseInt(source);
            long bytes = writeInput(input, (int) lines);
            System.out.printf(Locale.ROOT, "input: %,d generated lines, %.1f MB of plain combined-format logs in 4 files%n",
                    lines, bytes / 1e6);
        } else {
            input = new File(source).getAbsoluteFile();
            if (!input.exists()) {
                throw new IllegalArgumentException("no log file or directory " + input);
            }
            lines = countLines(input);
            Settings.ACCESS_LOGS_FORMAT.set(conf, args.length > 3 ? args[3] : "combined");
            System.out.printf(Locale.ROOT, "input: %,d lines of %s (%s), format %s%n", lines, input,
                    input.isDirectory() ? "a directory" : "a file", Settings.ACCESS_LOGS_FORMAT.get(conf));
        }
        conf.setInt("mapreduce.local.map.tasks.maximum", 2);
        conf.setInt(Job.COMPLETION_POLL_INTERVAL_KEY, POLL_MILLIS);
        Settings.VERBOSE.set(conf, false);
        Settings.IP_ANONYMIZE.set(conf, "truncate");
        List<double[]> floor = new ArrayList<>();
        List<double[]> clean = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            floor.add(ProcessClock.time(() -> identity(conf, input, new File(work, "floor-out"))));
            clean.add(ProcessClock.time(() -> new CleanAccessLogs() {
                {
                    setConf(conf);
                }
            }.run(LocalDate.of(2026, 11, 24), new Path(input.toURI()), new Path(new File(work, "clean-out").toURI()),
                    new Path(new File(work, "quarantine-out").toURI()))));
            ratios.add(clean.get(run)[0] / floor.get(run)[0]);
            System.out.printf(Locale.ROOT, "run %d: floor %.2f s wall, %.2f s CPU; clean-access-logs %.2f s wall, %.2f s CPU;"
                    + " ratio %.2f%n", run + 1, floor.get(run)[0], floor.get(run)[1], clean.get(run)[0], clean.get(run)[1],
                    ratios.get(run));
        }
        double cleanMedian = Stats.median(column(clean, 0));
        System.out.printf(Locale.ROOT, "median: floor %.2f s wall, %.2f s CPU; clean-access-logs %.2f s wall, %.2f s CPU;"
                + " ratio of the runs %.2f (%.2f-%.2f); clean throughput %,.0f lines/s%n", Stats.median(column(floor, 0)),
                Stats.median(column(floor, 1)), cleanMedian, Stats.median(column(clean, 1)), Stats.median(ratios), Collections.min(ratios),
                Collections.max(ratios), lines / cleanMedian);
    }

    private static final int POLL_MILLIS = 50;

    private static List<Double> column(List<double[]> runs, int i) {
        return runs.stream().map(r -> r[i]).toList();
    }

    private static long countLines(File input) throws IOException {
        if (input.isDirectory()) {
            long lines = 0;
            for (File file : java.util.Objects.requireNonNull(input.listFiles())) {
                lines += file.isHidden() || file.getName().startsWith("_") ? 0 : countLines(file);
            }
            return lines;
        }
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(input.toPath()), 1 << 20)) {
            long lines = 0;
            for (int b = in.read(); b >= 0; b = in.read()) {
                lines += b == '\n' ? 1 : 0;
            }
            return lines;
        }
    }

    private static long writeInput(File dir, int lines) throws IOException {
        dir.mkdirs();
        byte[][] sample = SampleLines.combined(Math.min(lines, 200_000), 3);
        long bytes = 0;
        for (int f = 0; f < 4; f++) {
            File file = new File(dir, "web-" + f + ".log");
            try (OutputStream out = new java.io.BufferedOutputStream(new FileOutputStream(file), 1 << 20)) {
                for (int i = f; i < lines; i += 4) {
                    out.write(sample[i % sample.length]);
                    out.write('\n');
                }
            }
            bytes += Files.size(file.toPath());
        }
        return bytes;
    }

    private static void identity(Configuration conf, File input, File output) throws Exception {
        Job job = Job.getInstance(conf, "identity floor");
        job.setJarByClass(CleanJobBench.class);
        job.setMapperClass(IdentityMapper.class);
        job.setNumReduceTasks(0);
        job.setOutputKeyClass(Text.class);
        job.setOutputValueClass(NullWritable.class);
        job.setOutputFormatClass(TextOutputFormat.class);
        FileInputFormat.addInputPath(job, new Path(input.toURI()));
        Path out = new Path(output.toURI());
        out.getFileSystem(conf).delete(out, true);
        FileOutputFormat.setOutputPath(job, out);
        if (!job.waitForCompletion(false)) {
            throw new IllegalStateException("identity job failed");
        }
    }
}
