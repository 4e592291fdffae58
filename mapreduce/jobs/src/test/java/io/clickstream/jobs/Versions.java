package io.clickstream.jobs;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** For tests that read what a stage committed: a day's partition is read through its newest version. */
public final class Versions {

    private Versions() {
    }

    /** The newest version of a table's day; any other path (a version, a staging directory, raw files) as it is. */
    public static Path current(Configuration conf, Path path) throws IOException {
        if (!path.getName().startsWith("dt=")) {
            return path;
        }
        Path version = PartitionCommit.current(conf, path);
        return version != null ? version : path;
    }
}
