package io.clickstream.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.oozie.WarehouseRecords;
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
 * hive2 registration against HiveServer2 in its own process; and a streamed hour through the hourly workflow.
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

    private static final File QUERY_DIR = new File(BASE, "queries");
    private static final String[] QUERY_VARS = {"--hivevar", "from=" + FIRST, "--hivevar", "to=" + FIRST.plusDays(DAYS - 1),
        "--hivevar", "dt=" + FIRST.plusDays(DAYS - 1), "--hivevar", "limit=20"};

    private static ClusterInABox cluster;
    private static HadoopJar hadoopJar;
    private static DailyRuns runs;
    private static Path warehouse;
    private static WorkflowVariants variants;
    private static com.icegreen.greenmail.util.GreenMail smtp;

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

        smtp = new com.icegreen.greenmail.util.GreenMail(com.icegreen.greenmail.util.ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        System.setProperty(OozieEngine.SMTP_PORT, String.valueOf(smtp.getSmtp().getPort()));
        cluster = ClusterInABox.start(new File(BASE, "cluster"));
        hadoopJar = new HadoopJar(JOB_JAR, cluster.hadoopConfDir(), commands);
        hadoopJar.run("deploy-app", "--app", APP.getAbsolutePath(), "--to", ClusterInABox.APP_PATH);
        warehouse = cluster.fileSystem().makeQualified(new Path("/data/clickstream"));
        runs = new DailyRuns(cluster, APP, warehouse);
        runs.land(hadoopJar, SPOOL, FIRST, DAYS);
        variants = new WorkflowVariants(cluster, hadoopJar, runs, APP, BASE);
        laptopRun.get();
    }

    @AfterAll
    static void stopTheCluster() {
        if (cluster != null) {
            cluster.close();
        }
        if (smtp != null) {
            smtp.stop();
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
            assertEquals(WorkflowJob.Status.SUCCEEDED, run.getStatus(), () -> run.getAppName() + "\n" + describe(run));
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
        for (String query : QUERIES) {
            File laptopCsv = new File(QUERY_DIR, query + ".laptop.csv");
            Launcher.run(warehouseCli(), QUERY_DIR, 5, concat(new String[] {"query", query, "--warehouse", SPOOL.toURI().toString(),
                "--metastore", LAPTOP_METASTORE.getAbsolutePath(), "--csv", laptopCsv.getAbsolutePath()}, QUERY_VARS));
            List<String> expected = Files.readAllLines(laptopCsv.toPath());
            assertTrue(expected.size() > 1, query + " has rows on the laptop: " + expected);
            assertEquals(expected, queryOnTheCluster(query), query);
        }
    }

    /** The query's CSV over the HiveServer2 process, with every variable a query may need: a range, its last day, a limit. */
    private static List<String> queryOnTheCluster(String query) throws Exception {
        File csv = new File(QUERY_DIR, query + ".cluster-" + System.nanoTime() + ".csv");
        Launcher.run(warehouseCli(), QUERY_DIR, 5, concat(new String[] {"query", query, "--warehouse", warehouse.toString(),
            "--jdbc-url", cluster.hiveJdbcUrl(), "--csv", csv.getAbsolutePath()}, QUERY_VARS));
        return Files.readAllLines(csv.toPath());
    }

    private static File warehouseCli() {
        return new File(new File(System.getProperty("clickstream.hiveserver2")).getParentFile(), "warehouse");
    }

    @Test
    @Order(4)
    void aFailingActionIsRetriedThenTakesTheKillPathWithTheOperatorsMessageAndLeavesNoJobRunning() throws Exception {
        LocalDate bad = FIRST.plusDays(DAYS);
        File spool = new File(BASE, "bad-day");
        DailyRuns.generate(hadoopJar, spool, bad, 1, 2000, 0.6);
        runs.land(hadoopJar, spool, bad, 1);
        // The deployed clean-access-logs action alone (the other stages would only add minutes), its retry intervals
        // (minutes, literal in the XML) at zero for the test's sake.
        String app = variants.deploy("clickstream-retry-now", w -> WorkflowVariants.actionAlone(w, "clean-access-logs"));

        WorkflowJob run = variants.run(app, bad);

        assertEquals(WorkflowJob.Status.KILLED, run.getStatus(), () -> describe(run));
        WorkflowAction failed = action(run, "clean-access-logs");
        assertEquals(WorkflowAction.Status.ERROR, failed.getStatus(), () -> describe(run));
        String message = String.valueOf(failed.getErrorMessage());
        assertTrue(message.startsWith("clean-access-logs for dt=" + bad + ": ") && message.contains("% of records quarantined")
                && !message.contains("exit code ["), "the command's own line, not Oozie's exit-code text: " + message);
        assertEquals(2, failed.getUserRetryCount(), () -> "retried twice: " + describe(run));
        assertEquals(2, failed.getUserRetryMax(), () -> describe(run));
        // Oozie's email action sent the alert through the SMTP server, then the kill message names the node and its line.
        assertEquals(WorkflowAction.Status.OK, action(run, "notify-failure").getStatus(), () -> describe(run));
        javax.mail.internet.MimeMessage alert = java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> subject(m).equals("clickstream-daily dt=" + bad + ": clean-access-logs failed")).findFirst()
                .orElseThrow(() -> new AssertionError("no alert for dt=" + bad + " among " + smtp.getReceivedMessages().length));
        String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(alert);
        assertTrue(body.contains("Error: " + message.substring(0, Math.min(message.length(), 200))), body);
        assertTrue(body.contains("Run report: Oozie's console"), body);
        String kill = String.valueOf(action(run, "failed").getErrorMessage());
        String start = "clickstream-daily dt=" + bad + ": node clean-access-logs failed: [" + message;
        assertTrue(kill.startsWith(start.substring(0, Math.min(start.length(), 400))), "kill message: " + kill);
        assertNoApplicationStillRunning();
        assertTrue(!cluster.fileSystem().exists(new Path(warehouse, "published/dt=" + bad)), "nothing published");
    }

    @Test
    @Order(5)
    void aRegistrationThatReachesNoServerFailsAndARerunOfTheDayPublishesIt() throws Exception {
        // The same action succeeded with good parameters in every day of the first test.
        String registerOnly = variants.deploy("clickstream-register-only", WorkflowVariants::registrationOnly);
        WorkflowJob badPath = variants.run(registerOnly, FIRST, "warehouse", warehouse + "/it's");
        assertEquals(WorkflowJob.Status.KILLED, badPath.getStatus(), () -> "a path that cannot go into HQL:\n" + describe(badPath));

        // A day analysts do not see yet: the first day's partitions dropped from Hive (the data stays), its done-flag removed.
        dropPartitions(FIRST);
        cluster.fileSystem().delete(new Path(warehouse, "published/dt=" + FIRST), true);
        String fromRegistration = variants.deploy("clickstream-from-registration", WorkflowVariants::fromRegistration);
        String nobody = "jdbc:hive2://127.0.0.1:" + HiveServer2Process.freePort() + "/default";
        WorkflowJob serverDown = variants.run(fromRegistration, FIRST, "hiveJdbcUrl", nobody);

        assertEquals(WorkflowJob.Status.KILLED, serverDown.getStatus(), () -> "registration to no server:\n" + describe(serverDown));
        WorkflowAction register = action(serverDown, "register-partitions");
        assertEquals(WorkflowAction.Status.ERROR, register.getStatus(), () -> describe(serverDown));
        assertTrue(String.valueOf(register.getErrorMessage()).contains(nobody), () -> describe(serverDown));
        assertTrue(String.valueOf(action(serverDown, "failed").getErrorMessage())
                .startsWith("clickstream-daily dt=" + FIRST + ": node register-partitions failed: [warehouse register: Hive: "),
                () -> describe(serverDown));
        assertTrue(!cluster.fileSystem().exists(new Path(warehouse, "published/dt=" + FIRST)), "nothing published");

        // The operator fixes the address and reruns the day: registered for audit, checked, published.
        WorkflowJob rerun = variants.rerun(serverDown.getId(), fromRegistration, FIRST, "hiveJdbcUrl", cluster.hiveJdbcUrl());
        assertEquals(WorkflowJob.Status.SUCCEEDED, rerun.getStatus(), () -> "the rerun:\n" + describe(rerun));
        assertEquals(WorkflowAction.Status.OK, action(rerun, "publish").getStatus(), () -> describe(rerun));
        assertTrue(cluster.fileSystem().exists(new Path(warehouse, "published/dt=" + FIRST + "/_SUCCESS")), "published by the rerun");
        assertEquals(Files.readAllLines(new File(QUERY_DIR, "visitors_per_day.laptop.csv").toPath()),
                queryOnTheCluster("visitors_per_day"), "the rerun day's figures");
    }

    @Test
    @Order(6)
    void killingARunningWorkflowKillsItsLauncherAndTheMapReduceJobItStarted() throws Exception {
        String id = variants.submit(cluster.nameNode() + ClusterInABox.APP_PATH, FIRST.plusDays(1));
        long deadline = System.currentTimeMillis() + 10 * 60_000;
        ApplicationReport child = null;
        while (child == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(1000);
            child = yarnApplications().stream().filter(a -> a.getApplicationType().equals("MAPREDUCE")
                    && a.getYarnApplicationState() == org.apache.hadoop.yarn.api.records.YarnApplicationState.RUNNING
                    && a.getName().endsWith("dt=" + FIRST.plusDays(1))).findFirst().orElse(null);
        }
        if (child == null) {
            throw new AssertionError("no MapReduce job of the day started:\n" + describe(cluster.oozie().getJobInfo(id)));
        }

        cluster.oozie().kill(id);

        assertEquals(WorkflowJob.Status.KILLED, variants.awaitEnd(id).getStatus());
        assertNoApplicationStillRunning();
    }

    /**
     * The hourly workflow ({@code hourly/workflow.xml}, as its coordinator starts it) on the engine: a streamed hour
     * holding the first day's raw files is cleaned on YARN and registered in {@code clean_hourly}, where it holds as
     * many page views as the laptop's run of the whole day (the same lines).
     */
    @Test
    @Order(7)
    void anHourRunsThroughTheHourlyWorkflowOnYarnAndIsQueryableByTheHour() throws Exception {
        FileSystem fs = cluster.fileSystem();
        for (String source : List.of("access_logs", "events")) {
            Path hour = new Path(warehouse, "raw/" + source + "/dt=" + FIRST + "/hour=07");
            for (File file : new File(SPOOL, "raw/" + source + "/dt=" + FIRST).listFiles(f -> !f.getName().startsWith("_"))) {
                fs.copyFromLocalFile(new Path(file.toURI()), new Path(hour, file.getName()));
            }
            fs.create(new Path(hour, "_SUCCESS")).close();
        }
        String app = cluster.nameNode() + ClusterInABox.APP_PATH;

        WorkflowJob run = variants.run(app + "/hourly", FIRST, "hour", "07", "oozie.libpath", app + "/lib");

        assertEquals(WorkflowJob.Status.SUCCEEDED, run.getStatus(), () -> describe(run));
        List<ApplicationReport> apps = yarnApplications();
        for (String stage : List.of("clean-access-logs", "clean-events")) {
            String name = stage + " dt=" + FIRST + " hour=07";
            assertTrue(apps.stream().anyMatch(a -> a.getName().startsWith(name) && a.getApplicationType().equals("MAPREDUCE")),
                    name + " ran as a YARN application:\n" + names(apps));
        }
        File script = new File(BASE, "hour.hql");
        Files.writeString(script.toPath(), "SELECT 'page_views' AS dataset, COUNT(*) AS n FROM clean_hourly.page_views WHERE dt = '"
                + FIRST + "' AND hour = '07'\nUNION ALL SELECT 'events', COUNT(*) FROM clean_hourly.events WHERE dt = '" + FIRST
                + "' AND hour = '07';\n");
        File hourCsv = new File(QUERY_DIR, "hour.cluster.csv");
        Launcher.run(warehouseCli(), QUERY_DIR, 5, "query", script.getAbsolutePath(), "--warehouse", warehouse.toString(),
                "--jdbc-url", cluster.hiveJdbcUrl(), "--csv", hourCsv.getAbsolutePath());
        File dayScript = new File(BASE, "day.hql");
        Files.writeString(dayScript.toPath(), "SELECT COUNT(*) FROM clean.page_views WHERE dt = '" + FIRST + "';\n");
        File dayCsv = new File(QUERY_DIR, "day.laptop.csv");
        Launcher.run(warehouseCli(), QUERY_DIR, 5, "query", dayScript.getAbsolutePath(), "--warehouse",
                SPOOL.toURI().toString(), "--metastore", LAPTOP_METASTORE.getAbsolutePath(), "--csv", dayCsv.getAbsolutePath());
        Map<String, Long> hour = Files.readAllLines(hourCsv.toPath()).stream().skip(1).map(l -> l.split(","))
                .collect(Collectors.toMap(r -> r[0], r -> Long.parseLong(r[1])));
        long day = Long.parseLong(Files.readAllLines(dayCsv.toPath()).get(1));
        assertTrue(day > 1000, "the laptop's day: " + day);
        assertEquals(Map.of("page_views", day), Map.of("page_views", hour.get("page_views")),
                "the hour's page views, queried by the hour, are the day's: " + hour);
        assertTrue(hour.get("events") > 100, "and its events: " + hour);
    }

    private static String subject(javax.mail.internet.MimeMessage message) {
        try {
            return message.getSubject();
        } catch (javax.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WorkflowAction action(WorkflowJob run, String name) {
        return run.getActions().stream().filter(a -> a.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no node " + name + " ran:\n" + describe(run)));
    }

    /** Drops the day's partition of every table in the HiveServer2 process (external tables: the data stays). */
    private static void dropPartitions(LocalDate day) throws Exception {
        File script = new File(BASE, "drop-" + day + ".hql");
        StringBuilder hql = new StringBuilder();
        // Every table is a dataset directory of its zone on HDFS.
        for (String zone : ZONES) {
            for (org.apache.hadoop.fs.FileStatus dataset : cluster.fileSystem().listStatus(new Path(warehouse, zone))) {
                if (!dataset.getPath().getName().startsWith(".")) {
                    hql.append("ALTER TABLE ").append(zone).append('.').append(dataset.getPath().getName())
                            .append(" DROP IF EXISTS PARTITION (dt='").append(day).append("');\n");
                }
            }
        }
        Files.writeString(script.toPath(), hql.append("SHOW PARTITIONS clean.page_views;\n").toString());
        Launcher.run(warehouseCli(), QUERY_DIR, 5, "query", script.getAbsolutePath(), "--warehouse", warehouse.toString(),
                "--jdbc-url", cluster.hiveJdbcUrl(), "--csv", new File(QUERY_DIR, "dropped.csv").getAbsolutePath());
    }

    private static String[] concat(String[] a, String[] b) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray(String[]::new);
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
