package io.clickstream.hive;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Opens the warehouse's JDBC connection. {@code jdbc:hive2://} (no host) runs HiveServer2 inside this JVM
 * with a Derby metastore in a local directory: the laptop default. Any other URL is a real HiveServer2
 * (Kerberos principals go in the URL); user and password come from the environment, never from arguments.
 */
public final class HiveConnections {

    public static final String EMBEDDED_URL = "jdbc:hive2://";
    public static final String USER_ENV = "CLICKSTREAM_HIVE_USER";
    public static final String PASSWORD_ENV = "CLICKSTREAM_HIVE_PASSWORD";

    private HiveConnections() {
    }

    /** @param metastoreDir where the embedded metastore and Hive's scratch space live; unused for a remote URL */
    public static Connection open(String url, File metastoreDir) throws SQLException {
        if (isEmbedded(url)) {
            configureEmbedded(metastoreDir);
        }
        String user = System.getenv().getOrDefault(USER_ENV, System.getProperty("user.name"));
        String password = System.getenv().getOrDefault(PASSWORD_ENV, "");
        Connection connection = DriverManager.getConnection(url, user, password);
        try (Statement st = connection.createStatement()) {
            // Avro timestamps are UTC instants: show them as UTC whatever the server's zone.
            st.execute("SET hive.local.time.zone=UTC");
        }
        return connection;
    }

    public static boolean isEmbedded(String url) {
        return url.equals(EMBEDDED_URL) || url.startsWith(EMBEDDED_URL + ";") || url.startsWith(EMBEDDED_URL + "/;");
    }

    /** What an embedded HiveServer2 reads as hive-site: everything local, no ACID, MapReduce in-process. */
    private static void configureEmbedded(File dir) {
        File base = dir.getAbsoluteFile();
        Map<String, String> site = Map.ofEntries(
                Map.entry("javax.jdo.option.ConnectionURL",
                        "jdbc:derby:;databaseName=" + new File(base, "metastore_db") + ";create=true"),
                Map.entry("hive.metastore.warehouse.dir", new File(base, "managed").toURI().toString()),
                Map.entry("hive.metastore.schema.verification", "false"),
                Map.entry("datanucleus.schema.autoCreateAll", "true"),
                Map.entry("hive.metastore.uris", ""),
                Map.entry("hive.execution.engine", "mr"),
                Map.entry("mapreduce.framework.name", "local"),
                // Hive checks a running job's progress every second by default: a second or more for each small query.
                Map.entry("hive.exec.counters.pull.interval", "50"),
                Map.entry("hive.exec.scratchdir", new File(base, "scratch").getPath()),
                Map.entry("hive.exec.local.scratchdir", new File(base, "local-scratch").getPath()),
                Map.entry("hive.querylog.location", new File(base, "querylog").getPath()),
                Map.entry("hive.server2.logging.operation.log.location", new File(base, "operation-logs").getPath()),
                Map.entry("hive.server2.enable.doAs", "false"),
                Map.entry("hive.session.silent", "true"),
                // Map-join hash tables are built in this JVM too, not in a child `hadoop` process.
                Map.entry("hive.exec.submit.local.task.via.child", "false"),
                Map.entry("hive.exec.submitviachild", "false"),
                Map.entry("hive.stats.autogather", "false"),
                // No column statistics here: without them the planner's lookups fail noisily against Derby.
                Map.entry("hive.stats.fetch.column.stats", "false"),
                Map.entry("hive.metastore.try.direct.sql", "false"),
                Map.entry("hive.stats.column.autogather", "false"),
                Map.entry("hive.support.concurrency", "false"),
                Map.entry("hive.txn.manager", "org.apache.hadoop.hive.ql.lockmgr.DummyTxnManager"),
                Map.entry("hive.strict.managed.tables", "false"),
                Map.entry("hive.create.as.insert.only", "false"),
                Map.entry("metastore.create.as.acid", "false"));
        site.forEach(System::setProperty);
        // The in-process server logs a failed statement with its stack trace; the command says the same in one line.
        for (String logger : List.of("org.apache.hadoop.hive.ql.Driver", "org.apache.hive.service.cli.thrift.ThriftCLIService",
                "org.apache.hive.service.cli.operation")) {
            Configurator.setLevel(logger, Level.OFF);
        }
    }
}
