package io.clickstream.bench;

import io.clickstream.Main;
import io.clickstream.generate.GenerateAccessLogs;
import io.clickstream.generate.GenerateDimensions;
import io.clickstream.generate.GenerateEvents;
import io.clickstream.generate.SampleRun;
import io.clickstream.jobs.Warehouse;
import io.clickstream.jobs.sessions.Sessionize;
import io.clickstream.sessions.UserAgents;
import java.io.File;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Cost of each processing stage on the LocalJobRunner for the middle of three generated days, and the
 * user-agent classification per record (uncached uap-java parse vs the cached classify the jobs use).
 * Usage: ProcessingBench WORKDIR LINES_PER_DAY
 */
public final class ProcessingBench {

    private static final LocalDate D1 = LocalDate.of(2026, 11, 20);

    public static void main(String[] args) throws Exception {
        Configuration conf = SampleRun.local(new Configuration());
        // Poll for completion every 50 ms, not Hadoop's 5 s, so a stage's time is not rounded up to the poll.
        conf.setInt(org.apache.hadoop.mapreduce.Job.COMPLETION_POLL_INTERVAL_KEY, 50);
        Path root = new Path(new File(args[0], "warehouse").toURI().toString());
        int lines = Integer.parseInt(args[1]);
        GenerateAccessLogs.Written logs = GenerateAccessLogs.writeWithOrders(conf, root, D1, 3, lines, 42, 0.01);
        GenerateEvents.write(conf, root, D1, 3, lines / 4, 42, 0.01, logs.orders());
        GenerateDimensions.writeCsv(conf, root, D1, 3, 42, 0.01);
        List<String> agents = new ArrayList<>();
        // A sample of the day's agents: an uncached parse costs hundreds of microseconds.
        logs.days().get(1).generated().stream().limit(20_000).forEach(l -> {
            String text = new String(l.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            int end = text.lastIndexOf('"');
            int start = end > 0 ? text.lastIndexOf('"', end - 1) : -1;
            agents.add(start >= 0 ? text.substring(start + 1, end) : "-");
        });
        for (int d = 0; d < 3; d++) {
            String day = D1.plusDays(d).toString();
            if (d != 1) {
                stage(root, "clean-access-logs", day);
            }
            stage(root, "clean-events", day);
            stage(root, "clean-dimension", day, "--dimension", "customers");
            stage(root, "clean-dimension", day, "--dimension", "products");
            stage(root, "customer-history", day);
        }
        String day = D1.plusDays(1).toString();
        long raw = root.getFileSystem(conf).getContentSummary(Warehouse.partition(root, Warehouse.RAW, "access_logs", D1.plusDays(1))).getLength();
        long uncompressed = logs.days().get(1).generated().stream().mapToLong(l -> l.bytes().length + 1L).sum();
        System.out.printf(Locale.ROOT, "raw access logs of the day: %,d lines, %,d bytes uncompressed, %,d bytes as landed (gzip, bzip2, plain)%n",
                logs.days().get(1).lines(), uncompressed, raw);
        report("clean-access-logs", stage(root, "clean-access-logs", day));
        Sessionize sessionize = new Sessionize();
        sessionize.setConf(conf);
        long t = System.nanoTime();
        Sessionize.Result result = sessionize.run(D1.plusDays(1), root);
        report("sessionize", System.nanoTime() - t);
        System.out.printf(Locale.ROOT, "sessionize: %,d input bytes (3 days' page views, Avro), %,d shuffle bytes: %.3f per input byte%n",
                result.inputBytes(), result.shuffleBytes(), (double) result.shuffleBytes() / result.inputBytes());
        report("customer-history", stage(root, "customer-history", day));
        report("orders", stage(root, "orders", day));
        report("marts", stage(root, "marts", day));

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

    private static long stage(Path root, String command, String day, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(command, "--date", day, "--warehouse", root.toString()));
        args.addAll(List.of(more));
        long t = System.nanoTime();
        Main.runOrThrow(args.toArray(new String[0]));
        return System.nanoTime() - t;
    }

    private static void report(String stage, long nanos) {
        System.out.printf(Locale.ROOT, "%-18s %8.1f s%n", stage, nanos / 1e9);
    }
}
