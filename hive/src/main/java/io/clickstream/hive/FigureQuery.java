package io.clickstream.hive;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every figure a day's checks need, computed by one query. Each table the checks read (a checked day, the earlier days
 * a volume band compares with, a referenced table) is one branch of a {@code UNION ALL} whose rows {@code stack} into
 * one {@code (figure, value, count, referenced)} row per figure; two {@code GROUP BY}s add them up. No branch
 * aggregates or joins on its own, so Hive reads every table in one map phase: a day's checks are one or two local
 * jobs, not one a table (each local job costs about a second whatever its data).
 *
 * <p>Hive counts every operator of the plan in each task's counters, against {@code mapreduce.job.counters.max}
 * (120 by default): a union of 40 branches exceeded it here ("Too many counters: 121 max=120"); with one branch a table,
 * a day's audit is 17 today.
 */
final class FigureQuery {

    private static final String NO_VALUE = "CAST(NULL AS STRING)";

    /** Each table's stack entries and the row conditions they read, in order: one branch of the UNION ALL a table. */
    private final Map<String, List<String>> entries = new LinkedHashMap<>();
    private final Map<String, Set<String>> conditions = new LinkedHashMap<>();
    private int figures;

    /** A figure: how many rows of {@code table} (as {@code t}) meeting {@code where} also meet {@code condition}. */
    int count(String table, String where, String condition) {
        return add(table, where, NO_VALUE, "IF((" + where + ") AND (" + condition + "), 1, 0)", "0");
    }

    /** A figure: how many distinct non-null values {@code value} takes over the rows meeting {@code where}. */
    int distinct(String table, String where, String value) {
        return add(table, where, valueWhere(where, value), "0", "0");
    }

    /**
     * A figure: how many rows have a non-null {@code column} that no row of {@code referenced} (the same {@code where})
     * has as {@code key}; its least and greatest such values come with it.
     */
    int orphans(String table, String where, String column, String referenced, String key) {
        int figure = add(table, where, valueWhere(where, column), "IF((" + where + ") AND " + column + " IS NOT NULL, 1, 0)", "0");
        // A referenced row outside `where` adds to the figure's null value, which no counted row has.
        add(referenced, where, figure, valueWhere(where, key), "0", "1");
        return figure;
    }

    private static String valueWhere(String where, String value) {
        return "IF(" + where + ", CAST(" + value + " AS STRING), NULL)";
    }

    /** Several columns as one text that tells every combination apart (each value prefixed by its length). */
    static String text(List<String> columns) {
        if (columns.size() == 1) {
            return columns.get(0);
        }
        return "concat(" + columns.stream().map(c -> "CAST(length(CAST(" + c + " AS STRING)) AS STRING), ':', CAST(" + c + " AS STRING)")
                .collect(Collectors.joining(", ")) + ")";
    }

    private int add(String table, String where, String value, String count, String referenced) {
        int figure = figures++;
        add(table, where, figure, value, count, referenced);
        return figure;
    }

    private void add(String table, String where, int figure, String value, String count, String referenced) {
        entries.computeIfAbsent(table, t -> new ArrayList<>()).add(figure + ", " + value + ", CAST(" + count + " AS BIGINT), " + referenced);
        conditions.computeIfAbsent(table, t -> new LinkedHashSet<>()).add("(" + where + ")");
    }

    /**
     * The query: per figure its total count (rows not matched by a referenced row), the number of distinct values, and
     * the least and greatest value counted.
     */
    String sql() {
        String rows = entries.entrySet().stream()
                .map(b -> "SELECT stack(" + b.getValue().size() + ", " + String.join(", ", b.getValue())
                        + ") AS (f, v, n, r) FROM " + b.getKey() + " t WHERE " + String.join(" OR ", conditions.get(b.getKey())))
                .collect(Collectors.joining(" UNION ALL "));
        String unmatched = "r = 0 AND n > 0";
        return "SELECT f, SUM(IF(r = 0, n, 0)), COUNT(v), MIN(IF(" + unmatched + ", v, NULL)), MAX(IF(" + unmatched + ", v, NULL))"
                + " FROM (SELECT f, v, SUM(n) AS n, MAX(r) AS r FROM (" + rows + ") figure_rows GROUP BY f, v) figure_values"
                + " GROUP BY f";
    }

    Figures run(Connection connection) throws SQLException {
        Map<Integer, Figure> values = new HashMap<>();
        if (figures == 0) {
            return new Figures(values);
        }
        try (Statement st = connection.createStatement()) {
            // Calcite's cost-based planning of a union of every table costs seconds here and has no join to order.
            String cbo = setting(st, "hive.cbo.enable");
            st.execute("SET hive.cbo.enable=false");
            try (ResultSet rs = st.executeQuery(sql())) {
                while (rs.next()) {
                    values.put(rs.getInt(1), new Figure(rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5)));
                }
            } finally {
                st.execute("SET hive.cbo.enable=" + cbo);
            }
        }
        return new Figures(values);
    }

    /** A session setting's value ({@code SET key} answers {@code key=value}). */
    private static String setting(Statement st, String key) throws SQLException {
        try (ResultSet rs = st.executeQuery("SET " + key)) {
            String line = rs.next() ? rs.getString(1) : "";
            if (!line.startsWith(key + "=")) {
                throw new SQLException("SET " + key + " answered '" + line + "'");
            }
            return line.substring(key.length() + 1);
        }
    }

    private record Figure(long total, long distinct, String least, String greatest) {
    }

    /** The figures of a run; a figure no row contributed to is 0 (and its values null). */
    record Figures(Map<Integer, Figure> values) {
        private static final Figure NONE = new Figure(0, 0, null, null);

        long total(int figure) {
            return values.getOrDefault(figure, NONE).total();
        }

        long distinct(int figure) {
            return values.getOrDefault(figure, NONE).distinct();
        }

        String least(int figure) {
            return values.getOrDefault(figure, NONE).least();
        }

        String greatest(int figure) {
            return values.getOrDefault(figure, NONE).greatest();
        }
    }
}
