package io.clickstream.hive;

import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.JobFailedException;
import io.clickstream.jobs.PartitionCommit;
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
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** What the warehouse command does, over one JDBC connection: apply, register, check, publish, query, retention. */
public final class HiveWarehouse {

    /** The .avsc files the tables read with (avro.schema.url), shipped next to the data by {@link #apply}. */
    static final List<String> SCHEMAS = Datasets.TABLES.stream().map(d -> d.schema() + ".avsc").distinct().toList();

    private final Connection connection;
    private final Configuration conf;
    private final Path root;

    public HiveWarehouse(Connection connection, Configuration conf, Path root) {
        this.connection = connection;
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
            byte[] text;
            try (InputStream in = Schemas.open(schema)) {
                text = in.readAllBytes();
            }
            Path file = new Path(schemasDir(), schema);
            // Rewritten only when changed: a query reading the schema while it is rewritten would see it half-written.
            if (!fs.exists(file) || !java.util.Arrays.equals(text, readAll(fs, file))) {
                try (OutputStream out = fs.create(file, true)) {
                    out.write(text);
                }
            }
        }
        HiveVars vars = new HiveVars().set("warehouse", qualified(root)).set("schemas", qualified(schemasDir()));
        List<String> applied = new ArrayList<>();
        execute(HqlScript.resource("ddl/00_databases.hql"), vars);
        for (Dataset dataset : Datasets.TABLES) {
            HqlScript ddl = HqlScript.resource(dataset.ddlResource());
            execute(ddl, vars);
            execute(new HqlScript(ddl.name() + " (audit)", ddl.text().replace("EXISTS " + dataset.table() + "\n",
                    "EXISTS " + dataset.auditTable() + "\n")), vars);
            applied.add(dataset.table());
            if (Datasets.HOURLY.contains(dataset)) {
                execute(hourlyDdl(dataset, ddl), vars);
                applied.add(dataset.hourlyTable());
            }
        }
        for (String view : Datasets.VIEWS) {
            execute(HqlScript.resource("ddl/" + view + ".hql"), vars);
            applied.add(view);
        }
        return applied;
    }

    private static byte[] readAll(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return in.readAllBytes();
        }
    }

    /** The table's DDL for its hourly database: the same columns and location, partitioned by day and hour. */
    static HqlScript hourlyDdl(Dataset dataset, HqlScript ddl) {
        String text = ddl.text().replace("EXISTS " + dataset.table() + "\n", "EXISTS " + dataset.hourlyTable() + "\n");
        java.util.regex.Matcher dt = java.util.regex.Pattern.compile("PARTITIONED BY \\((dt STRING COMMENT '[^']*')\\)")
                .matcher(text);
        if (!dt.find()) {
            throw new IllegalStateException(ddl.name() + " has no PARTITIONED BY (dt STRING COMMENT '...')");
        }
        return new HqlScript(ddl.name() + " (hourly)", text.substring(0, dt.start()) + "PARTITIONED BY (" + dt.group(1)
                + ", hour STRING COMMENT 'UTC hour the records arrived in, 00 to 23 (their Kafka timestamp''s hour)')"
                + text.substring(dt.end()));
    }

    /**
     * Adds the provisional hour {@code hour} of day {@code dt} of every hourly table that has one committed
     * ({@code clean/<dataset>/dt=D/hour=HH}, written by {@code --hour} runs) to the hourly tables, or switches it to the
     * hour's newest version: analysts see it at once, unaudited. Returns what it registered, as {@code table dt=D hour=HH}.
     */
    public List<String> registerHour(LocalDate dt, int hour) throws IOException, SQLException {
        String hh = String.format(java.util.Locale.ROOT, "%02d", hour);
        String spec = "dt='" + dt + "', hour='" + hh + "'";
        List<String> registered = new ArrayList<>();
        for (Dataset dataset : Datasets.HOURLY) {
            Path version = PartitionCommit.current(conf, dataset.hour(root, dt, hour));
            if (version != null) {
                String location = qualified(version);
                setPartition(dataset.hourlyTable(), spec, location);
                registered.add(dataset.hourlyTable() + " dt=" + dt + " hour=" + hh + " at " + location);
            }
        }
        if (registered.isEmpty()) {
            throw new JobFailedException("register-hour: no hourly table has a version of dt=" + dt + " hour=" + hh
                    + " (have clean-access-logs and clean-events run with --hour " + hh + "?)");
        }
        return registered;
    }

    /**
     * Registers a run's new versions in the audit tables (write, audit, publish): every table's newest version of
     * {@code dt}, and the restated ones of the published days before it (yesterday's sessions and marts, earlier days'
     * events re-cleaned for late arrivals). Records them in the day's {@link Audit}; returns them.
     */
    public List<Audit.Version> register(LocalDate dt) throws IOException, SQLException {
        List<Audit.Version> versions = new ArrayList<>();
        for (LocalDate day = dt.minusDays(restatedDays()); !day.isAfter(dt); day = day.plusDays(1)) {
            boolean restated = day.isBefore(dt);
            if (restated && !published(day)) {
                continue;
            }
            for (Dataset dataset : Datasets.TABLES) {
                Path version = PartitionCommit.current(conf, dataset.partition(root, day));
                if (version == null || restated && PartitionCommit.isPublished(version.getFileSystem(conf), version)) {
                    continue;
                }
                String location = qualified(version);
                setPartition(dataset.auditTable(), daySpec(day), location);
                versions.add(new Audit.Version(dataset, day, location));
            }
        }
        new Audit(dt, versions, List.of()).write(conf, root);
        return versions;
    }

    /** How many days before a run's day it may have restated: yesterday's sessions, and the late events' window. */
    private int restatedDays() {
        return Math.max(1, Settings.EVENTS_LATENESS_DAYS.get(conf));
    }

    /** Whether the day's last run passed and was published ({@code ROOT/published/dt=D/_SUCCESS}). */
    public boolean published(LocalDate day) throws IOException {
        Path flag = publishedFlag(day);
        return flag.getFileSystem(conf).exists(flag);
    }

    private Path publishedFlag(LocalDate day) {
        return new Path(new Path(new Path(root, "published"), "dt=" + day), "_SUCCESS");
    }

    /**
     * Points the analysts' tables at the versions the day's audit checked, one metastore operation a partition (a new
     * partition is added with its location, an existing one switched with SET LOCATION): no moment shows a partition
     * empty, half-written or mixed; then sets the day's published flag. Refuses when the day was not checked or a check
     * failed.
     */
    public List<String> publish(LocalDate dt) throws IOException, SQLException {
        Audit audit = Audit.read(conf, root, dt);
        if (audit == null || !audit.checked()) {
            throw new JobFailedException("publish: dt=" + dt + " has not been " + (audit == null ? "registered and " : "")
                    + "checked; run warehouse register and warehouse check first. Nothing published");
        }
        if (!audit.failures().isEmpty()) {
            throw new JobFailedException("publish: " + audit.failures().size() + " data-quality check(s) of dt=" + dt
                    + " failed; nothing published (the previous version stays visible; the failed one is in the"
                    + " *_audit tables)");
        }
        List<String> published = new ArrayList<>();
        for (Audit.Version v : audit.versions()) {
            setPartition(v.dataset().table(), daySpec(v.day()), v.location());
            PartitionCommit.markPublished(conf, new Path(v.location()));
            published.add(v.dataset().table() + " dt=" + v.day());
        }
        Path flag = publishedFlag(dt);
        flag.getFileSystem(conf).create(flag, true).close();
        return published;
    }

    /** Adds the partition at {@code location}, or switches an existing one to it: either way one metastore operation. */
    private void setPartition(String table, String spec, String location) throws SQLException {
        HiveVars.location(location); // the audit file is read back: what reaches HQL is checked again
        try (Statement st = connection.createStatement()) {
            st.execute(partitionExists(table, spec)
                    ? "ALTER TABLE " + table + " PARTITION (" + spec + ") SET LOCATION '" + location + "'"
                    : "ALTER TABLE " + table + " ADD PARTITION (" + spec + ") LOCATION '" + location + "'");
        }
    }

    private static String daySpec(LocalDate day) {
        return "dt='" + day + "'";
    }

    private boolean partitionExists(String table, String spec) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SHOW PARTITIONS " + table + " PARTITION (" + spec + ")")) {
            return rs.next();
        }
    }

    /**
     * The checks of the day's audit, every registered version in its audit table (see {@link QualityChecks}); recorded
     * in the audit and returned in the audit's order.
     */
    public List<QualityChecks.Result> check(LocalDate dt) throws IOException, SQLException {
        Audit audit = Audit.read(conf, root, dt);
        if (audit == null || audit.versions().isEmpty()) {
            throw new JobFailedException("check: dt=" + dt + " has no registered versions; run warehouse register first");
        }
        List<QualityChecks.Result> results = new ArrayList<>();
        new QualityChecks(connection, conf, root).run(audit.versions(), dt).values().forEach(results::addAll);
        audit.withResults(results).write(conf, root);
        return results;
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

    /** Drops the partitions (analysts' and audit) older than {@code keepDays} days before {@code today}, with their data and audit. */
    public List<String> retention(int keepDays, LocalDate today) throws IOException, SQLException {
        LocalDate oldestKept = today.minusDays(keepDays);
        List<String> dropped = new ArrayList<>();
        java.util.Set<LocalDate> droppedDays = new java.util.TreeSet<>();
        for (Dataset dataset : Datasets.TABLES) {
            java.util.SortedSet<LocalDate> days = new java.util.TreeSet<>();
            List<String> tables = Datasets.HOURLY.contains(dataset)
                    ? List.of(dataset.table(), dataset.auditTable(), dataset.hourlyTable())
                    : List.of(dataset.table(), dataset.auditTable());
            for (String table : tables) {
                try (Statement st = connection.createStatement();
                     ResultSet rs = st.executeQuery("SHOW PARTITIONS " + table)) {
                    while (rs.next()) {
                        // dt=D, or dt=D/hour=HH in an hourly table
                        LocalDate day = LocalDate.parse(rs.getString(1).substring("dt=".length(), "dt=YYYY-MM-DD".length()));
                        if (day.isBefore(oldestKept)) {
                            days.add(day);
                        }
                    }
                }
            }
            for (LocalDate day : days) {
                try (Statement st = connection.createStatement()) {
                    st.execute("ALTER TABLE " + dataset.table() + " DROP IF EXISTS PARTITION (dt='" + day + "')");
                    st.execute("ALTER TABLE " + dataset.auditTable() + " DROP IF EXISTS PARTITION (dt='" + day + "')");
                    if (Datasets.HOURLY.contains(dataset)) {
                        st.execute("ALTER TABLE " + dataset.hourlyTable() + " DROP IF EXISTS PARTITION (dt='" + day + "')");
                    }
                }
                Path data = dataset.partition(root, day);
                data.getFileSystem(conf).delete(data, true);
                dropped.add(dataset.table() + " dt=" + day);
                droppedDays.add(day);
            }
        }
        for (LocalDate day : droppedDays) {
            Path audit = Audit.file(root, day).getParent();
            audit.getFileSystem(conf).delete(audit, true);
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
