package io.clickstream.hive;

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
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Runs the data-quality checks declared next to each table ({@code hql/ddl/<table>.checks}) on one day's
 * partition. Each check is one query counting the rows that break it.
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

    public List<Result> run(Dataset dataset, LocalDate dt) throws SQLException, IOException {
        return run(dataset.table(), checkLines(dataset), dt);
    }

    /** Runs {@code checks} (lines of a .checks file) against {@code table}'s partition {@code dt}. */
    public List<Result> run(String table, List<String> checks, LocalDate dt) throws SQLException, IOException {
        List<List<String>> parsed = new ArrayList<>();
        List<String> rowConditions = new ArrayList<>();
        for (String line : checks) {
            List<String> words = Arrays.asList(line.strip().split("\\s+"));
            parsed.add(words);
            String condition = rowCondition(rule(words), arguments(words));
            if (condition != null) {
                rowConditions.add(condition);
            }
        }
        // All row-level rules in one pass over the partition: one query instead of one per rule.
        StringBuilder sql = new StringBuilder("SELECT COUNT(*)");
        rowConditions.forEach(c -> sql.append(", SUM(IF(").append(c).append(", 1, 0))"));
        List<Long> counts = longs(sql.append(" FROM ").append(table).append(" WHERE dt = '").append(dt).append("'").toString());
        long rows = counts.get(0);
        List<Result> results = new ArrayList<>();
        results.add(new Result(table, "partition dt=" + dt, rows > 0 || partitionExists(table, dt), rows + " rows"));
        int next = 1;
        for (List<String> words : parsed) {
            boolean warnOnly = words.get(0).equals("warn");
            String name = rule(words);
            List<String> args = arguments(words);
            String described = (warnOnly ? "warn " : "") + name + " " + String.join(" ", args);
            Result result = rowCondition(name, args) != null
                    ? failingRows(table, described, counts.get(next++), ROW_RULES.get(name))
                    : check(table, name, args, dt, rows);
            results.add(new Result(table, described, result.passed(), result.detail(), warnOnly));
        }
        return results;
    }

    private static final java.util.Map<String, String> ROW_RULES = java.util.Map.of(
            "not_null", "rows with a null", "accepted_values", "rows with another value",
            "accepted_range", "rows out of range");

    private static String rule(List<String> words) {
        return words.get(words.get(0).equals("warn") ? 1 : 0);
    }

    private static List<String> arguments(List<String> words) {
        return words.subList(words.get(0).equals("warn") ? 2 : 1, words.size());
    }

    /** The condition a row breaking a row-level rule meets, or null for rules that look beyond one row. */
    private static String rowCondition(String name, List<String> args) {
        switch (name) {
            case "not_null":
                return "(" + identifiers(args).stream().map(c -> c + " IS NULL").collect(Collectors.joining(" OR ")) + ")";
            case "accepted_values":
                return identifier(args.get(0)) + " NOT IN (" + args.subList(1, args.size()).stream()
                        .map(v -> "'" + value(v) + "'").collect(Collectors.joining(", ")) + ")";
            case "accepted_range":
                String column = identifier(args.get(0));
                return "(" + column + " < " + number(args.get(1)) + " OR " + column + " > " + number(args.get(2)) + ")";
            default:
                return null;
        }
    }

    private Result check(String table, String name, List<String> args, LocalDate dt, long rows)
            throws SQLException, IOException {
        String where = " FROM " + table + " WHERE dt = '" + dt + "' AND ";
        String described = name + " " + String.join(" ", args);
        switch (name) {
            case "unique" -> {
                String columns = String.join(", ", identifiers(args));
                return failingRows(table, described, count("SELECT COUNT(*) FROM (SELECT " + columns + where
                        + "TRUE GROUP BY " + columns + " HAVING COUNT(*) > 1) duplicated"), "duplicated keys");
            }
            case "relationships" -> {
                String column = identifier(args.get(0));
                String other = identifier(args.get(1));
                String otherColumn = identifier(args.get(2));
                // Against the other table's partition of the same day: the snapshot the day's rows refer to.
                return failingRows(table, described, count("SELECT COUNT(*) FROM " + table + " a LEFT JOIN (SELECT "
                        + otherColumn + " FROM " + other + " WHERE dt = '" + dt + "') b ON a." + column + " = b."
                        + otherColumn + " WHERE a.dt = '" + dt + "' AND a." + column + " IS NOT NULL AND b."
                        + otherColumn + " IS NULL"), "rows without a match in " + other + " dt=" + dt);
            }
            case "row_count_matches" -> {
                Long expected = accounting(new Path(warehouse, args.get(0)), dt, identifier(args.get(1)));
                boolean passed = expected != null && expected == rows;
                return new Result(table, described, passed, expected == null ? "no _accounting.json for dt=" + dt
                        : rows + " rows, the job accounted " + expected);
            }
            case "volume_band" -> {
                return volumeBand(table, described, dt, rows, Integer.parseInt(number(args.get(0))),
                        Double.parseDouble(args.get(1)), Double.parseDouble(args.get(2)));
            }
            default -> throw new IllegalArgumentException("unknown check '" + name + "' for " + table);
        }
    }

    private Result volumeBand(String table, String described, LocalDate dt, long rows, int days, double low, double high)
            throws SQLException {
        long total = 0;
        int history = 0;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT dt, COUNT(*) FROM " + table + " WHERE dt >= '"
                     + dt.minusDays(days) + "' AND dt < '" + dt + "' GROUP BY dt")) {
            while (rs.next()) {
                total += rs.getLong(2);
                history++;
            }
        }
        if (history == 0) {
            return new Result(table, described, true, "no earlier day to compare with");
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

    private long count(String sql) throws SQLException {
        return longs(sql).get(0);
    }

    /** The first row of a query's result as numbers, NULL (a SUM over no rows) as 0. */
    private List<Long> longs(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            List<Long> values = new ArrayList<>();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                values.add(rs.getLong(c));
            }
            return values;
        }
    }

    /** A figure from the job's {@code _accounting.json} in {@code datasetDir/dt=D}, or null when there is none. */
    private Long accounting(Path datasetDir, LocalDate dt, String field) throws IOException {
        try {
            Accounting accounting = PartitionCommit.readAccounting(conf, new Path(datasetDir, "dt=" + dt));
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

    private static List<String> identifiers(List<String> names) {
        return names.stream().map(QualityChecks::identifier).collect(Collectors.toList());
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
