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
}
