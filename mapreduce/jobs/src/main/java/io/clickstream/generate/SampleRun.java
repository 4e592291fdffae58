package io.clickstream.generate;

import io.clickstream.generate.GenerateAccessLogs.DaySummary;
import io.clickstream.avro.QuarantineRecord;
import io.clickstream.jobs.AvroFiles;
import io.clickstream.dimensions.Dimension;
import io.clickstream.jobs.Accounting;
import io.clickstream.jobs.accesslogs.CleanAccessLogs;
import io.clickstream.jobs.dimensions.CleanDimension;
import io.clickstream.jobs.events.CleanEvents;
import io.clickstream.jobs.Warehouse;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Sample days of every source, generated into a warehouse and cleaned with the LocalJobRunner, reporting as
 * it goes: the MapReduce half of the quickstart.
 */
public final class SampleRun {

    private SampleRun() {
    }

    /** A configuration that runs jobs in this JVM on the local file system. */
    public static Configuration local(Configuration base) {
        Configuration conf = new Configuration(base);
        conf.set("mapreduce.framework.name", "local");
        conf.set("fs.defaultFS", "file:///");
        conf.setBoolean("clickstream.verbose", false);
        return conf;
    }

    /**
     * Generates {@code days} days ending yesterday (UTC) of every source and cleans each day, printing the
     * accounting; days that received late events are cleaned again at the end. Returns the days.
     */
    public static List<LocalDate> generateAndClean(Configuration conf, Path warehouse, int days, int linesPerDay,
            PrintStream out) throws Exception {
        LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(days);
        out.printf("Clickstream Warehouse quickstart: %d day(s) of sample data from %s into %s%n", days, start, warehouse);
        List<DaySummary> logs = GenerateAccessLogs.write(conf, warehouse, start, days, linesPerDay, 42, 0.01);
        GenerateEvents.write(conf, warehouse, start, days, linesPerDay / 4, 42, 0.01);
        GenerateDimensions.writeCsv(conf, warehouse, start, days, 42, 0.01);
        List<LocalDate> dates = new ArrayList<>();
        Set<LocalDate> lateDays = new TreeSet<>();
        for (DaySummary day : logs) {
            LocalDate date = day.date();
            dates.add(date);
            out.printf("%n[%s] raw: %s%n", date, Warehouse.partition(warehouse, Warehouse.RAW, "*", date));
            CleanAccessLogs accessLogs = new CleanAccessLogs();
            accessLogs.setConf(conf);
            CleanAccessLogs.Result result = timed(out, date, () -> accessLogs.run(date,
                    Warehouse.partition(warehouse, Warehouse.RAW, CleanAccessLogs.RAW_DATASET, date),
                    Warehouse.partition(warehouse, Warehouse.CLEAN, CleanAccessLogs.CLEAN_DATASET, date),
                    Warehouse.partition(warehouse, Warehouse.QUARANTINE, CleanAccessLogs.RAW_DATASET, date)),
                    CleanAccessLogs.Result::accounting);
            printQuarantine(conf, result.quarantine(), out);
            CleanEvents events = new CleanEvents();
            events.setConf(conf);
            CleanEvents.Result cleaned = timed(out, date, () -> events.run(date, warehouse), CleanEvents.Result::accounting);
            lateDays.addAll(cleaned.lateDays().keySet());
            for (Dimension dimension : Dimension.values()) {
                CleanDimension snapshot = new CleanDimension();
                snapshot.setConf(conf);
                timed(out, date, () -> snapshot.run(dimension, date, warehouse, null, null), CleanDimension.Result::accounting);
            }
        }
        for (LocalDate date : lateDays) {
            CleanEvents events = new CleanEvents();
            events.setConf(conf);
            out.printf("%n[%s] cleaned again for the late events that arrived after it:%n", date);
            timed(out, date, () -> events.run(date, warehouse), CleanEvents.Result::accounting);
        }
        out.printf("%nclean zone: %s%n", new Path(warehouse, Warehouse.CLEAN));
        return dates;
    }

    private interface Stage<R> {
        R run() throws Exception;
    }

    private static <R> R timed(PrintStream out, LocalDate date, Stage<R> stage, Function<R, Accounting> accounting)
            throws Exception {
        long started = System.nanoTime();
        R result = stage.run();
        out.printf("[%s] %s in %.1f s%n", date, accounting.apply(result).summary(), (System.nanoTime() - started) / 1e9);
        return result;
    }

    /** Reasons and one example, so the first look at the quarantine shows what it is for. */
    private static void printQuarantine(Configuration conf, Path quarantine, PrintStream out) throws java.io.IOException {
        Map<String, Long> reasons = new TreeMap<>();
        QuarantineRecord[] example = new QuarantineRecord[1];
        AvroFiles.forEach(conf, quarantine, new SpecificDatumReader<>(QuarantineRecord.class), record -> {
            reasons.merge(record.getReason(), 1L, Long::sum);
            if (example[0] == null && record.getReason().equals("BAD_TIMESTAMP")) {
                example[0] = record;
            }
        });
        out.printf("         access-log lines quarantined by reason: %s%n", reasons);
        if (example[0] != null) {
            out.printf("         e.g. %s at byte %,d: %s%n", new Path(example[0].getSourceFile()).getName(),
                    example[0].getByteOffset(), example[0].getMessage());
        }
    }
}
