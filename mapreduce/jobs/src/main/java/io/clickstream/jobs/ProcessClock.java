package io.clickstream.jobs;

import java.lang.management.ManagementFactory;

/**
 * Wall and CPU time of an action in this process, for the benchmarks: a job on the LocalJobRunner, an embedded Hive
 * query or a local Spark job runs its tasks in this JVM, so the process's CPU time is theirs.
 */
public final class ProcessClock {

    /** Something to time. */
    public interface Action {
        void run() throws Exception;
    }

    private ProcessClock() {
    }

    /** {wall seconds, CPU seconds} of {@code action}. */
    public static double[] time(Action action) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        action.run();
        return new double[] {(System.nanoTime() - start) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9};
    }
}
