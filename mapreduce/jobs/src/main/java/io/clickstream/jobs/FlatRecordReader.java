package io.clickstream.jobs;

import java.io.IOException;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.Decoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads a flat record of a generated class (the counterpart of {@link FlatRecordWriter}) with each field's decoding
 * decided once from the schema, when the data was written with the schema it is read with: Avro's
 * {@code SpecificDatumReader} walks a resolving grammar for every value even then, and decodes each string into a
 * {@code Utf8} that the generated setter turns into a String (a third of sessionize's time went to reading). Data
 * written with another schema — an older or newer version of the dataset's — is read by Avro's resolving reader.
 */
final class FlatRecordReader<D extends IndexedRecord> implements DatumReader<D> {

    private interface ValueReader {
        Object read(Decoder in) throws IOException;
    }

    private final Schema schema;
    private final SpecificData model;
    private final ValueReader[] fields;
    private DatumReader<D> resolving;

    private FlatRecordReader(Schema schema, SpecificData model, ValueReader[] fields) {
        this.schema = schema;
        this.model = model;
        this.fields = fields;
    }

    /** A reader of a flat record schema that has a generated class, or null. */
    static <D extends IndexedRecord> FlatRecordReader<D> of(Schema schema, SpecificData model) {
        if (schema == null || schema.getType() != Schema.Type.RECORD) {
            return null;
        }
        Class<?> type = model.getClass(schema);
        if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
            return null;
        }
        List<Schema.Field> list = schema.getFields();
        ValueReader[] fields = new ValueReader[list.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fieldReader(list.get(i).schema(), model);
            if (fields[i] == null) {
                return null;
            }
        }
        return new FlatRecordReader<>(schema, model, fields);
    }

    /** The schema the data was written with: when it is not the one read with, Avro resolves the two. */
    @Override
    public void setSchema(Schema writer) {
        resolving = writer.equals(schema) ? null : new SpecificDatumReader<>(writer, schema, model);
    }

    @Override
    @SuppressWarnings("unchecked")
    public D read(D reuse, Decoder in) throws IOException {
        if (resolving != null) {
            return resolving.read(reuse, in);
        }
        D record = (D) model.newRecord(reuse, schema);
        for (int i = 0; i < fields.length; i++) {
            record.put(i, fields[i].read(in));
        }
        return record;
    }

    private static ValueReader fieldReader(Schema schema, SpecificData model) {
        if (schema.getType() != Schema.Type.UNION) {
            return valueReader(schema, model);
        }
        int nullBranch = FlatRecordWriter.nullBranch(schema);
        int valueBranch = 1 - nullBranch;
        ValueReader present = nullBranch < 0 ? null : valueReader(schema.getTypes().get(valueBranch), model);
        if (present == null) {
            return null;
        }
        return in -> {
            int branch = in.readIndex();
            if (branch == valueBranch) {
                return present.read(in);
            }
            if (branch != nullBranch) {
                throw new AvroRuntimeException("union branch " + branch + " of " + schema + " does not exist");
            }
            in.readNull();
            return null;
        };
    }

    private static ValueReader valueReader(Schema schema, SpecificData model) {
        ValueReader raw = rawReader(schema.getType());
        LogicalType logicalType = schema.getLogicalType();
        Conversion<?> conversion = logicalType == null ? null : model.getConversionFor(logicalType);
        if (raw == null || conversion == null) {
            return raw;
        }
        return in -> Conversions.convertToLogicalType(raw.read(in), schema, logicalType, conversion);
    }

    private static ValueReader rawReader(Schema.Type type) {
        switch (type) {
            case NULL: return in -> {
                in.readNull();
                return null;
            };
            case BOOLEAN: return Decoder::readBoolean;
            case INT: return Decoder::readInt;
            case LONG: return Decoder::readLong;
            case FLOAT: return Decoder::readFloat;
            case DOUBLE: return Decoder::readDouble;
            case STRING: return Decoder::readString;
            case BYTES: return in -> in.readBytes(null);
            default: return null;
        }
    }
}
