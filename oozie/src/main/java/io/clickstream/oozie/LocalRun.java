package io.clickstream.oozie;

import io.clickstream.jobs.Warehouse;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * {@code run}: the Oozie workflow on this machine, for one day or a backfill in date order.
 * <pre>
 *   run --app DIR --properties FILE (--date D | --from D1 --to D2) [--report-dir DIR] [--metastore DIR] [-Dk=v ...]
 * </pre>
 * Exits non-zero, with the kill message, when a day fails; later days are not run.
 */
public final class LocalRun {

    private static final java.util.List<String> OPTIONS = java.util.List.of("app", "properties", "date", "from", "to",
            "report-dir", "metastore");

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    public static int run(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("-D") && args[i].contains("=")) {
                String[] kv = args[i].substring(2).split("=", 2);
                overrides.put(kv[0], kv[1]);
            } else if (args[i].startsWith("--") && i + 1 < args.length && OPTIONS.contains(args[i].substring(2))) {
                options.put(args[i].substring(2), args[++i]);
            } else if (args[i].startsWith("--")) {
                System.err.println("error: " + (OPTIONS.contains(args[i].substring(2)) ? args[i] + " needs a value"
                        : "unknown option " + args[i] + "; options: --" + String.join(" --", OPTIONS) + " -Dk=v"));
                return 2;
            } else {
                System.err.println("error: unexpected argument '" + args[i] + "'");
                return 2;
            }
        }
        LocalDate from;
        LocalDate to;
        try {
            from = Warehouse.parseDate(options.getOrDefault("date", options.get("from")));
            to = Warehouse.parseDate(options.getOrDefault("date", options.getOrDefault("to", options.get("from"))));
        } catch (IllegalArgumentException e) {
            System.err.println("error: give --date YYYY-MM-DD or --from D1 --to D2 (" + e.getMessage() + ")");
            return 2;
        }
        if (to.isBefore(from) || options.containsKey("date") && (options.containsKey("from") || options.containsKey("to"))) {
            System.err.println("error: --from " + from + " --to " + to + " is not a range (or --date was given with it)");
            return 2;
        }
        File app = new File(options.getOrDefault("app", "oozie/src/main/app"));
        File propertiesFile = new File(options.getOrDefault("properties", new File(app, "job.properties.local").getPath()));
        if (!propertiesFile.isFile()) {
            System.err.println("error: no properties file " + propertiesFile + " (give --app DIR or --properties FILE)");
            return 2;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(propertiesFile.toPath())) {
            properties.load(in);
        }
        File reports = new File(options.getOrDefault("report-dir", "target/runs"));
        File metastore = new File(options.getOrDefault("metastore", "metastore"));
        OozieParser.start(new File(reports, ".oozie"));
        WorkflowRunner runner = new WorkflowRunner(app, metastore, System.out);
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Map<String, String> values = new HashMap<>();
            properties.forEach((k, v) -> values.put((String) k, (String) v));
            values.putAll(overrides);
            values.put("dt", day.toString());
            String runId = "clickstream-daily-" + day;
            WorkflowRunner.Result result = runner.run("workflow.xml", values, runId);
            RunReport.write(result, runId, reports);
            System.out.printf("report: %s%n", new File(reports, runId + ".html").getAbsolutePath());
            if (!result.succeeded()) {
                System.err.println("FAILED: " + result.message());
                return 1;
            }
        }
        return 0;
    }
}
