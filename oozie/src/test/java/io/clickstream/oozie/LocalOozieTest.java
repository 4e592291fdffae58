package io.clickstream.oozie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.time.LocalDate;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.oozie.client.CoordinatorAction;
import org.apache.oozie.client.OozieClient;
import org.apache.oozie.local.LocalOozie;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The definitions on a real, local in-process Oozie server (no YARN): the coordinator's materialisation and
 * done-flag waiting, and the workflow's control flow (fork, join, decision, kill) with its actions stood in by
 * fs actions.
 */
class LocalOozieTest {

    private static final File APP = new File("src/main/app").getAbsoluteFile();

    @TempDir
    static File tmp;

    @BeforeAll
    static void startOozie() throws Exception {
        OozieParser.stop();
        File conf = new File(tmp, "conf");
        new File(conf, "action-conf").mkdirs();
        File hadoopConf = new File(tmp, "hadoop-conf");
        hadoopConf.mkdirs();
        Files.writeString(new File(hadoopConf, "core-site.xml").toPath(), "<configuration><property><name>fs.defaultFS</name>"
                + "<value>file:///</value></property></configuration>");
        Files.writeString(new File(conf, "oozie-site.xml").toPath(), "<configuration>"
                + property("oozie.service.HadoopAccessorService.hadoop.configurations", "*=" + hadoopConf.getAbsolutePath())
                + property("oozie.service.HadoopAccessorService.supported.filesystems", "*")
                + property("oozie.service.JPAService.jdbc.url", "jdbc:derby:" + new File(tmp, "oozie-db").getAbsolutePath()
                        + ";create=true")
                + property("oozie.service.JPAService.create.db.schema", "true")
                + property("oozie.service.WorkflowAppService.system.libpath", new File(tmp, "share").toURI().toString())
                // Materialise and check inputs every second or two, so the test need not wait minutes.
                + property("oozie.service.CoordMaterializeTriggerService.lookup.interval", "2")
                + property("oozie.service.CoordMaterializeTriggerService.scheduling.interval", "1")
                + property("oozie.service.coord.input.check.requeue.interval", "1000")
                + property("oozie.service.coord.default.max.timeout", "10")
                + "</configuration>");
        new File(tmp, "share/lib").mkdirs();
        for (String name : new String[] {"home", "data", "log"}) {
            File d = new File(tmp, name);
            d.mkdirs();
            System.setProperty("oozie." + name + ".dir", d.getAbsolutePath());
        }
        System.setProperty("oozie.config.dir", conf.getAbsolutePath());
        LocalOozie.start();
    }

    @AfterAll
    static void stopOozie() {
        LocalOozie.stop();
    }

    private static String property(String name, String value) {
        return "<property><name>" + name + "</name><value>" + value + "</value></property>";
    }

    @Test
    void eachDayWaitsForItsOwnRawPartitionsAndWritesItsPublishedFlag() throws Exception {
        OozieClient client = LocalOozie.getCoordClient();
        String warehouse = new File(tmp, "warehouse").toURI().toString().replaceFirst("/$", "");
        // A dry run materialises the first action of the range: one range per day shows each day's action.
        for (LocalDate nominal = LocalDate.of(2026, 11, 9); nominal.isBefore(LocalDate.of(2026, 11, 12));
                nominal = nominal.plusDays(1)) {
            Properties job = client.createConfiguration();
            job.setProperty(OozieClient.COORDINATOR_APP_PATH, new File(APP, "coordinator.xml").toURI().toString());
            job.setProperty("start", nominal + "T00:00Z");
            job.setProperty("end", nominal.plusDays(1) + "T00:00Z");
            job.setProperty("datasetStart", "2026-01-01T00:00Z");
            job.setProperty("warehouse", warehouse);
            job.setProperty("appPath", APP.toURI().toString());
            job.setProperty("alertEmail", "oncall@example.com");

            String plan = client.dryrun(job);

            String day = nominal.minusDays(1).toString();
            assertEquals(1, countOf(plan, "action-nominal-time=\"" + nominal + "T00:00Z\""), plan);
            for (String source : List.of("access_logs", "events", "customers", "products")) {
                assertTrue(plan.contains(warehouse + "/raw/" + source + "/dt=" + day), source + " " + day + "\n" + plan);
            }
            assertTrue(plan.contains(warehouse + "/published/dt=" + day), plan);
            assertTrue(!plan.contains("/dt=" + nominal + "<") && !plan.contains("/dt=" + nominal + "\""),
                    "the action for " + nominal + " reads the day before it, not its own\n" + plan);
            assertTrue(plan.contains("<done-flag>_SUCCESS</done-flag>"), plan);
        }
    }

    @Test
    void anActionWaitsUntilEverySourceHasItsDoneFlag() throws Exception {
        OozieClient client = LocalOozie.getCoordClient();
        File warehouse = new File(tmp, "waiting-warehouse");
        Properties job = client.createConfiguration();
        job.setProperty(OozieClient.COORDINATOR_APP_PATH, new File(APP, "coordinator.xml").toURI().toString());
        job.setProperty("start", "2026-11-02T00:00Z");
        job.setProperty("end", "2026-11-03T00:00Z");
        job.setProperty("datasetStart", "2026-01-01T00:00Z");
        job.setProperty("warehouse", warehouse.toURI().toString().replaceFirst("/$", ""));
        job.setProperty("appPath", APP.toURI().toString());
        job.setProperty("alertEmail", "oncall@example.com");
        // What the workflow declares as parameters: without them the action fails with E0738 once it starts.
        job.setProperty("nameNode", "file:///");
        job.setProperty("resourceManager", "localhost:8032");
        job.setProperty("hiveJdbcUrl", "jdbc:hive2://");
        String id = client.run(job);

        List<String> sources = List.of("access_logs", "events", "customers", "products");
        for (String source : sources.subList(0, 3)) {
            land(warehouse, source);
        }
        CoordinatorAction waiting = firstAction(client, id, a -> a.getStatus() == CoordinatorAction.Status.WAITING
                && a.getMissingDependencies() != null && !a.getMissingDependencies().contains("access_logs"), 20_000);
        assertEquals(CoordinatorAction.Status.WAITING, waiting.getStatus(), "three of four sources landed: the day waits");
        assertTrue(waiting.getMissingDependencies().contains("/raw/products/dt=2026-11-01")
                && !waiting.getMissingDependencies().contains("/raw/events/"), "it waits for products only: "
                + waiting.getMissingDependencies());
        land(warehouse, sources.get(3));
        CoordinatorAction started = firstAction(client, id, a -> a.getStatus() != CoordinatorAction.Status.WAITING, 20_000);
        assertTrue(Set.of(CoordinatorAction.Status.READY, CoordinatorAction.Status.SUBMITTED,
                CoordinatorAction.Status.RUNNING).contains(started.getStatus()),
                "every done-flag there: the action starts its workflow (" + started.getStatus() + ")");
        client.kill(id);
    }

    @Test
    void eachStreamedHourWaitsForItsTwoRawHoursAndRunsTheHourBeforeItsNominalTime() throws Exception {
        OozieClient client = LocalOozie.getCoordClient();
        File warehouse = new File(tmp, "hourly-warehouse");
        String root = warehouse.toURI().toString().replaceFirst("/$", "");
        Properties job = streamingJob(client, "hourly/coordinator.xml", root);
        job.setProperty("hourlyStart", "2026-11-10T00:00Z");
        job.setProperty("end", "2026-11-10T01:00Z");
        String plan = client.dryrun(job);
        assertEquals(1, countOf(plan, "action-nominal-time=\"2026-11-10T00:00Z\""), plan);
        for (String dataset : List.of("raw/access_logs/", "raw/events/", "clean/page_views/", "clean/events/")) {
            assertTrue(plan.contains(root + "/" + dataset + "dt=2026-11-09/hour=23"), dataset + "\n" + plan);
        }

        String id = client.run(job);
        flag(new File(warehouse, "raw/access_logs/dt=2026-11-09/hour=23"));
        CoordinatorAction waiting = firstAction(client, id, a -> a.getStatus() == CoordinatorAction.Status.WAITING
                && a.getMissingDependencies() != null && !a.getMissingDependencies().contains("access_logs"), 20_000);
        assertEquals(CoordinatorAction.Status.WAITING, waiting.getStatus(), "one raw hour of two closed: the hour waits");
        flag(new File(warehouse, "raw/events/dt=2026-11-09/hour=23"));
        String conf = workflowConf(client, id);
        assertTrue(conf.matches("(?s).*<name>dt</name>\\s*<value>2026-11-09</value>.*")
                && conf.matches("(?s).*<name>hour</name>\\s*<value>23</value>.*"),
                "the workflow runs the hour before the nominal time: " + conf);
        client.kill(id);
    }

    @Test
    void aStreamedDayWaitsForAll24OfItsHoursAndStartsWithTheLast() throws Exception {
        OozieClient client = LocalOozie.getCoordClient();
        File warehouse = new File(tmp, "streamed-warehouse");
        Properties job = streamingJob(client, "daily-streamed/coordinator.xml",
                warehouse.toURI().toString().replaceFirst("/$", ""));
        job.setProperty("streamedStart", "2026-11-01T23:00Z");
        job.setProperty("end", "2026-11-02T23:00Z");
        String plan = client.dryrun(job);
        for (String dataset : List.of("page_views", "events")) {
            for (int hour = 0; hour < 24; hour++) {
                assertTrue(plan.contains(String.format("/clean/%s/dt=2026-11-01/hour=%02d", dataset, hour)), dataset
                        + " hour " + hour + "\n" + plan);
            }
            assertFalse(plan.contains("/clean/" + dataset + "/dt=2026-10-31") || plan.contains("/clean/" + dataset
                    + "/dt=2026-11-02"), "only the day's own hours\n" + plan);
        }

        String id = client.run(job);
        for (String source : List.of("customers", "products")) {
            land(warehouse, source);
        }
        for (int hour = 0; hour < 23; hour++) {
            for (String dataset : List.of("page_views", "events")) {
                flagHour(warehouse, dataset, hour);
            }
        }
        flagHour(warehouse, "page_views", 23);
        CoordinatorAction waiting = firstAction(client, id, a -> a.getStatus() == CoordinatorAction.Status.WAITING
                && a.getMissingDependencies() != null && !a.getMissingDependencies().contains("page_views"), 20_000);
        assertEquals(CoordinatorAction.Status.WAITING, waiting.getStatus(), "47 of 48 hours flagged: the day waits");
        // Oozie lists what it has not yet seen, from the first missing instance on (the day's last hour comes first).
        assertTrue(waiting.getMissingDependencies().startsWith(new File(warehouse, "clean/events/dt=2026-11-01/hour=23")
                .toURI().toString().replaceFirst("/$", "") + "/_SUCCESS#"), waiting.getMissingDependencies());
        flagHour(warehouse, "events", 23);
        CoordinatorAction started = firstAction(client, id, a -> a.getStatus() != CoordinatorAction.Status.WAITING, 20_000);
        assertTrue(Set.of(CoordinatorAction.Status.READY, CoordinatorAction.Status.SUBMITTED,
                CoordinatorAction.Status.RUNNING).contains(started.getStatus()), started.getStatus().toString());
        String conf = workflowConf(client, id);
        assertTrue(conf.matches("(?s).*<name>dt</name>\\s*<value>2026-11-01</value>.*"),
                "the workflow runs the day of the 24 hours: " + conf);
        client.kill(id);
    }

    @Test
    void thePullsComeEveryFewMinutes() throws Exception {
        OozieClient client = LocalOozie.getCoordClient();
        Properties job = streamingJob(client, "pull/coordinator.xml", new File(tmp, "pull-warehouse").toURI().toString());
        job.setProperty("pullStart", "2026-11-10T10:00Z");
        job.setProperty("end", "2026-11-10T10:30Z");
        job.setProperty("pullMinutes", "5");
        String plan = client.dryrun(job);
        assertTrue(plan.contains("action-nominal-time=\"2026-11-10T10:00Z\""), plan);
        assertTrue(plan.contains("<frequency>5</frequency>") || plan.contains("frequency=\"5\""), plan);
    }

    /** The configuration of the workflow the coordinator's first action started, its EL resolved by Oozie. */
    private static String workflowConf(OozieClient client, String id) throws Exception {
        CoordinatorAction started = firstAction(client, id, a -> a.getExternalId() != null, 20_000);
        assertTrue(started.getExternalId() != null, "the action started a workflow: " + started.getStatus());
        return LocalOozie.getClient().getJobInfo(started.getExternalId()).getConf();
    }

    private static Properties streamingJob(OozieClient client, String coordinator, String warehouse) {
        Properties job = client.createConfiguration();
        job.setProperty(OozieClient.COORDINATOR_APP_PATH, new File(APP, coordinator).toURI().toString());
        job.setProperty("datasetStart", "2026-01-01T00:00Z");
        job.setProperty("warehouse", warehouse);
        job.setProperty("appPath", APP.toURI().toString());
        job.setProperty("alertEmail", "oncall@example.com");
        job.setProperty("nameNode", "file:///");
        job.setProperty("resourceManager", "localhost:8032");
        job.setProperty("hiveJdbcUrl", "jdbc:hive2://");
        return job;
    }

    private static void flagHour(File warehouse, String dataset, int hour) throws java.io.IOException {
        flag(new File(warehouse, String.format("clean/%s/dt=2026-11-01/hour=%02d", dataset, hour)));
    }

    private static void flag(File partition) throws java.io.IOException {
        partition.mkdirs();
        new File(partition, "_SUCCESS").createNewFile();
    }

    @Test
    void theWorkflowsForkJoinDecisionAndKillRunOnTheRealEngine() throws Exception {
        // java/hive2/email actions need a cluster; an fs action that leaves a trace stands in for each.
        String workflow = Files.readString(new File(APP, "workflow.xml").toPath());
        java.util.regex.Matcher action = java.util.regex.Pattern.compile(
                "(<action name=\"([^\"]+)\"[^>]*>)\\s*<(java|hive2|email)\\b.*?</\\3>", java.util.regex.Pattern.DOTALL)
                .matcher(workflow);
        StringBuilder derived = new StringBuilder();
        while (action.find()) {
            action.appendReplacement(derived, java.util.regex.Matcher.quoteReplacement(action.group(1)
                    + "<fs><mkdir path=\"${warehouse}/trace/" + action.group(2) + "\"/></fs>"));
        }
        action.appendTail(derived);
        // Paths on this machine's file system carry their scheme; a name node would be prefixed to them.
        String control = derived.toString().replace("<name-node>${nameNode}</name-node>", "");
        File app = new File(tmp, "control-flow-app");
        app.mkdirs();
        Files.writeString(new File(app, "workflow.xml").toPath(), control);
        File warehouse = new File(tmp, "control-flow-warehouse");

        OozieClient client = LocalOozie.getClient();
        Properties job = client.createConfiguration();
        job.setProperty(OozieClient.APP_PATH, app.toURI().toString());
        for (String[] p : new String[][] {{"resourceManager", "localhost:8032"}, {"nameNode", "file:///"},
            {"queueName", "default"}, {"hiveJdbcUrl", "jdbc:hive2://"}, {"alertEmail", "oncall@example.com"},
            {"javaOpts", "-Xmx1g"}, {"dt", "2026-11-10"}}) {
            job.setProperty(p[0], p[1]);
        }
        job.setProperty("warehouse", warehouse.toURI().toString().replaceFirst("/$", ""));
        String id = client.run(job);
        long deadline = System.currentTimeMillis() + 60_000;
        while (client.getJobInfo(id).getStatus() == org.apache.oozie.client.WorkflowJob.Status.RUNNING
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }

        // No captured check results stand-ins: the decision takes the default, through the alert to the quality-failed kill.
        assertEquals(org.apache.oozie.client.WorkflowJob.Status.KILLED, client.getJobInfo(id).getStatus());
        String actions = client.getJobInfo(id).getActions().stream()
                .map(a -> a.getName() + "=" + a.getStatus() + " " + a.getErrorCode() + " " + a.getErrorMessage())
                .collect(java.util.stream.Collectors.joining("\n"));
        for (String node : List.of("warehouse-apply", "clean-access-logs", "clean-events", "reclean-late-events",
                "clean-customers", "clean-products", "reclean-late-page-views", "restate-previous-day", "sessionize", "customer-history", "orders", "marts",
                "register-partitions", "quality-checks", "alert-quality-failed")) {
            assertTrue(new File(warehouse, "trace/" + node).isDirectory(), node + " ran on the engine:\n" + actions);
        }
        assertTrue(!new File(warehouse, "published").exists() && !new File(warehouse, "trace/publish").exists(),
                "nothing published when the checks do not say failed=0");
        assertTrue(client.getJobInfo(id).getActions().stream().anyMatch(a -> a.getName().equals("quality-failed")),
                "the run ended in the quality-failed kill node");
    }

    private static void land(File warehouse, String source) throws java.io.IOException {
        File partition = new File(warehouse, "raw/" + source + "/dt=2026-11-01");
        partition.mkdirs();
        new File(partition, "_SUCCESS").createNewFile();
    }

    /** The job's first action once it satisfies {@code done}, polling; the last one seen when the deadline passes. */
    private static CoordinatorAction firstAction(OozieClient client, String id, Predicate<CoordinatorAction> done,
            long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        CoordinatorAction last = null;
        while (System.currentTimeMillis() < deadline) {
            var actions = client.getCoordJobInfo(id).getActions();
            last = actions.isEmpty() ? last : actions.get(0);
            if (last != null && done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        assertTrue(last != null, "no action materialised in " + millis + " ms");
        return last;
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
