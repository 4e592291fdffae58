package io.clickstream.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.commons.io.FileUtils;
import org.apache.oozie.client.OozieClient;
import org.apache.oozie.client.WorkflowJob;

/**
 * The deployed application with its workflow.xml rewritten for one failure path, deployed beside it; and single
 * workflow runs of it, submitted with the cluster's properties.
 */
final class WorkflowVariants {

    private static final String START = "<start to=\"warehouse-apply\"/>";

    private final ClusterInABox cluster;
    private final HadoopJar hadoopJar;
    private final DailyRuns runs;
    private final File app;
    private final File base;

    WorkflowVariants(ClusterInABox cluster, HadoopJar hadoopJar, DailyRuns runs, File app, File base) {
        this.cluster = cluster;
        this.hadoopJar = hadoopJar;
        this.runs = runs;
        this.app = app;
        this.base = base;
    }

    /**
     * Deploys the application with its workflow.xml passed through {@code workflow}; returns its path on HDFS. Its
     * retry intervals (minutes, literal in the XML) are set to zero, for the test's sake: the retries themselves stay.
     */
    String deploy(String name, UnaryOperator<String> workflow) throws Exception {
        File copy = new File(base, name);
        FileUtils.copyDirectory(app, copy);
        File xml = new File(copy, "workflow.xml");
        Files.writeString(xml.toPath(), workflow.apply(Files.readString(xml.toPath()))
                .replaceAll("retry-interval=\"\\d+\"", "retry-interval=\"0\""));
        hadoopJar.run("deploy-app", "--app", copy.getAbsolutePath(), "--to", "/apps/" + name);
        return cluster.nameNode() + "/apps/" + name;
    }

    /** The workflow from its register-partitions action on, through the checks, the decision, publish and the done-flag. */
    static String fromRegistration(String workflow) {
        // Oozie refuses unreachable nodes: keep the nodes from register-partitions on, drop those before it.
        return startingAt(workflow, "register-partitions") + workflow.substring(workflow.indexOf(element(workflow, "action",
                "register-partitions")));
    }

    /** The register-partitions action alone: OK ends the workflow, an error goes to the workflow's kill node. */
    static String registrationOnly(String workflow) {
        String register = element(workflow, "action", "register-partitions")
                .replace("<ok to=\"quality-checks\"/>", "<ok to=\"end\"/>").replace("<error to=\"notify-failure\"/>", "<error to=\"failed\"/>");
        return startingAt(workflow, "register-partitions") + register + "\n" + element(workflow, "kill", "failed") + "\n" + END;
    }

    /**
     * One action alone, as the deployed workflow defines it (its retries, its error transition): OK ends the
     * workflow, an error goes through the alert to the kill nodes.
     */
    static String actionAlone(String workflow, String name) {
        String action = element(workflow, "action", name).replaceFirst("<ok to=\"[^\"]+\"/>", "<ok to=\"end\"/>");
        assertTrue(action.contains("<error to=\"notify-failure\"/>"), name + " goes to the alert on error");
        return startingAt(workflow, name) + String.join("\n", action, element(workflow, "action", "notify-failure"),
                element(workflow, "kill", "failed"), element(workflow, "kill", "failed-unalerted"), END);
    }

    private static final String END = "<end name=\"end\"/>\n</workflow-app>\n";

    /** The workflow's head (parameters, global, credentials) and a start node pointing at {@code node}. */
    private static String startingAt(String workflow, String node) {
        assertTrue(workflow.contains(START), "the workflow starts with warehouse-apply");
        return workflow.substring(0, workflow.indexOf(START)) + "<start to=\"" + node + "\"/>\n";
    }

    /** The whole {@code <tag name="name">…</tag>} element. */
    private static String element(String workflow, String tag, String name) {
        int from = workflow.indexOf("<" + tag + " name=\"" + name + "\"");
        assertTrue(from >= 0, "the workflow has " + tag + " " + name);
        String close = "</" + tag + ">";
        return workflow.substring(from, workflow.indexOf(close, from) + close.length());
    }

    /** Submits the workflow at {@code appPath} for {@code day}; returns its id. */
    String submit(String appPath, LocalDate day, String... overrides) throws Exception {
        return cluster.oozie().run(properties(appPath, day, overrides));
    }

    /** Submits the workflow at {@code appPath} for {@code day} and waits until it has ended. */
    WorkflowJob run(String appPath, LocalDate day, String... overrides) throws Exception {
        return awaitEnd(submit(appPath, day, overrides));
    }

    /**
     * Reruns every node of an ended workflow with its submission's properties, some changed, as an operator does with
     * {@code oozie job -rerun ID -config job.properties -D oozie.wf.rerun.failnodes=false}.
     */
    WorkflowJob rerun(String id, String appPath, LocalDate day, String... overrides) throws Exception {
        Properties conf = properties(appPath, day, overrides);
        conf.setProperty(OozieClient.RERUN_FAIL_NODES, "false");
        cluster.oozie().reRun(id, conf);
        return awaitEnd(id);
    }

    private Properties properties(String appPath, LocalDate day, String... overrides) throws Exception {
        Properties job = runs.submission();
        job.setProperty(OozieClient.APP_PATH, appPath);
        job.setProperty("dt", day.toString());
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            job.setProperty(overrides[i], overrides[i + 1]);
        }
        return job;
    }

    WorkflowJob awaitEnd(String id) throws Exception {
        long deadline = System.currentTimeMillis() + 20 * 60_000;
        while (System.currentTimeMillis() < deadline) {
            WorkflowJob run = cluster.oozie().getJobInfo(id);
            if (run.getStatus() != WorkflowJob.Status.RUNNING && run.getStatus() != WorkflowJob.Status.PREP) {
                return run;
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("workflow " + id + " still running after 20 min");
    }
}
