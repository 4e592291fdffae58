package io.clickstream.cluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * HiveServer2's metastore in a real PostgreSQL 16 (started from Maven artifacts on a loopback port), its schema created
 * by Hive's own schema tool from the scripts Hive ships, as an operator sets up a production metastore.
 */
final class MetastoreDatabase implements AutoCloseable {

    static final String DATABASE = "metastore";
    static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private MetastoreDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL under {@code dir} and creates the metastore schema with {@code schemaTool}. */
    static MetastoreDatabase start(File dir, File schemaTool, File metastoreHome) throws IOException, InterruptedException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(new File(dir, "data"))
                .setCleanDataDirectory(true).start();
        MetastoreDatabase db = new MetastoreDatabase(postgres);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            db.close();
            throw new IOException("could not create the metastore database: " + e.getMessage(), e);
        }
        try {
            db.initSchema(schemaTool, metastoreHome, new File(dir, "schematool.log"));
            return db;
        } catch (IOException | InterruptedException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    /** What HiveServer2 needs to use this metastore, as hive-site keys. */
    Map<String, String> hiveSite() {
        return Map.of(
                "javax.jdo.option.ConnectionURL", jdbcUrl(),
                "javax.jdo.option.ConnectionDriverName", "org.postgresql.Driver",
                "javax.jdo.option.ConnectionUserName", USER,
                "datanucleus.schema.autoCreateAll", "false",
                "hive.metastore.schema.verification", "true");
    }

    private void initSchema(File schemaTool, File metastoreHome, File log) throws IOException, InterruptedException {
        if (!schemaTool.canExecute() || !new File(metastoreHome, "scripts/metastore/upgrade/postgres").isDirectory()) {
            throw new IOException("no schema tool " + schemaTool + " or no PostgreSQL scripts under " + metastoreHome
                    + " (mvn package builds and unpacks them)");
        }
        Commands.run(List.of(schemaTool.getAbsolutePath(), "-initSchema", "-dbType", "postgres", "-url", jdbcUrl(),
                "-driver", "org.postgresql.Driver", "-userName", USER, "-passWord", ""), log.getParentFile(),
                Map.of("METASTORE_HOME", metastoreHome.getAbsolutePath()), log, 5);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // stopping anyway
        }
    }
}
