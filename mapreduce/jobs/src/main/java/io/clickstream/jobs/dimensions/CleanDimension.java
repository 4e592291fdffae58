package io.clickstream.jobs.dimensions;

import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.DailyStage;
import io.clickstream.jobs.Settings;
import io.clickstream.dimensions.Dimension;
import io.clickstream.dimensions.JdbcUrl;
import io.clickstream.dimensions.DimensionRejectReason;
import io.clickstream.jobs.Accounting;
import io.clickstream.jobs.Args;
import io.clickstream.jobs.CleanRun;
import io.clickstream.jobs.JobFailedException;
import io.clickstream.jobs.JobSettings;
import io.clickstream.jobs.PartitionCommit;
import io.clickstream.jobs.QuarantineSink;
import io.clickstream.jobs.Schemas;
import io.clickstream.jobs.Warehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.lib.db.DBConfiguration;
import org.apache.hadoop.mapreduce.lib.db.DataDrivenDBInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * {@code clean-dimension}: the day's snapshot of a dimension table (customers, products) into
 * {@code clean/<dimension>/dt=D}, from the CSV export in {@code raw/<dimension>/dt=D} or, with
 * {@code --jdbc-url}, straight from the shop database (DataDrivenDBInputFormat, split on the key).
 * Rows that break the table's rules are quarantined; the accounting and publication are those of every
 * clean stage.
 */
public class CleanDimension extends DailyStage<CleanDimension.Result> {

    public static final String NAME = "clean-dimension";

    /** What a run did. */
    /** @param lines the physical lines of a CSV export, header included (0 for a database) */
    public record Result(Accounting accounting, long lines, Path output, Path quarantine) implements DailyStage.Outcome {

        @Override
        public String report() {
            return String.format("%s%s%n%s: %s%nquarantine: %s", accounting.summary(),
                    lines == 0 ? "" : String.format(" (rows from %,d lines, the header included)", lines),
                    output.getParent().getName(), output, quarantine);
        }
    }

    private final Dimension dimension;

    /** The command line's stage: the dimension comes from {@code --dimension}. */
    public CleanDimension() {
        this(null);
    }

    /** The stage for one dimension, from its CSV export. */
    public CleanDimension(Dimension dimension) {
        super(NAME, "the day's snapshot of a dimension table, from its CSV export or straight from the shop database");
        this.dimension = dimension;
    }

    @Override
    protected Args.Spec options() {
        return super.options()
                .required("dimension", "NAME", "the table: customers or products")
                .optional("jdbc-url", "URL", "read the table from this jdbc:postgresql: database instead of the raw CSV"
                        + " export; the password comes from " + Settings.JDBC_PASSWORD.where(), null)
                .optional("jdbc-user", "USER", "the database user", null);
    }

    @Override
    protected Result run(Args args) throws Exception {
        return run(Dimension.of(args.get("dimension")), args.date("date"), new Path(args.get("warehouse")),
                args.get("jdbc-url"), args.get("jdbc-user"));
    }

    @Override
    public Result run(LocalDate date, Path root) throws Exception {
        if (dimension == null) {
            throw new IllegalArgumentException(NAME + ": which dimension? (--dimension customers|products)");
        }
        return run(dimension, date, root, null, null);
    }

    /** @param jdbcUrl null to read the CSV export from the raw zone */
    public Result run(Dimension dimension, LocalDate date, Path root, String jdbcUrl, String jdbcUser) throws Exception {
        Configuration conf = getConf();
        String stage = NAME + " " + dimension.dataset();
        Path raw = Datasets.of(Warehouse.RAW, dimension.dataset()).partition(root, date);
        Path output = Datasets.of(Warehouse.CLEAN, dimension.dataset()).partition(root, date);
        Path quarantine = Datasets.of(Warehouse.QUARANTINE, dimension.dataset()).partition(root, date);
        try (CleanRun run = new CleanRun(conf, stage, date)) {
            Path staging = run.staging(output);

            Job job = newJob(stage, date, schema(dimension), staging);
            Settings.DIMENSION.set(job.getConfiguration(), dimension.dataset());
            if (jdbcUrl == null) {
                run.requireInput(raw);
                job.setInputFormatClass(CsvInputFormat.class);
                FileInputFormat.setInputDirRecursive(job, true);
                FileInputFormat.addInputPath(job, raw);
                job.setMapperClass(CsvDimensionMapper.class);
            } else {
                configureJdbc(job, dimension, jdbcUrl, jdbcUser);
                job.setMapperClass(JdbcDimensionMapper.class);
            }
            job.setMapOutputKeyClass(Text.class);
            job.setMapOutputValueClass(KeyedRow.class);
            job.setReducerClass(OneRowPerKey.class);
            job.setNumReduceTasks(1);
            QuarantineSink.configure(job);

            Counters counters = run.run(job, staging);
            if (counters.findCounter(CleanDimensionCounter.ROWS_READ).getValue() == 0
                    && !Settings.DIMENSIONS_ALLOW_EMPTY_EXPORT.get(getConf())) {
                PartitionCommit.discard(getConf(), staging);
                throw new JobFailedException(stage + " for dt=" + date + ": the export has no rows (empty, or a header only);"
                        + " publishing it would empty the " + dimension.dataset() + " snapshot. Nothing was published; if the"
                        + " table really is empty, set " + Settings.DIMENSIONS_ALLOW_EMPTY_EXPORT.key() + "=true");
            }
            Accounting accounting = new Accounting(stage, counters.findCounter(CleanDimensionCounter.ROWS_READ).getValue(),
                    counters.findCounter(CleanDimensionCounter.ACCEPTED).getValue(),
                    counters.findCounter(CleanDimensionCounter.QUARANTINED).getValue(),
                    counters.findCounter(CleanDimensionCounter.DUPLICATES).getValue(), 0);
            run.requireBalanced(accounting.violations(
                    counters.findCounter(TaskCounter.MAP_INPUT_RECORDS).getValue()
                            - counters.findCounter(CleanDimensionCounter.HEADERS).getValue(),
                    counters.findCounter(TaskCounter.REDUCE_OUTPUT_RECORDS).getValue(),
                    QuarantineSink.written(counters)), staging);
            CleanRun.Committed committed = run.publish(accounting, staging, output, quarantine,
                    CleanRun.reasons(counters, DimensionRejectReason.class));
            return new Result(accounting, counters.findCounter(CleanDimensionCounter.LINES_READ).getValue(),
                    committed.output(), committed.quarantine());
        }
    }

    private void configureJdbc(Job job, Dimension dimension, String url, String user) throws IOException {
        JdbcUrl.requireWithoutSecret(url, Settings.JDBC_PASSWORD.where());
        byte[] password = Settings.JDBC_PASSWORD.lookup(getConf());
        requireReadable(dimension, url, user, password);
        Configuration conf = job.getConfiguration();
        conf.set(DBConfiguration.DRIVER_CLASS_PROPERTY, "org.postgresql.Driver");
        conf.set(DBConfiguration.URL_PROPERTY, url);
        if (user != null) {
            conf.set(DBConfiguration.USERNAME_PROPERTY, user);
        }
        if (password != null) {
            job.getCredentials().addSecretKey(CredentialedDBInputFormat.PASSWORD_KEY, password);
            // The client computes the splits in this process: it needs the secret too.
            UserGroupInformation.getCurrentUser().addCredentials(job.getCredentials());
        }
        DataDrivenDBInputFormat.setInput(job, DbRow.class, dimension.dataset(), null, dimension.key(),
                dimension.columns().toArray(new String[0]));
        job.setInputFormatClass(CredentialedDBInputFormat.class); // after setInput, which sets its own
        JobSettings.preferUnlessConfigured(conf, "mapreduce.job.maps", "2");
    }

    /**
     * Reads the table's columns once here, so an unreachable database, a refused login or a missing column fails the
     * command with one line naming the database and the cause instead of a stack trace from the split computation.
     */
    private static void requireReadable(Dimension dimension, String url, String user, byte[] password) {
        String probe = "SELECT " + String.join(", ", dimension.columns()) + " FROM " + dimension.dataset() + " WHERE 1 = 0";
        try (Connection db = DriverManager.getConnection(url, user,
                password == null ? null : new String(password, StandardCharsets.UTF_8));
                Statement statement = db.createStatement()) {
            statement.executeQuery(probe).close();
        } catch (SQLException e) {
            throw new JobFailedException(NAME + ": cannot read " + dimension.dataset() + " from " + url
                    + (user != null ? " as " + user : "") + ": " + String.valueOf(e.getMessage()).replaceAll("\\s+", " ")
                    + " (SQLState " + e.getSQLState() + ")");
        }
    }

    static Schema schema(Dimension dimension) {
        return dimension == Dimension.CUSTOMERS ? Schemas.CUSTOMER : Schemas.PRODUCT;
    }
}
