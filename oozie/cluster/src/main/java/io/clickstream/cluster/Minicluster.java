package io.clickstream.cluster;

import java.io.File;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.oozie.client.WorkflowJob;

/**
 * {@code minicluster}: the cluster in a box for people. Starts HDFS, YARN, HiveServer2 and Oozie's engine, deploys the
 * application {@code mvn package} built, lands sample days with {@code ingest}, runs them through the daily
 * coordinator and then stays up (Ctrl-C stops it) so that its outputs can be looked at.
 * <pre>
 *   minicluster [--dir DIR] [--start YYYY-MM-DD] [--days N] [--lines-per-day N] [--exit]
 * </pre>
 */
public final class Minicluster {

    private Minicluster() {
    }

    public static void main(String[] argv) throws Exception {
        java.util.Map<String, String> options = new java.util.HashMap<>();
        List<String> known = List.of("dir", "start", "days", "lines-per-day");
        boolean exit = false;
        for (int i = 0; i < argv.length; i++) {
            String name = argv[i].startsWith("--") ? argv[i].substring(2) : "";
            if (name.equals("exit")) {
                exit = true;
            } else if (known.contains(name) && i + 1 < argv.length) {
                options.put(name, argv[++i]);
            } else {
                System.err.println("error: minicluster: unexpected argument '" + argv[i] + "'; options: --"
                        + String.join(" --", known) + " --exit");
                System.exit(2);
            }
        }
        int days = Integer.parseInt(options.getOrDefault("days", "2"));
        LocalDate first = options.containsKey("start") ? LocalDate.parse(options.get("start"))
                : LocalDate.now(java.time.ZoneOffset.UTC).minusDays(days);
        File dir = new File(options.getOrDefault("dir", "target/minicluster")).getAbsoluteFile();
        File app = ClusterInABox.application();

        ClusterInABox cluster = ClusterInABox.start(new File(dir, "cluster"));
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
        HadoopJar jobs = new HadoopJar(new File(app, "lib/clickstream-jobs-job.jar"), cluster.hadoopConfDir(), new File(dir, "commands"));
        System.out.print(jobs.run("deploy-app", "--app", app.getPath(), "--to", ClusterInABox.APP_PATH));
        Path warehouse = cluster.fileSystem().makeQualified(new Path("/data/clickstream"));
        File spool = new File(dir, "spool");
        DailyRuns.generate(jobs, spool, first, days, Integer.parseInt(options.getOrDefault("lines-per-day", "3000")), 0.01);
        DailyRuns runs = new DailyRuns(cluster, app, warehouse);
        runs.land(jobs, spool, first, days);
        System.out.println(cluster.describe());
        System.out.printf("landed %d day(s) from %s in %s/raw; the daily coordinator runs them now%n", days, first, warehouse);
        String coordinator = runs.submitCoordinator(first, days);
        for (WorkflowJob run : runs.await(coordinator, days, days * 30 * 60_000L, System.out)) {
            System.out.printf("%s %s%n", run.getAppName(), run.getStatus());
        }
        if (!exit) {
            System.out.println("Up until Ctrl-C. With the Hadoop configuration above: hadoop --config "
                    + cluster.hadoopConfDir() + " fs -ls " + warehouse + "/marts");
            Thread.currentThread().join();
        }
        System.exit(0);
    }
}
