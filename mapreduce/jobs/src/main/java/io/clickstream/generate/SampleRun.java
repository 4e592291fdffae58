package io.clickstream.generate;

import io.clickstream.generate.GenerateAccessLogs.DaySummary;
import io.clickstream.avro.QuarantineRecord;
import io.clickstream.jobs.AvroFiles;
import io.clickstream.jobs.accesslogs.CleanAccessLogs;
import io.clickstream.jobs.Warehouse;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Sample days, generated into a warehouse and cleaned with the LocalJobRunner, reporting as it goes: the
 * MapReduce half of the quickstart.
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

    /** Generates {@code days} days ending yesterday (UTC) and cleans each, printing the accounting. */
    public static List<CleanAccessLogs.Result> generateAndClean(Configuration conf, Path warehouse, int days,
            int linesPerDay, PrintStream out) throws Exception {
        LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(days);
        out.printf("Clickstream Warehouse quickstart: %d day(s) of sample data from %s into %s%n", days, start, warehouse);
        List<CleanAccessLogs.Result> results = new ArrayList<>();
        for (DaySummary day : GenerateAccessLogs.write(conf, warehouse, start, days, linesPerDay, 42, 0.01)) {
            Path raw = Warehouse.partition(warehouse, Warehouse.RAW, CleanAccessLogs.RAW_DATASET, day.date());
            out.printf("%n[%s] generated %,d lines in %s%n", day.date(), day.lines(), raw);
            CleanAccessLogs job = new CleanAccessLogs();
            job.setConf(conf);
            long started = System.nanoTime();
            CleanAccessLogs.Result result = job.run(day.date(), raw,
                    Warehouse.partition(warehouse, Warehouse.CLEAN, CleanAccessLogs.CLEAN_DATASET, day.date()),
                    Warehouse.partition(warehouse, Warehouse.QUARANTINE, CleanAccessLogs.RAW_DATASET, day.date()));
            out.printf("[%s] %s in %.1f s%n", day.date(), result.accounting().summary(), (System.nanoTime() - started) / 1e9);
            if (result.eventTimeOutsideDay() > 0) {
                out.printf("         %,d accepted lines have a UTC time outside the day (kept in it)%n",
                        result.eventTimeOutsideDay());
            }
            out.printf("         page views: %s%n         quarantine: %s%n", result.output(), result.quarantine());
            printQuarantine(conf, result.quarantine(), out);
            results.add(result);
        }
        return results;
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
        out.printf("         quarantined by reason: %s%n", reasons);
        if (example[0] != null) {
            out.printf("         e.g. %s at byte %,d: %s%n", new Path(example[0].getSourceFile()).getName(),
                    example[0].getByteOffset(), example[0].getMessage());
        }
    }
}
