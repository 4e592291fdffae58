package io.clickstream.jobs.marts;

import io.clickstream.marts.Contribution;
import java.nio.charset.StandardCharsets;
import io.clickstream.marts.Mart;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.mapreduce.Partitioner;

/**
 * The marts shuffle key as UTF-8 text {@code mart NUL group NUL distinct}: sorted as raw bytes, partitioned
 * and grouped by {@code mart NUL group} (one reduce call per mart row), so a row's distinct values reach
 * the reducer sorted and each is counted once.
 */
public final class MartKey {

    private static final char NUL = '\0';

    private MartKey() {
    }

    /** Sets {@code key} to the contribution's key, encoding its strings with the JDK's intrinsic UTF-8 encoder. */
    public static void set(Text key, Contribution c) {
        byte[] group = c.group().getBytes(StandardCharsets.UTF_8);
        byte[] distinct = c.distinct().getBytes(StandardCharsets.UTF_8);
        key.clear();
        key.append(new byte[] {(byte) ('0' + c.mart().ordinal()), 0}, 0, 2);
        key.append(group, 0, group.length);
        key.append(new byte[] {0}, 0, 1);
        key.append(distinct, 0, distinct.length);
    }

    public static Mart mart(Text key) {
        return Mart.values()[key.getBytes()[0] - '0'];
    }

    public static String group(Text key) {
        String text = key.toString();
        return text.substring(2, text.indexOf(NUL, 2));
    }

    /** The distinct value; empty for summed contributions. */
    public static String distinct(Text key) {
        String text = key.toString();
        return text.substring(text.indexOf(NUL, 2) + 1);
    }

    /** Length of {@code mart NUL group} in serialized key bytes starting at {@code start} (after the vint length). */
    private static int rowLength(byte[] b, int start, int length) {
        int second = -1;
        for (int i = start + 2; i < start + length; i++) {
            if (b[i] == 0) {
                second = i;
                break;
            }
        }
        return second - start;
    }

    /** Compares the {@code mart NUL group} prefix of two serialized keys. */
    public static final class RowGrouping extends WritableComparator {
        public RowGrouping() {
            super(Text.class, true);
        }

        @Override
        public int compare(byte[] b1, int s1, int l1, byte[] b2, int s2, int l2) {
            int n1 = org.apache.hadoop.io.WritableUtils.decodeVIntSize(b1[s1]);
            int n2 = org.apache.hadoop.io.WritableUtils.decodeVIntSize(b2[s2]);
            return compareBytes(b1, s1 + n1, rowLength(b1, s1 + n1, l1 - n1), b2, s2 + n2, rowLength(b2, s2 + n2, l2 - n2));
        }

        @Override
        @SuppressWarnings("rawtypes")
        public int compare(WritableComparable a, WritableComparable b) {
            Text x = (Text) a;
            Text y = (Text) b;
            return compareBytes(x.getBytes(), 0, rowLength(x.getBytes(), 0, x.getLength()),
                    y.getBytes(), 0, rowLength(y.getBytes(), 0, y.getLength()));
        }
    }

    /** A mart row to one reducer. */
    public static final class RowPartitioner<V> extends Partitioner<Text, V> {
        @Override
        public int getPartition(Text key, V value, int partitions) {
            int length = rowLength(key.getBytes(), 0, key.getLength());
            return (WritableComparator.hashBytes(key.getBytes(), length) & Integer.MAX_VALUE) % partitions;
        }
    }
}
