package io.clickstream.events;

import io.clickstream.quality.Rejection;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clickstream.avro.Event;
import io.clickstream.avro.LineItem;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Validates one JSON line of the shop backend against the events contract and turns it into an
 * {@link Event}: required fields per event type, types, accepted values, ranges, times with offsets, and
 * that an order's amount is the sum of its lines. Unknown fields are ignored (producers may be newer).
 */
public final class EventValidator {

    public static final Set<String> TYPES = Set.of("signup", "login", "add_to_cart", "checkout", "order_placed");
    private static final int MAX_ID = 128;
    private static final int MAX_MONEY_SCALE = 2;
    /** The times date arithmetic downstream (days, lateness, Hive's TIMESTAMP) handles; checked before any of it. */
    private static final java.time.Instant EARLIEST = java.time.Instant.EPOCH;
    private static final java.time.Instant LATEST = java.time.Instant.parse("+10000-01-01T00:00:00Z");

    /** Money in JSON numbers is read exactly, never through a double. */
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private final int maxLineBytes;
    private Event event;

    public EventValidator(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    /** Null when the line is a valid event ({@link #event()} then holds it), else why not. */
    public Rejection<EventRejectReason> validate(byte[] line, int length) {
        event = null;
        if (length > maxLineBytes) {
            return reject(EventRejectReason.LINE_TOO_LONG, "line of " + length + " bytes is longer than " + maxLineBytes);
        }
        if (new String(line, 0, length, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return reject(EventRejectReason.BLANK_LINE, "blank line");
        }
        JsonNode node;
        try (JsonParser parser = json.createParser(line, 0, length)) {
            node = json.readTree(parser);
            Rejection<EventRejectReason> trailing = trailing(parser);
            if (trailing != null) {
                return trailing;
            }
        } catch (JsonProcessingException e) {
            boolean duplicate = String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field");
            return reject(duplicate ? EventRejectReason.DUPLICATE_KEY : EventRejectReason.INVALID_JSON,
                    (duplicate ? "" : "not JSON: ") + e.getOriginalMessage() + (duplicate ? ": which value is meant is"
                            + " unknown" : ""));
        } catch (IOException e) {
            return reject(EventRejectReason.INVALID_JSON, "not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            return reject(EventRejectReason.INVALID_JSON, "a JSON object was expected");
        }
        try {
            event = toEvent(node);
            return null;
        } catch (Invalid e) {
            return e.rejection;
        }
    }

    /** After the object: nothing but white space; a second value is not merged into nor dropped after the first. */
    private static Rejection<EventRejectReason> trailing(JsonParser parser) throws IOException {
        long end = parser.getCurrentLocation().getByteOffset();
        JsonToken next;
        try {
            next = parser.nextToken();
        } catch (JsonProcessingException e) {
            return new Rejection<>(EventRejectReason.TRAILING_DATA, "data after the JSON object at byte " + (end + 1)
                    + ": " + e.getOriginalMessage());
        }
        if (next == null) {
            return null;
        }
        boolean value = next == JsonToken.START_OBJECT || next == JsonToken.START_ARRAY;
        return new Rejection<>(value ? EventRejectReason.SEVERAL_JSON_VALUES : EventRejectReason.TRAILING_DATA,
                (value ? "a second JSON value" : "data") + " after the JSON object at byte " + (end + 1)
                        + "; one event per line");
    }

    public Event event() {
        return event;
    }

    private Event toEvent(JsonNode node) {
        String type = text(node, "event_type", true);
        if (!TYPES.contains(type)) {
            throw invalid(EventRejectReason.UNKNOWN_EVENT_TYPE, "event_type '" + type + "' is not one of " + new java.util.TreeSet<>(TYPES));
        }
        Event.Builder e = Event.newBuilder()
                .setEventId(id(node, "event_id", true))
                .setEventType(type)
                .setEventTime(time(node))
                .setCustomerId(id(node, "customer_id", type.equals("signup") || type.equals("login")
                        || type.equals("order_placed")))
                .setAnonymousId(id(node, "anonymous_id", false))
                .setProductId(null).setQuantity(null).setOrderId(null).setAmount(null).setCurrency(null)
                .setItems(List.of());
        if (e.getCustomerId() == null && e.getAnonymousId() == null) {
            throw invalid(EventRejectReason.MISSING_FIELD, "customer_id or anonymous_id is required");
        }
        if (type.equals("add_to_cart")) {
            e.setProductId(id(node, "product_id", true)).setQuantity(positiveInt(node.get("quantity"), "quantity"));
        } else if (type.equals("order_placed")) {
            e.setOrderId(id(node, "order_id", true));
            e.setItems(items(node));
            e.setCurrency(currency(node));
            BigDecimal amount = money(node.get("amount"), "amount");
            BigDecimal sum = e.getItems().stream().map(i -> i.getUnitPrice().multiply(BigDecimal.valueOf(i.getQuantity())))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (amount.compareTo(sum) != 0) {
                throw invalid(EventRejectReason.BAD_VALUE, "amount " + amount + " is not the sum of the items, " + sum);
            }
            e.setAmount(amount.setScale(MAX_MONEY_SCALE));
        }
        return e.build();
    }

    private List<LineItem> items(JsonNode node) {
        JsonNode items = node.get("items");
        if (items == null || items.isNull()) {
            throw invalid(EventRejectReason.MISSING_FIELD, "items is required for order_placed");
        }
        if (!items.isArray() || items.isEmpty()) {
            throw invalid(EventRejectReason.BAD_VALUE, "items must be a non-empty array");
        }
        List<LineItem> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String where = "items[" + i + "]";
            if (!item.isObject()) {
                throw invalid(EventRejectReason.BAD_TYPE, where + " must be an object");
            }
            lines.add(new LineItem(id(item, "product_id", true), positiveInt(item.get("quantity"), where + ".quantity"),
                    money(item.get("unit_price"), where + ".unit_price").setScale(MAX_MONEY_SCALE)));
        }
        return lines;
    }

    private java.time.Instant time(JsonNode node) {
        String value = text(node, "event_time", true);
        java.time.Instant time;
        try {
            time = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(EventRejectReason.BAD_TIMESTAMP, "event_time '" + value
                    + "' is not an ISO-8601 time with an offset, e.g. 2026-11-24T10:15:02+01:00");
        }
        if (time.isBefore(EARLIEST) || !time.isBefore(LATEST)) {
            throw invalid(EventRejectReason.BAD_TIMESTAMP, "event_time '" + value + "' is outside the years 1970 to 9999");
        }
        return time;
    }

    private String currency(JsonNode node) {
        String value = text(node, "currency", true);
        if (!value.matches("[A-Z]{3}")) {
            throw invalid(EventRejectReason.BAD_VALUE, "currency '" + value + "' is not an ISO 4217 code");
        }
        return value;
    }

    private static BigDecimal money(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            throw invalid(EventRejectReason.MISSING_FIELD, field + " is required");
        }
        BigDecimal amount;
        try {
            amount = value.isTextual() ? new BigDecimal(value.asText()) : value.isNumber() ? value.decimalValue() : null;
        } catch (NumberFormatException e) {
            amount = null;
        }
        if (amount == null) {
            throw invalid(EventRejectReason.BAD_TYPE, field + " must be a decimal number, not " + value);
        }
        if (amount.signum() < 0 || amount.scale() > MAX_MONEY_SCALE || amount.precision() - amount.scale() > 10) {
            throw invalid(EventRejectReason.BAD_VALUE, field + " " + amount + " is not a non-negative amount with at most 2 decimals");
        }
        return amount;
    }

    private static int positiveInt(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            throw invalid(EventRejectReason.MISSING_FIELD, field + " is required");
        }
        if (!value.isInt()) {
            throw invalid(EventRejectReason.BAD_TYPE, field + " must be a whole number, not " + value);
        }
        if (value.intValue() < 1 || value.intValue() > 10_000) {
            throw invalid(EventRejectReason.BAD_VALUE, field + " " + value.intValue() + " is not between 1 and 10000");
        }
        return value.intValue();
    }

    private static String id(JsonNode node, String field, boolean required) {
        String value = text(node, field, required);
        if (value != null && (value.isBlank() || value.length() > MAX_ID)) {
            throw invalid(EventRejectReason.BAD_VALUE, field + " must be 1 to " + MAX_ID + " characters");
        }
        return value;
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw invalid(EventRejectReason.MISSING_FIELD, field + " is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(EventRejectReason.BAD_TYPE, field + " must be a string, not " + value.getNodeType());
        }
        return value.asText();
    }

    private Rejection<EventRejectReason> reject(EventRejectReason reason, String message) {
        return new Rejection<>(reason, message);
    }

    private static Invalid invalid(EventRejectReason reason, String message) {
        return new Invalid(new Rejection<>(reason, message));
    }

    /** Unwinds validation at the first broken rule; never leaves this class. */
    private static final class Invalid extends RuntimeException {
        final Rejection<EventRejectReason> rejection;

        Invalid(Rejection<EventRejectReason> rejection) {
            super(null, null, false, false);
            this.rejection = rejection;
        }
    }
}
