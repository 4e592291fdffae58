package io.clickstream.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class JobSettingsTest {

    @Test
    void onYarnTheJobClassLoaderIsOnEvenWhereALaunchersConfigurationSpellsOutItsDefault() {
        Configuration conf = new Configuration(false);
        conf.set("mapreduce.framework.name", "yarn");
        conf.set("mapreduce.job.classloader", "false", "action.xml");

        JobSettings.isolateJobClasses(conf);

        assertEquals("true", conf.get("mapreduce.job.classloader"));
    }

    @Test
    void theLocalJobRunnerKeepsTheCallersClassPath() {
        Configuration conf = new Configuration(false);
        conf.set("mapreduce.framework.name", "local");

        JobSettings.isolateJobClasses(conf);

        assertNull(conf.get("mapreduce.job.classloader"));
    }
}
