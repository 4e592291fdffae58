package io.clickstream.peers;

import io.clickstream.jobs.Dataset;
import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.ProcessClock;
import io.clickstream.jobs.Settings;
import io.clickstream.marts.Mart;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The sessionize and marts stages as a data engineer would write them in Spark SQL ({@code peers/sessions.sql},
 * {@code peers/marts.sql}), on the warehouse the jobs wrote, local mode with two cores.
 * <ul>
 * <li>{@code check WAREHOUSE DAY}: runs both and compares every row with the jobs' output of DAY (sessionized page
 *   views, sessions, the five marts); prints the rows found on one side only and exits 1 when there are any.</li>
 * <li>{@code time WAREHOUSE DAY RUNS OUT}: runs both RUNS times, writing Avro under OUT, and prints each stage's wall
 *   and CPU time (the Spark session is started before the clock).</li>
 * </ul>
 */
public final class SparkPeer {

    /** The marts' dataset names, as the jobs name them. */
    private static final List<String> MARTS = java.util.Arrays.stream(Mart.values()).map(Mart::dataset).toList();

    private final SparkSession spark;
    private final Configuration conf = new Configuration();
    private final Path root;
    private final LocalDate day;

    SparkPeer(SparkSession spark, Path root, LocalDate day) {
        this.spark = spark;
        this.root = root;
        this.day = day;
        SqlFunctions.register(spark, conf);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || !List.of("check", "time").contains(args[0])) {
            System.err.println("usage: SparkPeer check WAREHOUSE DAY | time WAREHOUSE DAY RUNS OUT");
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder().master("local[2]").appName("clickstream peer")
                .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", "8").getOrCreate();
        SparkPeer peer = new SparkPeer(spark, new Path(args[1]), LocalDate.parse(args[2]));
        int status = 0;
        if (args[0].equals("check")) {
            status = peer.check() ? 0 : 1;
        } else {
            String out = args[4];
            for (int run = 1; run <= Integer.parseInt(args[3]); run++) {
                double[] sessions = ProcessClock.time(() -> peer.writeSessions(out));
                double[] marts = ProcessClock.time(() -> peer.writeMarts(out));
                System.out.printf(Locale.ROOT, "run %d spark-sql sessionize %.2f s wall %.2f s CPU; marts %.2f s wall %.2f s CPU%n",
                        run, sessions[0], sessions[1], marts[0], marts[1]);
            }
        }
        spark.stop();
        System.exit(status);
    }

    /** The peer's sessions and sessionized page views, as temporary views. */
    void sessions() {
        List<org.apache.spark.sql.Dataset<Row>> days = new ArrayList<>();
        for (LocalDate date : List.of(day.minusDays(1), day, day.plusDays(1))) {
            String path = current(Datasets.PAGE_VIEWS, date);
            if (path != null) {
                days.add(spark.read().format("avro").load(path).withColumn("dt", functions.lit(date.toString())));
            }
        }
        org.apache.spark.sql.Dataset<Row> pageViews = days.get(0);
        for (org.apache.spark.sql.Dataset<Row> more : days.subList(1, days.size())) {
            pageViews = pageViews.unionByName(more);
        }
        pageViews.withColumn("ts_ms", functions.expr("unix_millis(ts)")).createOrReplaceTempView("page_views");
        long dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        var rules = Settings.sessionRules(conf);
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("day", day.toString());
        vars.put("previous", day.minusDays(1).toString());
        vars.put("next", day.plusDays(1).toString());
        vars.put("day_start_ms", Long.toString(dayStart));
        vars.put("day_end_ms", Long.toString(dayStart + 86_400_000L));
        vars.put("lookahead_end_ms", Long.toString(dayStart + 86_400_000L + rules.lookahead().toMillis()));
        vars.put("gap_ms", Long.toString(rules.gap().toMillis()));
        vars.put("max_requests", Integer.toString(Settings.SESSIONS_BOT_MAX_REQUESTS.get(conf)));
        vars.put("per_minute", Integer.toString(Settings.SESSIONS_BOT_PAGE_VIEWS_PER_MINUTE.get(conf)));
        vars.put("burst", Integer.toString(Settings.SESSIONS_BOT_BURST_PAGE_VIEWS.get(conf)));
        run("sessions.sql", vars);
    }

    /** The peer's marts from the jobs' sessionized page views, sessions and orders of the day. */
    void marts() {
        view("sessionized_page_views", Datasets.SESSIONIZED_PAGE_VIEWS);
        view("sessions", Datasets.SESSIONS);
        view("orders", Datasets.ORDERS);
        run("marts.sql", Map.of("day", day.toString(), "currency", Settings.MARTS_CURRENCY.get(conf)));
    }

    void writeSessions(String out) {
        sessions();
        write("peer_sessions", out + "/sessions");
        write("peer_sessionized_page_views", out + "/sessionized_page_views");
    }

    void writeMarts(String out) {
        marts();
        for (String mart : MARTS) {
            write("peer_" + mart, out + "/" + mart);
        }
    }

    /** Compares the peer's rows with the jobs' of the same day; true when every table holds the same rows. */
    boolean check() {
        sessions();
        marts();
        boolean same = same("sessions", "SELECT session_id, visitor_id, start_ts, end_ts, duration_seconds, page_views,"
                + " landing_page, exit_page, channel, device_class, browser_family, os_family, is_bounce, reached_product,"
                + " reached_cart, reached_checkout, array_sort(order_ids) AS order_ids FROM ");
        same &= same("sessionized_page_views", "SELECT * FROM ");
        for (String mart : MARTS) {
            view(mart, Datasets.of(io.clickstream.jobs.Warehouse.MARTS, mart));
            same &= same(mart, "SELECT * FROM ");
        }
        return same;
    }

    private boolean same(String table, String select) {
        org.apache.spark.sql.Dataset<Row> ours = spark.sql(select + table);
        org.apache.spark.sql.Dataset<Row> theirs = spark.sql(select + "peer_" + table).select(ours.columns()[0],
                java.util.Arrays.copyOfRange(ours.columns(), 1, ours.columns().length));
        long onlyOurs = ours.exceptAll(theirs).count();
        long onlyPeer = theirs.exceptAll(ours).count();
        System.out.printf(Locale.ROOT, "%-24s jobs %,d rows, spark-sql %,d rows: %,d only in the jobs', %,d only in spark-sql's%n",
                table, ours.count(), theirs.count(), onlyOurs, onlyPeer);
        if (onlyOurs + onlyPeer > 0) {
            ours.exceptAll(theirs).show(5, false);
            theirs.exceptAll(ours).show(5, false);
        }
        return onlyOurs + onlyPeer == 0;
    }

    private void view(String name, Dataset dataset) {
        String path = current(dataset, day);
        if (path == null) {
            throw new IllegalStateException("no published " + dataset.name() + " for " + day + " in " + root);
        }
        spark.read().format("avro").load(path).createOrReplaceTempView(name);
    }

    private String current(Dataset dataset, LocalDate date) {
        try {
            Path path = dataset.current(conf, root, date);
            return path.getFileSystem(conf).exists(path) ? path.toString() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String view, String path) {
        spark.table(view).write().mode("overwrite").format("avro").save(path);
    }

    private void run(String script, Map<String, String> vars) {
        String sql;
        try (InputStream in = SparkPeer.class.getResourceAsStream("/peers/" + script)) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, String> var : vars.entrySet()) {
            sql = sql.replace("${" + var.getKey() + "}", var.getValue());
        }
        for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
            if (!statement.isBlank()) {
                spark.sql(statement);
            }
        }
    }
}
