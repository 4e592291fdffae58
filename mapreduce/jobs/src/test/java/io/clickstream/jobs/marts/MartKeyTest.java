package io.clickstream.jobs.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.clickstream.marts.Contribution;
import io.clickstream.marts.Mart;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.Test;

class MartKeyTest {

    private static byte[] bytes(Contribution c) throws IOException {
        Text key = new Text();
        MartKey.set(key, c);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        key.write(new DataOutputStream(out));
        return out.toByteArray();
    }

    @Test
    void keysOfOneRowGroupTogetherWhateverTheirDistinctValue() throws IOException {
        MartKey.RowGrouping grouping = new MartKey.RowGrouping();
        byte[] sums = bytes(Contribution.sums(Mart.PAGES_BY_DAY, "/cart").plus(Mart.PageSums.PAGE_VIEWS, 1));
        byte[] visitor = bytes(Contribution.distinct(Mart.PAGES_BY_DAY, "/cart", "00ff"));
        byte[] otherPath = bytes(Contribution.distinct(Mart.PAGES_BY_DAY, "/cart/x", "00ff"));
        byte[] otherMart = bytes(Contribution.sums(Mart.TRAFFIC_BY_HOUR, "/cart").plus(Mart.TrafficSums.REQUESTS, 1));
        assertEquals(0, grouping.compare(sums, 0, sums.length, visitor, 0, visitor.length));
        assertNotEquals(0, grouping.compare(sums, 0, sums.length, otherPath, 0, otherPath.length));
        assertNotEquals(0, grouping.compare(sums, 0, sums.length, otherMart, 0, otherMart.length));
    }

    @Test
    void theKeyNamesItsMartGroupAndDistinctValue() {
        Text key = new Text();
        MartKey.set(key, Contribution.distinct(Mart.REVENUE_BY_SEGMENT, "vip\tEUR", "C00001"));
        assertEquals(Mart.REVENUE_BY_SEGMENT, MartKey.mart(key));
        assertEquals("vip\tEUR", MartKey.group(key));
        assertEquals("C00001", MartKey.distinct(key));
        MartKey.RowPartitioner<Object> partitioner = new MartKey.RowPartitioner<>();
        Text other = new Text();
        MartKey.set(other, Contribution.sums(Mart.REVENUE_BY_SEGMENT, "vip\tEUR").plus(Mart.RevenueSums.ORDERS, 1)
                .plus(Mart.RevenueSums.REVENUE_CENTS, 100));
        assertEquals(partitioner.getPartition(key, null, 5), partitioner.getPartition(other, null, 5));
    }

    @Test
    void theKeyIsItsPartsInUtf8SeparatedByNul() {
        Text key = new Text();
        MartKey.set(key, Contribution.distinct(Mart.PAGES_BY_DAY, "/produkt/gr\u00fcn-\u00e9t\u00e9 \ud83d\uded2", "v\u00e9"));
        assertEquals(new Text(Mart.PAGES_BY_DAY.ordinal() + "\0/produkt/gr\u00fcn-\u00e9t\u00e9 \ud83d\uded2\0v\u00e9"), key);
        assertEquals("/produkt/gr\u00fcn-\u00e9t\u00e9 \ud83d\uded2", MartKey.group(key));
    }
}
