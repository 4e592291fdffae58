package io.clickstream.oozie;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import io.clickstream.jobs.PartitionCommit;

/**
 * The records of a warehouse's published Avro partitions (of a table's day, the version analysts see), per partition
 * ({@code clean/page_views/dt=D}, ...), sorted,
 * with the warehouse root written as {@code ROOT} so that two warehouses in different places compare equal: how the
 * tests tell that a rerun, or the same days on a cluster, wrote exactly what the laptop run wrote.
 */
public final class WarehouseRecords {

    private WarehouseRecords() {
    }

    public static Map<String, List<String>> read(FileSystem fs, Path root, List<String> zones) throws IOException {
        Map<String, List<String>> partitions = new TreeMap<>();
        Path qualified = fs.makeQualified(root);
        Pattern rootAsWritten = rootPattern(qualified);
        for (String zone : zones) {
            collect(fs, new Path(qualified, zone), qualified, rootAsWritten, partitions);
        }
        return partitions;
    }

    private static void collect(FileSystem fs, Path dir, Path root, Pattern rootAsWritten, Map<String, List<String>> partitions)
            throws IOException {
        if (!fs.exists(dir)) {
            return;
        }
        for (FileStatus child : fs.listStatus(dir)) {
            String name = child.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue; // staging and markers: not published data
            }
            if (child.isDirectory()) {
                if (!PartitionCommit.isVersion(child.getPath())
                        || PartitionCommit.isPublished(fs, child.getPath())) {
                    collect(fs, child.getPath(), root, rootAsWritten, partitions);
                }
            } else if (name.endsWith(".avro")) {
                String partition = relative(root, PartitionCommit.isVersion(dir) ? dir.getParent() : dir);
                List<String> records = partitions.computeIfAbsent(partition, p -> new ArrayList<>());
                try (InputStream in = fs.open(child.getPath());
                        DataFileStream<GenericRecord> file = new DataFileStream<>(in, new GenericDatumReader<>())) {
                    for (GenericRecord record : file) {
                        records.add(rootAsWritten.matcher(record.toString()).replaceAll("ROOT/"));
                    }
                }
                records.sort(null);
            }
        }
    }

    /** The warehouse root as records spell it, with its scheme and authority or not: file:/x/, hdfs://nn:8020/x/. */
    private static Pattern rootPattern(Path root) {
        String path = root.toUri().getPath().replaceFirst("/$", "");
        return Pattern.compile("(?:[a-z]+:(?://[^/\"]*)?)?" + Pattern.quote(path) + "/");
    }

    private static String relative(Path root, Path dir) {
        return dir.toUri().getPath().substring(root.toUri().getPath().length()).replaceFirst("^/", "");
    }
}
