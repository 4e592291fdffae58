package io.clickstream.jobs;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Which raw files a quarantine came from, read back from its Avro files (only the source_file column). */
public final class QuarantineFiles {

    private static final Schema SOURCE_FILE_ONLY = SchemaBuilder.record("QuarantineRecord")
            .namespace("io.clickstream.avro").fields().requiredString("source_file").endRecord();

    private QuarantineFiles() {
    }

    /** Quarantined records per source file, most first, at most {@code limit} files. */
    public static Map<String, Long> worst(Configuration conf, Path quarantineDir, int limit) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        AvroFiles.forEach(conf, quarantineDir, new GenericDatumReader<GenericRecord>(null, SOURCE_FILE_ONLY),
                record -> counts.merge(record.get("source_file").toString(), 1L, Long::sum));
        Map<String, Long> worst = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .forEach(e -> worst.put(e.getKey(), e.getValue()));
        return worst;
    }
}
