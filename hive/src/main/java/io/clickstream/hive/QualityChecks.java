package io.clickstream.hive;

import io.clickstream.jobs.Dataset;
import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.Accounting;
import io.clickstream.jobs.PartitionCommit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Runs the data-quality checks declared next to each table ({@code hql/ddl/<table>.checks}) on one day's
 * partition: every check of every table of the day from the figures of one query ({@link FigureQuery}).
 */
public final class QualityChecks {

    /** The outcome of one check; a failed {@code warn} check is reported but does not fail the day. */
    public record Result(String table, String check, boolean passed, String detail, boolean warnOnly) {
        Result(String table, String check, boolean passed, String detail) {
            this(table, check, passed, detail, false);
        }

        public boolean blocks() {
            return !passed && !warnOnly;
        }

        public String verdict() {
            return passed ? "PASS" : warnOnly ? "WARN" : "FAIL";
        }
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.:/-]+");

    private final Connection connection;
    private final Configuration conf;
    private final Path warehouse;

    public QualityChecks(Connection connection, Configuration conf, Path warehouse) {
        this.connection = connection;
        this.conf = conf;
        this.warehouse = warehouse;
    }

    /**
     * Runs the checks of a day's registered versions, each in its audit table, all in one query. Results of a restated
     * earlier day are labelled with it.
     *
     * @param dt the day of the run whose audit this is
     */
    public Map<Audit.Version, List<Result>> run(List<Audit.Version> versions, LocalDate dt) throws SQLException, IOException {
        FigureQuery query = new FigureQuery();
        List<Planned> planned = new ArrayList<>();
        for (Audit.Version version : versions) {
            Dataset dataset = version.dataset();
            String label = dataset.table() + (version.day().equals(dt) ? "" : " dt=" + version.day());
            planned.add(plan(query, label, dataset.auditTable(), dataset, checkLines(dataset), version.day()));
        }
        FigureQuery.Figures figures = query.run(connection);
        Map<Audit.Version, List<Result>> results = new LinkedHashMap<>();
        for (int i = 0; i < versions.size(); i++) {
            results.put(versions.get(i), evaluate(planned.get(i), figures));
            PartitionCommit.writeRows(conf, new Path(versions.get(i).location()), figures.total(planned.get(i).rowsFigure()));
        }
        return results;
    }

    /** Runs {@code checks} (lines of a .checks file) on the published table {@code table}'s partition {@code dt}. */
    public List<Result> run(String table, List<String> checks, LocalDate dt) throws SQLException, IOException {
        FigureQuery query = new FigureQuery();
        Planned planned = plan(query, table, table, null, checks, dt);
        return evaluate(planned, query.run(connection));
    }

    /**
     * A table's checks, each reading figures of the day's query: {@code checked} is the table whose partition {@code dt}
     * they check, {@code dataset} the pipeline's dataset it holds a version of (null for any other table).
     */
    private record Planned(String table, String checked, Dataset dataset, LocalDate dt, int rowsFigure, List<Check> checks) {
    }

    private static Planned plan(FigureQuery query, String table, String checked, Dataset dataset, List<String> checks, LocalDate dt) {
        TableFigures figures = new TableFigures(query, checked, dataset, dt);
        int rows = figures.count("TRUE");
        List<Check> parsed = checks.stream().map(line -> Check.parse(line, figures)).collect(Collectors.toList());
        return new Planned(table, checked, dataset, dt, rows, parsed);
    }

    private List<Result> evaluate(Planned planned, FigureQuery.Figures figures) throws SQLException, IOException {
        String table = planned.table();
        long rows = figures.total(planned.rowsFigure());
        List<Result> results = new ArrayList<>();
        results.add(new Result(table, "partition dt=" + planned.dt(), rows > 0 || partitionExists(planned.checked(), planned.dt()),
                rows + " rows"));
        for (Check check : planned.checks()) {
            Result result = evaluate(planned, check, figures, rows);
            results.add(new Result(table, check.described(), result.passed(), result.detail(), check.warnOnly()));
        }
        return results;
    }

    /** One line of a .checks file, with the figures it reads. */
    private record Check(boolean warnOnly, String name, List<String> args, List<Integer> figures) {

        static Check parse(String line, TableFigures table) {
            List<String> words = Arrays.asList(line.strip().split("\\s+"));
            boolean warnOnly = words.get(0).equals("warn");
            String name = words.get(warnOnly ? 1 : 0);
            List<String> args = words.subList(warnOnly ? 2 : 1, words.size());
            return new Check(warnOnly, name, args, table.figuresFor(name, args));
        }

        String described() {
            return (warnOnly ? "warn " : "") + name + " " + String.join(" ", args);
        }

        int figure(int i) {
            return figures.get(i);
        }
    }

    /** The figures one table's checks need, as rows of the day's {@link FigureQuery}. */
    private static final class TableFigures {
        private final FigureQuery query;
        private final String table;
        private final Dataset dataset;
        private final LocalDate dt;
        private final String day;

        TableFigures(FigureQuery query, String table, Dataset dataset, LocalDate dt) {
            this.query = query;
            this.table = identifier(table);
            this.dataset = dataset;
            this.dt = dt;
            this.day = "t.dt = '" + dt + "'";
        }

        /** The number of the day's rows that meet {@code condition}. */
        int count(String condition) {
            return query.count(table, day, condition);
        }

        List<Integer> figuresFor(String name, List<String> args) {
            switch (name) {
                case "not_null":
                    return List.of(count(columns(args).stream().map(c -> c + " IS NULL").collect(Collectors.joining(" OR "))));
                case "accepted_values":
                    return List.of(count(column(args.get(0)) + " NOT IN (" + args.subList(1, args.size()).stream()
                            .map(v -> "'" + value(v) + "'").collect(Collectors.joining(", ")) + ")"));
                case "accepted_range": {
                    String column = column(args.get(0));
                    return List.of(count(column + " < " + number(args.get(1)) + " OR " + column + " > " + number(args.get(2))));
                }
                case "unique": {
                    // Rows whose key another row of the day has too: rows with a whole key minus distinct whole keys.
                    List<String> key = columns(args);
                    String whole = key.stream().map(c -> c + " IS NOT NULL").collect(Collectors.joining(" AND "));
                    return List.of(count(whole), query.distinct(table, day, "IF(" + whole + ", " + FigureQuery.text(key) + ", NULL)"));
                }
                case "relationships":
                    return List.of(query.orphans(table, day, column(args.get(0)), audited(args.get(1)), "t." + identifier(args.get(2))));
                case "volume_band": {
                    // A pipeline dataset's earlier days were counted when they were checked: no need to read them again.
                    if (dataset != null) {
                        return List.of();
                    }
                    String earlier = "t.dt >= '" + dt.minusDays(Integer.parseInt(number(args.get(0)))) + "' AND t.dt < '" + dt + "'";
                    return List.of(query.count(table, earlier, "TRUE"), query.distinct(table, earlier, "t.dt"));
                }
                case "row_count_matches":
                    return List.of();
                default:
                    throw new IllegalArgumentException("unknown check '" + name + "' for " + table);
            }
        }

        /** A referenced table as the checked one sees it: its audit twin when the checked table is an audit table. */
        private String audited(String referenced) {
            String name = identifier(referenced);
            return dataset == null ? name : Datasets.TABLES.stream().filter(d -> d.table().equals(name))
                    .map(Dataset::auditTable).findFirst().orElse(name);
        }

        private static List<String> columns(List<String> names) {
            return names.stream().map(TableFigures::column).collect(Collectors.toList());
        }

        private static String column(String name) {
            return "t." + identifier(name);
        }
    }

    private Result evaluate(Planned planned, Check check, FigureQuery.Figures figures, long rows) throws IOException {
        String table = planned.table();
        LocalDate dt = planned.dt();
        String described = check.described();
        List<String> args = check.args();
        switch (check.name()) {
            case "not_null":
                return failingRows(table, described, figures.total(check.figure(0)), "rows with a null");
            case "accepted_values":
                return failingRows(table, described, figures.total(check.figure(0)), "rows with another value");
            case "accepted_range":
                return failingRows(table, described, figures.total(check.figure(0)), "rows out of range");
            case "unique":
                return failingRows(table, described, figures.total(check.figure(0)) - figures.distinct(check.figure(1)),
                        "rows repeat another row's key");
            case "relationships": {
                int orphans = check.figure(0);
                String detail = "rows without a match in " + args.get(1) + " dt=" + dt;
                return failingRows(table, described, figures.total(orphans), figures.total(orphans) == 0 ? detail
                        : detail + " (among them " + figures.least(orphans) + " and " + figures.greatest(orphans) + ")");
            }
            case "row_count_matches": {
                Long expected = accounting(new Path(warehouse, args.get(0)), dt, identifier(args.get(1)));
                boolean passed = expected != null && expected == rows;
                return new Result(table, described, passed, expected == null ? "no _accounting.json for dt=" + dt
                        : rows + " rows, the job accounted " + expected);
            }
            case "volume_band": {
                int days = Integer.parseInt(args.get(0));
                long[] history = planned.dataset() == null ? new long[] {figures.total(check.figure(0)), figures.distinct(check.figure(1))}
                        : publishedRows(planned.dataset(), dt, days);
                return volumeBand(table, described, rows, history[0], history[1], days, Double.parseDouble(args.get(1)),
                        Double.parseDouble(args.get(2)));
            }
            default:
                throw new IllegalStateException(check.name());
        }
    }

    /** The rows of the published versions of the {@code days} days before {@code dt}, and how many of those days had one. */
    private long[] publishedRows(Dataset dataset, LocalDate dt, int days) throws IOException {
        long total = 0;
        long counted = 0;
        for (LocalDate day = dt.minusDays(days); day.isBefore(dt); day = day.plusDays(1)) {
            Long rows = PartitionCommit.publishedRows(conf, dataset.partition(warehouse, day));
            if (rows != null) {
                total += rows;
                counted++;
            }
        }
        return new long[] {total, counted};
    }

    private static Result volumeBand(String table, String described, long rows, long total, long history, int days,
            double low, double high) {
        if (history == 0) {
            return new Result(table, described, true, "no rows in the " + days + " day(s) before to compare with");
        }
        double average = (double) total / history;
        boolean passed = rows >= low * average && rows <= high * average;
        return new Result(table, described, passed, String.format(Locale.ROOT,
                "%d rows vs %.0f a day over the %d earlier day(s); band %.0f..%.0f", rows, average, history,
                low * average, high * average));
    }

    private static Result failingRows(String table, String described, long failing, String what) {
        return new Result(table, described, failing == 0, failing + " " + what);
    }

    private boolean partitionExists(String table, LocalDate dt) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SHOW PARTITIONS " + table + " PARTITION (dt='" + dt + "')")) {
            return rs.next();
        }
    }

    /** A figure from the job's {@code _accounting.json} in the newest version of {@code datasetDir/dt=D}, or null. */
    private Long accounting(Path datasetDir, LocalDate dt, String field) throws IOException {
        try {
            Path version = PartitionCommit.current(conf, new Path(datasetDir, "dt=" + dt));
            Accounting accounting = version == null ? null : PartitionCommit.readAccounting(conf, version);
            return accounting == null ? null : accounting.asMap().get(field);
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    private static List<String> checkLines(Dataset dataset) throws IOException {
        try (InputStream in = QualityChecks.class.getResourceAsStream("/hql/" + dataset.checksResource())) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.strip().startsWith("#")).collect(Collectors.toList());
        }
    }

    static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a column or table name");
        }
        return name;
    }

    private static String value(String value) {
        if (!VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not an accepted value literal");
        }
        return value;
    }

    private static String number(String value) {
        if (!value.matches("-?\\d{1,18}")) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number");
        }
        return value;
    }
}
