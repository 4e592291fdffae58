package io.clickstream.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.oozie.client.WorkflowAction;
import org.apache.oozie.client.WorkflowJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The daily workflow on Oozie's real engine over YARN and HDFS: the application {@code mvn package} builds, deployed
 * with the operators' command, two generated days landed with {@code ingest}, the coordinator materialising each day
 * when its done-flags exist, every java action through Oozie's launcher on YARN and its MapReduce jobs on YARN, the
 * hive2 registration against HiveServer2 in its own process.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DailyWorkflowOnClusterTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 11, 20);
    private static final int DAYS = 2;

    private static final File BASE = new File("target/box").getAbsoluteFile();
    private static final File APP = ClusterInABox.application();
    private static final File JOB_JAR = new File(APP, "lib/clickstream-jobs-job.jar");
    /** Generated raw days: the laptop run's warehouse, and the spool `ingest` lands on HDFS from. */
    private static final File SPOOL = new File(BASE, "laptop/warehouse");
    private static final File LAPTOP_METASTORE = new File(BASE, "laptop/metastore");
    private static final List<String> ZONES = List.of("clean", "quarantine", "marts");
    private static final List<String> QUERIES = List.of("visitors_per_day", "traffic_by_hour", "error_rates", "revenue_per_day",
            "conversion_by_channel", "top_pages");

    private static ClusterInABox cluster;
    private static HadoopJar hadoopJar;
    private static DailyRuns runs;
    private static Path warehouse;

    @BeforeAll
    static void generateRunOnTheLaptopStartTheClusterDeployAndLand() throws Exception {
        org.apache.hadoop.fs.FileUtil.fullyDelete(BASE);
        File commands = new File(BASE, "commands");
        DailyRuns.generate(new HadoopJar(JOB_JAR, null, commands), SPOOL, FIRST, DAYS, 3000, 0.01);
        // The same days through the same workflow.xml on the laptop path, the reference for the cluster's outputs,
        // while the cluster starts (it writes only under laptop/; ingest reads raw/, which it does not touch).
        java.util.concurrent.FutureTask<String> laptopRun = new java.util.concurrent.FutureTask<>(() -> Launcher.run(
                new File(System.getProperty("clickstream.laptop-run")), new File(BASE, "laptop"), 20,
                "--from", FIRST.toString(), "--to", FIRST.plusDays(DAYS - 1).toString(),
                "-Dwarehouse=" + SPOOL.toURI().toString().replaceFirst("/$", ""),
                "--metastore", LAPTOP_METASTORE.getAbsolutePath(), "--report-dir", new File(BASE, "laptop/runs").getAbsolutePath()));
        new Thread(laptopRun, "laptop-run").start();

        cluster = ClusterInABox.start(new File(BASE, "cluster"));
        hadoopJar = new HadoopJar(JOB_JAR, cluster.hadoopConfDir(), commands);
        hadoopJar.run("deploy-app", "--app", APP.getAbsolutePath(), "--to", ClusterInABox.APP_PATH);
        warehouse = cluster.fileSystem().makeQualified(new Path("/data/clickstream"));
        runs = new DailyRuns(cluster, APP, warehouse);
        runs.land(hadoopJar, SPOOL, FIRST, DAYS);
        laptopRun.get();
    }

    @AfterAll
    static void stopTheCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void theCoordinatorRunsEachDayThroughEveryActionOnYarn() throws Exception {
        String coordinator = runs.submitCoordinator(FIRST, DAYS);

        List<WorkflowJob> days;
        try {
            days = runs.await(coordinator, DAYS, 40 * 60_000, System.out);
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "\n" + ContainerLogs.summary(cluster), e);
        }
        for (WorkflowJob run : days) {
            assertEquals(WorkflowJob.Status.SUCCEEDED, run.getStatus(), run.getAppName() + "\n" + describe(run));
        }
        writeActionTimes(days, new File("target/cluster-action-times.md"));
        FileSystem fs = cluster.fileSystem();
        for (int d = 0; d < DAYS; d++) {
            assertTrue(fs.exists(new Path(warehouse, "published/dt=" + FIRST.plusDays(d) + "/_SUCCESS")), "day " + d);
        }
        List<ApplicationReport> apps = yarnApplications();
        for (String stage : List.of("clean-access-logs", "clean-events", "clean-dimension customers", "clean-dimension products", "sessionize",
                "customer-history", "orders", "marts")) {
            for (int d = 0; d < DAYS; d++) {
                String name = stage + " dt=" + FIRST.plusDays(d);
                ApplicationReport job = apps.stream()
                        .filter(a -> a.getName().startsWith(name) && a.getApplicationType().equals("MAPREDUCE")).findFirst()
                        .orElseThrow(() -> new AssertionError(name + " ran as a YARN application, not on a launcher's"
                                + " LocalJobRunner:\n" + names(apps)));
                assertTrue(job.getApplicationTags().stream().anyMatch(t -> t.startsWith("oozie-")),
                        name + " carries its action's tag, by which Oozie kills it on retry or kill: " + job.getApplicationTags());
                assertEquals(ClusterInABox.QUEUE, job.getQueue(), name + " in the workflow's queue");
            }
        }
    }

    @Test
    @Order(2)
    void theOutputsOnHdfsEqualTheLaptopRunsRecordForRecord() throws Exception {
        Map<String, List<String>> laptop = WarehouseRecords.read(FileSystem.getLocal(cluster.conf()),
                new Path(SPOOL.toURI()), ZONES);
        Map<String, List<String>> onCluster = WarehouseRecords.read(cluster.fileSystem(), warehouse, ZONES);

        assertTrue(laptop.keySet().stream().anyMatch(p -> p.startsWith("marts/sessions/")), laptop.keySet().toString());
        assertEquals(laptop.keySet(), onCluster.keySet(), "the same partitions");
        for (String partition : laptop.keySet()) {
            List<String> expected = laptop.get(partition);
            List<String> actual = onCluster.get(partition);
            assertEquals(expected.size(), actual.size(), partition + ": records");
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), actual.get(i), partition + ": record " + i + " of " + expected.size());
            }
        }
    }

    @Test
    @Order(3)
    void analystQueriesOverTheHiveServer2ProcessReturnTheLaptopsFigures() throws Exception {
        File warehouseCli = new File(new File(System.getProperty("clickstream.hiveserver2")).getParentFile(), "warehouse");
        File dir = new File(BASE, "queries");
        String from = FIRST.toString();
        String to = FIRST.plusDays(DAYS - 1).toString();
        for (String query : QUERIES) {
            File laptopCsv = new File(dir, query + ".laptop.csv");
            File clusterCsv = new File(dir, query + ".cluster.csv");
            // Every query gets every variable it may need: a range, the range's last day, a limit.
            String[] vars = {"--hivevar", "from=" + from, "--hivevar", "to=" + to, "--hivevar", "dt=" + to, "--hivevar", "limit=20"};
            Launcher.run(warehouseCli, dir, 5, concat(new String[] {"query", query, "--warehouse", SPOOL.toURI().toString(),
                "--metastore", LAPTOP_METASTORE.getAbsolutePath(), "--csv", laptopCsv.getAbsolutePath()}, vars));
            Launcher.run(warehouseCli, dir, 5, concat(new String[] {"query", query, "--warehouse", warehouse.toString(),
                "--jdbc-url", cluster.hiveJdbcUrl(), "--csv", clusterCsv.getAbsolutePath()}, vars));
            List<String> expected = Files.readAllLines(laptopCsv.toPath());
            assertTrue(expected.size() > 1, query + " has rows on the laptop: " + expected);
            assertEquals(expected, Files.readAllLines(clusterCsv.toPath()), query);
        }
    }

    @Test
    @Order(4)
    void aFailingActionIsRetriedThenTakesTheKillPathWithTheOperatorsMessageAndLeavesNoJobRunning() throws Exception {
        LocalDate bad = FIRST.plusDays(DAYS);
        File spool = new File(BASE, "bad-day");
        DailyRuns.generate(hadoopJar, spool, bad, 1, 2000, 0.6);
        runs.land(hadoopJar, spool, bad, 1);
        // The deployed workflow with its retry intervals (minutes, literal in the XML) at zero, for the test's sake.
        String app = deployVariant("clickstream-retry-now", workflow -> workflow);

        WorkflowJob run = runWorkflow(app, bad, cluster.hiveJdbcUrl());

        assertEquals(WorkflowJob.Status.KILLED, run.getStatus(), describe(run));
        List<WorkflowAction> failed = run.getActions().stream()
                .filter(a -> a.getStatus() == WorkflowAction.Status.ERROR && a.getType().equals("java")).toList();
        assertTrue(!failed.isEmpty(), describe(run));
        for (WorkflowAction action : failed) {
            String message = String.valueOf(action.getErrorMessage());
            assertTrue(message.contains("dt=" + bad) && !message.contains("exit code ["),
                    action.getName() + " fails with the command's own line, not Oozie's exit-code text: " + message);
        }
        assertTrue(failed.stream().anyMatch(a -> a.getUserRetryCount() == 2 && a.getUserRetryMax() == 2),
                "the failing action was retried twice: " + describe(run));
        WorkflowAction kill = run.getActions().stream().filter(a -> a.getName().equals("failed")).findFirst()
                .orElseThrow(() -> new AssertionError("no kill node ran: " + describe(run)));
        assertTrue(String.valueOf(kill.getErrorMessage()).contains("dt=" + bad), "kill message: " + kill.getErrorMessage());
        assertTrue(run.getActions().stream().anyMatch(a -> a.getName().equals("notify-failure")), "the alert was tried");
        assertNoApplicationStillRunning();
        assertTrue(!cluster.fileSystem().exists(new Path(warehouse, "published/dt=" + bad)), "nothing published");
    }

    @Test
    @Order(5)
    void aRegistrationWhoseStatementFailsFailsItsActionAndOneThatReachedNoServerPublishesNothing() throws Exception {
        // The same action succeeded with good parameters in every day of the first test.
        String registerOnly = deployVariant("clickstream-register-only", w -> registrationThen(w, "end"));
        WorkflowJob badStatement = runWorkflow(registerOnly, FIRST, cluster.hiveJdbcUrl(), "warehouse", warehouse + "/it's");
        assertEquals(WorkflowJob.Status.KILLED, badStatement.getStatus(), "a statement that fails:\n" + describe(badStatement));

        // Beeline 3.1.3 (the hive2 share library here, as on Hive 3 clusters such as EMR 7) ends OK when it cannot
        // connect. The day's quality checks count each table's rows in Hive against the stage's books, so a day whose
        // registration went nowhere is not published: the registration's Beeline pointed at a closed port, the checks
        // at the real server, on a day whose partitions nobody registered.
        int closed = HiveServer2Process.freePort();
        String registerToNobody = deployVariant("clickstream-register-to-nobody", w -> registrationThen(w, "quality-checks")
                .replace("<jdbc-url>${hiveJdbcUrl}</jdbc-url>", "<jdbc-url>jdbc:hive2://127.0.0.1:" + closed + "/default</jdbc-url>"));
        LocalDate unregistered = FIRST.plusDays(DAYS);
        WorkflowJob serverDown = runWorkflow(registerToNobody, unregistered, cluster.hiveJdbcUrl());
        assertEquals(WorkflowJob.Status.KILLED, serverDown.getStatus(), "registration to no server:\n" + describe(serverDown));
        assertTrue(!cluster.fileSystem().exists(new Path(warehouse, "published/dt=" + unregistered)), "nothing published");
    }

    private static String[] concat(String[] a, String[] b) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray(String[]::new);
    }

    /**
     * The deployed application with its workflow.xml rewritten, deployed beside it; returns its path on HDFS. Its retry
     * intervals (minutes, literal in the XML) are set to zero, for the test's sake: the retries themselves stay.
     */
    private static String deployVariant(String name, java.util.function.UnaryOperator<String> workflow) throws Exception {
        File copy = new File(BASE, name);
        org.apache.commons.io.FileUtils.copyDirectory(APP, copy);
        File xml = new File(copy, "workflow.xml");
        Files.writeString(xml.toPath(), workflow.apply(Files.readString(xml.toPath()))
                .replaceAll("retry-interval=\"\\d+\"", "retry-interval=\"0\""));
        hadoopJar.run("deploy-app", "--app", copy.getAbsolutePath(), "--to", "/apps/" + name);
        return cluster.nameNode() + "/apps/" + name;
    }

    /**
     * The workflow from its register-partitions action on: to its end with {@code next} = "end" (the action alone, a kill
     * node with the workflow's message), or with {@code next} = "quality-checks" through the checks, the decision and
     * the done-flag as in the real workflow.
     */
    private static String registrationThen(String workflow, String next) {
        String start = "<start to=\"warehouse-apply\"/>";
        assertTrue(workflow.contains(start), "the workflow starts with warehouse-apply");
        if (next.equals("quality-checks")) {
            // Oozie refuses unreachable nodes: keep the nodes from register-partitions on, drop those before it.
            int from = workflow.indexOf("<action name=\"warehouse-apply\"");
            int to = workflow.indexOf("<action name=\"register-partitions\"");
            return workflow.substring(0, from).replace(start, "<start to=\"register-partitions\"/>") + workflow.substring(to);
        }
        int action = workflow.indexOf("<action name=\"register-partitions\"");
        String register = workflow.substring(action, workflow.indexOf("</action>", action) + "</action>".length())
                .replace("<ok to=\"quality-checks\"/>", "<ok to=\"end\"/>").replace("<error to=\"notify-failure\"/>", "<error to=\"failed\"/>");
        int kill = workflow.indexOf("<kill name=\"failed\">");
        return workflow.substring(0, workflow.indexOf(start)) + "<start to=\"register-partitions\"/>\n" + register + "\n"
                + workflow.substring(kill, workflow.indexOf("</kill>", kill) + "</kill>".length()) + "\n<end name=\"end\"/>\n</workflow-app>\n";
    }

    /** Submits the workflow at {@code appPath} for {@code day} and waits until it has ended. */
    private static WorkflowJob runWorkflow(String appPath, LocalDate day, String hiveJdbcUrl, String... overrides) throws Exception {
        java.util.Properties job = runs.submission();
        job.setProperty(org.apache.oozie.client.OozieClient.APP_PATH, appPath);
        job.setProperty("dt", day.toString());
        job.setProperty("hiveJdbcUrl", hiveJdbcUrl);
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            job.setProperty(overrides[i], overrides[i + 1]);
        }
        String id = cluster.oozie().run(job);
        long deadline = System.currentTimeMillis() + 20 * 60_000;
        while (System.currentTimeMillis() < deadline) {
            WorkflowJob run = cluster.oozie().getJobInfo(id);
            if (run.getStatus() != WorkflowJob.Status.RUNNING && run.getStatus() != WorkflowJob.Status.PREP) {
                return run;
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("workflow " + id + " still running after 20 min:\n" + describe(cluster.oozie().getJobInfo(id)));
    }

    /** No launcher and no MapReduce job is left running once Oozie says the workflow ended (child job tags). */
    private static void assertNoApplicationStillRunning() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        List<ApplicationReport> running;
        do {
            Thread.sleep(2000);
            running = yarnApplications().stream().filter(a -> switch (a.getYarnApplicationState()) {
                case FINISHED, FAILED, KILLED -> false;
                default -> true;
            }).toList();
        } while (!running.isEmpty() && System.currentTimeMillis() < deadline);
        assertTrue(running.isEmpty(), "still running a minute after the workflow ended:\n" + names(running));
    }

    /** Each action's wall time per day, as Oozie recorded it, for docs/benchmarks.md. */
    private static void writeActionTimes(List<WorkflowJob> days, File out) throws Exception {
        StringBuilder table = new StringBuilder("| action |");
        days.forEach(d -> table.append(' ').append(d.getAppName().replace("clickstream-daily-", "")).append(" |"));
        table.append("\n|---|").append("---:|".repeat(days.size())).append('\n');
        for (WorkflowAction action : days.get(0).getActions()) {
            if (action.getName().startsWith(":") || action.getType().equals(":FORK:") || action.getType().equals(":JOIN:")) {
                continue;
            }
            table.append("| ").append(action.getName()).append(" (").append(action.getType()).append(") |");
            for (WorkflowJob day : days) {
                WorkflowAction same = day.getActions().stream().filter(a -> a.getName().equals(action.getName())).findFirst().orElse(null);
                table.append(same == null || same.getEndTime() == null ? " — |" : String.format(java.util.Locale.ROOT, " %.1f s |",
                        (same.getEndTime().getTime() - same.getStartTime().getTime()) / 1000.0));
            }
            table.append('\n');
        }
        days.forEach(d -> table.append(String.format(java.util.Locale.ROOT, "%nworkflow %s: %.0f s", d.getAppName(),
                (d.getEndTime().getTime() - d.getStartTime().getTime()) / 1000.0)));
        Files.writeString(out.toPath(), table.append('\n').toString());
        System.out.print(table);
    }

    private static String describe(WorkflowJob run) {
        StringBuilder out = new StringBuilder();
        out.append(run.getAppName()).append(' ').append(run.getStatus()).append('\n');
        for (WorkflowAction a : run.getActions()) {
            out.append(String.format("  %-22s %-10s retries %d/%d %s %s%n", a.getName(), a.getStatus(), a.getUserRetryCount(),
                    a.getUserRetryMax(), a.getErrorCode(), a.getErrorMessage()));
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
