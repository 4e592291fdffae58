package io.clickstream.ingest.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class HourRouterTest {

    private static final long T = Instant.parse("2026-12-05T13:59:59.999Z").toEpochMilli();
    private final HourRouter router = new HourRouter("access_logs-2-000000000100",
            Instant.parse("2026-12-05T13:00:00Z").toEpochMilli());

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRecordIsALineInTheUtcHourOfItsTimestampWithoutTheLineBreakAShipperSent() {
        HourRouter.Route route = router.route(7, T, bytes("GET / 200\r\n"));
        assertEquals(HourRouter.Kind.LANDED, route.kind());
        assertEquals(LocalDate.of(2026, 12, 5), route.day());
        assertEquals(13, route.hour());
        assertEquals("", route.folder());
        assertEquals("access_logs-2-000000000100.log", route.file());
        assertArrayEquals(bytes("GET / 200"), route.line());
        assertArrayEquals(bytes("x\u00e9"), router.route(8, T, bytes("x\u00e9\n")).line());
        assertArrayEquals(new byte[0], router.route(9, T, new byte[0]).line(), "an empty line is the clean stage's to judge");
    }

    @Test
    void aRecordForAClosedHourGoesToThatHoursLateFolder() {
        HourRouter.Route late = router.route(7, T - 3_600_000L, bytes("old"));
        assertEquals(HourRouter.Kind.LATE, late.kind());
        assertEquals(12, late.hour());
        assertEquals("_late", late.folder());
    }

    @Test
    void whatCannotBeOneRawLineIsRejectedWithItsOffsetReasonAndBytes() {
        HourRouter.Route inside = router.route(42, T, bytes("two\nlines"));
        assertEquals(HourRouter.Kind.REJECTED, inside.kind());
        assertEquals("_rejected", inside.folder());
        assertEquals("access_logs-2-000000000100.jsonl", inside.file());
        String json = new String(inside.line(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"offset\": 42") && json.contains("line break inside")
                && json.contains("\"value_base64\": \"dHdvCmxpbmVz\""), json);
        assertTrue(new String(router.route(43, T, null).line(), StandardCharsets.UTF_8).contains("tombstone"));
        assertEquals(HourRouter.Kind.REJECTED, router.route(44, -1, bytes("x")).kind());
    }
}
