package io.clickstream.generate;

import io.clickstream.jobs.Datasets;
import io.clickstream.events.EventRejectReason;
import io.clickstream.generate.EventGenerator.Line;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/** Lands generated events in {@code raw/events/dt=D} (one plain and one gzip file), with a manifest and done-flag. */
public final class GenerateEvents {

    /** What arrived on one day and what clean-events must make of it. */
    public record DaySummary(LocalDate date, long lines, long accepted, long duplicates, Map<LocalDate, Long> late,
            Map<EventRejectReason, Long> expectedQuarantine) {
        public long expectedQuarantined() {
            return expectedQuarantine.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private GenerateEvents() {
    }

    public static List<DaySummary> write(Configuration conf, Path warehouse, LocalDate start, int days, int perDay,
            long seed, double badShare) throws IOException {
        return write(conf, warehouse, start, days, perDay, seed, badShare, List.of());
    }

    /** With the order_placed events of the orders the generated web visits confirmed. */
    public static List<DaySummary> write(Configuration conf, Path warehouse, LocalDate start, int days, int perDay,
            long seed, double badShare, List<AccessLogGenerator.WebOrder> webOrders) throws IOException {
        RawFiles.clear(conf, Datasets.RAW_EVENTS, warehouse, start, days);
        return writeSlice(conf, warehouse, start, days, perDay, seed, badShare, webOrders, 0);
    }

    /** One slice of days written in several, as {@link GenerateAccessLogs#writeSlice}. */
    public static List<DaySummary> writeSlice(Configuration conf, Path warehouse, LocalDate start, int days, int perDay,
            long seed, double badShare, List<AccessLogGenerator.WebOrder> webOrders, int slice) throws IOException {
        List<List<Line>> byDay = new EventGenerator(seed, badShare).days(start, days, perDay, webOrders);
        CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
        List<DaySummary> summaries = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate date = start.plusDays(d);
            Path partition = Datasets.RAW_EVENTS.partition(warehouse, date);
            FileSystem fs = partition.getFileSystem(conf);
            List<Line> lines = byDay.get(d);
            List<byte[]> first = new ArrayList<>();
            List<byte[]> second = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                (i % 2 == 0 ? first : second).add(lines.get(i).bytes());
            }
            RawFiles.write(fs, codecs, new Path(partition, RawFiles.sliced("events-1.jsonl", slice)), first);
            RawFiles.write(fs, codecs, new Path(partition, RawFiles.sliced("events-2.jsonl.gz", slice)), second);
            DaySummary summary = summarize(date, lines);
            RawFiles.finish(fs, partition, slice, manifest(summary));
            summaries.add(summary);
        }
        return summaries;
    }

    private static DaySummary summarize(LocalDate date, List<Line> lines) {
        Map<EventRejectReason, Long> quarantine = new EnumMap<>(EventRejectReason.class);
        Map<LocalDate, Long> late = new TreeMap<>();
        long accepted = 0;
        long duplicates = 0;
        for (Line line : lines) {
            switch (line.outcome()) {
                case ACCEPTED -> accepted++;
                case DUPLICATE -> duplicates++;
                case LATE -> late.merge(line.eventDay(), 1L, Long::sum);
                default -> quarantine.merge(line.reason(), 1L, Long::sum);
            }
        }
        return new DaySummary(date, lines.size(), accepted, duplicates, late, quarantine);
    }

    private static String manifest(DaySummary s) {
        return "{\"dt\": \"" + s.date() + "\", \"lines\": " + s.lines() + ", \"accepted\": " + s.accepted()
                + ", \"duplicates\": " + s.duplicates() + ", \"late\": {" + s.late().entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": " + e.getValue()).collect(Collectors.joining(", "))
                + "}, \"expected_quarantine\": {" + s.expectedQuarantine().entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": " + e.getValue()).collect(Collectors.joining(", ")) + "}}\n";
    }

}
