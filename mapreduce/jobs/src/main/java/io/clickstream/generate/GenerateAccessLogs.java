package io.clickstream.generate;

import io.clickstream.jobs.Datasets;
import io.clickstream.accesslog.RejectReason;
import io.clickstream.generate.AccessLogGenerator.Line;
import io.clickstream.generate.AccessLogGenerator.Server;
import io.clickstream.jobs.Settings;
import java.io.IOException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/** Lands generated access logs in the raw zone: one partition per day, one file per server, a manifest, a done-flag. */
public final class GenerateAccessLogs {

    /** Per-day manifest of what was generated: line count and the quarantine the clean stage must produce. */
    public static final String MANIFEST = RawFiles.MANIFEST;

    /** What was written for one day. */
    public record DaySummary(LocalDate date, long lines, Map<RejectReason, Long> expectedQuarantine, List<Line> generated) {
        public long expectedQuarantined() {
            return expectedQuarantine.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private GenerateAccessLogs() {
    }

    /** The days written, and the orders their visits confirmed (for the events of the same days). */
    public record Written(List<DaySummary> days, List<AccessLogGenerator.WebOrder> orders) {
    }

    public static List<DaySummary> write(Configuration conf, Path warehouse, LocalDate start, int days, int linesPerDay,
            long seed, double badShare) throws IOException {
        return writeWithOrders(conf, warehouse, start, days, linesPerDay, seed, badShare).days();
    }

    public static Written writeWithOrders(Configuration conf, Path warehouse, LocalDate start, int days, int linesPerDay,
            long seed, double badShare) throws IOException {
        RawFiles.clear(conf, Datasets.RAW_ACCESS_LOGS, warehouse, start, days);
        return writeSlice(conf, warehouse, start, days, linesPerDay, seed, badShare, 0);
    }

    /**
     * One slice of days too large to generate at once, added to their partitions: each slice (with its own seed) writes
     * its own files and numbers its visits apart, so that its orders are its own. Slices may be written concurrently.
     */
    public static Written writeSlice(Configuration conf, Path warehouse, LocalDate start, int days, int linesPerDay,
            long seed, double badShare, int slice) throws IOException {
        AccessLogGenerator generator = new AccessLogGenerator(Settings.ACCESS_LOGS_FORMAT.get(conf), seed, badShare,
                slice * 1_000_000_000_000L);
        List<List<Line>> byDay = generator.days(start, days, linesPerDay);
        CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
        List<DaySummary> summaries = new java.util.ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate date = start.plusDays(d);
            Path partition = Datasets.RAW_ACCESS_LOGS.partition(warehouse, date);
            FileSystem fs = partition.getFileSystem(conf);
            List<Line> lines = byDay.get(d);
            for (Server server : AccessLogGenerator.SERVERS) {
                RawFiles.write(fs, codecs, new Path(partition, RawFiles.sliced(server.name() + ".log" + server.extension(), slice)),
                        lines.stream().filter(l -> l.server().equals(server)).map(Line::bytes).collect(Collectors.toList()));
            }
            Map<RejectReason, Long> expected = new EnumMap<>(RejectReason.class);
            lines.stream().filter(l -> l.expected() != null).forEach(l -> expected.merge(l.expected(), 1L, Long::sum));
            DaySummary summary = new DaySummary(date, lines.size(), expected, lines);
            RawFiles.finish(fs, partition, slice, manifest(summary));
            summaries.add(summary);
        }
        return new Written(summaries, generator.orders());
    }

    private static String manifest(DaySummary summary) {
        String reasons = summary.expectedQuarantine().entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                .collect(Collectors.joining(", "));
        return "{\"dt\": \"" + summary.date() + "\", \"lines\": " + summary.lines() + ", \"expected_quarantine\": {"
                + reasons + "}}\n";
    }
}
