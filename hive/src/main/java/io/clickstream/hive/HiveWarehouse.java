package io.clickstream.hive;

import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.Dataset;
import io.clickstream.jobs.Settings;
import io.clickstream.jobs.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** What the warehouse command does, over one JDBC connection: apply, register, check, query, retention. */
public final class HiveWarehouse {

    /** The .avsc files the tables read with (avro.schema.url), shipped next to the data by {@link #apply}. */
    static final List<String> SCHEMAS = Datasets.TABLES.stream().map(d -> d.schema() + ".avsc").distinct().toList();

    private final Connection connection;
    private final Callable<Connection> moreSessions;
    private final Configuration conf;
    private final Path root;

    /** A warehouse over one session: checks run one table after the other. */
    public HiveWarehouse(Connection connection, Configuration conf, Path root) {
        this(connection, null, conf, root);
    }

    /** @param moreSessions opens further sessions to the same HiveServer2, for checks side by side */
    public HiveWarehouse(Connection connection, Callable<Connection> moreSessions, Configuration conf, Path root) {
        this.connection = connection;
        this.moreSessions = moreSessions;
        this.conf = conf;
        HiveVars.location(root.toString());
        this.root = root;
    }

    public Path schemasDir() {
        return new Path(root, "schemas");
    }

    /** Puts the shared schemas next to the data and creates databases, tables and views. Idempotent. */
    public List<String> apply() throws IOException, SQLException {
        FileSystem fs = root.getFileSystem(conf);
        for (String schema : SCHEMAS) {
            try (InputStream in = Schemas.open(schema);
                 OutputStream out = fs.create(new Path(schemasDir(), schema), true)) {
                in.transferTo(out);
            }
        }
        HiveVars vars = new HiveVars().set("warehouse", qualified(root)).set("schemas", qualified(schemasDir()));
        List<String> applied = new ArrayList<>();
        execute(HqlScript.resource("ddl/00_databases.hql"), vars);
        for (Dataset dataset : Datasets.TABLES) {
            execute(HqlScript.resource(dataset.ddlResource()), vars);
            applied.add(dataset.table());
        }
        for (String view : Datasets.VIEWS) {
            execute(HqlScript.resource("ddl/" + view + ".hql"), vars);
            applied.add(view);
        }
        return applied;
    }

    /**
     * Adds the day's partition of every dataset whose job finished ({@code _SUCCESS} present); returns what
     * was registered. Re-registering is a no-op, so it is safe after every run and every rerun.
     */
    public List<String> register(LocalDate dt) throws IOException, SQLException {
        List<String> registered = new ArrayList<>();
        for (Dataset dataset : Datasets.TABLES) {
            Path partition = dataset.partition(root, dt);
            if (partition.getFileSystem(conf).exists(new Path(partition, "_SUCCESS"))) {
                try (Statement st = connection.createStatement()) {
                    st.execute("ALTER TABLE " + dataset.table() + " ADD IF NOT EXISTS PARTITION (dt='" + dt
                            + "') LOCATION '" + qualified(partition) + "'");
                }
                registered.add(dataset.table() + " dt=" + dt);
            }
        }
        return registered;
    }

    /**
     * The tables that have no partition for the day. After a registration that reported success this must be empty:
     * Beeline 3.x (Oozie's hive2 action on Hive 3 clusters) ends OK without running its script when it cannot connect.
     */
    public List<String> unregistered(LocalDate dt) throws SQLException {
        List<String> missing = new ArrayList<>();
        for (Dataset dataset : Datasets.TABLES) {
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SHOW PARTITIONS " + dataset.table() + " PARTITION (dt='" + dt + "')")) {
                if (!rs.next()) {
                    missing.add(dataset.table());
                }
            }
        }
        return missing;
    }

    /** The checks of every table on the day, tables side by side over {@code clickstream.checks.sessions} sessions; in table order. */
    public List<QualityChecks.Result> check(LocalDate dt) throws IOException, SQLException {
        int sessions = moreSessions == null ? 1 : Math.max(1, Math.min(Settings.CHECK_SESSIONS.get(conf), Datasets.TABLES.size()));
        Queue<Dataset> tables = new ConcurrentLinkedQueue<>(Datasets.TABLES);
        Map<Dataset, List<QualityChecks.Result>> results = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(sessions, r -> {
            Thread thread = new Thread(r, "checks");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Void>> workers = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                boolean first = i == 0;
                workers.add(pool.submit(() -> {
                    try (Connection own = first ? null : moreSessions.call()) {
                        QualityChecks checks = new QualityChecks(first ? connection : own, conf, root);
                        for (Dataset table = tables.poll(); table != null; table = tables.poll()) {
                            results.put(table, checks.run(table, dt));
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> worker : workers) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while checking dt=" + dt, e);
        } catch (ExecutionException e) {
            tables.clear();
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        } finally {
            pool.shutdownNow();
        }
        List<QualityChecks.Result> ordered = new ArrayList<>();
        Datasets.TABLES.forEach(table -> ordered.addAll(results.get(table)));
        return ordered;
    }

    /** Runs a query script; the last statement's rows are returned with a header row first. */
    public List<List<String>> query(HqlScript script, HiveVars vars) throws SQLException {
        List<String> statements = script.statements(vars);
        try (Statement st = connection.createStatement()) {
            for (int i = 0; i < statements.size() - 1; i++) {
                st.execute(statements.get(i));
            }
            try (ResultSet rs = st.executeQuery(statements.get(statements.size() - 1))) {
                List<List<String>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                List<String> header = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    header.add(rs.getMetaData().getColumnLabel(c).replaceFirst("^.*\\.", ""));
                }
                rows.add(header);
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        row.add(rs.getString(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    /** Drops the partitions older than {@code keepDays} days before {@code today}, with their data. */
    public List<String> retention(int keepDays, LocalDate today) throws IOException, SQLException {
        LocalDate oldestKept = today.minusDays(keepDays);
        List<String> dropped = new ArrayList<>();
        for (Dataset dataset : Datasets.TABLES) {
            List<LocalDate> days = new ArrayList<>();
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SHOW PARTITIONS " + dataset.table())) {
                while (rs.next()) {
                    LocalDate day = LocalDate.parse(rs.getString(1).substring("dt=".length()));
                    if (day.isBefore(oldestKept)) {
                        days.add(day);
                    }
                }
            }
            for (LocalDate day : days) {
                try (Statement st = connection.createStatement()) {
                    st.execute("ALTER TABLE " + dataset.table() + " DROP IF EXISTS PARTITION (dt='" + day + "')");
                }
                Path data = dataset.partition(root, day);
                data.getFileSystem(conf).delete(data, true);
                dropped.add(dataset.table() + " dt=" + day);
            }
        }
        return dropped;
    }

    private void execute(HqlScript script, HiveVars vars) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String statement : script.statements(vars)) {
                st.execute(statement);
            }
        }
    }

    private String qualified(Path path) throws IOException {
        return HiveVars.location(path.getFileSystem(conf).makeQualified(path).toString());
    }
}
