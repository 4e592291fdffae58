package io.clickstream.cluster;

import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.oozie.client.CoordinatorAction;
import org.apache.oozie.client.CoordinatorJob;
import org.apache.oozie.client.OozieClient;
import org.apache.oozie.client.WorkflowJob;

/** Sample days on the cluster in a box: landed with {@code ingest}, run by the daily coordinator as an operator submits it. */
public final class DailyRuns {

    public static final List<String> SOURCES = List.of("access_logs", "events", "customers", "products");

    private final ClusterInABox cluster;
    private final File app;
    private final Path warehouse;

    public DailyRuns(ClusterInABox cluster, File app, Path warehouse) {
        this.cluster = cluster;
        this.app = app;
        this.warehouse = warehouse;
    }

    /** Generated raw days in a local warehouse directory (its raw/ zone is the spool that {@link #land} reads). */
    public static void generate(HadoopJar jobs, File spool, LocalDate first, int days, int linesPerDay, double badShare)
            throws Exception {
        jobs.runLocally("generate", "--warehouse", spool.toURI().toString(), "--start", first.toString(),
                "--days", Integer.toString(days), "--lines-per-day", Integer.toString(linesPerDay),
                "--events-per-day", Integer.toString(Math.max(100, linesPerDay / 4)), "--seed", "11",
                "--bad-share", Double.toString(badShare));
    }

    /** Lands every source of each day on the cluster's warehouse with {@code ingest}, done-flag last. */
    public void land(HadoopJar jobs, File spool, LocalDate first, int days) throws Exception {
        for (int d = 0; d < days; d++) {
            String day = first.plusDays(d).toString();
            for (String source : SOURCES) {
                jobs.run("ingest", "--source", source, "--date", day,
                        "--spool", new File(spool, "raw/" + source + "/dt=" + day).toURI().toString(),
                        "--warehouse", warehouse.toString());
            }
        }
    }

    /** The shipped cluster example ({@code job.properties.cluster}) with this cluster's addresses. */
    public Properties submission() throws Exception {
        Properties example = new Properties();
        try (InputStream in = Files.newInputStream(new File(app, "job.properties.cluster").toPath())) {
            example.load(in);
        }
        Properties job = cluster.oozie().createConfiguration();
        example.forEach((k, v) -> job.setProperty((String) k, (String) v));
        job.setProperty("nameNode", cluster.nameNode());
        job.setProperty("resourceManager", cluster.resourceManager());
        job.setProperty("appPath", cluster.nameNode() + ClusterInABox.APP_PATH);
        job.setProperty("warehouse", warehouse.toString());
        job.setProperty("hiveJdbcUrl", cluster.hiveJdbcUrl());
        job.setProperty("queueName", ClusterInABox.QUEUE);
        job.setProperty("javaOpts", "-Xmx512m");
        job.setProperty("datasetStart", "2026-01-01T00:00Z");
        job.remove(OozieClient.BUNDLE_APP_PATH);
        return job;
    }

    /** Submits the daily coordinator for the days {@code first} .. {@code first + days - 1}; returns its id. */
    public String submitCoordinator(LocalDate first, int days) throws Exception {
        Properties job = submission();
        job.setProperty(OozieClient.COORDINATOR_APP_PATH, job.getProperty("appPath") + "/coordinator.xml");
        // A day's action is materialised at 00:00 UTC of the next day.
        job.setProperty("start", first.plusDays(1) + "T00:00Z");
        job.setProperty("end", first.plusDays(1 + days) + "T00:00Z");
        return cluster.coordinators().run(job);
    }

    /** Waits until the coordinator has run {@code days} days, printing each change; returns each day's workflow. */
    public List<WorkflowJob> await(String coordinator, int days, long timeoutMs, PrintStream out) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            CoordinatorJob coord = cluster.coordinators().getCoordJobInfo(coordinator);
            List<CoordinatorAction> actions = coord.getActions();
            String progress = actions.stream().map(a -> a.getActionNumber() + ":" + a.getStatus() + running(a))
                    .collect(Collectors.joining(", "));
            if (!progress.equals(last)) {
                out.printf("%tT coordinator %s: %s%n", System.currentTimeMillis(), coord.getStatus(), progress);
                last = progress;
            }
            if (actions.size() == days && actions.stream().allMatch(DailyRuns::ended)) {
                List<WorkflowJob> runs = new ArrayList<>();
                for (CoordinatorAction a : actions) {
                    runs.add(cluster.oozie().getJobInfo(a.getExternalId()));
                }
                return runs;
            }
            Thread.sleep(2000);
        }
        throw new IllegalStateException("the coordinator did not run " + days + " days in " + timeoutMs / 1000 + " s: " + last);
    }

    /** The workflow's action now running, for the progress line. */
    private String running(CoordinatorAction a) {
        if (a.getExternalId() == null || a.getStatus() != CoordinatorAction.Status.RUNNING) {
            return "";
        }
        try {
            return cluster.oozie().getJobInfo(a.getExternalId()).getActions().stream()
                    .filter(w -> w.getStatus() == org.apache.oozie.client.WorkflowAction.Status.RUNNING)
                    .map(w -> w.getName()).collect(Collectors.joining("+", " (", ")"));
        } catch (Exception e) {
            return "";
        }
    }

    static boolean ended(CoordinatorAction a) {
        return switch (a.getStatus()) {
            case SUCCEEDED, KILLED, FAILED, TIMEDOUT, SKIPPED, IGNORED -> true;
            default -> false;
        };
    }
}
