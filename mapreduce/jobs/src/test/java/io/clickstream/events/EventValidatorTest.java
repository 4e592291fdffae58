package io.clickstream.events;

import io.clickstream.quality.Rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.avro.Event;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    private static final String ORDER = "{\"event_id\":\"ev-1\",\"event_type\":\"order_placed\","
            + "\"event_time\":\"2026-11-24T10:15:02.5+01:00\",\"customer_id\":\"C00042\",\"order_id\":\"O-1\","
            + "\"items\":[{\"product_id\":\"P0007\",\"quantity\":2,\"unit_price\":\"24.95\"},"
            + "{\"product_id\":\"P0008\",\"quantity\":1,\"unit_price\":0.1}],\"amount\":50.00,\"currency\":\"EUR\"}";

    private final EventValidator validator = new EventValidator(64 * 1024);

    private Rejection<EventRejectReason> validate(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return validator.validate(bytes, bytes.length);
    }

    @Test
    void orderWithItemsBecomesAnEventWithExactMoney() {
        assertNull(validate(ORDER));
        Event e = validator.event();
        assertEquals("ev-1", e.getEventId());
        assertEquals(Instant.parse("2026-11-24T09:15:02.500Z"), e.getEventTime());
        assertEquals(new BigDecimal("50.00"), e.getAmount());
        assertEquals(2, e.getItems().size());
        assertEquals(new BigDecimal("0.10"), e.getItems().get(1).getUnitPrice());
        assertEquals("EUR", e.getCurrency());
        assertNull(e.getProductId());
    }

    @Test
    void fieldsANewerProducerAddsAreIgnored() {
        assertNull(validate("{\"event_id\":\"ev-2\",\"event_type\":\"login\",\"event_time\":\"2026-11-24T10:00:00Z\","
                + "\"customer_id\":\"C1\",\"app_version\":\"5.0\",\"experiment\":{\"id\":7}}"));
        assertEquals("login", validator.event().getEventType());
    }

    @Test
    void everyBrokenRuleIsNamed() {
        assertReason(EventRejectReason.INVALID_JSON, "{\"event_id\":\"ev-3\",", "not JSON");
        assertReason(EventRejectReason.INVALID_JSON, "[1,2]", "JSON object");
        assertReason(EventRejectReason.BLANK_LINE, "   ", "blank");
        assertReason(EventRejectReason.MISSING_FIELD, ORDER.replace("\"event_id\":\"ev-1\",", ""), "event_id is required");
        assertReason(EventRejectReason.UNKNOWN_EVENT_TYPE, ORDER.replace("order_placed", "refund"), "'refund'");
        assertReason(EventRejectReason.BAD_TIMESTAMP, ORDER.replace("2026-11-24T10:15:02.5+01:00", "2026-11-24 10:15"),
                "event_time '2026-11-24 10:15'");
        assertReason(EventRejectReason.BAD_VALUE, ORDER.replace("50.00", "49.90"), "amount 49.90 is not the sum of the items, 50.00");
        assertReason(EventRejectReason.BAD_VALUE, ORDER.replace("\"EUR\"", "\"euro\""), "currency 'euro'");
        assertReason(EventRejectReason.BAD_TYPE, ORDER.replace("\"quantity\":2", "\"quantity\":\"two\""), "items[0].quantity");
        assertReason(EventRejectReason.BAD_VALUE, ORDER.replace("\"quantity\":2", "\"quantity\":0"), "items[0].quantity 0");
        assertReason(EventRejectReason.BAD_VALUE, ORDER.replace("\"unit_price\":0.1", "\"unit_price\":0.105"), "items[1].unit_price");
        assertReason(EventRejectReason.BAD_TYPE, ORDER.replace("\"C00042\"", "42"), "customer_id must be a string");
        assertReason(EventRejectReason.MISSING_FIELD, "{\"event_id\":\"ev-4\",\"event_type\":\"checkout\","
                + "\"event_time\":\"2026-11-24T10:00:00Z\"}", "customer_id or anonymous_id");
        assertReason(EventRejectReason.MISSING_FIELD, "{\"event_id\":\"ev-5\",\"event_type\":\"add_to_cart\","
                + "\"event_time\":\"2026-11-24T10:00:00Z\",\"anonymous_id\":\"a\",\"quantity\":1}", "product_id");
        assertReason(EventRejectReason.LINE_TOO_LONG, "{\"x\":\"" + "y".repeat(70_000) + "\"}", "longer than");
    }

    /** What a line holds besides one object is never merged, dropped or guessed at: each shape has its reason. */
    @Test
    void aLineHoldsOneObjectWithEachKeyOnce() {
        assertReason(EventRejectReason.SEVERAL_JSON_VALUES, ORDER + ORDER.replace("ev-1", "ev-2"),
                "a second JSON value after the JSON object at byte " + (ORDER.length() + 1) + "; one event per line");
        assertReason(EventRejectReason.SEVERAL_JSON_VALUES, ORDER + " [1]", "a second JSON value");
        assertReason(EventRejectReason.TRAILING_DATA, ORDER + " garbage", "data after the JSON object at byte");
        assertReason(EventRejectReason.TRAILING_DATA, ORDER + "}", "data after the JSON object");
        assertReason(EventRejectReason.TRAILING_DATA, ORDER + " 42", "data after the JSON object");
        assertReason(EventRejectReason.DUPLICATE_KEY, ORDER.replace("\"event_id\":\"ev-1\",",
                "\"event_id\":\"ev-1\",\"event_id\":\"ev-9\","), "Duplicate field 'event_id'");
        assertReason(EventRejectReason.DUPLICATE_KEY, ORDER.replace("\"quantity\":2", "\"quantity\":2,\"quantity\":2"),
                "Duplicate field 'quantity'");
        assertNull(validate(ORDER + " \t\r"), "white space after the object is not data");
    }

    @Test
    void timesOutsideWhatDateArithmeticHandlesAreQuarantinedNotFatal() {
        for (String time : new String[] {"-999999999-01-01T00:00:00+18:00", "+999999999-12-31T23:59:59-18:00",
                "1969-12-31T23:59:59Z", "+10000-01-01T00:00:00Z"}) {
            assertReason(EventRejectReason.BAD_TIMESTAMP, ORDER.replace("2026-11-24T10:15:02.5+01:00", time),
                    "event_time '" + time + "' is outside the years 1970 to 9999");
        }
        assertNull(validate(ORDER.replace("2026-11-24T10:15:02.5+01:00", "1970-01-01T00:00:00Z")));
    }

    @Test
    void latenessWindowRoutesByTheUtcDayOfTheEvent() {
        LatenessWindow window = new LatenessWindow(LocalDate.of(2026, 11, 24), 3);
        assertEquals(LatenessWindow.Route.ON_TIME, window.route(Instant.parse("2026-11-24T00:00:00Z")));
        assertEquals(LatenessWindow.Route.LATE, window.route(Instant.parse("2026-11-23T23:59:59Z")));
        assertEquals(LatenessWindow.Route.LATE, window.route(Instant.parse("2026-11-21T00:00:00Z")));
        assertEquals(LatenessWindow.Route.TOO_LATE, window.route(Instant.parse("2026-11-20T23:59:59Z")));
        assertEquals(LatenessWindow.Route.IN_FUTURE, window.route(Instant.parse("2026-11-25T00:00:00Z")));
    }

    private void assertReason(EventRejectReason reason, String json, String inMessage) {
        Rejection<EventRejectReason> r = validate(json);
        assertEquals(reason, r == null ? null : r.reason(), json);
        assertTrue(r.message().contains(inMessage), r.message());
    }
}
