package io.clickstream.jobs.orders;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.mapreduce.Partitioner;

/**
 * The orders join key: customer, then side (0 = history version, 1 = order), then time. Grouped and
 * partitioned by customer, so each reduce call gets the customer's versions first, in time order, then its
 * orders.
 */
public final class CustomerTimeKey implements WritableComparable<CustomerTimeKey> {

    public static final byte VERSION = 0;
    public static final byte ORDER = 1;

    private final Text customer = new Text();
    private byte side;
    private long time;

    public CustomerTimeKey set(String customerId, byte side, long time) {
        customer.set(customerId);
        this.side = side;
        this.time = time;
        return this;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        customer.write(out);
        out.writeByte(side);
        out.writeLong(time);
    }

    @Override
    public void readFields(DataInput in) throws IOException {
        customer.readFields(in);
        side = in.readByte();
        time = in.readLong();
    }

    @Override
    public int compareTo(CustomerTimeKey o) {
        int c = customer.compareTo(o.customer);
        if (c == 0) {
            c = Byte.compare(side, o.side);
        }
        return c != 0 ? c : Long.compare(time, o.time);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomerTimeKey k && compareTo(k) == 0;
    }

    @Override
    public int hashCode() {
        return customer.hashCode();
    }

    /** One reduce call per customer. */
    public static final class CustomerGrouping extends WritableComparator {
        public CustomerGrouping() {
            super(CustomerTimeKey.class, true);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public int compare(WritableComparable a, WritableComparable b) {
            return ((CustomerTimeKey) a).customer.compareTo(((CustomerTimeKey) b).customer);
        }
    }

    public static final class CustomerPartitioner<V> extends Partitioner<CustomerTimeKey, V> {
        @Override
        public int getPartition(CustomerTimeKey key, V value, int partitions) {
            return (key.customer.hashCode() & Integer.MAX_VALUE) % partitions;
        }
    }
}
