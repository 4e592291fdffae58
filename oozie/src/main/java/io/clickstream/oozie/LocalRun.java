package io.clickstream.oozie;

import io.clickstream.jobs.Args;
import io.clickstream.jobs.ExitStatus;
import io.clickstream.jobs.JobFailedException;
import io.clickstream.jobs.Settings;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * {@code run}: the Oozie workflow on this machine, for one day or a backfill in date order.
 * <pre>
 *   run (--date D [--hour HH] | --from D1 [--to D2]) [--app DIR] [--properties FILE] [--report-dir DIR] [--metastore DIR] [-Dk=v ...]
 * </pre>
 * With {@code --hour}, the hourly application ({@code --app .../hourly}) for that hour of the day.
 * Exits non-zero, with the kill message, when a day fails; later days are not run.
 */
public final class LocalRun {

    private static final Args.Spec OPTIONS = Args.command("run", "the Oozie workflow on this machine, for one day or"
                    + " for days in date order; stops at the first day that fails")
            .optional("date", "YYYY-MM-DD", "the day to run", null)
            .optional("from", "YYYY-MM-DD", "the first day of a backfill", null)
            .optional("to", "YYYY-MM-DD", "the last day of a backfill (default: --from)", null)
            .optional("hour", "HH", "with --date: run the hourly application (--app DIR/hourly) for this UTC hour", null)
            .optional("app", "DIR", "the Oozie application", System.getProperty(Settings.APP.key(), "oozie/src/main/app"))
            .optional("properties", "FILE", "the job properties (default: DIR/job.properties.local, or DIR/../job.properties.local)", null)
            .optional("report-dir", "DIR", "where each day's run report goes", "target/runs")
            .optional("metastore", "DIR", "the embedded HiveServer2's metastore", "metastore")
            .properties();

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /** Runs the days; returns the exit status (2: bad arguments, 1: a day failed), its reason printed. */
    public static int run(String[] args) {
        return ExitStatus.status(() -> runOrThrow(args));
    }

    private static int runOrThrow(String[] argv) throws Exception {
        Args options = OPTIONS.parse(argv);
        if (options.has("date") == (options.has("from") || options.has("to")) || options.has("to") && !options.has("from")) {
            throw new IllegalArgumentException("run: give --date YYYY-MM-DD or --from D1 [--to D2]; see run --help");
        }
        Integer hour = options.hour("hour");
        if (hour != null && !options.has("date")) {
            throw new IllegalArgumentException("run: --hour goes with --date (one hour of one day); see run --help");
        }
        LocalDate from = options.date(options.has("date") ? "date" : "from");
        LocalDate to = options.has("to") ? options.date("to") : from;
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("run: --from " + from + " --to " + to + " is not a range");
        }
        File app = new File(options.get("app"));
        File propertiesFile = new File(options.has("properties") ? options.get("properties")
                : new File(app, "job.properties.local").isFile() || app.getParentFile() == null
                        ? new File(app, "job.properties.local").getPath()
                        : new File(app.getParentFile(), "job.properties.local").getPath());
        if (!propertiesFile.isFile()) {
            throw new IllegalArgumentException("run: no properties file " + propertiesFile + " (give --app DIR or --properties FILE)");
        }
        Map<String, String> overrides = options.properties();
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(propertiesFile.toPath())) {
            properties.load(in);
        }
        File reports = new File(options.get("report-dir"));
        File metastore = new File(options.get("metastore"));
        Map<String, String> common = new HashMap<>();
        properties.forEach((k, v) -> common.put((String) k, (String) v));
        common.putAll(overrides);
        File coordinator = new File(app, "coordinator.xml");
        // The local runner holds days to their coordinator's SLA; an hour's run is not held to one here.
        Sla sla = coordinator.isFile() && hour == null ? Sla.read(coordinator, common) : null;
        OozieParser.start(new File(reports, ".oozie"));
        WorkflowRunner runner = new WorkflowRunner(app, metastore, System.out);
        long started = System.nanoTime();
        long days = to.toEpochDay() - from.toEpochDay() + 1;
        int done = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            System.out.printf("%n=== day %d of %d: %s ===%n", done + 1, days, day);
            Map<String, String> values = new HashMap<>(common);
            values.put("dt", day.toString());
            String runId = "clickstream-daily-" + day;
            if (hour != null) {
                values.put("hour", String.format(java.util.Locale.ROOT, "%02d", hour));
                runId = "clickstream-hourly-" + day + "T" + values.get("hour");
            }
            values.putIfAbsent("runReport", new File(reports, runId + ".html").getAbsolutePath());
            Instant dayStarted = Instant.now();
            WorkflowRunner.Result result = runner.run("workflow.xml", values, runId);
            RunReport.write(result, runId, reports);
            System.out.printf("report: %s%n", new File(reports, runId + ".html").getAbsolutePath());
            if (sla != null) {
                String alert = sla.alert("clickstream-daily", day, dayStarted, Instant.now(), result.succeeded(),
                        values.get("runReport"), values);
                if (alert != null) {
                    System.out.printf("SLA: %s%n", alert);
                }
            }
            if (!result.succeeded()) {
                throw new JobFailedException(result.message());
            }
            long perDay = (System.nanoTime() - started) / ++done / 1_000_000_000L;
            System.out.printf("=== day %d of %d done; about %d s a day, %d s to go ===%n", done, days, perDay,
                    perDay * (days - done));
        }
        return 0;
    }
}
