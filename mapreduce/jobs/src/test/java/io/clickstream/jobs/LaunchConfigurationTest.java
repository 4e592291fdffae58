package io.clickstream.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchConfigurationTest {

    @TempDir
    File tmp;

    @Test
    void insideAnOozieLauncherTheActionsClusterQueueTagsAndTokensReachTheJobs() throws Exception {
        File actionConf = new File(tmp, "action.xml");
        Files.writeString(actionConf.toPath(), "<configuration>"
                + "<property><name>mapreduce.framework.name</name><value>yarn</value></property>"
                + "<property><name>yarn.resourcemanager.address</name><value>rm.example:8032</value></property>"
                + "<property><name>mapreduce.job.queuename</name><value>etl</value></property>"
                + "<property><name>oozie.child.mapreduce.job.tags</name><value>oozie-0123abcd</value></property>"
                + "</configuration>");

        Configuration conf = LaunchConfiguration.create(actionConf.getAbsolutePath(), "/container/tokens");

        assertEquals("yarn", conf.get("mapreduce.framework.name"));
        assertEquals("rm.example:8032", conf.get("yarn.resourcemanager.address"));
        assertEquals("etl", conf.get("mapreduce.job.queuename"));
        assertEquals("oozie-0123abcd", conf.get("mapreduce.job.tags"), "a retry or kill finds the child jobs by this tag");
        assertEquals("/container/tokens", conf.get("mapreduce.job.credentials.binary"));
    }

    @Test
    void ownTagsAreKeptBesideOoziesTag() throws Exception {
        File actionConf = new File(tmp, "tagged.xml");
        Files.writeString(actionConf.toPath(), "<configuration>"
                + "<property><name>mapreduce.job.tags</name><value>clickstream</value></property>"
                + "<property><name>oozie.child.mapreduce.job.tags</name><value>oozie-42</value></property>"
                + "</configuration>");

        assertEquals("clickstream,oozie-42", LaunchConfiguration.create(actionConf.getAbsolutePath(), null).get("mapreduce.job.tags"));
    }

    @Test
    void outsideALauncherItIsHadoopsOwnConfiguration() {
        Configuration conf = LaunchConfiguration.create(null, null);

        assertNull(conf.get("mapreduce.job.tags"));
        assertNull(conf.get("mapreduce.job.credentials.binary"));
        assertEquals(new Configuration().get("fs.defaultFS"), conf.get("fs.defaultFS"));
    }
}
