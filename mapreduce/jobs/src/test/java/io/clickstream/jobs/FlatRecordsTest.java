package io.clickstream.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.avro.PageView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link FlatRecordWriter}, {@link FlatRecordReader} and {@link FlatRecordBytes} against Avro's own writer and reader, on
 * every flat schema.
 */
class FlatRecordsTest {

    private final AvroModel model = new AvroModel();

    @ParameterizedTest
    @ValueSource(strings = {"page_view.avsc", "sessionized_page_view.avsc", "customer_history.avsc",
            "quarantine_record.avsc", "customer.avsc", "product.avsc", "channels_by_day.avsc", "funnel_by_day.avsc",
            "pages_by_day.avsc", "revenue_by_segment.avsc", "traffic_by_hour.avsc"})
    void writeTheBytesAvroWritesAndReadWhatAvroReads(String file) throws IOException {
        Schema schema = Schemas.load(file);
        DatumWriter<IndexedRecord> flat = FlatRecordWriter.of(schema, model);
        assertNotNull(flat, file);
        DatumWriter<IndexedRecord> avro = new SpecificDatumWriter<>(schema, model);
        DatumReader<IndexedRecord> flatReader = FlatRecordReader.of(schema, model);
        assertNotNull(flatReader, file);
        DatumReader<IndexedRecord> avroReader = new SpecificDatumReader<>(schema, schema, model);
        DatumReader<FlatRecordBytes> raw = FlatRecordBytes.reader(schema, model);
        raw.setSchema(schema);
        Random random = new Random(file.hashCode());
        for (int i = 0; i < 200; i++) {
            IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
            for (Schema.Field field : schema.getFields()) {
                record.put(field.pos(), value(field.schema(), random, i));
            }
            byte[] bytes = bytes(avro, record);
            assertArrayEquals(bytes, bytes(flat, record), file + " record " + i + ": " + record);
            IndexedRecord read = flatReader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            assertEquals(record, read, file + " record " + i);
            assertEquals(avroReader.read(null, DecoderFactory.get().binaryDecoder(bytes, null)), read);
            assertCopied(schema, bytes, record, raw.read(null, DecoderFactory.get().binaryDecoder(bytes, null)), file);
        }
    }

    /** The bytes of a {@link FlatRecordBytes} are the record's; each field's place in them holds its value. */
    private void assertCopied(Schema schema, byte[] bytes, IndexedRecord record, FlatRecordBytes copy, String what) {
        assertArrayEquals(bytes, java.util.Arrays.copyOf(copy.bytes(), copy.length()), what);
        for (Schema.Field field : schema.getFields()) {
            Object value = record.get(field.pos());
            String name = what + " field " + field.name();
            assertEquals(value == null, copy.isNull(field.pos()), name);
            if (value instanceof CharSequence) {
                assertEquals(value.toString(), copy.string(field.pos()), name);
            } else if (value instanceof Long || value instanceof Integer) {
                assertEquals(((Number) value).longValue(), copy.number(field.pos()), name);
            } else if (value instanceof Instant) {
                assertEquals(((Instant) value).toEpochMilli(), copy.number(field.pos()), name);
            } else if (value instanceof Boolean) {
                assertEquals((Boolean) value ? 1 : 0, copy.number(field.pos()), name);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"event.avsc", "order.avsc", "session.avsc"})
    void leaveRecordsWithArraysToAvro(String file) {
        Schema schema = Schemas.load(file);
        assertNull(FlatRecordWriter.of(schema, model));
        assertInstanceOf(SpecificDatumWriter.class, model.createDatumWriter(schema));
        assertInstanceOf(SpecificDatumReader.class, model.createDatumReader(schema, schema));
    }

    @Test
    void readsDataWrittenWithAnotherVersionOfTheSchemaAsAvroResolvesIt() throws IOException {
        List<Schema.Field> older = Schemas.PAGE_VIEW.getFields().stream().filter(f -> !f.name().equals("request_class"))
                .map(f -> new Schema.Field(f, f.schema())).toList();
        Schema writer = Schema.createRecord(Schemas.PAGE_VIEW.getName(), null, Schemas.PAGE_VIEW.getNamespace(), false, older);
        IndexedRecord written = new org.apache.avro.generic.GenericData.Record(writer);
        for (Schema.Field field : writer.getFields()) {
            written.put(field.pos(), value(field.schema(), new Random(field.pos()), 1));
        }
        byte[] bytes = bytes(new org.apache.avro.generic.GenericDatumWriter<>(writer, model), written);
        DatumReader<PageView> reader = model.createDatumReader(Schemas.PAGE_VIEW, Schemas.PAGE_VIEW);
        reader.setSchema(writer);
        PageView read = reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        assertNull(read.getRequestClass());
        assertEquals(written.get(writer.getField("path").pos()), read.getPath());
        assertEquals(written.get(0), read.getTs());

        DatumReader<FlatRecordBytes> raw = FlatRecordBytes.reader(Schemas.PAGE_VIEW, model);
        raw.setSchema(writer);
        FlatRecordBytes copy = raw.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        assertCopied(Schemas.PAGE_VIEW, bytes(model.createDatumWriter(Schemas.PAGE_VIEW), read), read, copy, "resolved");
        assertEquals(FlatRecordBytes.of(read, model).length(), copy.length());
    }

    @Test
    void aFlatRecordsBytesSurviveTheirOwnSerialization() throws IOException {
        PageView view = PageView.newBuilder().setTs(Instant.parse("2026-11-24T10:00:00Z")).setClientIp("203.0.113.0")
                .setMethod("GET").setPath("/caf\u00e9").setQuery(null).setProtocol("HTTP/1.1").setStatus(200).setBytes(null)
                .setReferer(null).setUserAgent("curl/8.5").setVhost(null).setResponseTimeUs(null).build();
        FlatRecordBytes copy = FlatRecordBytes.of(view, model);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy.write(new java.io.DataOutputStream(out));
        FlatRecordBytes back = new FlatRecordBytes();
        back.readFields(new java.io.DataInputStream(new java.io.ByteArrayInputStream(out.toByteArray())));
        assertCopied(Schemas.PAGE_VIEW, bytes(model.createDatumWriter(Schemas.PAGE_VIEW), view), view, back, "copied");
    }

    @Test
    void leavesRecordsWithoutAGeneratedClassToAvro() {
        Schema anonymous = Schema.createRecord("NoSuchClass", null, "nowhere", false,
                List.of(new Schema.Field("n", Schema.create(Schema.Type.LONG))));
        assertNull(FlatRecordReader.of(anonymous, model));
        assertNotNull(FlatRecordWriter.of(anonymous, model));
    }

    @Test
    void namesTheFieldOfAMissingValue() {
        PageView view = new PageView();
        view.setTs(Instant.parse("2026-11-24T10:00:00Z"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bytes(model.createDatumWriter(Schemas.PAGE_VIEW), view));
        assertEquals("null of \"string\" in field client_ip of io.clickstream.avro.PageView", e.getMessage());
    }

    @Test
    void writesARawValueOfALogicalTypeAsItIs() throws IOException {
        Schema schema = Schemas.PAGE_VIEW;
        IndexedRecord raw = new org.apache.avro.generic.GenericData.Record(schema);
        IndexedRecord converted = new org.apache.avro.generic.GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            Object value = value(field.schema(), new Random(field.pos()), 1);
            converted.put(field.pos(), value);
            raw.put(field.pos(), value instanceof Instant ? ((Instant) value).toEpochMilli() : value);
        }
        DatumWriter<IndexedRecord> flat = FlatRecordWriter.of(schema, model);
        assertArrayEquals(bytes(flat, converted), bytes(flat, raw));
        assertTrue(bytes(flat, raw).length > 8);
    }

    private static byte[] bytes(DatumWriter<IndexedRecord> writer, IndexedRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** A value of the schema: null one time in three where the field is nullable, extremes and non-ASCII text too. */
    private static Object value(Schema schema, Random random, int i) {
        if (schema.getType() == Schema.Type.UNION) {
            Schema present = schema.getTypes().get(schema.getTypes().get(0).getType() == Schema.Type.NULL ? 1 : 0);
            return random.nextInt(3) == 0 ? null : value(present, random, i);
        }
        LogicalType logical = schema.getLogicalType();
        if (logical != null) {
            switch (logical.getName()) {
                case "timestamp-millis": return Instant.ofEpochMilli(random.nextLong() % 4_000_000_000_000L);
                case "date": return LocalDate.ofEpochDay(random.nextInt(40_000) - 10_000);
                case "decimal": return BigDecimal.valueOf(random.nextLong() % 10_000_000_000L,
                        ((org.apache.avro.LogicalTypes.Decimal) logical).getScale());
                default: throw new IllegalArgumentException(logical.getName());
            }
        }
        switch (schema.getType()) {
            case BOOLEAN: return random.nextBoolean();
            case INT: return i % 7 == 0 ? Integer.MIN_VALUE : random.nextInt();
            case LONG: return i % 7 == 0 ? Long.MAX_VALUE : random.nextLong();
            case FLOAT: return random.nextFloat();
            case DOUBLE: return i % 5 == 0 ? Double.NaN : random.nextGaussian();
            case STRING: return i % 4 == 0 ? "" : "/p\u00e9/\u4e2d-" + random.nextInt() + "\ud83d\ude00";
            case BYTES: return ByteBuffer.wrap(new byte[] {(byte) i, 0, (byte) 255});
            default: throw new IllegalArgumentException(schema.toString());
        }
    }
}
