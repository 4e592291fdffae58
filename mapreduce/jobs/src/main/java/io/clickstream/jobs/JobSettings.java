package io.clickstream.jobs;

import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;

/** Settings a job prefers, unless the user or the cluster configured them. */
public final class JobSettings {

    private JobSettings() {
    }

    /**
     * Sets {@code key} unless a site file or {@code -D} set it. Unlike {@link Configuration#setIfUnset}, a value
     * that only comes from Hadoop's {@code *-default.xml} counts as unset.
     */
    public static void preferUnlessConfigured(Configuration conf, String key, String value) {
        String[] sources = conf.getPropertySources(key);
        if (sources == null || Arrays.stream(sources).allMatch(s -> s.endsWith("-default.xml"))) {
            conf.set(key, value);
        }
    }

    /**
     * The job jar carries its own Avro, Jackson and Guava, newer than a Hadoop 3.3 cluster's (Avro 1.7.7 there: the
     * tasks fail with {@code NoSuchMethodError ... addLogicalTypeConversion}). On YARN the job class loader gives the
     * tasks and the MapReduce ApplicationMaster the job jar's copies while Hadoop's classes keep Hadoop's
     * ({@code mapreduce.job.user.classpath.first} would put ours in front of Hadoop's own as well). Set whatever the
     * configuration says: an Oozie launcher's action configuration spells out every default, false included, and the
     * jobs cannot run without it. The LocalJobRunner runs in the caller's JVM, whose class path is already the job's.
     */
    public static void isolateJobClasses(Configuration conf) {
        if (!"local".equals(conf.get("mapreduce.framework.name", "local"))) {
            conf.setBoolean("mapreduce.job.classloader", true);
        }
    }
}
