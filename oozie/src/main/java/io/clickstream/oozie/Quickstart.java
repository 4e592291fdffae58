package io.clickstream.oozie;

import io.clickstream.generate.SampleRun;
import io.clickstream.hive.HiveConnections;
import io.clickstream.hive.HiveVars;
import io.clickstream.hive.HiveWarehouse;
import io.clickstream.hive.report.Dashboard;
import io.clickstream.hive.HqlScript;
import io.clickstream.hive.Tables;
import io.clickstream.jobs.JobFailedException;
import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The newcomer's first run ({@code mvn -q -Pquickstart package}): a week of every source, then each day
 * through the Oozie workflow itself with the local runner (clean stages, sessions, joins and marts, Hive
 * registration, quality checks, publication), and the dashboard of the week.
 */
public final class Quickstart {

    private Quickstart() {
    }

    public static void main(String[] args) throws Exception {
        File app = new File(args[0]);
        File dir = new File(args.length > 1 ? args[1] : "target/quickstart").getCanonicalFile();
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        try {
            run(app, dir, days, 20_000, System.out);
        } catch (JobFailedException e) {
            System.err.println("FAILED: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    static void run(File app, File dir, int days, int linesPerDay, PrintStream out) throws Exception {
        Configuration conf = SampleRun.local(new Configuration());
        Path root = new Path(new File(dir, "warehouse").toURI().toString());
        File metastore = new File(dir, "metastore");
        File reports = new File(dir, "runs");
        LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(days);
        LocalDate last = first.plusDays(days - 1);
        out.printf("Clickstream Warehouse quickstart: %d day(s) from %s into %s%n%n", days, first, root);
        SampleRun.generate(conf, root, first, days, linesPerDay, out);

        OozieParser.start(new File(dir, "oozie"));
        WorkflowRunner runner = new WorkflowRunner(app, metastore, out);
        long started = System.nanoTime();
        int done = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            out.printf("%n=== day %d of %d: %s ===%n", ++done, days, day);
            runDay(runner, app, root, day, reports, out);
            long perDay = (System.nanoTime() - started) / done / 1_000_000_000L;
            out.printf("=== day %d of %d done; about %d s a day, %d s to go ===%n", done, days, perDay, perDay * (days - done));
        }
        File dashboard = new File(dir, "dashboard");
        try (Connection connection = HiveConnections.open(HiveConnections.EMBEDDED_URL, metastore)) {
            HiveWarehouse warehouse = new HiveWarehouse(connection, conf, root);
            out.printf("%nWriting the dashboard of %s to %s ...%n", first + " to " + last, dashboard);
            java.nio.file.Path page = new Dashboard(warehouse, conf, root).write(first, last, dashboard.toPath());
            print(out, "visitors and sessions per day", warehouse.query(HqlScript.query("visitors_per_day"),
                    new HiveVars().set("from", first.toString()).set("to", last.toString())));
            out.printf("%nDone. The dashboard: %s (a CSV per panel next to it)%n", page.toUri());
        }
        String common = "--warehouse " + root + " --metastore " + metastore;
        out.printf("Run reports (JSON and HTML, one per day and workflow run): %s%n"
                + "Your turn, as an analyst (queries are in hive/src/main/hql/queries):%n"
                + "  hive/target/bin/warehouse query conversion_by_channel --hivevar from=%s --hivevar to=%s %s%n"
                + "  hive/target/bin/warehouse report --from %s --to %s --out my-dashboard %s%n",
                reports, last, last, common, first, last, common);
    }

    private static void runDay(WorkflowRunner runner, File app, Path root, LocalDate day, File reports, PrintStream out)
            throws Exception {
        Properties local = new Properties();
        try (InputStream in = Files.newInputStream(new File(app, "job.properties.local").toPath())) {
            local.load(in);
        }
        Map<String, String> properties = new HashMap<>();
        local.forEach((k, v) -> properties.put((String) k, (String) v));
        properties.put("warehouse", root.toString());
        properties.put("dt", day.toString());
        String runId = "clickstream-daily-" + day;
        out.println();
        WorkflowRunner.Result result = runner.run("workflow.xml", properties, runId);
        RunReport.write(result, runId, reports);
        if (!result.succeeded()) {
            throw new JobFailedException(result.message() + " (report: " + new File(reports, runId + ".html") + ")");
        }
    }

    private static void print(PrintStream out, String title, List<List<String>> rows) {
        out.printf("%n%s:%n", title);
        Tables.print(out, rows.get(0), rows.subList(1, rows.size()).stream()
                .map(row -> row.stream().map(c -> c != null && c.length() > 70 ? c.substring(0, 67) + "..." : c).toList())
                .toList());
    }
}
