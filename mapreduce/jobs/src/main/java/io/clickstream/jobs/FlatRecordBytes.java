package io.clickstream.jobs;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryData;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.io.Writable;

/**
 * A flat record as its Avro binary encoding, with where each field's value lies in it. A job that passes records on
 * unchanged (sessionize's map sends the day's page views whole to the shuffle) reads the few fields it keys them by
 * and hands the bytes on, instead of decoding every field into a String and encoding it all again. The bytes are those
 * Avro's writer gives for the record under the schema read with ({@link #reader}).
 */
public final class FlatRecordBytes implements Writable {

    private byte[] bytes = new byte[512];
    private int length;
    /** Per field: where its value's payload starts (a string's first byte), or -1 when it is null. */
    private int[] offsets = new int[0];
    private int[] ends = new int[0];
    /** Per field: an int, long or boolean value. */
    private long[] numbers = new long[0];

    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }

    public boolean isNull(int field) {
        return offsets[field] < 0;
    }

    /** An int, long (timestamp-millis too) or boolean (1 or 0) field. */
    public long number(int field) {
        return numbers[field];
    }

    /** Where a string or bytes field's payload starts in {@link #bytes}; its length is {@link #size}; 0 and 0 when null. */
    public int offset(int field) {
        return Math.max(0, offsets[field]);
    }

    public int size(int field) {
        return offsets[field] < 0 ? 0 : ends[field] - offsets[field];
    }

    /** A string field, decoded; null when null. */
    public String string(int field) {
        return isNull(field) ? null : new String(bytes, offsets[field], size(field), StandardCharsets.UTF_8);
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeInt(length);
        out.write(bytes, 0, length);
        out.writeInt(offsets.length);
        for (int i = 0; i < offsets.length; i++) {
            out.writeInt(offsets[i]);
            out.writeInt(ends[i]);
            out.writeLong(numbers[i]);
        }
    }

    @Override
    public void readFields(DataInput in) throws IOException {
        length = in.readInt();
        bytes = new byte[Math.max(length, 1)];
        in.readFully(bytes, 0, length);
        int fields = in.readInt();
        resize(fields);
        for (int i = 0; i < fields; i++) {
            offsets[i] = in.readInt();
            ends[i] = in.readInt();
            numbers[i] = in.readLong();
        }
    }

    private void resize(int fields) {
        if (offsets.length != fields) {
            offsets = new int[fields];
            ends = new int[fields];
            numbers = new long[fields];
        }
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    private void append(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    private void appendLong(long value) {
        ensure(10);
        length += BinaryData.encodeLong(value, bytes, length);
    }

    /** A reader of a flat record schema (fields of primitive types, nullable or not) into {@link FlatRecordBytes}. */
    public static DatumReader<FlatRecordBytes> reader(Schema schema, SpecificData model) {
        return new Reader(schema, model);
    }

    /** The bytes of a record, as read from a file written with its schema: for tests and for records built in memory. */
    public static FlatRecordBytes of(IndexedRecord record, SpecificData model) throws IOException {
        Reader reader = new Reader(record.getSchema(), model);
        FlatRecordBytes into = new FlatRecordBytes();
        reader.encodeAndCopy(record, into);
        return into;
    }

    private interface Copy {
        void copy(Decoder in, FlatRecordBytes into, int field) throws IOException;
    }

    /**
     * Copies each record's bytes field by field (a string's bytes without decoding them) when the file was written with
     * the schema read with; otherwise lets Avro resolve the file's schema (an older or newer version of the dataset's)
     * into the record and encodes that.
     */
    private static final class Reader implements DatumReader<FlatRecordBytes> {
        private final Schema schema;
        private final SpecificData model;
        private final Copy[] fields;
        private final org.apache.avro.util.Utf8 text = new org.apache.avro.util.Utf8();
        private ByteBuffer binary;
        private DatumReader<IndexedRecord> resolving;
        private IndexedRecord resolved;
        private DatumWriter<IndexedRecord> writer;
        private final ByteArrayOutputStream encoded = new ByteArrayOutputStream(512);
        private BinaryEncoder encoder;
        private BinaryDecoder decoder;

        Reader(Schema schema, SpecificData model) {
            this.schema = schema;
            this.model = model;
            List<Schema.Field> list = schema.getFields();
            this.fields = new Copy[list.size()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = fieldCopy(list.get(i).schema());
                if (fields[i] == null) {
                    throw new IllegalArgumentException("not a flat record schema: " + schema.getFullName()
                            + " (field " + list.get(i).name() + ")");
                }
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public void setSchema(Schema writer) {
            resolving = writer.equals(schema) ? null : new SpecificDatumReader<>(writer, schema, model);
        }

        @Override
        public FlatRecordBytes read(FlatRecordBytes reuse, Decoder in) throws IOException {
            FlatRecordBytes into = reuse != null ? reuse : new FlatRecordBytes();
            if (resolving != null) {
                resolved = resolving.read(resolved, in);
                encodeAndCopy(resolved, into);
            } else {
                copy(in, into);
            }
            return into;
        }

        @SuppressWarnings("unchecked")
        void encodeAndCopy(IndexedRecord record, FlatRecordBytes into) throws IOException {
            if (writer == null) {
                writer = (DatumWriter<IndexedRecord>) model.createDatumWriter(schema);
            }
            encoded.reset();
            encoder = EncoderFactory.get().binaryEncoder(encoded, encoder);
            writer.write(record, encoder);
            encoder.flush();
            decoder = DecoderFactory.get().binaryDecoder(encoded.toByteArray(), decoder);
            copy(decoder, into);
        }

        private void copy(Decoder in, FlatRecordBytes into) throws IOException {
            into.length = 0;
            into.resize(fields.length);
            for (int i = 0; i < fields.length; i++) {
                fields[i].copy(in, into, i);
            }
        }

        private Copy fieldCopy(Schema field) {
            if (field.getType() != Schema.Type.UNION) {
                return valueCopy(field.getType());
            }
            int nullBranch = FlatRecordWriter.nullBranch(field);
            int valueBranch = 1 - nullBranch;
            Copy present = nullBranch < 0 ? null : valueCopy(field.getTypes().get(valueBranch).getType());
            if (present == null) {
                return null;
            }
            return (in, into, i) -> {
                int branch = in.readIndex();
                into.appendLong(branch);
                if (branch == valueBranch) {
                    present.copy(in, into, i);
                } else if (branch == nullBranch) {
                    into.offsets[i] = -1;
                    into.numbers[i] = 0;
                } else {
                    throw new AvroRuntimeException("union branch " + branch + " of " + field + " does not exist");
                }
            };
        }

        private Copy valueCopy(Schema.Type type) {
            switch (type) {
                case NULL: return (in, into, i) -> {
                    in.readNull();
                    into.offsets[i] = -1;
                };
                case INT: case LONG: return (in, into, i) -> {
                    long value = in.readLong();
                    into.offsets[i] = into.length;
                    into.numbers[i] = value;
                    into.appendLong(value);
                    into.ends[i] = into.length;
                };
                case BOOLEAN: return (in, into, i) -> {
                    boolean value = in.readBoolean();
                    into.offsets[i] = into.length;
                    into.numbers[i] = value ? 1 : 0;
                    into.ensure(1);
                    into.length += BinaryData.encodeBoolean(value, into.bytes, into.length);
                    into.ends[i] = into.length;
                };
                case FLOAT: return (in, into, i) -> {
                    float value = in.readFloat();
                    into.offsets[i] = into.length;
                    into.ensure(4);
                    into.length += BinaryData.encodeFloat(value, into.bytes, into.length);
                    into.ends[i] = into.length;
                };
                case DOUBLE: return (in, into, i) -> {
                    double value = in.readDouble();
                    into.offsets[i] = into.length;
                    into.ensure(8);
                    into.length += BinaryData.encodeDouble(value, into.bytes, into.length);
                    into.ends[i] = into.length;
                };
                case STRING: return (in, into, i) -> {
                    in.readString(text);
                    into.appendLong(text.getByteLength());
                    into.offsets[i] = into.length;
                    into.append(text.getBytes(), 0, text.getByteLength());
                    into.ends[i] = into.length;
                };
                case BYTES: return (in, into, i) -> {
                    binary = in.readBytes(binary);
                    into.appendLong(binary.remaining());
                    into.offsets[i] = into.length;
                    into.append(binary.array(), binary.arrayOffset() + binary.position(), binary.remaining());
                    into.ends[i] = into.length;
                };
                default: return null;
            }
        }
    }
}
