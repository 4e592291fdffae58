package io.clickstream.jobs.dimensions;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configurable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.mapreduce.lib.db.DBConfiguration;
import org.apache.hadoop.mapreduce.lib.db.DBWritable;

/**
 * A row of a database table as column name to text, written the way the CSV export writes it (times as
 * ISO-8601 UTC, dates as YYYY-MM-DD, numbers plain), so both sources meet the same rules.
 */
public class DbRow implements Writable, DBWritable, Configurable {

    private Configuration conf;
    private String[] columns = new String[0];
    private String[] values = new String[0];

    public DbRow() {
    }

    /** A row with these values, as a query would have read it. */
    DbRow(String[] columns, String[] values) {
        this.columns = columns.clone();
        this.values = values.clone();
    }

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
        columns = conf.getStrings(DBConfiguration.INPUT_FIELD_NAMES_PROPERTY, new String[0]);
    }

    @Override
    public Configuration getConf() {
        return conf;
    }

    public Map<String, String> asMap() {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.length; i++) {
            row.put(columns[i], values[i]);
        }
        return row;
    }

    @Override
    public void readFields(ResultSet rs) throws SQLException {
        values = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            Object value = rs.getObject(i + 1);
            if (value instanceof Timestamp) {
                values[i] = ((Timestamp) value).toInstant().toString();
            } else if (value instanceof BigDecimal) {
                values[i] = ((BigDecimal) value).toPlainString();
            } else {
                values[i] = value == null ? null : value.toString();
            }
        }
    }

    @Override
    public void write(PreparedStatement statement) {
        throw new UnsupportedOperationException("dimension rows are only read");
    }

    @Override
    public void write(DataOutput out) throws IOException {
        WritableUtils.writeStringArray(out, columns);
        out.writeInt(values.length);
        for (String value : values) {
            out.writeBoolean(value != null);
            if (value != null) {
                WritableUtils.writeString(out, value);
            }
        }
    }

    @Override
    public void readFields(DataInput in) throws IOException {
        columns = WritableUtils.readStringArray(in);
        values = new String[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readBoolean() ? WritableUtils.readString(in) : null;
        }
    }
}
