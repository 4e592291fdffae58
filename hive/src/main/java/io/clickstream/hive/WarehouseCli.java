package io.clickstream.hive;

import io.clickstream.dimensions.Csv;
import io.clickstream.jobs.ActionOutput;
import io.clickstream.jobs.ExitStatus;
import io.clickstream.jobs.JobFailedException;
import io.clickstream.jobs.Warehouse;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.Tool;
import io.clickstream.jobs.LaunchConfiguration;
import io.clickstream.hive.report.Dashboard;

/**
 * {@code warehouse COMMAND}: the Hive side of the pipeline.
 * <pre>
 *   apply                                   create databases, tables (from the .avsc) and views; idempotent
 *   register  --date D                      add the day's partitions whose _SUCCESS exists
 *   verify-registration --date D            exit 1 unless every table has the day's partition
 *   check     --date D                      run the data-quality checks; exit 1 with a table of failures
 *   query     NAME|FILE [--hivevar k=v]...  run an analyst query; print it, or --csv FILE
 *   retention --keep-days N [--date D]      drop partitions (and data) older than N days before D (today)
 *   report    --from D [--to D] [--out DIR] the dashboard of the days: DIR/index.html and a CSV per panel
 * common: --warehouse ROOT  --jdbc-url URL (default jdbc:hive2://, in-process)  --metastore DIR (embedded only)
 * </pre>
 */
public class WarehouseCli extends Configured implements Tool {

    /** Default of --metastore when set: lets a caller in the same JVM point every command at one metastore. */
    public static final String METASTORE_PROPERTY = "clickstream.metastore";
    private static final List<String> OPTIONS = List.of("warehouse", "jdbc-url", "metastore", "date", "keep-days", "csv",
            "from", "to", "out");

    private final PrintStream out;

    public WarehouseCli() {
        this(System.out);
    }

    public WarehouseCli(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        ExitStatus.exit("warehouse " + (args.length == 0 ? "" : args[0]), () -> runOrThrow(args));
    }

    /** Runs a command; failures meant for people are thrown as IllegalArgumentException or JobFailedException. */
    public static int runOrThrow(String[] args) throws Exception {
        return LaunchConfiguration.run(new WarehouseCli(), args);
    }

    @Override
    public int run(String[] argv) throws Exception {
        if (argv.length == 0) {
            throw new IllegalArgumentException("usage: warehouse apply|register|verify-registration|check|query|retention|report [options]");
        }
        String command = argv[0];
        Map<String, String> options = new HashMap<>();
        HiveVars vars = new HiveVars();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < argv.length; i++) {
            String arg = argv[i];
            if (!arg.startsWith("--")) {
                positional.add(arg);
            } else if (i + 1 >= argv.length) {
                throw new IllegalArgumentException(command + ": " + arg + " needs a value");
            } else if (arg.equals("--hivevar")) {
                String[] kv = argv[++i].split("=", 2);
                vars.set(kv[0], kv.length == 2 ? kv[1] : null);
            } else if (OPTIONS.contains(arg.substring(2))) {
                options.put(arg.substring(2), argv[++i]);
            } else {
                throw new IllegalArgumentException(command + ": unknown option " + arg + "; options: --hivevar --"
                        + String.join(" --", OPTIONS));
            }
        }
        checkArguments(command, options, positional);
        Path root = new Path(options.getOrDefault("warehouse", "warehouse"));
        String url = options.getOrDefault("jdbc-url", HiveConnections.EMBEDDED_URL);
        File metastore = new File(options.getOrDefault("metastore", System.getProperty(METASTORE_PROPERTY, "metastore")));
        try (Connection connection = HiveConnections.open(url, metastore)) {
            HiveWarehouse warehouse = new HiveWarehouse(connection, () -> HiveConnections.open(url, metastore), getConf(), root);
            return execute(command, warehouse, root, options, vars, positional);
        }
    }

    private int execute(String command, HiveWarehouse warehouse, Path root, Map<String, String> options, HiveVars vars,
            List<String> positional) throws Exception {
        switch (command) {
            case "apply" -> warehouse.apply().forEach(t -> out.println("applied " + t));
            case "register" -> {
                List<String> registered = warehouse.register(date(options, true));
                registered.forEach(p -> out.println("registered " + p));
                if (registered.isEmpty()) {
                    throw new JobFailedException("register: no dataset has a finished (_SUCCESS) partition for dt="
                            + options.get("date"));
                }
            }
            case "verify-registration" -> {
                List<String> missing = warehouse.unregistered(date(options, true));
                if (!missing.isEmpty()) {
                    String where = missing.size() == Dataset.ALL.size() ? "in none of the " + missing.size() + " tables"
                            : "in " + missing.size() + " of " + Dataset.ALL.size() + " tables (" + String.join(", ", missing) + ")";
                    throw new JobFailedException("dt=" + options.get("date") + " is not registered in Hive " + where
                            + ": the registration ended without adding it; did it reach HiveServer2?");
                }
                out.println("dt=" + options.get("date") + " is registered in all " + Dataset.ALL.size() + " tables");
            }
            case "check" -> {
                List<QualityChecks.Result> results = warehouse.check(date(options, true));
                long failed = results.stream().filter(QualityChecks.Result::blocks).count();
                long passed = results.stream().filter(QualityChecks.Result::passed).count();
                out.printf("dt=%s: %d checks, %d passed, %d warned, %d failed%n", options.get("date"), results.size(), passed,
                        results.size() - passed - failed, failed);
                Tables.print(out, List.of("table", "check", "result", "detail"), results.stream().filter(r -> !r.passed())
                        .map(r -> List.of(r.table(), r.check(), r.verdict(), r.detail())).collect(Collectors.toList()));
                if (ActionOutput.captured()) {
                    // Under Oozie (<capture-output/>) the workflow's decision node acts on the figures.
                    ActionOutput.write(java.util.Map.of("failed", failed, "checks", results.size()));
                    return 0;
                }
                if (failed > 0) {
                    throw new JobFailedException(failed + " data-quality check(s) failed for dt=" + options.get("date"));
                }
            }
            case "query" -> {
                List<List<String>> rows = warehouse.query(HqlScript.query(positional.get(0)), vars);
                if (options.containsKey("csv")) {
                    Files.write(new File(options.get("csv")).toPath(), rows.stream().map(Csv::format).collect(Collectors.toList()),
                            StandardCharsets.UTF_8);
                    out.println("wrote " + (rows.size() - 1) + " rows to " + options.get("csv"));
                } else {
                    Tables.print(out, rows.get(0), rows.subList(1, rows.size()));
                }
            }
            case "retention" -> {
                warehouse.retention(Integer.parseInt(options.get("keep-days")), date(options, false))
                        .forEach(p -> out.println("dropped " + p));
            }
            case "report" -> {
                LocalDate[] range = Dashboard.range(options.get("from"), options.get("to"));
                java.nio.file.Path page = new Dashboard(warehouse, getConf(), root).write(range[0], range[1],
                        java.nio.file.Path.of(options.getOrDefault("out", "dashboard")));
                out.println("dashboard: " + page.toAbsolutePath().toUri());
            }
            default -> throw new IllegalStateException("checkArguments let through " + command);
        }
        return 0;
    }

    /** Refuses what cannot run before anything starts (an in-process HiveServer2 and its metastore, a connection). */
    private static void checkArguments(String command, Map<String, String> options, List<String> positional) {
        switch (command) {
            case "apply" -> { }
            case "register", "verify-registration", "check" -> date(options, true);
            case "query" -> {
                if (positional.size() != 1) {
                    throw new IllegalArgumentException("query: name one query (e.g. top_pages) or .hql file");
                }
                HqlScript.query(positional.get(0));
            }
            case "retention" -> {
                String keep = options.get("keep-days");
                if (keep == null || !keep.matches("\\d{1,5}")) {
                    throw new IllegalArgumentException("retention: --keep-days N is required");
                }
                date(options, false);
            }
            case "report" -> {
                if (!options.containsKey("from")) {
                    throw new IllegalArgumentException("report: --from YYYY-MM-DD is required");
                }
                Dashboard.range(options.get("from"), options.get("to"));
            }
            default -> throw new IllegalArgumentException("unknown command '" + command
                    + "'; commands: apply, register, verify-registration, check, query, retention, report");
        }
    }

    private static LocalDate date(Map<String, String> options, boolean required) {
        String value = options.get("date");
        if (value == null && required) {
            throw new IllegalArgumentException("--date YYYY-MM-DD is required");
        }
        return value == null ? LocalDate.now(ZoneOffset.UTC) : Warehouse.parseDate(value);
    }

}
