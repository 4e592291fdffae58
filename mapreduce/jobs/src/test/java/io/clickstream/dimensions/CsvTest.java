package io.clickstream.dimensions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void rfc4180QuotingRoundTrips() throws Exception {
        List<String> fields = List.of("P0001", "Trail Runner \"Cloud\", white", "Gift set\n(boxed)", "", "Zürich €");
        String line = Csv.format(fields);
        assertEquals("P0001,\"Trail Runner \"\"Cloud\"\", white\",\"Gift set\n(boxed)\",,Zürich €", line);
        assertEquals(fields, Csv.parse(line));
        assertFalse(Csv.isComplete("P0001,\"Gift set"));
        assertTrue(Csv.isComplete(line));
    }

    @Test
    void strayQuotesAreNamed() {
        Csv.MalformedCsvException after = assertThrows(Csv.MalformedCsvException.class, () -> Csv.parse("a,\"b\"c,d"));
        assertEquals("field 2 has text after its closing quote at character 6", after.getMessage());
        Csv.MalformedCsvException inside = assertThrows(Csv.MalformedCsvException.class, () -> Csv.parse("a,b\"c"));
        assertTrue(inside.getMessage().startsWith("field 2 has a quote"), inside.getMessage());
        assertThrows(Csv.MalformedCsvException.class, () -> Csv.parse("a,\"open"));
    }

    /** Only a quote that opens a field continues a record on the next line; a stray one does not swallow the file. */
    @Test
    void onlyAnOpeningQuoteContinuesARecord() {
        assertTrue(Csv.isComplete("C00005,D\"E,vip,2020-01-01,2026-11-24T00:00:00Z"));
        assertTrue(Csv.isComplete("P0003,12\" screen,hats"));
        assertFalse(Csv.isComplete("P0003,\"12\"\" screen,hats"));
        assertTrue(Csv.isComplete("P0003,\"12\"\" screen\",hats"));
        assertFalse(Csv.isComplete("a,\"b\"c,\"d"), "a quote after a closed field's text is not an opening");
        assertTrue(Csv.isComplete("a,\"line\r\nbreak\",b"));
    }
}
