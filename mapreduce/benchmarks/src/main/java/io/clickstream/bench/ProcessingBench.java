package io.clickstream.bench;

import io.clickstream.Main;
import io.clickstream.generate.AccessLogGenerator;
import io.clickstream.generate.GenerateAccessLogs;
import io.clickstream.generate.GenerateDimensions;
import io.clickstream.generate.GenerateEvents;
import io.clickstream.generate.SampleRun;
import io.clickstream.jobs.CleanRun;
import io.clickstream.jobs.ProcessClock;
import io.clickstream.jobs.Warehouse;
import io.clickstream.sessions.UserAgents;
import java.io.File;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Cost of each daily stage on the LocalJobRunner for the middle of three generated days, run after its inputs were
 * built, several times: wall and CPU time per stage (the process's CPU: the local runner's tasks run in it), the
 * stage's time over clean-access-logs' in the same run, the bytes each stage shuffles (map output after compression)
 * and the heap each stage holds ({@link LiveHeap}). Then the user-agent classification per record (uncached uap-java
 * parse vs the cached classify the jobs use).
 * Usage: ProcessingBench WORKDIR LINES_PER_DAY [RUNS]
 */
public final class ProcessingBench {

    static final LocalDate D1 = LocalDate.of(2026, 11, 20);
    /**
     * The most lines a day the generator makes at once: it holds its three days in memory (about 0.9 GB a million lines
     * a day), so larger days are written in slices, each its own files with its own seed and visit numbers.
     */
    private static final int SLICE_LINES = 1_000_000;
    static final List<String> STAGES = List.of("clean-access-logs", "sessionize", "customer-history", "orders", "marts");

    /** One stage's run: wall and CPU seconds, shuffled bytes, the most heap it held (bytes). */
    record Measure(double wall, double cpu, long shuffle, long heap) {
    }

    public static void main(String[] args) throws Exception {
        Configuration conf = benchConfiguration();
        Path root = new Path(new File(args[0], "warehouse").toURI().toString());
        int lines = Integer.parseInt(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int slices = (lines + SLICE_LINES - 1) / SLICE_LINES;
        List<Slice> written = generate(conf, root, lines, slices);
        long dayLines = written.stream().mapToLong(Slice::lines).sum();
        long uncompressed = written.stream().mapToLong(Slice::bytes).sum();
        List<String> agents = written.get(0).agents();
        prepareMiddleDay(conf, root, localOptions());
        String day = D1.plusDays(1).toString();
        long raw = root.getFileSystem(conf).getContentSummary(Warehouse.partition(root, Warehouse.RAW, "access_logs", D1.plusDays(1))).getLength();
        System.out.printf(Locale.ROOT, "raw access logs of the day: %,d lines, %,d bytes uncompressed, %,d bytes as landed (gzip, bzip2, plain)"
                + " in %d slices%n", dayLines, uncompressed, raw, slices);
        Map<String, List<Measure>> measures = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            for (String stage : STAGES) {
                Measure m = measure(root, stage, day);
                measures.computeIfAbsent(stage, s -> new ArrayList<>()).add(m);
                System.out.printf(Locale.ROOT, "run %d %-18s %7.2f s wall %7.2f s CPU %,15d shuffle bytes %,6d MB held%n",
                        run, stage, m.wall(), m.cpu(), m.shuffle(), m.heap() >> 20);
            }
        }
        summary(measures, uncompressed);
        userAgents(agents);
    }

    /** Everything the middle day's stages read but its own clean-access-logs: the neighbouring days, events, dimensions. */
    static void prepareMiddleDay(Configuration conf, Path root, List<String> options) throws Exception {
        GenerateDimensions.writeCsv(conf, root, D1, 3, 42, 0.01);
        for (int d = 0; d < 3; d++) {
            String day = D1.plusDays(d).toString();
            if (d != 1) {
                stage(options, root, "clean-access-logs", day);
            }
            stage(options, root, "clean-events", day);
            stage(options, root, "clean-dimension", day, "--dimension", "customers");
            stage(options, root, "clean-dimension", day, "--dimension", "products");
            stage(options, root, "customer-history", day);
        }
    }

    /** The median table: per stage, and the whole pipeline (the stages' sum in each run). */
    static void summary(Map<String, List<Measure>> measures, long rawBytes) {
        List<Measure> clean = measures.get("clean-access-logs");
        int runs = clean.size();
        System.out.printf(Locale.ROOT, "%n| stage | wall, median (min-max) | CPU, median | wall over clean-access-logs, median (min-max)"
                + " | shuffle bytes per raw byte | heap held, most |%n|---|---:|---:|---:|---:|---:|%n");
        List<Measure> totals = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            double wall = 0;
            double cpu = 0;
            long shuffle = 0;
            long heap = 0;
            for (List<Measure> stage : measures.values()) {
                wall += stage.get(r).wall();
                cpu += stage.get(r).cpu();
                shuffle += stage.get(r).shuffle();
                heap = Math.max(heap, stage.get(r).heap());
            }
            totals.add(new Measure(wall, cpu, shuffle, heap));
        }
        Map<String, List<Measure>> rows = new LinkedHashMap<>(measures);
        rows.put("whole pipeline", totals);
        rows.forEach((stage, ms) -> {
            List<Double> ratios = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                ratios.add(ms.get(r).wall() / clean.get(r).wall());
            }
            List<Double> walls = ms.stream().map(Measure::wall).toList();
            System.out.printf(Locale.ROOT, "| %s | %.1f s (%.1f-%.1f) | %.1f s | %.2f (%.2f-%.2f) | %.3f | %,d MB |%n", stage,
                    Stats.median(walls), Collections.min(walls), Collections.max(walls),
                    Stats.median(ms.stream().map(Measure::cpu).toList()), Stats.median(ratios), Collections.min(ratios),
                    Collections.max(ratios), (double) ms.get(0).shuffle() / rawBytes,
                    ms.stream().mapToLong(Measure::heap).max().orElse(0) >> 20);
        });
    }

    /** What one slice of the generated days holds for the middle day: lines, bytes before compression, agents. */
    record Slice(long lines, long bytes, List<String> agents) {
    }

    /** The three days' logs and events, written in slices two at a time (the machine's cores). */
    static List<Slice> generate(Configuration conf, Path root, int lines, int slices) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Slice>> futures = new ArrayList<>();
            for (int slice = 0; slice < slices; slice++) {
                int n = slice;
                int sliceLines = lines / slices + (slice < lines % slices ? 1 : 0);
                futures.add(pool.submit(() -> {
                    GenerateAccessLogs.Written logs = GenerateAccessLogs.writeSlice(conf, root, D1, 3, sliceLines, 42 + n, 0.01, n);
                    GenerateEvents.writeSlice(conf, root, D1, 3, sliceLines / 4, 42 + n, 0.01, logs.orders(), n);
                    List<AccessLogGenerator.Line> middle = logs.days().get(1).generated();
                    // A sample of the day's agents: an uncached parse costs hundreds of microseconds.
                    List<String> agents = middle.stream().limit(20_000).map(l -> agent(l.bytes())).toList();
                    return new Slice(middle.size(), middle.stream().mapToLong(l -> l.bytes().length + 1L).sum(), agents);
                }));
            }
            List<Slice> written = new ArrayList<>();
            for (Future<Slice> future : futures) {
                written.add(future.get());
            }
            return written;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A JFR recording (settings "profile") of the stage named by {@code -Dbench.profile=STAGE}, the stages' runs after
     * one another in {@code STAGE.jfr} of the working directory; nothing for the other stages.
     */
    private static final class Profile implements AutoCloseable {
        private final jdk.jfr.Recording recording;
        private final String stage;

        private Profile(String stage) throws Exception {
            this.stage = stage;
            this.recording = stage.equals(System.getProperty("bench.profile"))
                    ? new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile")) : null;
            if (recording != null) {
                recording.start();
            }
        }

        static Profile of(String stage) throws Exception {
            return new Profile(stage);
        }

        @Override
        public void close() throws Exception {
            if (recording != null) {
                recording.stop();
                recording.dump(java.nio.file.Path.of(stage + "-" + System.nanoTime() + ".jfr"));
                recording.close();
            }
        }
    }

    /** The User-Agent of a combined-format line: its last quoted field. */
    private static String agent(byte[] line) {
        String text = new String(line, java.nio.charset.StandardCharsets.ISO_8859_1);
        int end = text.lastIndexOf('"');
        int start = end > 0 ? text.lastIndexOf('"', end - 1) : -1;
        return start >= 0 ? text.substring(start + 1, end) : "-";
    }

    private static Measure measure(Path root, String stage, String day) throws Exception {
        long[] shuffle = new long[1];
        CleanRun.observeFinishedJobs((name, counters) ->
                shuffle[0] += counters.findCounter(TaskCounter.MAP_OUTPUT_MATERIALIZED_BYTES).getValue());
        double[] time;
        long heap;
        try (LiveHeap live = new LiveHeap(); Profile profile = Profile.of(stage)) {
            time = ProcessClock.time(() -> stage(root, stage, day));
            heap = live.grownBy();
        }
        CleanRun.observeFinishedJobs((name, counters) -> { });
        return new Measure(time[0], time[1], shuffle[0], heap);
    }

    private static void userAgents(List<String> agents) {
        UserAgents cold = new UserAgents(1);
        UserAgents cached = new UserAgents(10_000);
        for (int round = 0; round < 2; round++) {
            long parse = System.nanoTime();
            for (String agent : agents) {
                cold.parse(agent);
            }
            parse = System.nanoTime() - parse;
            long classify = System.nanoTime();
            for (String agent : agents) {
                cached.classify(agent);
            }
            classify = System.nanoTime() - classify;
            System.out.printf(Locale.ROOT, "user agents (round %d): uncached parse %.2f us/record, cached classify %.3f us/record, ratio %.0fx%n",
                    round + 1, parse / 1e3 / agents.size(), classify / 1e3 / agents.size(), (double) parse / classify);
        }
    }

    /**
     * As on a laptop ({@code hadoop-local.xml}), with two map and two reduce slots (the machine's cores), and the client
     * polling every 50 ms: Hadoop's 5 s completion poll (1 s when printing progress) would round each stage's time up.
     */
    static Configuration benchConfiguration() {
        Configuration conf = SampleRun.local(new Configuration());
        conf.setInt("mapreduce.local.map.tasks.maximum", 2);
        conf.setInt("mapreduce.local.reduce.tasks.maximum", 2);
        conf.setInt(Job.COMPLETION_POLL_INTERVAL_KEY, 50);
        conf.setInt(Job.PROGRESS_MONITOR_POLL_INTERVAL_KEY, 50);
        return conf;
    }

    /** The generic options that give a command line {@link #benchConfiguration()}. */
    static List<String> localOptions() {
        Configuration bench = benchConfiguration();
        List<String> keys = new ArrayList<>(List.of("mapreduce.local.map.tasks.maximum", "mapreduce.local.reduce.tasks.maximum",
                Job.COMPLETION_POLL_INTERVAL_KEY, Job.PROGRESS_MONITOR_POLL_INTERVAL_KEY));
        SampleRun.local(new Configuration(false)).forEach(setting -> keys.add(setting.getKey()));
        List<String> options = new ArrayList<>();
        for (String key : keys) {
            options.addAll(List.of("-D", key + "=" + bench.get(key)));
        }
        return options;
    }

    /** Runs a command as its command line would, with {@link #localOptions()}. */
    static void stage(Path root, String command, String day, String... more) throws Exception {
        stage(localOptions(), root, command, day, more);
    }

    /** Runs a command as its command line would, with the given generic options ({@code -D}, {@code -conf}). */
    static void stage(List<String> options, Path root, String command, String day, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(options);
        args.addAll(List.of("--date", day, "--warehouse", root.toString()));
        args.addAll(List.of(more));
        Main.runOrThrow(args.toArray(new String[0]));
    }
}
