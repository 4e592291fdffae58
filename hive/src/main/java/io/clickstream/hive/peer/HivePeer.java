package io.clickstream.hive.peer;

import io.clickstream.hive.HiveConnections;
import io.clickstream.hive.HiveVars;
import io.clickstream.hive.HiveWarehouse;
import io.clickstream.hive.HqlScript;
import io.clickstream.jobs.NioLocalFileSystem;
import io.clickstream.jobs.ProcessClock;
import io.clickstream.jobs.Settings;
import io.clickstream.marts.Mart;
import java.io.File;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The sessionize and marts stages in HQL ({@code hql/peer/sessions.hql}, {@code hql/peer/marts.hql}) on the embedded
 * warehouse (in-process HiveServer2, local MapReduce), over the versions the jobs wrote: the Hive peer of
 * {@code benchmarks/bench.sh peers}.
 * <ul>
 * <li>{@code check WAREHOUSE DAY METASTORE}: runs both and compares every row with the jobs' output of DAY; prints
 *   the counts found on one side only; exits 1 when there are any. {@code HiveWarehouseTest} makes the same check.</li>
 * <li>{@code time WAREHOUSE DAY METASTORE RUNS}: runs both RUNS times and prints each stage's wall and CPU time (the
 *   server's start-up and the registration of the inputs are before the clock).</li>
 * </ul>
 */
public final class HivePeer {

    /** The marts' dataset names, as the jobs name them. */
    private static final List<String> MARTS = java.util.Arrays.stream(Mart.values()).map(Mart::dataset).toList();
    /** The jobs' tables as the peer's columns: times as epoch milliseconds (see sessions.hql). */
    private static final Map<String, String> OURS = Map.of(
            "sessions", "SELECT session_id, visitor_id, " + millis("start_ts") + " AS start_ms, " + millis("end_ts")
                    + " AS end_ms, duration_seconds, page_views, landing_page, exit_page, channel, device_class,"
                    + " browser_family, os_family, is_bounce, reached_product, reached_cart, reached_checkout,"
                    + " sort_array(order_ids) AS order_ids FROM marts_audit.sessions WHERE dt = '%s'",
            "sessionized_page_views", "SELECT " + millis("ts") + " AS ts_ms, visitor_id, session_id, "
                    + millis("session_start") + " AS session_start_ms, is_bot, method, path, query, status, bytes,"
                    + " referer, browser_family, browser_version, os_family, device_class, request_class, bot_reason"
                    + " FROM marts_audit.sessionized_page_views WHERE dt = '%s'");

    private final Connection connection;
    private final Configuration conf;
    private final LocalDate day;

    /** A peer for {@code day} on a warehouse whose inputs are registered; its functions are created here. */
    public HivePeer(Connection connection, Configuration conf, LocalDate day) throws SQLException {
        this.connection = connection;
        this.conf = conf;
        this.day = day;
        try (Statement st = connection.createStatement()) {
            for (Map.Entry<String, Class<? extends org.apache.hadoop.hive.ql.exec.UDF>> f : HiveFunctions.ALL.entrySet()) {
                st.execute("CREATE TEMPORARY FUNCTION " + f.getKey() + " AS '" + f.getValue().getName() + "'");
            }
        }
    }

    /** One table compared: the jobs' rows, the peer's, and the rows found on one side only. */
    public record Comparison(String table, long jobs, long peer, long onlyJobs, long onlyPeer) {
        public boolean same() {
            return onlyJobs == 0 && onlyPeer == 0;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-24s jobs %,d rows, hive-sql %,d rows: %,d only in the jobs', %,d only in"
                    + " hive-sql's", table, jobs, peer, onlyJobs, onlyPeer);
        }
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (Exception e) {
            // Hive's server threads would keep the JVM alive after a failed statement: say why, and exit.
            System.err.println("hive peer: " + e);
            System.exit(1);
        }
    }

    private static int run(String[] args) throws Exception {
        if (args.length < 4 || !List.of("check", "time").contains(args[0])) {
            System.err.println("usage: HivePeer check WAREHOUSE DAY METASTORE | time WAREHOUSE DAY METASTORE RUNS");
            return 2;
        }
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
        Path root = new Path(HiveVars.location(args[1]));
        LocalDate day = LocalDate.parse(args[2]);
        int status = 0;
        try (Connection connection = HiveConnections.open(HiveConnections.EMBEDDED_URL, new File(args[3]))) {
            HiveWarehouse warehouse = new HiveWarehouse(connection, conf, root);
            warehouse.apply();
            for (LocalDate d = day.minusDays(1); !d.isAfter(day.plusDays(1)); d = d.plusDays(1)) {
                warehouse.register(d);
            }
            HivePeer peer = new HivePeer(connection, conf, day);
            if (args[0].equals("check")) {
                peer.sessions();
                peer.marts();
                List<Comparison> comparisons = peer.compare();
                comparisons.forEach(System.out::println);
                status = comparisons.stream().allMatch(Comparison::same) ? 0 : 1;
            } else {
                for (int run = 1; run <= Integer.parseInt(args[4]); run++) {
                    double[] sessions = ProcessClock.time(peer::sessions);
                    double[] marts = ProcessClock.time(peer::marts);
                    System.out.printf(Locale.ROOT, "run %d hive-sql sessionize %.2f s wall %.2f s CPU; marts %.2f s wall %.2f s CPU%n",
                            run, sessions[0], sessions[1], marts[0], marts[1]);
                }
            }
        }
        return status;
    }

    /** Writes peer.sessions and peer.sessionized_page_views. */
    public void sessions() throws SQLException {
        var rules = Settings.sessionRules(conf);
        run("peer/sessions.hql", new HiveVars().set("dt", day.toString()).set("from", day.minusDays(1).toString())
                .set("to", day.plusDays(1).toString()).set("gap_ms", Long.toString(rules.gap().toMillis()))
                .set("lookahead_ms", Long.toString(rules.lookahead().toMillis()))
                .set("max_requests_count", Integer.toString(Settings.SESSIONS_BOT_MAX_REQUESTS.get(conf)))
                .set("per_minute_count", Integer.toString(Settings.SESSIONS_BOT_PAGE_VIEWS_PER_MINUTE.get(conf)))
                .set("burst_count", Integer.toString(Settings.SESSIONS_BOT_BURST_PAGE_VIEWS.get(conf))));
    }

    /** Writes the peer's five marts from the jobs' registered outputs of the day. */
    public void marts() throws SQLException {
        run("peer/marts.hql", new HiveVars().set("dt", day.toString()).set("currency", Settings.MARTS_CURRENCY.get(conf)));
    }

    private void run(String script, HiveVars vars) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String statement : HqlScript.resource(script).statements(vars)) {
                st.execute(statement);
            }
        }
    }

    /** Every table of the peer against the jobs' version of the day, row for row. */
    public List<Comparison> compare() throws SQLException {
        List<Comparison> comparisons = new java.util.ArrayList<>();
        for (String table : List.of("sessions", "sessionized_page_views")) {
            comparisons.add(compare(table, String.format(OURS.get(table), day), "SELECT * FROM peer." + table));
        }
        for (String mart : MARTS) {
            comparisons.add(compare(mart, "SELECT * FROM marts_audit." + mart + " WHERE dt = '" + day + "'",
                    "SELECT *, '" + day + "' AS dt FROM peer." + mart));
        }
        return comparisons;
    }

    private Comparison compare(String table, String ours, String theirs) throws SQLException {
        return new Comparison(table, count("SELECT count(*) FROM (" + ours + ") t"),
                count("SELECT count(*) FROM (" + theirs + ") t"),
                count("SELECT count(*) FROM (" + ours + " EXCEPT ALL " + theirs + ") d"),
                count("SELECT count(*) FROM (" + theirs + " EXCEPT ALL " + ours + ") d"));
    }

    private long count(String query) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String millis(String column) {
        return "unix_timestamp(" + column + ") * 1000 + CAST(date_format(" + column + ", 'SSS') AS INT)";
    }
}
