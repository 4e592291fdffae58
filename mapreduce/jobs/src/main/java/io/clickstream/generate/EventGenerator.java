package io.clickstream.generate;

import io.clickstream.events.EventRejectReason;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded shop-backend events (JSON lines) by arrival day: signups, logins, carts, checkouts and orders of
 * real customers and products, with at-least-once redeliveries, late arrivals from earlier days and a share
 * of broken lines, each labelled with what clean-events must make of it.
 */
public final class EventGenerator {

    public static final int CUSTOMERS = 2_000;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /** What clean-events must do with a line: accept, drop as duplicate, forward late, or quarantine. */
    public enum Outcome { ACCEPTED, DUPLICATE, LATE, QUARANTINED }

    /**
     * One line as it arrives. {@code eventDay} is the day a late line belongs to; {@code reason} the
     * quarantine reason.
     */
    public record Line(byte[] bytes, Outcome outcome, LocalDate eventDay, EventRejectReason reason) {
    }

    private final SplittableRandom random;
    private final double badShare;
    private long nextId;

    public EventGenerator(long seed, double badShare) {
        this.random = new SplittableRandom(seed);
        this.badShare = badShare;
    }

    public static String customer(int n) {
        return String.format(Locale.ROOT, "C%05d", n);
    }

    public static String product(int n) {
        return String.format(Locale.ROOT, "P%04d", n);
    }

    /** The list price of a product, in EUR: the same for the events and the product dimension. */
    public static BigDecimal price(int product) {
        return BigDecimal.valueOf(499 + (product * 7_919L) % 15_000, 2);
    }

    /** About {@code perDay} lines arriving on each day, in arrival order. */
    public List<List<Line>> days(LocalDate start, int days, int perDay) {
        return days(start, days, perDay, List.of());
    }

    /**
     * As {@link #days(LocalDate, int, int)}, plus the order_placed event of each web order of those days, placed
     * a few seconds before its confirmation page was shown and arriving on the same day.
     */
    public List<List<Line>> days(LocalDate start, int days, int perDay, List<AccessLogGenerator.WebOrder> webOrders) {
        List<List<Line>> byDay = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate day = start.plusDays(d);
            long dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            List<Line> lines = new ArrayList<>();
            for (AccessLogGenerator.WebOrder order : webOrders) {
                long placed = order.confirmedMillis() - 1_000L * (1 + random.nextInt(5));
                if (placed >= dayStart && placed < dayStart + 86_400_000L) {
                    String id = "ev-" + Long.toString(nextId++, 36) + "-" + Integer.toHexString(random.nextInt());
                    lines.add(new Line(utf8(order(id, time(placed), customer(1 + random.nextInt(CUSTOMERS)), order.orderId())),
                            Outcome.ACCEPTED, day, null));
                }
            }
            while (lines.size() < perDay) {
                int p = random.nextInt(1000);
                if (p < 1000 * badShare) {
                    lines.add(broken(dayStart));
                } else if (p < 1000 * badShare + 20 && d > 0) {
                    LocalDate eventDay = day.minusDays(1 + random.nextInt(Math.min(d, 2)));
                    long eventStart = eventDay.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                    lines.add(new Line(utf8(event(eventStart + random.nextLong(86_400_000L))), Outcome.LATE, eventDay, null));
                } else {
                    String json = event(dayStart + random.nextLong(86_400_000L));
                    lines.add(new Line(utf8(json), Outcome.ACCEPTED, day, null));
                    if (random.nextInt(100) < 3) {
                        lines.add(new Line(utf8(json), Outcome.DUPLICATE, day, null));
                    }
                }
            }
            byDay.add(lines);
        }
        return byDay;
    }

    /** An event of a live stream: the moment it happened and is sent, its line, its id (null for a broken line). */
    public record Timed(long millis, Line line, String eventId) {
    }

    /**
     * About {@code count} events happening between {@code from} and {@code to} (epoch millis), in time order, as a shop
     * backend sends them the moment they happen: a redelivery of about 3% of them a second or two later, a
     * {@code badShare} of broken lines.
     */
    public List<Timed> window(long from, long to, int count) {
        List<Timed> events = new ArrayList<>(count + count / 20);
        LocalDate day = Instant.ofEpochMilli(from).atZone(ZoneOffset.UTC).toLocalDate();
        for (int i = 0; i < count; i++) {
            long millis = from + random.nextLong(Math.max(1, to - from));
            if (random.nextDouble() < badShare) {
                events.add(new Timed(millis, broken(day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()), null));
                continue;
            }
            String json = event(millis);
            String id = json.substring("{\"event_id\":\"".length(), json.indexOf('"', "{\"event_id\":\"".length()));
            events.add(new Timed(millis, new Line(utf8(json), Outcome.ACCEPTED, day, null), id));
            if (random.nextInt(100) < 3) {
                events.add(new Timed(Math.min(to - 1, millis + 1_000 + random.nextInt(1_000)),
                        new Line(utf8(json), Outcome.DUPLICATE, day, null), id));
            }
        }
        events.sort(java.util.Comparator.comparingLong(Timed::millis));
        return events;
    }

    private String event(long millis) {
        String id = "ev-" + Long.toString(nextId++, 36) + "-" + Integer.toHexString(random.nextInt());
        String time = time(millis);
        String customer = customer(1 + random.nextInt(CUSTOMERS));
        String anonymous = "anon-" + Integer.toHexString(random.nextInt(1 << 24));
        int p = random.nextInt(100);
        if (p < 8) {
            return String.format(Locale.ROOT, "{\"event_id\":\"%s\",\"event_type\":\"signup\",\"event_time\":\"%s\","
                    + "\"customer_id\":\"%s\",\"anonymous_id\":\"%s\"}", id, time, customer, anonymous);
        } else if (p < 30) {
            return String.format(Locale.ROOT, "{\"event_id\":\"%s\",\"event_type\":\"login\",\"event_time\":\"%s\","
                    + "\"customer_id\":\"%s\"}", id, time, customer);
        } else if (p < 65) {
            return String.format(Locale.ROOT, "{\"event_id\":\"%s\",\"event_type\":\"add_to_cart\",\"event_time\":\"%s\","
                    + "\"anonymous_id\":\"%s\",\"product_id\":\"%s\",\"quantity\":%d,\"app_version\":\"4.2.%d\"}",
                    id, time, anonymous, product(1 + random.nextInt(WebShop.PRODUCTS)), 1 + random.nextInt(3), random.nextInt(9));
        } else if (p < 82) {
            return String.format(Locale.ROOT, "{\"event_id\":\"%s\",\"event_type\":\"checkout\",\"event_time\":\"%s\","
                    + "\"customer_id\":\"%s\"}", id, time, customer);
        }
        return order(id, time, customer, "O-" + id.substring(3));
    }

    private String order(String id, String time, String customer, String orderId) {
        StringBuilder items = new StringBuilder();
        BigDecimal amount = BigDecimal.ZERO.setScale(2);
        int lines = 1 + random.nextInt(3);
        for (int i = 0; i < lines; i++) {
            int product = 1 + random.nextInt(WebShop.PRODUCTS);
            int quantity = 1 + random.nextInt(2);
            amount = amount.add(price(product).multiply(BigDecimal.valueOf(quantity)));
            items.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"product_id\":\"%s\",\"quantity\":%d,\"unit_price\":\"%s\"}", product(product), quantity, price(product)));
        }
        return String.format(Locale.ROOT, "{\"event_id\":\"%s\",\"event_type\":\"order_placed\",\"event_time\":\"%s\","
                + "\"customer_id\":\"%s\",\"order_id\":\"%s\",\"items\":[%s],\"amount\":%s,\"currency\":\"EUR\"}",
                id, time, customer, orderId, items, amount);
    }

    /** Producers send their local time with its offset: half of them UTC, half Central European. */
    private String time(long millis) {
        ZoneOffset offset = random.nextBoolean() ? ZoneOffset.UTC : ZoneOffset.ofHours(1);
        return ISO.format(Instant.ofEpochMilli(millis).atOffset(offset));
    }

    private Line broken(long dayStart) {
        String good = event(dayStart + random.nextLong(86_400_000L));
        EventRejectReason reason;
        String text;
        switch (random.nextInt(8)) {
            case 0 -> {
                reason = EventRejectReason.INVALID_JSON;
                text = good.substring(0, good.length() / 2);
            }
            case 1 -> {
                reason = EventRejectReason.MISSING_FIELD;
                text = good.replaceFirst("\"event_id\":\"[^\"]*\",", "");
            }
            case 2 -> {
                reason = EventRejectReason.UNKNOWN_EVENT_TYPE;
                text = good.replaceFirst("\"event_type\":\"[a-z_]+\"", "\"event_type\":\"refund\"");
            }
            case 3 -> {
                reason = EventRejectReason.BAD_TIMESTAMP;
                text = good.replaceFirst("\"event_time\":\"([0-9-]+)T([0-9:]+)[^\"]*\"", "\"event_time\":\"$1 $2\"");
            }
            case 4 -> {
                reason = EventRejectReason.BAD_TYPE;
                text = good.replaceFirst("\"customer_id\":\"(C[0-9]+)\"", "\"customer_id\":42")
                        .replaceFirst("\"anonymous_id\":\"[^\"]*\"", "\"anonymous_id\":7");
            }
            case 5 -> {
                reason = EventRejectReason.TOO_LATE;
                text = good.replaceFirst("\"event_time\":\"[^\"]*\"", "\"event_time\":\"" + time(dayStart - 10 * 86_400_000L) + "\"");
            }
            case 6 -> {
                reason = EventRejectReason.BLANK_LINE;
                text = "";
            }
            default -> {
                reason = EventRejectReason.EVENT_TIME_IN_FUTURE;
                text = good.replaceFirst("\"event_time\":\"[^\"]*\"", "\"event_time\":\"" + time(dayStart + 2 * 86_400_000L) + "\"");
            }
        }
        return new Line(utf8(text), Outcome.QUARANTINED, null, reason);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
