package io.clickstream.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clickstream.jobs.AvroModel;
import io.clickstream.jobs.Schemas;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** Data written with today's event.avsc stays readable when a field is appended with a default. */
class EventSchemaEvolutionTest {

    @Test
    void oldFilesReadWithAnEvolvedSchemaGetTheDefault() throws Exception {
        EventValidator validator = new EventValidator(4096);
        byte[] json = ("{\"event_id\":\"ev-1\",\"event_type\":\"order_placed\",\"event_time\":\"2026-11-24T10:00:00Z\","
                + "\"customer_id\":\"C1\",\"order_id\":\"O-1\",\"items\":[{\"product_id\":\"P0001\",\"quantity\":1,"
                + "\"unit_price\":\"9.99\"}],\"amount\":\"9.99\",\"currency\":\"EUR\"}").getBytes(StandardCharsets.UTF_8);
        assertNull(validator.validate(json, json.length));

        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (DataFileWriter<Object> writer = new DataFileWriter<>(new SpecificDatumWriter<>(Schemas.EVENT, new AvroModel()))) {
            writer.create(Schemas.EVENT, file);
            writer.append(validator.event());
        }
        Schema evolved = new Schema.Parser().parse(Schemas.EVENT.toString().replaceFirst("]}$",
                ",{\"name\":\"coupon\",\"type\":[\"null\",\"string\"],\"default\":null}]}"));
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(new SeekableByteArrayInput(file.toByteArray()),
                new GenericDatumReader<>(null, evolved))) {
            GenericRecord old = reader.next();
            assertEquals("ev-1", old.get("event_id").toString());
            assertNull(old.get("coupon"));
            assertEquals(1, ((java.util.List<?>) old.get("items")).size());
        }
    }
}
