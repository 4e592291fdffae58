package io.clickstream.jobs.sessions;

import io.clickstream.sessions.Sessionizer.Origin;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.mapreduce.Partitioner;

/**
 * The sessionize shuffle key, 25 fixed bytes: visitor, time, content fingerprint, origin. Sorted as raw
 * bytes (no deserialization), partitioned and grouped by visitor alone, so a reducer gets each visitor's page
 * views in time order, exact duplicates side by side and the earlier day's copy first.
 */
public final class VisitorTimeKey implements WritableComparable<VisitorTimeKey> {

    static final int SIZE = 8 + 8 + 8 + 1;

    private long visitor;
    private long ts;
    private long fingerprint;
    private byte origin;

    static {
        WritableComparator.define(VisitorTimeKey.class, new RawComparator());
    }

    public VisitorTimeKey set(long visitor, long ts, long fingerprint, Origin origin) {
        this.visitor = visitor;
        this.ts = ts;
        this.fingerprint = fingerprint;
        this.origin = (byte) origin.ordinal();
        return this;
    }

    public long visitor() {
        return visitor;
    }

    public long ts() {
        return ts;
    }

    public long fingerprint() {
        return fingerprint;
    }

    public Origin origin() {
        return Origin.values()[origin];
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeLong(visitor);
        out.writeLong(ts);
        out.writeLong(fingerprint);
        out.writeByte(origin);
    }

    @Override
    public void readFields(DataInput in) throws IOException {
        visitor = in.readLong();
        ts = in.readLong();
        fingerprint = in.readLong();
        origin = in.readByte();
    }

    /** The order of the raw comparator: each field as unsigned big-endian bytes. */
    @Override
    public int compareTo(VisitorTimeKey o) {
        int c = Long.compareUnsigned(visitor, o.visitor);
        if (c == 0) {
            c = Long.compareUnsigned(ts, o.ts);
        }
        if (c == 0) {
            c = Long.compareUnsigned(fingerprint, o.fingerprint);
        }
        return c != 0 ? c : Byte.compare(origin, o.origin);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VisitorTimeKey k && compareTo(k) == 0;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(visitor);
    }

    @Override
    public String toString() {
        return String.format("%016x@%d/%016x/%s", visitor, ts, fingerprint, origin());
    }

    /** Sort order over the serialized bytes. */
    public static final class RawComparator extends WritableComparator {
        public RawComparator() {
            super(VisitorTimeKey.class);
        }

        @Override
        public int compare(byte[] b1, int s1, int l1, byte[] b2, int s2, int l2) {
            return compareBytes(b1, s1, SIZE, b2, s2, SIZE);
        }
    }

    /** One reduce call per visitor. */
    public static final class VisitorGrouping extends WritableComparator {
        public VisitorGrouping() {
            super(VisitorTimeKey.class, true);
        }

        @Override
        public int compare(byte[] b1, int s1, int l1, byte[] b2, int s2, int l2) {
            return compareBytes(b1, s1, 8, b2, s2, 8);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public int compare(WritableComparable a, WritableComparable b) {
            return Long.compareUnsigned(((VisitorTimeKey) a).visitor, ((VisitorTimeKey) b).visitor);
        }
    }

    /** All of a visitor's page views to one reducer. */
    public static final class VisitorPartitioner<V> extends Partitioner<VisitorTimeKey, V> {
        @Override
        public int getPartition(VisitorTimeKey key, V value, int partitions) {
            return (int) Long.remainderUnsigned(key.visitor, partitions);
        }
    }
}
