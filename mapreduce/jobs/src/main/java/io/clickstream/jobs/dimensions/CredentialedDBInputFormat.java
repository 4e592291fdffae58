package io.clickstream.jobs.dimensions;

import io.clickstream.jobs.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.db.DBConfiguration;
import org.apache.hadoop.mapreduce.lib.db.DBWritable;
import org.apache.hadoop.mapreduce.lib.db.DataDrivenDBInputFormat;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * Hadoop's DataDrivenDBInputFormat, but the database password travels in the job's credentials (as a
 * secret key) instead of {@code mapreduce.jdbc.password}, which would be readable in job.xml.
 */
public class CredentialedDBInputFormat<T extends DBWritable> extends DataDrivenDBInputFormat<T> {

    public static final Text PASSWORD_KEY = new Text(Settings.JDBC_PASSWORD.key());

    private Connection connection;

    @Override
    public Connection getConnection() {
        if (connection == null) {
            connection = createConnection();
        }
        return connection;
    }

    @Override
    protected void closeConnection() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // closing a read-only connection: nothing to save
        } finally {
            connection = null;
        }
    }

    @Override
    public Connection createConnection() {
        Configuration conf = getConf();
        try {
            Class.forName(conf.get(DBConfiguration.DRIVER_CLASS_PROPERTY));
            byte[] password = UserGroupInformation.getCurrentUser().getCredentials().getSecretKey(PASSWORD_KEY);
            Connection connection = DriverManager.getConnection(conf.get(DBConfiguration.URL_PROPERTY),
                    conf.get(DBConfiguration.USERNAME_PROPERTY),
                    password == null ? null : new String(password, StandardCharsets.UTF_8));
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            return connection;
        } catch (ClassNotFoundException | SQLException e) {
            throw new IllegalStateException("cannot connect to " + conf.get(DBConfiguration.URL_PROPERTY) + " as "
                    + conf.get(DBConfiguration.USERNAME_PROPERTY) + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
