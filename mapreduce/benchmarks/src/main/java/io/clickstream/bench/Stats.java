package io.clickstream.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the whole-job benchmarks share: timing an action by wall and CPU clock, and the median of runs. */
final class Stats {

    interface Action {
        void run() throws Exception;
    }

    private Stats() {
    }

    /** Wall seconds and CPU seconds of the whole process (the local runner's tasks run in it). */
    static double[] time(Action action) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        action.run();
        return new double[] {(System.nanoTime() - start) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9};
    }

    /** The middle value; of an even count, the upper of the two middle ones. */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
