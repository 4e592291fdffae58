package io.clickstream.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes a flat record — fields of primitive types, nullable or not, logical types through the model's conversions —
 * with each field's encoding decided once from the schema (a value already in its raw type is written as it is, as
 * Avro does). Avro's {@code GenericDatumWriter} decides it again for
 * every value: for each nullable field it looks the value's type name up in the union, which was a tenth of
 * clean-access-logs' time. A record bound for a binary encoder is encoded into a scratch buffer first and handed
 * over in one call: the encoder of Avro's container files writes each varint to a synchronized stream, a few dozen
 * calls a record. The bytes are the same; {@link #of} declines any other schema.
 */
final class FlatRecordWriter<D extends IndexedRecord> implements DatumWriter<D> {

    private interface ValueWriter {
        void write(Object value, Encoder out) throws IOException;
    }

    private final GenericData model;
    private Schema schema;
    private ValueWriter[] fields;
    private final Scratch scratch = new Scratch();
    private final BinaryEncoder scratchEncoder = EncoderFactory.get().binaryEncoder(scratch, null);

    private FlatRecordWriter(Schema schema, GenericData model, ValueWriter[] fields) {
        this.model = model;
        this.schema = schema;
        this.fields = fields;
    }

    /** A writer for a flat record schema, or null when the schema has a field this writer does not encode. */
    static <D extends IndexedRecord> FlatRecordWriter<D> of(Schema schema, GenericData model) {
        ValueWriter[] fields = plan(schema, model);
        return fields == null ? null : new FlatRecordWriter<>(schema, model, fields);
    }

    @Override
    public void setSchema(Schema schema) {
        if (!schema.equals(this.schema)) {
            ValueWriter[] fields = plan(schema, model);
            if (fields == null) {
                throw new IllegalArgumentException("not a flat record schema: " + schema.getFullName());
            }
            this.fields = fields;
            this.schema = schema;
        }
    }

    @Override
    public void write(D datum, Encoder out) throws IOException {
        if (out instanceof BinaryEncoder) {
            scratch.reset();
            writeFields(datum, scratchEncoder);
            scratchEncoder.flush();
            out.writeFixed(scratch.bytes(), 0, scratch.size());
        } else {
            writeFields(datum, out);
        }
    }

    private void writeFields(D datum, Encoder out) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            Object value = datum.get(i);
            try {
                fields[i].write(value, out);
            } catch (NullPointerException | ClassCastException e) {
                Schema.Field field = schema.getFields().get(i);
                throw new IllegalArgumentException((value == null ? "null" : value.getClass().getSimpleName()) + " of "
                        + field.schema() + " in field " + field.name() + " of " + schema.getFullName(), e);
            }
        }
    }

    private static ValueWriter[] plan(Schema schema, GenericData model) {
        if (schema.getType() != Schema.Type.RECORD) {
            return null;
        }
        List<Schema.Field> fields = schema.getFields();
        ValueWriter[] writers = new ValueWriter[fields.size()];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = fieldWriter(fields.get(i).schema(), model);
            if (writers[i] == null) {
                return null;
            }
        }
        return writers;
    }

    private static ValueWriter fieldWriter(Schema schema, GenericData model) {
        if (schema.getType() != Schema.Type.UNION) {
            return valueWriter(schema, model);
        }
        int nullBranch = nullBranch(schema);
        int valueBranch = 1 - nullBranch;
        ValueWriter present = nullBranch < 0 ? null : valueWriter(schema.getTypes().get(valueBranch), model);
        if (present == null) {
            return null;
        }
        return (value, out) -> {
            if (value == null) {
                out.writeIndex(nullBranch);
            } else {
                out.writeIndex(valueBranch);
                present.write(value, out);
            }
        };
    }

    /** The null branch (0 or 1) of a union of null and one other type; -1 for any other union. */
    static int nullBranch(Schema union) {
        List<Schema> branches = union.getTypes();
        if (branches.size() != 2) {
            return -1;
        }
        int nullBranch = branches.get(0).getType() == Schema.Type.NULL ? 0 : 1;
        return branches.get(nullBranch).getType() == Schema.Type.NULL ? nullBranch : -1;
    }

    private static ValueWriter valueWriter(Schema schema, GenericData model) {
        ValueWriter raw = rawWriter(schema.getType());
        LogicalType logicalType = schema.getLogicalType();
        Conversion<?> conversion = logicalType == null ? null : model.getConversionFor(logicalType);
        if (raw == null || conversion == null) {
            return raw;
        }
        Class<?> converted = conversion.getConvertedType();
        return (value, out) -> raw.write(converted.isInstance(value)
                ? Conversions.convertToRawType(value, schema, logicalType, cast(conversion)) : value, out);
    }

    private static ValueWriter rawWriter(Schema.Type type) {
        switch (type) {
            case NULL: return (value, out) -> out.writeNull();
            case BOOLEAN: return (value, out) -> out.writeBoolean((Boolean) value);
            case INT: return (value, out) -> out.writeInt(((Number) value).intValue());
            case LONG: return (value, out) -> out.writeLong(((Number) value).longValue());
            case FLOAT: return (value, out) -> out.writeFloat(((Number) value).floatValue());
            case DOUBLE: return (value, out) -> out.writeDouble(((Number) value).doubleValue());
            case STRING: return (value, out) -> out.writeString(value instanceof CharSequence
                    ? (CharSequence) value : value.toString());
            case BYTES: return (value, out) -> out.writeBytes(((ByteBuffer) value).duplicate());
            default: return null;
        }
    }

    /** A byte array output stream without the locking of {@link java.io.ByteArrayOutputStream}. */
    private static final class Scratch extends OutputStream {
        private byte[] bytes = new byte[1024];
        private int size;

        @Override
        public void write(int b) {
            grow(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            grow(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        private void grow(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, size + more));
            }
        }

        byte[] bytes() {
            return bytes;
        }

        int size() {
            return size;
        }

        void reset() {
            size = 0;
        }
    }

    @SuppressWarnings("unchecked")
    private static Conversion<Object> cast(Conversion<?> conversion) {
        return (Conversion<Object>) conversion;
    }
}
