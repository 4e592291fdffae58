package io.clickstream.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.oozie.client.CoordinatorAction;
import org.apache.oozie.client.CoordinatorJob;
import org.apache.oozie.client.OozieClient;
import org.apache.oozie.client.WorkflowAction;
import org.apache.oozie.client.WorkflowJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The daily workflow on Oozie's real engine over YARN and HDFS: the application {@code mvn package} builds, deployed
 * with the operators' command, two generated days landed with {@code ingest}, the coordinator materialising each day
 * when its done-flags exist, every java action through Oozie's launcher on YARN and its MapReduce jobs on YARN, the
 * hive2 registration against HiveServer2 in its own process.
 */
class DailyWorkflowOnClusterTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 11, 20);
    private static final int DAYS = 2;
    private static final List<String> SOURCES = List.of("access_logs", "events", "customers", "products");

    private static final File BASE = new File("target/box").getAbsoluteFile();
    private static final File APP = new File(System.getProperty("clickstream.app", "../target/clickstream-oozie-app"));

    private static ClusterInABox cluster;
    private static HadoopJar hadoopJar;
    private static Path warehouse;

    @BeforeAll
    static void startTheClusterDeployAndLand() throws Exception {
        cluster = ClusterInABox.start(BASE, new File(System.getProperty("clickstream.sharelib")),
                new File(System.getProperty("clickstream.hiveserver2")), System.getProperty("jdk17.opens", ""));
        hadoopJar = new HadoopJar(new File(APP, "lib/clickstream-jobs-job.jar"), cluster.hadoopConfDir(),
                new File(BASE, "commands"));
        hadoopJar.run("deploy-app", "--app", APP.getAbsolutePath(), "--to", "/apps/clickstream");

        File spool = new File(BASE, "spool");
        hadoopJar.runLocally("generate", "--warehouse", spool.toURI().toString(), "--start", FIRST.toString(),
                "--days", Integer.toString(DAYS), "--lines-per-day", "3000", "--events-per-day", "800", "--seed", "11");
        warehouse = cluster.fileSystem().makeQualified(new Path("/data/clickstream"));
        for (int d = 0; d < DAYS; d++) {
            String day = FIRST.plusDays(d).toString();
            for (String source : SOURCES) {
                hadoopJar.run("ingest", "--source", source, "--date", day,
                        "--spool", new File(spool, "raw/" + source + "/dt=" + day).toURI().toString(),
                        "--warehouse", warehouse.toString());
            }
        }
    }

    @AfterAll
    static void stopTheCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theCoordinatorRunsEachDayThroughEveryActionOnYarn() throws Exception {
        OozieClient oozie = cluster.coordinators();
        Properties job = submission(oozie);
        job.setProperty(OozieClient.COORDINATOR_APP_PATH, job.getProperty("appPath") + "/coordinator.xml");
        job.setProperty("start", FIRST.plusDays(1) + "T00:00Z");
        job.setProperty("end", FIRST.plusDays(1 + DAYS) + "T00:00Z");
        String id = oozie.run(job);

        List<WorkflowJob> runs = awaitDays(oozie, id, 40 * 60_000);
        for (WorkflowJob run : runs) {
            assertEquals(WorkflowJob.Status.SUCCEEDED, run.getStatus(), run.getAppName() + "\n" + describe(run));
        }
        FileSystem fs = cluster.fileSystem();
        for (int d = 0; d < DAYS; d++) {
            assertTrue(fs.exists(new Path(warehouse, "published/dt=" + FIRST.plusDays(d) + "/_SUCCESS")), "day " + d);
        }
        List<ApplicationReport> apps = yarnApplications();
        for (String stage : List.of("clean-access-logs", "clean-events", "clean-customers", "clean-products", "sessionize",
                "customer-history", "orders", "marts")) {
            for (int d = 0; d < DAYS; d++) {
                String name = stage + " dt=" + FIRST.plusDays(d);
                assertTrue(apps.stream().anyMatch(a -> a.getName().startsWith(name) && a.getApplicationType().equals("MAPREDUCE")),
                        name + " ran as a YARN application, not on a launcher's LocalJobRunner:\n" + names(apps));
            }
        }
    }

    /** The shipped cluster example with this cluster's addresses. */
    private static Properties submission(OozieClient oozie) throws Exception {
        Properties example = new Properties();
        try (InputStream in = Files.newInputStream(new File(APP, "job.properties.cluster").toPath())) {
            example.load(in);
        }
        Properties job = oozie.createConfiguration();
        example.forEach((k, v) -> job.setProperty((String) k, (String) v));
        job.setProperty("nameNode", cluster.nameNode());
        job.setProperty("resourceManager", cluster.resourceManager());
        job.setProperty("appPath", cluster.nameNode() + "/apps/clickstream");
        job.setProperty("warehouse", warehouse.toString());
        job.setProperty("hiveJdbcUrl", cluster.hiveJdbcUrl());
        job.setProperty("javaOpts", "-Xmx512m");
        job.setProperty("datasetStart", "2026-01-01T00:00Z");
        job.remove(OozieClient.BUNDLE_APP_PATH);
        return job;
    }

    /** Waits until the coordinator has run every day; returns each day's workflow. */
    private static List<WorkflowJob> awaitDays(OozieClient oozie, String coordinator, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            CoordinatorJob coord = oozie.getCoordJobInfo(coordinator);
            List<CoordinatorAction> actions = coord.getActions();
            String progress = actions.stream().map(a -> a.getNominalTime() + "=" + a.getStatus()).collect(Collectors.joining(", "));
            if (!progress.equals(last)) {
                System.out.println("coordinator " + coord.getStatus() + ": " + progress);
                last = progress;
            }
            if (actions.size() == DAYS && actions.stream().allMatch(DailyWorkflowOnClusterTest::ended)) {
                List<WorkflowJob> runs = new ArrayList<>();
                for (CoordinatorAction a : actions) {
                    runs.add(cluster.oozie().getJobInfo(a.getExternalId()));
                }
                return runs;
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("the coordinator did not run " + DAYS + " days in " + timeoutMs / 1000 + " s: " + last
                + "\n" + ContainerLogs.summary(cluster));
    }

    private static boolean ended(CoordinatorAction a) {
        return switch (a.getStatus()) {
            case SUCCEEDED, KILLED, FAILED, TIMEDOUT, SKIPPED, IGNORED -> true;
            default -> false;
        };
    }

    private static String describe(WorkflowJob run) {
        StringBuilder out = new StringBuilder();
        for (WorkflowAction a : run.getActions()) {
            out.append(String.format("  %-22s %-10s %s %s%n", a.getName(), a.getStatus(), a.getErrorCode(), a.getErrorMessage()));
        }
        return out.append(ContainerLogs.summary(cluster)).toString();
    }

    private static List<ApplicationReport> yarnApplications() throws Exception {
        try (YarnClient yarn = YarnClient.createYarnClient()) {
            yarn.init(cluster.conf());
            yarn.start();
            return yarn.getApplications();
        }
    }

    private static String names(List<ApplicationReport> apps) {
        return apps.stream().map(a -> a.getApplicationType() + " " + a.getName() + " " + a.getFinalApplicationStatus())
                .sorted().collect(Collectors.joining("\n"));
    }
}
