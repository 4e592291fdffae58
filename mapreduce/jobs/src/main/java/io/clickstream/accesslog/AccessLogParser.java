package io.clickstream.accesslog;

import io.clickstream.privacy.ClientAddress;
import io.clickstream.quality.Rejection;
import io.clickstream.accesslog.LogFormat.Token;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;

/**
 * Parses access-log lines of one {@link LogFormat}, byte by byte, without regular expressions or
 * per-field allocation. Field by field: an invalid request line is kept (method and path null, as web
 * servers log TLS handshakes and garbage with a 400); a line is rejected only when a field the page view
 * needs cannot be read. Bytes after the last directive (fields a newer config appended) are ignored.
 * Not thread-safe only in that {@link ParsedLine} is reused by the caller.
 */
public final class AccessLogParser {

    private static final int SNIPPET = 80;
    /** How many ends an unquoted free-text field tries before the line is rejected: bounds the work on a bad line. */
    private static final int MAX_ATTEMPTS = 16;

    private final LogFormat format;
    private final byte[][] literals;
    private final FieldKind[] kinds;
    private final String[] directives;
    private final boolean[] quoted;
    private final boolean[] kept;
    /** Unquoted fields whose value may hold the next literal (a space): tried at each occurrence until the rest fits. */
    private final boolean[] freeText;
    /** Free text, {@code %U} directly followed by {@code %q} (the path ends at the query's {@code ?}), or a host and path. */
    private final boolean[] special;
    /** A host directly followed by the path ({@code $host$uri}): it ends at the path's {@code /}. */
    private final boolean[] hostThenPath;
    /** The strftime pattern of each {@code %{...}t} that is not one of the fixed forms. */
    private final StrftimePattern[] strftime;
    /** The format writes the time in parts: they are put together when the line has been read. */
    private final boolean timeInParts;
    private final boolean timeFromStrftime;
    private final ZoneId localZone;

    public AccessLogParser(LogFormat format) {
        this.format = format;
        List<Token> tokens = format.tokens();
        int n = tokens.size();
        literals = new byte[n][];
        kinds = new FieldKind[n];
        directives = new String[n];
        quoted = new boolean[n];
        kept = new boolean[n];
        freeText = new boolean[n];
        special = new boolean[n];
        hostThenPath = new boolean[n];
        strftime = new StrftimePattern[n];
        boolean parts = false;
        boolean fromStrftime = false;
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            literals[i] = t.literal();
            kinds[i] = t.kind();
            directives[i] = t.directive();
            kept[i] = t.kept();
            strftime[i] = t.strftime();
            fromStrftime |= strftime[i] != null && kept[i];
            parts |= kept[i] && kinds[i] != null && kinds[i].isTimePart() && !kinds[i].isTime();
        }
        timeInParts = parts;
        timeFromStrftime = fromStrftime;
        localZone = format.localZone();
        for (int i = 0; i < n; i++) {
            boolean openedByQuote = i > 0 && endsWithQuote(literals[i - 1]);
            boolean closedByQuote = i + 1 < n && literals[i + 1] != null && literals[i + 1][0] == '"';
            quoted[i] = kinds[i] != null && openedByQuote && closedByQuote;
            boolean pathThenQuery = kinds[i] != null && i + 1 < n && format.isPathThenQuery(i);
            freeText[i] = kinds[i] != null && !quoted[i] && kinds[i] != FieldKind.TIME_BRACKETED && strftime[i] == null
                    && i + 1 < n
                    && (kinds[i].mayContainSpaces() || isHeaderLike(directives[i]));
            hostThenPath[i] = kinds[i] != null && i + 1 < n && format.isHostThenPath(i);
            special[i] = pathThenQuery || freeText[i] || hostThenPath[i];
        }
    }

    public LogFormat format() {
        return format;
    }

    /** Parses {@code line[0, length)} into {@code out}: null when accepted, else why not. */
    public Rejection<RejectReason> parse(byte[] line, int length, ParsedLine out) {
        out.reset(line);
        if (isBlank(line, length)) {
            return new Rejection<>(RejectReason.BLANK_LINE, "blank line");
        }
        if (!timeInParts) {
            return parseFrom(0, 0, line, length, out);
        }
        out.timeParts.reset();
        Rejection<RejectReason> rejection = parseFrom(0, 0, line, length, out);
        return rejection != null ? rejection : assembleTime(out);
    }

    /** The time a format wrote in parts: its strftime pieces in the server's zone, or a whole time and its fraction. */
    private Rejection<RejectReason> assembleTime(ParsedLine out) {
        TimeParts parts = out.timeParts;
        if (timeFromStrftime) {
            long millis = parts.toEpochMillis(localZone);
            if (millis == Timestamps.INVALID) {
                return new Rejection<>(RejectReason.BAD_TIMESTAMP, "the time written by " + timeDirectives()
                        + " is not a valid time");
            }
            out.timestampMillis = millis;
        } else if (parts.millis != TimeParts.UNSET) {
            out.timestampMillis = out.timestampMillis - Math.floorMod(out.timestampMillis, 1000L) + parts.millis;
        }
        return null;
    }

    private String timeDirectives() {
        StringBuilder names = new StringBuilder();
        for (int t = 0; t < kinds.length; t++) {
            if (kept[t] && kinds[t] != null && kinds[t].isTimePart()) {
                names.append(names.length() == 0 ? "" : " ").append(directives[t]);
            }
        }
        return names.toString();
    }

    private Rejection<RejectReason> parseFrom(int first, int from, byte[] line, int length, ParsedLine out) {
        int pos = from;
        for (int t = first; t < kinds.length; t++) {
            byte[] literal = literals[t];
            if (literal != null) {
                if (!regionMatches(line, pos, length, literal)) {
                    return mismatch(line, length, pos, "expected '" + printable(literal) + "'"
                            + (t > 0 ? " after " + directives[t - 1] : " at the start of the line"));
                }
                pos += literal.length;
                continue;
            }
            byte[] next = t + 1 < kinds.length ? literals[t + 1] : null;
            int end;
            boolean escaped = false;
            if (strftime[t] != null) {
                end = strftime[t].match(line, pos, length, kept[t] ? out.timeParts : out.ignoredTimeParts);
                if (end < 0) {
                    return mismatch(line, length, pos, directives[t] + " does not fit the time there");
                }
                pos = end;
                continue;
            } else if (special[t]) {
                if (freeText[t]) {
                    return freeTextFrom(t, pos, next, line, length, out);
                }
                end = hostThenPath[t] ? indexOf(line, pos, length, (byte) '/') : pathEnd(t, pos, line, length);
            } else if (kinds[t].fractionDigits() > 0) {
                end = Math.min(length, pos + kinds[t].fractionDigits());
            } else if (kinds[t] == FieldKind.TIME_BRACKETED) {
                end = pos < length && line[pos] == '[' ? indexOf(line, pos, length, (byte) ']') : -1;
                end = end < 0 ? -1 : end + 1;
            } else if (quoted[t]) {
                end = closingQuote(line, pos, length, next);
                escaped = end >= 0 && indexOf(line, pos, end, (byte) '\\') >= 0;
            } else if (next != null) {
                end = indexOf(line, pos, length, next);
            } else {
                end = kinds[t].isToken() ? endOfToken(line, pos, length) : length;
            }
            if (end < 0) {
                return mismatch(line, length, pos, "could not find the end of " + directives[t]
                        + (next == null ? "" : " (expected '" + printable(next) + "' after it)"));
            }
            if (kept[t]) {
                Rejection<RejectReason> rejection = store(t, line, pos, end, escaped, out);
                if (rejection != null) {
                    return rejection;
                }
            }
            pos = end;
        }
        return null;
    }

    /**
     * An unquoted field that may contain the literal after it (a cookie header with spaces, a request line): it ends
     * at the first occurrence of that literal after which the rest of the line fits the format. The first attempt's
     * rejection is the one reported when none fits.
     */
    private Rejection<RejectReason> freeTextFrom(int t, int pos, byte[] next, byte[] line, int length, ParsedLine out) {
        Rejection<RejectReason> firstRejection = null;
        int end = indexOf(line, pos, length, next);
        for (int attempt = 0; end >= 0 && attempt < MAX_ATTEMPTS; attempt++) {
            Rejection<RejectReason> rejection = kept[t] ? store(t, line, pos, end, false, out) : null;
            if (rejection == null) {
                rejection = parseFrom(t + 1, end, line, length, out);
            }
            if (rejection == null) {
                return null;
            }
            firstRejection = firstRejection == null ? rejection : firstRejection;
            end = indexOf(line, end + 1, length, next);
        }
        return firstRejection != null ? firstRejection : mismatch(line, length, pos, "could not find the end of "
                + directives[t] + " (expected '" + printable(next) + "' after it)");
    }

    /** Where {@code %U} ends when {@code %q} follows it directly: at the query's {@code ?}, else where the query ends. */
    private int pathEnd(int t, int pos, byte[] line, int length) {
        byte[] afterQuery = t + 2 < kinds.length ? literals[t + 2] : null;
        int queryEnd = afterQuery != null ? indexOf(line, pos, length, afterQuery) : endOfToken(line, pos, length);
        int mark = queryEnd < 0 ? -1 : indexOf(line, pos, queryEnd, (byte) '?');
        return mark >= 0 ? mark : queryEnd;
    }

    /** Request and response headers, cookies, notes and environment variables: values that may hold spaces. */
    private static boolean isHeaderLike(String directive) {
        return directive.matches("%[!<>0-9,]*\\{[^}]*\\}[ioCne]") || directive.startsWith("$http_")
                || directive.startsWith("$sent_http_") || directive.startsWith("$cookie_")
                || directive.startsWith("$upstream_http_");
    }

    private Rejection<RejectReason> store(int t, byte[] b, int start, int end, boolean escaped, ParsedLine out) {
        switch (kinds[t]) {
            case CLIENT_IP:
                if (end == start || isDash(b, start, end)) {
                    return invalid(RejectReason.BAD_CLIENT_IP, t, b, start, end, "is not a client address");
                }
                out.clientIp.set(start, end, escaped);
                boolean canonical = ClientAddress.isCanonicalIpv4(b, start, end);
                out.clientAddress = canonical ? null : ClientAddress.normalise(out.text(out.clientIp));
                if (!canonical && out.clientAddress == null) {
                    return invalid(RejectReason.BAD_CLIENT_IP, t, b, start, end,
                            "is not an IP address, IP:port, address list or host name");
                }
                return null;
            case TIME_BRACKETED:
                return time(t, b, start, end, Timestamps.parseClf(b, start + 1, end - 1), out);
            case TIME_CLF:
                return time(t, b, start, end, Timestamps.parseClf(b, start, end), out);
            case TIME_ISO8601:
                return time(t, b, start, end, Timestamps.parseIso8601(b, start, end), out);
            case TIME_EPOCH_SECONDS:
                return time(t, b, start, end, Timestamps.parseEpoch(b, start, end, 1000, false), out);
            case TIME_EPOCH_MILLIS:
                return time(t, b, start, end, Timestamps.parseEpoch(b, start, end, 1, false), out);
            case TIME_EPOCH_MICROS:
                return time(t, b, start, end, Timestamps.parseEpochMicros(b, start, end), out);
            case TIME_EPOCH_SECONDS_FRACTION:
                return time(t, b, start, end, Timestamps.parseEpoch(b, start, end, 1000, true), out);
            case TIME_MSEC_FRAC:
            case TIME_USEC_FRAC:
                return fraction(t, b, start, end, kinds[t].fractionDigits(), out);
            case REQUEST_LINE:
                RequestLine.split(b, start, end, escaped, out);
                return null;
            case METHOD:
                optional(out.method, b, start, end, escaped);
                return null;
            case URI:
                RequestLine.splitUri(b, start, end, escaped, out);
                return null;
            case PATH:
                optional(out.path, b, start, end, escaped);
                return null;
            case QUERY_WITH_MARK:
                optional(out.query, b, start < end && b[start] == '?' ? start + 1 : start, end, escaped);
                return null;
            case QUERY:
                optional(out.query, b, start, end, escaped);
                return null;
            case PROTOCOL:
                optional(out.protocol, b, start, end, escaped);
                return null;
            case STATUS:
                long status = end - start == 3 ? number(b, start, end) : -1;
                if (status < 100 || status > 599) {
                    return invalid(RejectReason.BAD_STATUS, t, b, start, end, "is not an HTTP status (100-599)");
                }
                out.status = (int) status;
                return null;
            case BYTES:
                long size = isDash(b, start, end) ? 0 : number(b, start, end);
                if (size < 0) {
                    return invalid(RejectReason.BAD_NUMBER, t, b, start, end, "is not a byte count");
                }
                out.bytes = size;
                out.hasBytes = true;
                return null;
            case BYTES_SENT:
                long sent = number(b, start, end);
                if (sent < 0) {
                    return invalid(RejectReason.BAD_NUMBER, t, b, start, end, "is not a byte count");
                }
                out.bytesSent = sent;
                out.hasBytesSent = true;
                return null;
            case REFERER:
                optional(out.referer, b, start, end, escaped);
                return null;
            case USER_AGENT:
                optional(out.userAgent, b, start, end, escaped);
                return null;
            case VHOST:
                optional(out.vhost, b, start, end, escaped);
                return null;
            case RESPONSE_TIME_MICROS:
                return responseTime(t, b, start, end, 1, false, out);
            case RESPONSE_TIME_MILLIS:
                return responseTime(t, b, start, end, 1_000, false, out);
            case RESPONSE_TIME_SECONDS:
                return responseTime(t, b, start, end, 1_000_000, false, out);
            case RESPONSE_TIME_SECONDS_FRACTION:
                return responseTime(t, b, start, end, 1_000_000, true, out);
            default:
                return null;
        }
    }

    private Rejection<RejectReason> time(int t, byte[] b, int start, int end, long millis, ParsedLine out) {
        if (millis == Timestamps.INVALID) {
            return invalid(RejectReason.BAD_TIMESTAMP, t, b, start, end, "is not a valid time for this directive");
        }
        out.timestampMillis = millis;
        return null;
    }

    /** {@code %{msec_frac}t} or {@code %{usec_frac}t}: exactly {@code digits} digits, kept to the millisecond. */
    private Rejection<RejectReason> fraction(int t, byte[] b, int start, int end, int digits, ParsedLine out) {
        long value = end - start == digits ? number(b, start, end) : -1;
        if (value < 0) {
            return invalid(RejectReason.BAD_TIMESTAMP, t, b, start, end, "is not a fraction of " + digits + " digits");
        }
        out.timeParts.millis = (int) (digits == 3 ? value : value / 1000);
        return null;
    }

    private Rejection<RejectReason> responseTime(int t, byte[] b, int start, int end, long unitMicros, boolean fraction,
            ParsedLine out) {
        if (isDash(b, start, end)) {
            return null;
        }
        long micros = -1;
        int dot = fraction ? indexOf(b, start, end, (byte) '.') : -1;
        long whole = number(b, start, dot < 0 ? end : dot);
        if (whole >= 0) {
            micros = whole * unitMicros;
            if (dot >= 0) {
                long scale = unitMicros / 10;
                for (int i = dot + 1; i < end && micros >= 0; i++, scale /= 10) {
                    int d = b[i] - '0';
                    micros = d < 0 || d > 9 ? -1 : micros + d * scale;
                }
            }
        }
        if (micros < 0) {
            return invalid(RejectReason.BAD_NUMBER, t, b, start, end, "is not a duration");
        }
        out.responseTimeMicros = micros;
        out.hasResponseTime = true;
        return null;
    }

    /** Sets a text field, or leaves it absent for an empty value or the servers' {@code -}. */
    static void optional(ParsedLine.Span span, byte[] b, int start, int end, boolean escaped) {
        if (end > start && !isDash(b, start, end)) {
            span.set(start, end, escaped);
        }
    }

    private Rejection<RejectReason> invalid(RejectReason reason, int t, byte[] b, int start, int end, String what) {
        return new Rejection<>(reason, directives[t] + " value '" + snippet(b, start, end) + "' at column "
                + (start + 1) + " " + what);
    }

    private Rejection<RejectReason> mismatch(byte[] line, int length, int pos, String what) {
        return new Rejection<>(RejectReason.FORMAT_MISMATCH, "line does not match log format '" + format.source()
                + "': " + what + " at column " + (pos + 1) + ", found '" + snippet(line, pos, length) + "'");
    }

    /** The closing quote of a quoted field: an unescaped {@code "} followed by the rest of the next literal. */
    private static int closingQuote(byte[] b, int from, int length, byte[] next) {
        for (int i = from; i < length; i++) {
            if (b[i] == '\\') {
                i++;
            } else if (b[i] == '"' && regionMatches(b, i, length, next)) {
                return i;
            }
        }
        return -1;
    }

    private static int endOfToken(byte[] b, int from, int length) {
        int space = indexOf(b, from, length, (byte) ' ');
        return space < 0 ? length : space;
    }

    /** Non-negative value of the ASCII digits in {@code [start, end)}, or -1. */
    static long number(byte[] b, int start, int end) {
        if (end <= start || end - start > 18) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    static int indexOf(byte[] b, int from, int to, byte target) {
        for (int i = from; i < to; i++) {
            if (b[i] == target) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] b, int from, int length, byte[] target) {
        int last = length - target.length;
        for (int i = indexOf(b, from, length, target[0]); i >= 0 && i <= last; i = indexOf(b, i + 1, length, target[0])) {
            if (regionMatches(b, i, length, target)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean regionMatches(byte[] b, int pos, int length, byte[] literal) {
        if (pos + literal.length > length) {
            return false;
        }
        for (int i = 0; i < literal.length; i++) {
            if (b[pos + i] != literal[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDash(byte[] b, int start, int end) {
        return end - start == 1 && b[start] == '-';
    }

    private static boolean isBlank(byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static boolean endsWithQuote(byte[] literal) {
        return literal != null && literal[literal.length - 1] == '"';
    }

    private static String snippet(byte[] b, int start, int end) {
        int length = Math.min(end - start, SNIPPET);
        String text = printable(new String(b, start, Math.max(length, 0), StandardCharsets.UTF_8));
        return end - start > SNIPPET ? text + "..." : text;
    }

    private static String printable(byte[] literal) {
        return printable(new String(literal, StandardCharsets.UTF_8));
    }

    /** Control characters shown as {@code \xHH}, so a message never carries raw binary. */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
