package io.clickstream.jobs.marts;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;

/** A vector of sums, written as variable-length longs (most are 0 or 1). */
public final class Sums implements Writable {

    private long[] values = new long[0];

    public long[] values() {
        return values;
    }

    public Sums set(long[] newValues) {
        values = newValues;
        return this;
    }

    public void add(Sums other) {
        if (values.length < other.values.length) {
            values = java.util.Arrays.copyOf(values, other.values.length);
        }
        for (int i = 0; i < other.values.length; i++) {
            values[i] += other.values[i];
        }
    }

    @Override
    public void write(DataOutput out) throws IOException {
        WritableUtils.writeVInt(out, values.length);
        for (long value : values) {
            WritableUtils.writeVLong(out, value);
        }
    }

    @Override
    public void readFields(DataInput in) throws IOException {
        int n = WritableUtils.readVInt(in);
        if (values.length != n) {
            values = new long[n];
        }
        for (int i = 0; i < n; i++) {
            values[i] = WritableUtils.readVLong(in);
        }
    }
}
