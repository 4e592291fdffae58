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
 * partition: all of a table's checks in one scan, one query, each check a column of it.
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
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final com.fasterxml.jackson.core.type.TypeReference<List<String>> STRINGS = new com.fasterxml.jackson.core.type.TypeReference<>() {
    };

    private final Connection connection;
    private final Configuration conf;
    private final Path warehouse;

    public QualityChecks(Connection connection, Configuration conf, Path warehouse) {
        this.connection = connection;
        this.conf = conf;
        this.warehouse = warehouse;
    }

    /**
     * Runs the checks of a day's registered versions, each in its audit table, one scan a table. Results of a restated
     * earlier day are labelled with it.
     *
     * @param dt the day of the run whose audit this is
     */
    public Map<Audit.Version, List<Result>> run(List<Audit.Version> versions, LocalDate dt) throws SQLException, IOException {
        List<Planned> planned = new ArrayList<>();
        for (Audit.Version version : versions) {
            Dataset dataset = version.dataset();
            String label = dataset.table() + (version.day().equals(dt) ? "" : " dt=" + version.day());
            planned.add(plan(label, dataset.auditTable(), dataset.table(), checkLines(dataset), version.day()));
        }
        List<Figures> figures = figures(planned);
        Map<Audit.Version, List<Result>> results = new LinkedHashMap<>();
        for (int i = 0; i < versions.size(); i++) {
            results.put(versions.get(i), evaluate(planned.get(i), figures.get(i)));
        }
        return results;
    }

    /** Runs {@code checks} (lines of a .checks file) on the published table {@code table}'s partition {@code dt}. */
    public List<Result> run(String table, List<String> checks, LocalDate dt) throws SQLException, IOException {
        Planned planned = plan(table, table, table, checks, dt);
        return evaluate(planned, figures(List.of(planned)).get(0));
    }

    /**
     * A table's checks as columns of one scan of {@code checked}'s partition {@code dt} (and of the earlier days of
     * {@code history}, the published table, that a {@code volume_band} compares with).
     */
    private record Planned(String table, String checked, LocalDate dt, Scan scan, int rowsColumn, List<Check> checks) {
    }

    private static Planned plan(String table, String checked, String history, List<String> checks, LocalDate dt) {
        Scan scan = new Scan(checked, history, dt);
        int rowsColumn = scan.count("TRUE");
        List<Check> parsed = checks.stream().map(line -> Check.parse(line, scan)).collect(Collectors.toList());
        return new Planned(table, checked, dt, scan, rowsColumn, parsed);
    }

    private List<Result> evaluate(Planned planned, Figures figures) throws SQLException, IOException {
        String table = planned.table();
        long rows = figures.get(planned.rowsColumn());
        List<Result> results = new ArrayList<>();
        results.add(new Result(table, "partition dt=" + planned.dt(), rows > 0 || partitionExists(planned.checked(), planned.dt()),
                rows + " rows"));
        for (Check check : planned.checks()) {
            Result result = evaluate(table, check, figures, rows, planned.dt());
            results.add(new Result(table, check.described(), result.passed(), result.detail(), check.warnOnly()));
        }
        return results;
    }

    /** One line of a .checks file, with the columns of the table's scan it reads. */
    private record Check(boolean warnOnly, String name, List<String> args, List<Integer> columns) {

        static Check parse(String line, Scan scan) {
            List<String> words = Arrays.asList(line.strip().split("\\s+"));
            boolean warnOnly = words.get(0).equals("warn");
            String name = words.get(warnOnly ? 1 : 0);
            List<String> args = words.subList(warnOnly ? 2 : 1, words.size());
            return new Check(warnOnly, name, args, scan.columnsFor(name, args));
        }

        String described() {
            return (warnOnly ? "warn " : "") + name + " " + String.join(" ", args);
        }

        int column(int i) {
            return columns.get(i);
        }
    }

    /**
     * The single query of a table's checks: aggregates over the day's rows (and the earlier days' for volume bands),
     * left-joined to the distinct keys each {@code relationships} check refers to.
     */
    private static final class Scan {
        private final String table;
        private final String history;
        private final LocalDate dt;
        private final List<String> aggregates = new ArrayList<>();
        private final List<String> joins = new ArrayList<>();
        private LocalDate from;

        Scan(String table, String history, LocalDate dt) {
            this.table = identifier(table);
            this.history = identifier(history);
            this.dt = dt;
            this.from = dt;
        }

        /** A column counting the day's rows that meet {@code condition}. */
        int count(String condition) {
            return add("SUM(IF(t.dt = '" + dt + "' AND " + condition + ", 1, 0))");
        }

        int add(String aggregate) {
            aggregates.add(aggregate);
            return aggregates.size() - 1;
        }

        List<Integer> columnsFor(String name, List<String> args) {
            switch (name) {
                case "not_null":
                    return List.of(count("(" + columns(args).stream().map(c -> c + " IS NULL").collect(Collectors.joining(" OR ")) + ")"));
                case "accepted_values":
                    return List.of(count(column(args.get(0)) + " NOT IN (" + args.subList(1, args.size()).stream()
                            .map(v -> "'" + value(v) + "'").collect(Collectors.joining(", ")) + ")"));
                case "accepted_range": {
                    String column = column(args.get(0));
                    return List.of(count("(" + column + " < " + number(args.get(1)) + " OR " + column + " > " + number(args.get(2)) + ")"));
                }
                case "unique": {
                    // Rows whose key another row of the day has too: rows with a whole key minus distinct whole keys.
                    List<String> key = columns(args);
                    return List.of(count(key.stream().map(c -> c + " IS NOT NULL").collect(Collectors.joining(" AND "))),
                            add("COUNT(DISTINCT " + key.stream().map(c -> "IF(t.dt = '" + dt + "', " + c + ", NULL)")
                                    .collect(Collectors.joining(", ")) + ")"));
                }
                case "relationships": {
                    String column = column(args.get(0));
                    String alias = "referenced" + joins.size();
                    joins.add(" LEFT JOIN (SELECT DISTINCT " + identifier(args.get(2)) + " AS k FROM " + audited(args.get(1))
                            + " WHERE dt = '" + dt + "') " + alias + " ON " + column + " = " + alias + ".k");
                    String orphan = column + " IS NOT NULL AND " + alias + ".k IS NULL";
                    // Two of the orphans' values, smallest and largest, for the report: no second query.
                    return List.of(count(orphan), add("MIN(IF(t.dt = '" + dt + "' AND " + orphan + ", " + column + ", NULL))"),
                            add("MAX(IF(t.dt = '" + dt + "' AND " + orphan + ", " + column + ", NULL))"));
                }
                case "volume_band": {
                    LocalDate first = dt.minusDays(Integer.parseInt(number(args.get(0))));
                    from = first.isBefore(from) ? first : from;
                    String earlier = "t.dt >= '" + first + "' AND t.dt < '" + dt + "'";
                    return List.of(add("SUM(IF(" + earlier + ", 1, 0))"), add("COUNT(DISTINCT IF(" + earlier + ", t.dt, NULL))"));
                }
                case "row_count_matches":
                    return List.of();
                default:
                    throw new IllegalArgumentException("unknown check '" + name + "' for " + table);
            }
        }

        /** The scan: one row, its figures as an array of strings. */
        String scan() {
            return "SELECT array(" + aggregates.stream().map(a -> "CAST(" + a + " AS STRING)")
                    .collect(Collectors.joining(", ")) + ") AS figures" + rowsOfTheDay();
        }

        /** FROM the checked rows (the day, and the history a volume band reads) WHERE they belong to the scan. */
        private String rowsOfTheDay() {
            String rows = from.equals(dt) || history.equals(table) ? table
                    : "(SELECT * FROM " + table + " WHERE dt = '" + dt + "' UNION ALL SELECT * FROM " + history
                            + " WHERE dt >= '" + from + "' AND dt < '" + dt + "')";
            return " FROM " + rows + " t" + String.join("", joins) + " WHERE t.dt >= '" + from + "' AND t.dt <= '" + dt + "'";
        }

        /** A referenced table as the checked one sees it: its audit twin when the checked table is an audit table. */
        private String audited(String referenced) {
            String name = identifier(referenced);
            return table.equals(history) ? name : Datasets.TABLES.stream().filter(d -> d.table().equals(name))
                    .map(Dataset::auditTable).findFirst().orElse(name);
        }

        private static List<String> columns(List<String> names) {
            return names.stream().map(Scan::column).collect(Collectors.toList());
        }

        private static String column(String name) {
            return "t." + identifier(name);
        }
    }

    private Result evaluate(String table, Check check, Figures figures, long rows, LocalDate dt) throws IOException, SQLException {
        String described = check.described();
        List<String> args = check.args();
        switch (check.name()) {
            case "not_null":
                return failingRows(table, described, figures.get(check.column(0)), "rows with a null");
            case "accepted_values":
                return failingRows(table, described, figures.get(check.column(0)), "rows with another value");
            case "accepted_range":
                return failingRows(table, described, figures.get(check.column(0)), "rows out of range");
            case "unique":
                return failingRows(table, described, figures.get(check.column(0)) - figures.get(check.column(1)),
                        "rows repeat another row's key");
            case "relationships": {
                long orphans = figures.get(check.column(0));
                String detail = "rows without a match in " + args.get(1) + " dt=" + dt;
                return failingRows(table, described, orphans, orphans == 0 ? detail
                        : detail + " (among them " + figures.text(check.column(1)) + " and " + figures.text(check.column(2)) + ")");
            }
            case "row_count_matches": {
                Long expected = accounting(new Path(warehouse, args.get(0)), dt, identifier(args.get(1)));
                boolean passed = expected != null && expected == rows;
                return new Result(table, described, passed, expected == null ? "no _accounting.json for dt=" + dt
                        : rows + " rows, the job accounted " + expected);
            }
            case "volume_band":
                return volumeBand(table, described, rows, figures.get(check.column(0)), figures.get(check.column(1)),
                        Integer.parseInt(args.get(0)), Double.parseDouble(args.get(1)), Double.parseDouble(args.get(2)));
            default:
                throw new IllegalStateException(check.name());
        }
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

    /**
     * The figures of each planned scan, one query a table, one after the other. (One UNION ALL of every table's scan,
     * with hive.exec.parallel, measured no faster on the embedded HiveServer2: each branch is still its own local job.)
     */
    private List<Figures> figures(List<Planned> planned) throws SQLException {
        List<Figures> figures = new ArrayList<>();
        try (Statement st = connection.createStatement()) {
            for (int k = 0; k < planned.size(); k++) {
                try (ResultSet rs = st.executeQuery(planned.get(k).scan().scan())) {
                    rs.next();
                    figures.add(new Figures(JSON.readValue(rs.getString(1), STRINGS)));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new SQLException("the checks' figures are not the array of strings they were asked as: "
                            + e.getMessage(), e);
                }
            }
        }
        return figures;
    }

    private record Figures(List<String> values) {
        /** A count; NULL (a SUM over no rows) is 0. */
        long get(int column) {
            String value = values.get(column);
            return value == null ? 0 : Long.parseLong(value);
        }

        String text(int column) {
            return values.get(column);
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

    private static String identifier(String name) {
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
