package io.clickstream.bench;

import io.clickstream.jobs.CleanRun;
import io.clickstream.jobs.ProcessClock;
import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapred.MiniMRClientCluster;
import org.apache.hadoop.mapred.MiniMRClientClusterFactory;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobCounter;
import org.apache.hadoop.mapreduce.TaskCounter;

/**
 * Task memory on YARN as the day grows: each daily stage of the middle of three generated days, on HDFS and a MiniYARN
 * cluster (task JVMs of their own, {@code -Xmx512m} each, as a cluster runs them), for days of each size. Per stage:
 * its tasks, the most physical memory (resident set) any map or reduce task reached (Hadoop's
 * {@code *_PHYSICAL_MEMORY_BYTES_MAX}, read from /proc by each task), wall time. The stages run as their command lines
 * do, with the cluster's configuration as {@code -conf}.
 * Usage: {@code YarnMemoryBench WORK_DIR [LINES...]} (default 500,000, 1,000,000 and 2,000,000 lines a day).
 */
public final class YarnMemoryBench {

    public static void main(String[] args) throws Exception {
        File work = new File(args[0]).getAbsoluteFile();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(500_000, 1_000_000, 2_000_000);
        }
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, new File(work, "dfs").getAbsolutePath());
        MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        MiniMRClientCluster yarn = null;
        try {
            dfs.waitActive();
            Configuration clusterConf = new Configuration(dfs.getConfiguration(0));
            String opens = System.getProperty("jdk17.opens", "");
            clusterConf.set("yarn.app.mapreduce.am.command-opts", "-Xmx512m " + opens);
            clusterConf.set("mapreduce.map.java.opts", "-Xmx512m " + opens);
            clusterConf.set("mapreduce.reduce.java.opts", "-Xmx512m " + opens);
            clusterConf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "99.5");
            yarn = MiniMRClientClusterFactory.create(YarnMemoryBench.class, 1, clusterConf);
            Configuration cluster = new Configuration(yarn.getConfig());
            cluster.setInt(Job.COMPLETION_POLL_INTERVAL_KEY, 50);
            File siteFile = new File(work, "cluster.xml");
            try (OutputStream out = new FileOutputStream(siteFile)) {
                cluster.writeXml(out);
            }
            List<String> options = List.of("-conf", siteFile.getAbsolutePath());
            List<String> rows = new ArrayList<>();
            for (int lines : sizes) {
                Path root = dfs.getFileSystem().makeQualified(new Path("/warehouse-" + lines));
                long bytes = ProcessingBench.generate(cluster, root, lines, (lines + 999_999) / 1_000_000).stream()
                        .mapToLong(ProcessingBench.Slice::bytes).sum();
                ProcessingBench.prepareMiddleDay(cluster, root, options);
                String day = ProcessingBench.D1.plusDays(1).toString();
                for (String stage : ProcessingBench.STAGES) {
                    List<Counters> jobs = new ArrayList<>();
                    CleanRun.observeFinishedJobs((name, counters) -> jobs.add(counters));
                    double[] time = ProcessClock.time(() -> ProcessingBench.stage(options, root, stage, day));
                    CleanRun.observeFinishedJobs((name, counters) -> { });
                    String row = String.format(Locale.ROOT, "| %,d lines (%.2f GB) | %s | %d | %d | %,d MB | %,d MB | %.1f s |",
                            lines, bytes / 1e9, stage, sum(jobs, JobCounter.TOTAL_LAUNCHED_MAPS),
                            sum(jobs, JobCounter.TOTAL_LAUNCHED_REDUCES), max(jobs, TaskCounter.MAP_PHYSICAL_MEMORY_BYTES_MAX) >> 20,
                            max(jobs, TaskCounter.REDUCE_PHYSICAL_MEMORY_BYTES_MAX) >> 20, time[0]);
                    System.out.println(row);
                    rows.add(row);
                }
            }
            System.out.printf("%n| day | stage | map tasks | reduce tasks | map task memory, most | reduce task memory, most"
                    + " | wall |%n|---|---|---:|---:|---:|---:|---:|%n%s%n", String.join("\n", rows));
        } finally {
            if (yarn != null) {
                yarn.stop();
            }
            dfs.shutdown();
        }
    }

    private static long sum(List<Counters> jobs, Enum<?> counter) {
        return jobs.stream().mapToLong(c -> c.findCounter(counter).getValue()).sum();
    }

    private static long max(List<Counters> jobs, Enum<?> counter) {
        return jobs.stream().mapToLong(c -> c.findCounter(counter).getValue()).max().orElse(0);
    }
}
