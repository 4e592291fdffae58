package io.clickstream.cluster;

import io.clickstream.jobs.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.avro.PageView;
import io.clickstream.avro.QuarantineRecord;
import io.clickstream.generate.GenerateAccessLogs;
import io.clickstream.generate.GenerateAccessLogs.DaySummary;
import io.clickstream.jobs.AvroFiles;
import io.clickstream.jobs.accesslogs.CleanAccessLogs;
import java.io.File;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapred.MiniMRClientCluster;
import org.apache.hadoop.mapred.MiniMRClientClusterFactory;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same job as on a laptop, on HDFS and YARN: a MiniDFSCluster and a MiniYARN cluster, started once. */
class CleanAccessLogsOnMiniClusterTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    @TempDir
    static File tmp;
    private static MiniDFSCluster dfs;
    private static MiniMRClientCluster yarn;

    @BeforeAll
    static void startClusters() throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, new File(tmp, "dfs").getAbsolutePath());
        dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        dfs.waitActive();
        Configuration clusterConf = new Configuration(dfs.getConfiguration(0));
        // AM and task JVMs are separate processes: they need Java 17's opens too.
        String opens = System.getProperty("jdk17.opens", "");
        clusterConf.set("yarn.app.mapreduce.am.command-opts", "-Xmx512m " + opens);
        clusterConf.set("mapreduce.map.java.opts", "-Xmx512m " + opens);
        clusterConf.set("mapreduce.reduce.java.opts", "-Xmx512m " + opens);
        clusterConf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "99.5");
        yarn = MiniMRClientClusterFactory.create(CleanAccessLogsOnMiniClusterTest.class, 1, clusterConf);
    }

    @AfterAll
    static void stopClusters() throws Exception {
        if (yarn != null) {
            yarn.stop();
        }
        if (dfs != null) {
            dfs.shutdown();
        }
    }

    @Test
    void cleansADayFromHdfsOnYarnAndAccountsForEveryLine() throws Exception {
        Configuration conf = new Configuration(yarn.getConfig());
        Settings.VERBOSE.set(conf, false);
        assertEquals("yarn", conf.get("mapreduce.framework.name"), "tasks run in YARN containers, not in this JVM");
        FileSystem fs = dfs.getFileSystem();
        Path warehouse = fs.makeQualified(new Path("/warehouse"));
        DaySummary planted = GenerateAccessLogs.write(conf, warehouse, DAY, 1, 3_000, 21, 0.02).get(0);

        CleanAccessLogs job = new CleanAccessLogs();
        assertEquals(0, ToolRunner.run(conf, job, new String[] {"--date", DAY.toString(), "--warehouse", warehouse.toString()}));
        CleanAccessLogs.Result result = job.lastResult();

        assertTrue(result.output().toString().startsWith("hdfs://"), result.output().toString());
        List<PageView> views = AvroFiles.readAll(conf, result.output(), new SpecificDatumReader<>(PageView.class));
        List<QuarantineRecord> quarantine = AvroFiles.readAll(conf, result.quarantine(),
                new SpecificDatumReader<>(QuarantineRecord.class));
        assertEquals(planted.lines(), result.accounting().read());
        assertEquals(planted.lines() - planted.expectedQuarantined(), views.size());
        assertEquals(planted.expectedQuarantined(), quarantine.size());
        assertTrue(fs.exists(new Path(result.output(), "_SUCCESS")));
        assertTrue(fs.exists(new Path(result.output(), "_accounting.json")));
    }
}
