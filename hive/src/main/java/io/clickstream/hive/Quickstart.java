package io.clickstream.hive;

import io.clickstream.generate.SampleRun;
import io.clickstream.jobs.JobFailedException;
import java.io.File;
import java.io.PrintStream;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The newcomer's first run ({@code mvn -q -Pquickstart package}): sample days generated and cleaned on the
 * LocalJobRunner, then the warehouse applied, the days registered and checked in an in-process HiveServer2,
 * and a first analyst query answered.
 */
public final class Quickstart {

    private Quickstart() {
    }

    public static void main(String[] args) throws Exception {
        File dir = new File(args.length > 0 ? args[0] : "target/quickstart").getCanonicalFile();
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        try {
            run(dir, days, 20_000, System.out);
        } catch (JobFailedException e) {
            System.err.println("FAILED: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    static void run(File dir, int days, int linesPerDay, PrintStream out) throws Exception {
        Configuration conf = SampleRun.local(new Configuration());
        Path root = new Path(new File(dir, "warehouse").toURI().toString());
        File metastore = new File(dir, "metastore");
        List<LocalDate> dates = SampleRun.generateAndClean(conf, root, days, linesPerDay, out);
        LocalDate first = dates.get(0);
        LocalDate last = dates.get(dates.size() - 1);

        out.printf("%nHive: in-process HiveServer2, metastore in %s%n", metastore);
        try (Connection connection = HiveConnections.open(HiveConnections.EMBEDDED_URL, metastore)) {
            HiveWarehouse warehouse = new HiveWarehouse(connection, conf, root);
            out.printf("         applied %s%n", String.join(", ", warehouse.apply()));
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                out.printf("         registered %s%n", String.join(", ", warehouse.register(day)));
                List<QualityChecks.Result> checks = warehouse.check(day);
                long failed = checks.stream().filter(QualityChecks.Result::blocks).count();
                long warned = checks.stream().filter(r -> !r.passed() && !r.blocks()).count();
                out.printf("[%s] data-quality checks: %d passed, %d warned, %d failed%n", day,
                        checks.size() - failed - warned, warned, failed);
                checks.stream().filter(r -> !r.passed()).forEach(r -> out.printf("         %s %s %s: %s%n",
                        r.verdict(), r.table(), r.check(), r.detail()));
                if (failed > 0) {
                    throw new JobFailedException("data-quality checks failed for dt=" + day + ": " + checks);
                }
            }
            List<List<String>> visitors = warehouse.query(HqlScript.query("visitors_per_day"),
                    new HiveVars().set("from", first.toString()).set("to", last.toString()));
            out.printf("%nvisitors_per_day:%n");
            visitors.forEach(row -> out.printf("         %-12s %10s %10s%n", row.toArray()));
            List<List<String>> revenue = warehouse.query(HqlScript.query("revenue_per_day"),
                    new HiveVars().set("from", first.toString()).set("to", last.toString()));
            out.printf("%nrevenue_per_day:%n");
            revenue.forEach(row -> out.printf("         %-12s %-8s %8s %12s %20s %10s%n", row.toArray()));
        }
        String common = "--warehouse " + root + " --metastore " + metastore;
        out.printf("%nDone. Your turn, as an analyst (queries are in hive/src/main/hql/queries):%n"
                + "  hive/target/bin/warehouse query top_pages --hivevar dt=%s --hivevar limit=10 %s%n"
                + "  hive/target/bin/warehouse query quarantine_summary --hivevar from=%s --hivevar to=%s %s%n",
                last, common, first, last, common);
    }
}
