package io.clickstream.generate;

import io.clickstream.jobs.Datasets;
import io.clickstream.dimensions.Csv;
import io.clickstream.dimensions.Dimension;
import io.clickstream.dimensions.DimensionRejectReason;
import io.clickstream.generate.DimensionGenerator.Row;
import io.clickstream.jobs.Warehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/** Dimension snapshots: CSV exports into {@code raw/<dimension>/dt=D}, or the tables of a PostgreSQL database. */
public final class GenerateDimensions {

    /** What one snapshot holds and what clean-dimension must make of it. */
    public record Snapshot(Dimension dimension, LocalDate date, long rows, Map<DimensionRejectReason, Long> expectedQuarantine) {
        public long expectedAccepted() {
            return rows - expectedQuarantine.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private GenerateDimensions() {
    }

    /** The CSV export of every dimension for each day. */
    public static List<Snapshot> writeCsv(Configuration conf, Path warehouse, LocalDate start, int days, long seed,
            double badShare) throws IOException {
        CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
        List<Snapshot> snapshots = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate date = start.plusDays(d);
            for (Dimension dimension : Dimension.values()) {
                List<Row> rows = new DimensionGenerator(seed, badShare).rows(dimension, date);
                Path partition = Datasets.of(Warehouse.RAW, dimension.dataset()).partition(warehouse, date);
                FileSystem fs = partition.getFileSystem(conf);
                fs.delete(partition, true);
                List<byte[]> lines = new ArrayList<>();
                lines.add(Csv.format(dimension.columns()).getBytes(StandardCharsets.UTF_8));
                rows.forEach(r -> lines.add(r.csvLine().getBytes(StandardCharsets.UTF_8)));
                RawFiles.write(fs, codecs, new Path(partition, dimension.dataset() + ".csv"), lines);
                Snapshot snapshot = snapshot(dimension, date, rows);
                RawFiles.finish(fs, partition, 0, "{\"dt\": \"" + date + "\", \"rows\": " + snapshot.rows()
                        + ", \"expected_quarantine\": {" + snapshot.expectedQuarantine().entrySet().stream()
                        .map(e -> "\"" + e.getKey() + "\": " + e.getValue()).collect(Collectors.joining(", ")) + "}}\n");
                snapshots.add(snapshot);
            }
        }
        return snapshots;
    }

    /**
     * (Re)creates the tables {@code customers} and {@code products} in the shop database with the day's
     * rows. Rows broken in a way a typed table cannot hold (wrong field counts, bad CSV, a price that is not
     * a number) are left out.
     */
    public static List<Snapshot> seed(Connection db, LocalDate date, long seed, double badShare) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("DROP TABLE IF EXISTS customers");
            st.execute("DROP TABLE IF EXISTS products");
            st.execute("CREATE TABLE customers (customer_id text PRIMARY KEY, country text, segment text,"
                    + " signup_date date, updated_at timestamptz)");
            st.execute("CREATE TABLE products (product_id text PRIMARY KEY, name text, category text,"
                    + " list_price numeric(12,2), currency text, active boolean, updated_at timestamptz)");
        }
        List<Snapshot> snapshots = new ArrayList<>();
        for (Dimension dimension : Dimension.values()) {
            List<Row> rows = new DimensionGenerator(seed, badShare).rows(dimension, date).stream()
                    .filter(r -> r.values() != null)
                    .filter(r -> dimension != Dimension.PRODUCTS || r.expected() != DimensionRejectReason.BAD_VALUE)
                    .collect(Collectors.toList());
            String placeholders = dimension.columns().stream().map(c -> "?").collect(Collectors.joining(", "));
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO " + dimension.dataset() + " ("
                    + String.join(", ", dimension.columns()) + ") VALUES (" + placeholders + ")")) {
                for (Row row : rows) {
                    for (int i = 0; i < row.values().size(); i++) {
                        String column = dimension.columns().get(i);
                        String value = row.values().get(i);
                        if (column.equals("signup_date")) {
                            insert.setObject(i + 1, LocalDate.parse(value));
                        } else if (column.equals("updated_at")) {
                            insert.setObject(i + 1, java.time.OffsetDateTime.parse(value));
                        } else if (column.equals("active")) {
                            insert.setBoolean(i + 1, Boolean.parseBoolean(value));
                        } else if (column.equals("list_price")) {
                            insert.setBigDecimal(i + 1, new java.math.BigDecimal(value));
                        } else {
                            insert.setString(i + 1, value.isEmpty() ? null : value);
                        }
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            snapshots.add(snapshot(dimension, date, rows));
        }
        return snapshots;
    }

    private static Snapshot snapshot(Dimension dimension, LocalDate date, List<Row> rows) {
        Map<DimensionRejectReason, Long> expected = new EnumMap<>(DimensionRejectReason.class);
        rows.stream().filter(r -> r.expected() != null).forEach(r -> expected.merge(r.expected(), 1L, Long::sum));
        return new Snapshot(dimension, date, rows.size(), expected);
    }
}
