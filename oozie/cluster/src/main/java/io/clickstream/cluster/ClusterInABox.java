package io.clickstream.cluster;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapred.MiniMRClientCluster;
import org.apache.hadoop.mapred.MiniMRClientClusterFactory;
import org.apache.oozie.client.OozieClient;
import org.apache.oozie.local.LocalOozie;

/**
 * HDFS, YARN, HiveServer2 and Oozie on loopback ports, in one command: a MiniDFSCluster (one datanode), a MiniYARN
 * cluster with two NodeManagers, HiveServer2 in its own JVM process, and Oozie's real engine (LocalOozie, oozie-core
 * 5.2.1) with the oozie and hive2 share libraries installed on HDFS in the layout {@code oozie-setup.sh sharelib
 * create} makes. Oozie's launchers and the jobs they submit run in YARN containers; the settings below are each the
 * fix for an error seen on this stack (shared stack facts, "Oozie's engine on a mini YARN cluster").
 */
public final class ClusterInABox implements AutoCloseable {

    /** The YARN queue the sample days run in. */
    public static final String QUEUE = "etl";

    /** Where the application is deployed on HDFS, as in the shipped cluster example. */
    public static final String APP_PATH = "/apps/clickstream";

    /** The share library's timestamped directory, as {@code oozie-setup.sh sharelib create} names it. */
    static final String SHARELIB_STAMP = "lib_20261201000000";

    private final MiniDFSCluster dfs;
    private final MiniMRClientCluster yarn;
    private final Configuration conf;
    private final File hadoopConfDir;
    private final MetastoreDatabase metastore;
    private final HiveServer2Process hive;

    private ClusterInABox(MiniDFSCluster dfs, MiniMRClientCluster yarn, File hadoopConfDir,
            MetastoreDatabase metastore, HiveServer2Process hive) throws IOException {
        this.dfs = dfs;
        this.yarn = yarn;
        this.conf = new Configuration(yarn.getConfig());
        this.hadoopConfDir = hadoopConfDir;
        this.metastore = metastore;
        this.hive = hive;
    }

    /** Starts everything under {@code base} with the build's share libraries, HiveServer2 launcher and metastore scripts. */
    public static ClusterInABox start(File base) throws Exception {
        return start(base, new File(required("clickstream.sharelib")), new File(required("clickstream.hiveserver2")),
                new File(required("clickstream.metastore-home")));
    }

    /** The Oozie application {@code mvn package} built (oozie/target/clickstream-oozie-app). */
    public static File application() {
        return new File(required("clickstream.app")).getAbsoluteFile();
    }

    /** The JDK packages Hadoop reflects into on Java 17 (the root pom's list), for every JVM started here. */
    public static String jdk17Opens() {
        return System.getProperty("jdk17.opens", "");
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (the build's launcher and tests set it)");
        }
        return value;
    }

    /**
     * Starts everything under {@code base}: {@code sharelib} holds one directory per share library
     * ({@code oozie/}, {@code hive2/}), {@code hiveServer2} is the launcher the hive module builds.
     */
    public static ClusterInABox start(File base, File sharelib, File hiveServer2, File metastoreHome) throws Exception {
        // Every start is a new cluster: HDFS is formatted, so a metastore or Oozie database left from the last one
        // would point at data that is gone.
        org.apache.hadoop.fs.FileUtil.fullyDelete(base);
        base.mkdirs();
        Configuration dfsConf = new Configuration();
        dfsConf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, new File(base, "dfs").getAbsolutePath());
        String user = System.getProperty("user.name");
        // Oozie submits as the workflow's user on its behalf (else E0803 "User: root is not allowed to impersonate").
        dfsConf.set("hadoop.proxyuser." + user + ".hosts", "*");
        dfsConf.set("hadoop.proxyuser." + user + ".groups", "*");
        MiniDFSCluster dfs = new MiniDFSCluster.Builder(dfsConf).numDataNodes(1).build();
        dfs.waitActive();

        Configuration yarnConf = new Configuration(dfs.getConfiguration(0));
        yarnConf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "99.5");
        // The launcher's AM and its child job's AM run at once: at the default share the child never starts.
        yarnConf.set("yarn.scheduler.capacity.maximum-am-resource-percent", "0.6");
        // A queue of its own for the pipeline, so that tests can tell it reaches the child jobs, not only the launchers.
        yarnConf.set("yarn.scheduler.capacity.root.queues", "default," + QUEUE);
        yarnConf.set("yarn.scheduler.capacity.root.default.capacity", "10");
        yarnConf.set("yarn.scheduler.capacity.root." + QUEUE + ".capacity", "90");
        yarnConf.set("yarn.scheduler.capacity.root.default.maximum-capacity", "100");
        yarnConf.set("yarn.scheduler.capacity.root." + QUEUE + ".maximum-capacity", "100");
        yarnConf.set("yarn.scheduler.capacity.root." + QUEUE + ".user-limit-factor", "2");
        yarnConf.setInt("yarn.nodemanager.resource.memory-mb", 6144);
        yarnConf.setInt("yarn.nodemanager.resource.cpu-vcores", 8);
        yarnConf.setInt("yarn.scheduler.minimum-allocation-mb", 256);
        yarnConf.setBoolean("yarn.nodemanager.pmem-check-enabled", false);
        yarnConf.setBoolean("yarn.nodemanager.vmem-check-enabled", false);
        yarnConf.setInt("yarn.app.mapreduce.am.resource.mb", 1024);
        yarnConf.setInt("mapreduce.map.memory.mb", 768);
        yarnConf.setInt("mapreduce.reduce.memory.mb", 768);
        // Finished containers' logs stay on the NodeManagers' disks, for the report of a failed test.
        yarnConf.setInt("yarn.nodemanager.delete.debug-delay-sec", 3600);
        // Heaps only: Java 17's --add-opens come from the workflow (taskJavaOpts), as a cluster's own site files
        // would not have them; the jobs' ApplicationMasters would exit with code 1 without them.
        yarnConf.set("yarn.app.mapreduce.am.command-opts", "-Xmx800m");
        yarnConf.set("mapreduce.map.java.opts", "-Xmx600m");
        yarnConf.set("mapreduce.reduce.java.opts", "-Xmx600m");
        yarnConf.setLong("mapreduce.client.completion.pollinterval", 200);
        MiniMRClientCluster yarn = MiniMRClientClusterFactory.create(ClusterInABox.class, 2, yarnConf);

        File hadoopConfDir = writeHadoopConf(new File(base, "hadoop-conf"), yarn.getConfig());
        MetastoreDatabase metastore = MetastoreDatabase.start(new File(base, "postgres"),
                new File(hiveServer2.getParentFile(), "hive-schematool"), metastoreHome);
        HiveServer2Process hive;
        try {
            hive = HiveServer2Process.start(hiveServer2, new File(base, "hiveserver2"), yarn.getConfig(), metastore.hiveSite());
        } catch (IOException | InterruptedException | RuntimeException e) {
            metastore.close();
            throw e;
        }
        ClusterInABox cluster = new ClusterInABox(dfs, yarn, hadoopConfDir, metastore, hive);
        try {
            ShareLib.install(cluster.fileSystem(), sharelib, cluster.shareLibRoot(), SHARELIB_STAMP);
            OozieEngine.start(new File(base, "oozie"), hadoopConfDir, cluster.shareLibRoot());
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The mini cluster's configuration as a site file, for Oozie and for commands run with {@code -conf}. */
    private static File writeHadoopConf(File dir, Configuration clusterConf) throws IOException {
        dir.mkdirs();
        Configuration site = new Configuration(false);
        for (Map.Entry<String, String> e : clusterConf) {
            // Only what the cluster sets, as in a real site file: a default written out would count as the
            // operator's choice (mapreduce.job.classloader=false, say). The factory's own job jar is not ours.
            String[] sources = clusterConf.getPropertySources(e.getKey());
            boolean onlyDefault = sources != null && Arrays.stream(sources).allMatch(src -> src.endsWith("-default.xml"));
            if (!onlyDefault && !e.getKey().equals("mapreduce.job.jar") && !e.getKey().equals("mapred.jar")) {
                site.set(e.getKey(), e.getValue());
            }
        }
        // A mini cluster has no HADOOP_*_HOME: its "installed Hadoop" is this JVM's class path. As on a real cluster
        // it comes after the container's own jars (the action's lib/ and share library), not before them.
        site.set("yarn.application.classpath", System.getProperty("java.class.path").replace(File.pathSeparatorChar, ','));
        try (OutputStream out = new FileOutputStream(new File(dir, "core-site.xml"))) {
            site.writeXml(out);
        }
        return dir;
    }

    /** Where everything listens, for people. */
    public String describe() {
        return String.join(System.lineSeparator(),
                "cluster in a box:",
                "  HDFS           " + nameNode(),
                "  YARN           " + resourceManager() + " (web " + conf.get("yarn.resourcemanager.webapp.address") + ")",
                "  HiveServer2    " + hiveJdbcUrl() + " (log " + hive.log() + ")",
                "  metastore      " + metastore.jdbcUrl() + " (PostgreSQL, schema by Hive's schema tool)",
                "  Oozie          in this process (LocalOozie), share libraries in " + shareLibRoot(),
                "  Hadoop config  " + new File(hadoopConfDir, "core-site.xml"));
    }

    public Path shareLibRoot() {
        return fileSystem().makeQualified(new Path("/user/" + System.getProperty("user.name") + "/share/lib"));
    }

    public FileSystem fileSystem() {
        try {
            return dfs.getFileSystem();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cluster's client configuration (fs.defaultFS, the resource manager, mapreduce.framework.name=yarn). */
    public Configuration conf() {
        return new Configuration(conf);
    }

    /** The directory holding the cluster's {@code core-site.xml}, for {@code -conf} and for people. */
    public File hadoopConfDir() {
        return hadoopConfDir;
    }

    public String nameNode() {
        return conf.get("fs.defaultFS");
    }

    public String resourceManager() {
        return conf.get("yarn.resourcemanager.address");
    }

    public String hiveJdbcUrl() {
        return hive.jdbcUrl();
    }

    public HiveServer2Process hiveServer2() {
        return hive;
    }

    public OozieClient oozie() {
        return LocalOozie.getClient();
    }

    public OozieClient coordinators() {
        return LocalOozie.getCoordClient();
    }

    /** Every YARN container's log directory of both NodeManagers, for a failed run's report. */
    public List<File> containerLogDirs() {
        List<File> dirs = new ArrayList<>();
        // MiniYARNCluster keeps them under ${test.build.data}/<caller's simple name>/yarn-*/<name>-logDir-nm-*/application_*.
        collectLogDirs(new File(System.getProperty("test.build.data", "target/test/data"), ClusterInABox.class.getSimpleName()), dirs);
        return dirs;
    }

    private static void collectLogDirs(File dir, List<File> found) {
        File[] children = dir.listFiles();
        if (children == null) {
            return;
        }
        for (File child : children) {
            if (child.isDirectory()) {
                if (child.getName().startsWith("application_")) {
                    found.add(child);
                } else {
                    collectLogDirs(child, found);
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            LocalOozie.stop();
        } catch (RuntimeException ignored) {
            // not started
        }
        hive.close();
        metastore.close();
        try {
            yarn.stop();
        } catch (IOException ignored) {
            // stopping anyway
        }
        dfs.shutdown();
    }
}
