package io.clickstream.accesslog;

import io.clickstream.accesslog.LogFormat.Token;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Writes a {@link Hit} as a line of a {@link LogFormat}, the way Apache and nginx do (quotes and
 * backslashes escaped in quoted fields, {@code -} for absent values). The generator's half of the parser.
 */
public final class LogLineRenderer {

    /** What a response's status line and headers add to its body on the wire, for %O and $bytes_sent. */
    private static final int HEADER_BYTES = 230;
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    /** Ways a line can be damaged on purpose, to exercise the quarantine. */
    public enum Damage { NONE, BAD_TIMESTAMP, BAD_STATUS }

    private final LogFormat format;

    public LogLineRenderer(LogFormat format) {
        this.format = format;
    }

    public String render(Hit hit, Damage damage) {
        StringBuilder line = new StringBuilder(256);
        for (Token token : format.tokens()) {
            if (token.isLiteral()) {
                line.append(new String(token.literal(), StandardCharsets.UTF_8));
            } else {
                appendField(line, token, hit, damage);
            }
        }
        return line.toString();
    }

    private static void appendField(StringBuilder out, Token token, Hit hit, Damage damage) {
        String uri = uri(hit.request());
        boolean badTime = damage == Damage.BAD_TIMESTAMP;
        switch (token.kind()) {
            case CLIENT_IP -> out.append(hit.clientIp());
            case TIME_BRACKETED -> out.append('[').append(clf(hit, badTime)).append(']');
            case TIME_CLF -> out.append(clf(hit, badTime));
            case TIME_ISO8601 -> out.append(badTime ? "2026-13-45T25:61:00+00:00" : iso8601(hit));
            case TIME_EPOCH_SECONDS -> out.append(badTime ? "17x" : String.valueOf(hit.timestampMillis() / 1000));
            case TIME_EPOCH_MILLIS -> out.append(badTime ? "17x" : String.valueOf(hit.timestampMillis()));
            case TIME_EPOCH_MICROS -> out.append(badTime ? "17x" : hit.timestampMillis() + "000");
            case TIME_EPOCH_SECONDS_FRACTION -> out.append(badTime ? "17x" : String.format(Locale.ROOT, "%d.%03d",
                    hit.timestampMillis() / 1000, hit.timestampMillis() % 1000));
            case REQUEST_LINE -> out.append(escape(hit.request()));
            case METHOD -> out.append(part(hit.request(), 0));
            case URI -> out.append(uri == null ? "-" : uri);
            case PATH -> out.append(uri == null ? "-" : uri.split("\\?", 2)[0]);
            case QUERY_WITH_MARK -> out.append(uri != null && uri.contains("?") ? uri.substring(uri.indexOf('?')) : "");
            case QUERY -> out.append(uri != null && uri.contains("?") ? uri.substring(uri.indexOf('?') + 1) : "-");
            case PROTOCOL -> out.append(part(hit.request(), 2));
            case STATUS -> out.append(damage == Damage.BAD_STATUS ? "2O0" : String.valueOf(hit.status()));
            case BYTES -> out.append(hit.bytes() == 0 && token.directive().equals("%b") ? "-" : String.valueOf(hit.bytes()));
            case BYTES_SENT -> out.append(hit.bytes() + HEADER_BYTES);
            case REFERER -> out.append(hit.referer() == null ? "-" : escape(hit.referer()));
            case USER_AGENT -> out.append(hit.userAgent() == null ? "-" : escape(hit.userAgent()));
            case VHOST -> out.append(hit.vhost());
            case RESPONSE_TIME_MICROS -> out.append(hit.responseTimeMicros());
            case RESPONSE_TIME_MILLIS -> out.append(hit.responseTimeMicros() / 1000);
            case RESPONSE_TIME_SECONDS -> out.append(hit.responseTimeMicros() / 1_000_000);
            case RESPONSE_TIME_SECONDS_FRACTION -> out.append(String.format(Locale.ROOT, "%d.%03d",
                    hit.responseTimeMicros() / 1_000_000, hit.responseTimeMicros() / 1000 % 1000));
            default -> out.append('-');
        }
    }

    private static String clf(Hit hit, boolean damaged) {
        LocalDateTime local = local(hit);
        String month = damaged ? "Foo" : MONTHS[local.getMonthValue() - 1];
        return String.format(Locale.ROOT, "%02d/%s/%04d:%02d:%02d:%02d %s", local.getDayOfMonth(), month,
                local.getYear(), local.getHour(), local.getMinute(), local.getSecond(), offset(hit.offsetMinutes(), ""));
    }

    private static String iso8601(Hit hit) {
        LocalDateTime local = local(hit);
        return String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d%s", local.getYear(), local.getMonthValue(),
                local.getDayOfMonth(), local.getHour(), local.getMinute(), local.getSecond(),
                offset(hit.offsetMinutes(), ":"));
    }

    private static LocalDateTime local(Hit hit) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(hit.timestampMillis()),
                ZoneOffset.ofTotalSeconds(hit.offsetMinutes() * 60));
    }

    private static String offset(int minutes, String separator) {
        int abs = Math.abs(minutes);
        return String.format(Locale.ROOT, "%s%02d%s%02d", minutes < 0 ? "-" : "+", abs / 60, separator, abs % 60);
    }

    private static String uri(String request) {
        String[] parts = request.split(" ");
        return parts.length == 3 ? parts[1] : null;
    }

    private static String part(String request, int index) {
        String[] parts = request.split(" ");
        return parts.length == 3 ? parts[index] : "-";
    }

    /** As Apache's ap_escape_logitem: quote and backslash escaped, control bytes as {@code \xhh}. */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
