package io.clickstream.hive;

import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.Settings;
import io.clickstream.dimensions.Csv;
import io.clickstream.jobs.ActionOutput;
import io.clickstream.jobs.Args;
import io.clickstream.jobs.ExitStatus;
import io.clickstream.jobs.JobFailedException;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.Tool;
import io.clickstream.jobs.LaunchConfiguration;
import io.clickstream.jobs.NioLocalFileSystem;
import io.clickstream.hive.report.Dashboard;

/**
 * {@code warehouse COMMAND [options]}: the Hive side of the pipeline (apply, register, register-hour, check, publish,
 * query, retention, report). {@code warehouse COMMAND --help} lists a command's options; every argument is checked
 * before an in-process HiveServer2 starts or a connection opens.
 */
public class WarehouseCli extends Configured implements Tool {

    private static final Map<String, Args.Spec> COMMANDS = new LinkedHashMap<>();

    static {
        command("apply", "create the databases, tables (from the .avsc schemas) and views; idempotent");
        daily("register", "add the day's new versions (and restated earlier days') to the audit tables, where analysts do not see them");
        daily("register-hour", "add a streamed hour's provisional page views and events (clean-* --hour) to the"
                + " clean_hourly tables, where analysts see them at once, unaudited")
                .required("hour", "HH", "the UTC hour, 00 to 23");
        daily("check", "run the data-quality checks of what register added; exit 1 with a table of the failures");
        daily("publish", "point the analysts' tables at the versions that passed their checks; exit 1 when a check failed");
        command("query", "run an analyst query and print it, or write it as CSV")
                .positional("QUERY", "a query's name (top_pages, ...) or an .hql file")
                .repeatable("hivevar", "NAME=VALUE", "a variable of the query")
                .optional("csv", "FILE", "write the rows to this CSV file instead", null);
        command("retention", "drop the partitions (and data) older than N days before the day")
                .required("keep-days", "N", "how many days to keep")
                .optional("date", "YYYY-MM-DD", "the day to count back from (default: today, UTC)", null);
        command("report", "the dashboard of the days: DIR/index.html and a CSV per panel")
                .required("from", "YYYY-MM-DD", "the first day")
                .optional("to", "YYYY-MM-DD", "the last day (default: --from)", null)
                .optional("out", "DIR", "where the dashboard goes", "dashboard");
    }

    private static Args.Spec command(String name, String summary) {
        Args.Spec spec = Args.command("warehouse " + name, summary)
                .optional("warehouse", "ROOT", "the warehouse root directory", "warehouse")
                .optional("jdbc-url", "URL", "HiveServer2 (jdbc:hive2://host:port/; the default runs one in-process)",
                        HiveConnections.EMBEDDED_URL)
                .optional("metastore", "DIR", "the in-process server's metastore", null);
        COMMANDS.put(name, spec);
        return spec;
    }

    private static Args.Spec daily(String name, String summary) {
        return command(name, summary).required("date", "YYYY-MM-DD", "the UTC day");
    }

    /** The commands, in the order the usage lists them. */
    public static List<String> commands() {
        return List.copyOf(COMMANDS.keySet());
    }

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
        String command = Args.subcommand(argv, COMMANDS.keySet(), "usage: warehouse COMMAND [options]\ncommands: "
                + String.join(", ", COMMANDS.keySet()) + "\nwarehouse COMMAND --help lists its options\n");
        Args options = COMMANDS.get(command).parse(Arrays.copyOfRange(argv, 1, argv.length));
        HiveVars vars = new HiveVars();
        for (String assignment : options.all("hivevar")) {
            String[] kv = assignment.split("=", 2);
            vars.set(kv[0], kv.length == 2 ? kv[1] : null);
        }
        checkArguments(command, options);
        HiveVars.location(options.get("warehouse"));
        Path root = new Path(options.get("warehouse"));
        String url = options.get("jdbc-url");
        File metastore = new File(options.has("metastore") ? options.get("metastore")
                : System.getProperty(Settings.METASTORE.key(), "metastore"));
        if (HiveConnections.isEmbedded(url)) {
            // The in-process server's jobs list and create files here: through NIO, not a forked ls or chmod a file.
            getConf().setIfUnset("fs.file.impl", NioLocalFileSystem.class.getName());
            FileSystem.getLocal(getConf());
        }
        try (Connection connection = HiveConnections.open(url, metastore)) {
            HiveWarehouse warehouse = new HiveWarehouse(connection, getConf(), root);
            return execute(command, warehouse, root, options, vars);
        } catch (SQLException e) {
            throw failure("warehouse " + String.join(" ", command, options.positional() == null ? "" : options.positional())
                    .strip(), e);
        }
    }

    /**
     * One line for an operator or analyst instead of Hive's stack trace: a statement Hive could not compile (SQLState
     * 42xxx: a typo, an unknown column) is the caller's to fix (exit 2); anything else failed while running (exit 1).
     */
    static RuntimeException failure(String what, SQLException e) {
        String message = what + ": Hive: " + String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip()
                + (e.getSQLState() != null ? " (SQLState " + e.getSQLState() + ")" : "");
        return e.getSQLState() != null && e.getSQLState().startsWith("42") ? new IllegalArgumentException(message)
                : new JobFailedException(message);
    }

    private int execute(String command, HiveWarehouse warehouse, Path root, Args options, HiveVars vars) throws Exception {
        switch (command) {
            case "apply" -> warehouse.apply().forEach(t -> out.println("applied " + t));
            case "register" -> {
                List<Audit.Version> registered = warehouse.register(options.date("date"));
                registered.forEach(v -> out.println("registered " + v.dataset().auditTable() + " dt=" + v.day() + " at " + v.location()));
                if (registered.stream().noneMatch(v -> v.day().equals(options.date("date")))) {
                    throw new JobFailedException("register: no table has a version of dt=" + options.get("date")
                            + " (have the day's stages run?)");
                }
            }
            case "register-hour" -> warehouse.registerHour(options.date("date"), options.hour("hour"))
                    .forEach(r -> out.println("registered " + r));
            case "publish" -> warehouse.publish(options.date("date")).forEach(p -> out.println("published " + p));
            case "check" -> {
                long started = System.nanoTime();
                List<QualityChecks.Result> results = warehouse.check(options.date("date"));
                long failed = results.stream().filter(QualityChecks.Result::blocks).count();
                long passed = results.stream().filter(QualityChecks.Result::passed).count();
                out.printf(java.util.Locale.ROOT, "dt=%s: %d checks, %d passed, %d warned, %d failed (checked in %.1f s)%n",
                        options.get("date"), results.size(), passed, results.size() - passed - failed, failed,
                        (System.nanoTime() - started) / 1e9);
                Tables.print(out, List.of("table", "check", "result", "detail"), results.stream().filter(r -> !r.passed())
                        .map(r -> List.of(r.table(), r.check(), r.verdict(), r.detail())).collect(Collectors.toList()));
                if (ActionOutput.captured()) {
                    // Under Oozie (<capture-output/>) the workflow's decision node acts on the figures.
                    ActionOutput.write(java.util.Map.of("failed", failed, "checks", results.size(), "failures", failures(results)));
                    return 0;
                }
                if (failed > 0) {
                    throw new JobFailedException(failed + " data-quality check(s) failed for dt=" + options.get("date"));
                }
            }
            case "query" -> {
                List<List<String>> rows = warehouse.query(HqlScript.query(options.positional()), vars);
                if (options.has("csv")) {
                    Files.write(new File(options.get("csv")).toPath(), rows.stream().map(Csv::format).collect(Collectors.toList()),
                            StandardCharsets.UTF_8);
                    out.println("wrote " + (rows.size() - 1) + " rows to " + options.get("csv"));
                } else {
                    Tables.print(out, rows.get(0), rows.subList(1, rows.size()));
                }
            }
            case "retention" -> {
                warehouse.retention(options.getInt("keep-days"), today(options))
                        .forEach(p -> out.println("dropped " + p));
            }
            case "report" -> {
                LocalDate[] range = Dashboard.range(options.get("from"), options.get("to"));
                java.nio.file.Path page = new Dashboard(warehouse, getConf(), root).write(range[0], range[1],
                        java.nio.file.Path.of(options.get("out")));
                out.println("dashboard: " + page.toAbsolutePath().toUri());
            }
            default -> throw new IllegalStateException("checkArguments let through " + command);
        }
        return 0;
    }

    /**
     * The failed checks in one line for the workflow's alert (its action data is a properties file Oozie caps at 2 KB):
     * {@code table check: detail; ...}, the first ones when they are many.
     */
    static String failures(List<QualityChecks.Result> results) {
        String all = results.stream().filter(QualityChecks.Result::blocks).map(r -> r.table() + " " + r.check() + ": " + r.detail())
                .collect(Collectors.joining("; ")).replaceAll("\\s+", " ").replace("\\", "/");
        return all.length() <= 1000 ? all : all.substring(0, 1000) + " ...";
    }

    /** Refuses what cannot run before anything starts (an in-process HiveServer2 and its metastore, a connection). */
    private static void checkArguments(String command, Args options) {
        switch (command) {
            case "register", "check", "publish" -> options.date("date");
            case "register-hour" -> {
                options.date("date");
                options.hour("hour");
            }
            case "query" -> HqlScript.query(options.positional());
            case "retention" -> {
                if (options.getInt("keep-days") < 0) {
                    throw new IllegalArgumentException("warehouse retention: --keep-days must be 0 or more");
                }
                today(options);
            }
            case "report" -> Dashboard.range(options.get("from"), options.get("to"));
            default -> { }
        }
    }

    private static LocalDate today(Args options) {
        return options.has("date") ? options.date("date") : LocalDate.now(ZoneOffset.UTC);
    }
}
