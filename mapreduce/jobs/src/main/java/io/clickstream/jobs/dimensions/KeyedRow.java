package io.clickstream.jobs.dimensions;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;

/**
 * An accepted dimension row on its way to {@link OneRowPerKey}: the record, Avro-encoded (so equal rows are equal
 * bytes), and where it was read, so a row that loses to another of its key can still be quarantined as written.
 */
public final class KeyedRow implements Writable {

    private String sourceFile = "";
    private long offset;
    private byte[] raw = new byte[0];
    private byte[] record = new byte[0];

    /** @param record the row, Avro-encoded by {@link DimensionRows} (one writer for all rows) */
    KeyedRow set(String sourceFile, long offset, Text raw, byte[] record) {
        this.sourceFile = sourceFile;
        this.offset = offset;
        this.raw = Arrays.copyOf(raw.getBytes(), raw.getLength());
        this.record = record;
        return this;
    }

    KeyedRow copy() {
        KeyedRow copy = new KeyedRow();
        copy.sourceFile = sourceFile;
        copy.offset = offset;
        copy.raw = raw;
        copy.record = record;
        return copy;
    }

    String sourceFile() {
        return sourceFile;
    }

    long offset() {
        return offset;
    }

    Text raw() {
        return new Text(raw);
    }

    boolean sameRecordAs(KeyedRow other) {
        return Arrays.equals(record, other.record);
    }

    public SpecificRecord decode(SpecificDatumReader<SpecificRecord> reader) throws IOException {
        return reader.read(null, DecoderFactory.get().binaryDecoder(record, null));
    }

    @Override
    public void write(DataOutput out) throws IOException {
        Text.writeString(out, sourceFile);
        WritableUtils.writeVLong(out, offset);
        WritableUtils.writeVInt(out, raw.length);
        out.write(raw);
        WritableUtils.writeVInt(out, record.length);
        out.write(record);
    }

    @Override
    public void readFields(DataInput in) throws IOException {
        sourceFile = Text.readString(in);
        offset = WritableUtils.readVLong(in);
        raw = new byte[WritableUtils.readVInt(in)];
        in.readFully(raw);
        record = new byte[WritableUtils.readVInt(in)];
        in.readFully(record);
    }
}
