package io.clickstream.jobs;

import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/** The file a task reads, for quarantine records and messages. */
public final class SourceFiles {

    private SourceFiles() {
    }

    public static String of(InputSplit split) {
        return split instanceof FileSplit ? ((FileSplit) split).getPath().toString() : String.valueOf(split);
    }
}
