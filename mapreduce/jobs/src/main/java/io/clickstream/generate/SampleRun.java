package io.clickstream.generate;

import org.apache.hadoop.conf.Configuration;

/** A configuration that runs jobs in this JVM, for tests, benchmarks and sample runs on a laptop. */
public final class SampleRun {

    private SampleRun() {
    }

    /** The job jar's copy of {@code src/main/config/hadoop-local.xml}, the file a command line passes with {@code -conf}. */
    public static final String LOCAL_CONF = "conf/hadoop-local.xml";

    /** A configuration that runs jobs in this JVM on the local file system: {@code base} with {@link #LOCAL_CONF}. */
    public static Configuration local(Configuration base) {
        Configuration conf = new Configuration(base);
        conf.addResource(LOCAL_CONF);
        return conf;
    }
}
