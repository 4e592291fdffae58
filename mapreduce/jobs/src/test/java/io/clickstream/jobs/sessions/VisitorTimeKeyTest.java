package io.clickstream.jobs.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.sessions.Sessionizer.Origin;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VisitorTimeKeyTest {

    private static byte[] bytes(VisitorTimeKey key) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        key.write(new DataOutputStream(out));
        return out.toByteArray();
    }

    @Test
    void theRawComparatorAgreesWithCompareToAndSortsByVisitorThenTime() throws IOException {
        Random random = new Random(7);
        List<VisitorTimeKey> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            keys.add(new VisitorTimeKey().set(random.nextInt(4) - 2L, 1_700_000_000_000L + random.nextInt(5),
                    random.nextLong(), Origin.values()[random.nextInt(3)]));
        }
        VisitorTimeKey.RawComparator raw = new VisitorTimeKey.RawComparator();
        VisitorTimeKey.VisitorGrouping grouping = new VisitorTimeKey.VisitorGrouping();
        for (VisitorTimeKey a : keys) {
            for (VisitorTimeKey b : keys.subList(0, 40)) {
                byte[] x = bytes(a);
                byte[] y = bytes(b);
                assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(raw.compare(x, 0, x.length, y, 0, y.length)));
                assertEquals(a.visitor() == b.visitor(), grouping.compare(x, 0, x.length, y, 0, y.length) == 0);
                if (a.visitor() == b.visitor() && a.ts() < b.ts()) {
                    assertTrue(a.compareTo(b) < 0, "time order within a visitor");
                }
            }
        }
    }

    @Test
    void theEarlierDaysCopyOfADuplicateSortsFirst() {
        VisitorTimeKey day = new VisitorTimeKey().set(1, 5, 9, Origin.DAY);
        VisitorTimeKey previous = new VisitorTimeKey().set(1, 5, 9, Origin.PREVIOUS_DAY);
        assertTrue(previous.compareTo(day) < 0);
    }

    @Test
    void aVisitorGoesToOneReducer() {
        VisitorTimeKey.VisitorPartitioner<Object> partitioner = new VisitorTimeKey.VisitorPartitioner<>();
        int first = partitioner.getPartition(new VisitorTimeKey().set(-77, 1, 1, Origin.DAY), null, 7);
        assertEquals(first, partitioner.getPartition(new VisitorTimeKey().set(-77, 99, 3, Origin.NEXT_DAY), null, 7));
        assertTrue(first >= 0 && first < 7);
    }
}
