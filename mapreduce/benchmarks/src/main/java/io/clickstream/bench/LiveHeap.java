package io.clickstream.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The most heap found live after any garbage collection while an action ran, above what was live after a collection
 * before it: how much a stage holds (its buffers, caches, a visitor's held requests), not the garbage it makes. The
 * local runner's tasks share this JVM, so it is what all of a stage's tasks hold at once.
 */
final class LiveHeap implements AutoCloseable {

    private final AtomicLong most = new AtomicLong();
    private final long baseline;
    private final NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long live = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
            most.accumulateAndGet(live, Math::max);
        }
    };

    LiveHeap() {
        System.gc();
        baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
    }

    /** Bytes live at the worst collection, over the baseline; 0 when no collection ran. */
    long grownBy() {
        return Math.max(0, most.get() - baseline);
    }

    @Override
    public void close() throws Exception {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).removeNotificationListener(listener);
        }
    }
}
