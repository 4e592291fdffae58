package io.clickstream.cluster;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code hadoop jar clickstream-jobs-job.jar COMMAND ...} as an operator runs it: the shaded job jar from the
 * deployed application's lib/, in front of the cluster's own class path, in a JVM of its own.
 */
public final class HadoopJar {

    private final File jobJar;
    private final File hadoopConf;
    private final File logDir;

    public HadoopJar(File jobJar, File hadoopConf, File logDir) {
        this.jobJar = jobJar;
        this.hadoopConf = hadoopConf;
        this.logDir = logDir;
        logDir.mkdirs();
    }

    /** Runs the command against the cluster (generic option -conf); returns its output, or fails with it. */
    public String run(String command, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("-conf", new File(hadoopConf, "core-site.xml").getAbsolutePath()));
        all.addAll(List.of(args));
        return runLocally(command, all.toArray(String[]::new));
    }

    /** Runs the command with no cluster configuration (e.g. generating sample data into a local directory). */
    public String runLocally(String command, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g"));
        cmd.addAll(List.of(ClusterInABox.jdk17Opens().split(" ")));
        cmd.addAll(List.of("-cp", jobJar.getAbsolutePath() + File.pathSeparator + System.getProperty("java.class.path"),
                "io.clickstream.Main", command));
        cmd.addAll(List.of(args));
        cmd.removeIf(String::isEmpty);
        return Commands.run(cmd, logDir, Map.of(), new File(logDir, command + "-" + System.nanoTime() + ".log"), 10);
    }
}
