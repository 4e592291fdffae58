package io.clickstream.jobs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.mapred.FsInput;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Reads back the Avro files of a dataset directory on any Hadoop file system. */
public final class AvroFiles {

    /** Receives each record; may throw to stop. */
    public interface RecordConsumer<T> {
        void accept(T record) throws IOException;
    }

    private AvroFiles() {
    }

    /** Every record of the {@code *.avro} files directly in {@code dir}, in file-name order. */
    public static <T> void forEach(Configuration conf, Path dir, DatumReader<T> datumReader, RecordConsumer<T> consumer)
            throws IOException {
        FileSystem fs = dir.getFileSystem(conf);
        if (!fs.exists(dir)) {
            return;
        }
        for (FileStatus file : fs.listStatus(dir, p -> p.getName().endsWith(".avro"))) {
            try (DataFileReader<T> reader = new DataFileReader<>(new FsInput(file.getPath(), conf), datumReader)) {
                for (T record : reader) {
                    consumer.accept(record);
                }
            }
        }
    }

    /** How many records the {@code *.avro} files directly in {@code dir} hold, counted from block headers (no decoding). */
    public static long count(Configuration conf, Path dir) throws IOException {
        FileSystem fs = dir.getFileSystem(conf);
        if (!fs.exists(dir)) {
            return 0;
        }
        long records = 0;
        for (FileStatus file : fs.listStatus(dir, p -> p.getName().endsWith(".avro"))) {
            try (DataFileReader<Object> reader = new DataFileReader<>(new FsInput(file.getPath(), conf),
                    new GenericDatumReader<>())) {
                while (reader.hasNext()) {
                    records += reader.getBlockCount();
                    reader.nextBlock();
                }
            }
        }
        return records;
    }

    public static <T> List<T> readAll(Configuration conf, Path dir, DatumReader<T> datumReader) throws IOException {
        List<T> records = new ArrayList<>();
        forEach(conf, dir, datumReader, records::add);
        return records;
    }
}
