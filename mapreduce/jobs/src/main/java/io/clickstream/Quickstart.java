package io.clickstream;

import io.clickstream.generate.GenerateAccessLogs;
import io.clickstream.generate.GenerateAccessLogs.DaySummary;
import io.clickstream.avro.QuarantineRecord;
import io.clickstream.jobs.Args;
import io.clickstream.jobs.AvroFiles;
import io.clickstream.jobs.accesslogs.CleanAccessLogs;
import io.clickstream.jobs.Warehouse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.Tool;

/**
 * {@code quickstart}: the newcomer's first run on a laptop. Generates sample days into a local warehouse and
 * runs the clean stage for each on the LocalJobRunner, printing where everything is and the accounting.
 */
public class Quickstart extends Configured implements Tool {

    public static final String NAME = "quickstart";

    @Override
    public int run(String[] argv) throws Exception {
        Args args = Args.parse(NAME, argv, List.of("dir", "days", "lines-per-day"));
        Path warehouse = new Path(new java.io.File(args.get("dir", "target/quickstart")).getAbsoluteFile().toURI().toString(),
                "warehouse");
        int days = args.getInt("days", 2);
        Configuration conf = new Configuration(getConf());
        conf.set("mapreduce.framework.name", "local");
        conf.set("fs.defaultFS", "file:///");
        conf.setBoolean("clickstream.verbose", false);
        LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(days);

        System.out.printf("Clickstream Warehouse quickstart: %d day(s) of sample data from %s into %s%n", days, start,
                warehouse);
        List<DaySummary> generated = GenerateAccessLogs.write(conf, warehouse, start, days,
                args.getInt("lines-per-day", 20_000), 42, 0.01);
        for (DaySummary day : generated) {
            Path raw = Warehouse.partition(warehouse, Warehouse.RAW, CleanAccessLogs.RAW_DATASET, day.date());
            System.out.printf("%n[%s] generated %,d lines in %s%n", day.date(), day.lines(), raw);
            CleanAccessLogs job = new CleanAccessLogs();
            job.setConf(conf);
            long started = System.nanoTime();
            CleanAccessLogs.Result result = job.run(day.date(), raw,
                    Warehouse.partition(warehouse, Warehouse.CLEAN, CleanAccessLogs.CLEAN_DATASET, day.date()),
                    Warehouse.partition(warehouse, Warehouse.QUARANTINE, CleanAccessLogs.RAW_DATASET, day.date()));
            System.out.printf("[%s] %s in %.1f s%n", day.date(), result.accounting().summary(),
                    (System.nanoTime() - started) / 1e9);
            if (result.eventTimeOutsideDay() > 0) {
                System.out.printf("         %,d accepted lines have a UTC time outside the day (kept in it)%n",
                        result.eventTimeOutsideDay());
            }
            System.out.printf("         page views: %s%n         quarantine: %s%n", result.output(), result.quarantine());
            printQuarantine(conf, result.quarantine());
        }
        System.out.printf("%nDone. Every line read is accounted for; each partition's _accounting.json has the figures.%n");
        return 0;
    }

    /** Reasons and one example, so the first look at the quarantine shows what it is for. */
    private static void printQuarantine(Configuration conf, Path quarantine) throws java.io.IOException {
        Map<String, Long> reasons = new TreeMap<>();
        QuarantineRecord[] example = new QuarantineRecord[1];
        AvroFiles.forEach(conf, quarantine, new SpecificDatumReader<>(QuarantineRecord.class), record -> {
            reasons.merge(record.getReason(), 1L, Long::sum);
            if (example[0] == null && record.getReason().equals("BAD_TIMESTAMP")) {
                example[0] = record;
            }
        });
        System.out.printf("         quarantined by reason: %s%n", reasons);
        if (example[0] != null) {
            System.out.printf("         e.g. %s at byte %,d: %s%n", new Path(example[0].getSourceFile()).getName(),
                    example[0].getByteOffset(), example[0].getMessage());
        }
    }
}
