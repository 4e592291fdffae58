package io.clickstream.accesslog;

import io.clickstream.privacy.ClientAddress;
import java.nio.charset.StandardCharsets;

/**
 * The fields of one parsed line, held as positions in the line's bytes and decoded only when asked for,
 * so that parsing allocates nothing. Reused from line to line; valid until the next parse.
 */
public final class ParsedLine {

    /** A field's bytes in the line: absent when {@code end < 0}; {@code escaped} when it holds {@code \"}. */
    static final class Span {
        int start;
        int end = -1;
        boolean escaped;

        void set(int start, int end, boolean escaped) {
            this.start = start;
            this.end = end;
            this.escaped = escaped;
        }
    }

    byte[] line;
    long timestampMillis;
    int status;
    long bytes;
    boolean hasBytes;
    long bytesSent;
    boolean hasBytesSent;
    long responseTimeMicros;
    boolean hasResponseTime;
    final Span clientIp = new Span();
    /** The client address in canonical form when it was logged in another ({@link ClientAddress}), else null. */
    String clientAddress;
    final Span method = new Span();
    final Span path = new Span();
    final Span query = new Span();
    final Span fragment = new Span();
    final Span protocol = new Span();
    final Span referer = new Span();
    final Span userAgent = new Span();
    final Span vhost = new Span();
    /** The request time's parts, for formats that write it in several directives. */
    final TimeParts timeParts = new TimeParts();
    /** Where the parts of a time that is matched but not kept (an end time) go. */
    final TimeParts ignoredTimeParts = new TimeParts();

    void reset(byte[] line) {
        this.line = line;
        hasBytes = false;
        hasBytesSent = false;
        hasResponseTime = false;
        method.end = -1;
        path.end = -1;
        query.end = -1;
        fragment.end = -1;
        protocol.end = -1;
        referer.end = -1;
        userAgent.end = -1;
        vhost.end = -1;
    }

    public long timestampMillis() {
        return timestampMillis;
    }

    public int status() {
        return status;
    }

    /** Response size, or null when the format has no size field. */
    public Long bytes() {
        return hasBytes ? bytes : null;
    }

    /** Bytes sent on the wire, headers included, or null when the format does not log them. */
    public Long bytesSent() {
        return hasBytesSent ? bytesSent : null;
    }

    /** Time taken in microseconds, or null when the format does not log it. */
    public Long responseTimeMicros() {
        return hasResponseTime ? responseTimeMicros : null;
    }

    /** The client address in canonical form ({@link ClientAddress#normalise}). */
    public String clientIp() {
        return clientAddress != null ? clientAddress : text(clientIp);
    }

    public String method() {
        return text(method);
    }

    public String path() {
        return text(path);
    }

    public String query() {
        return text(query);
    }

    /** What followed a {@code #} in the URI as logged, or null. */
    public String fragment() {
        return text(fragment);
    }

    public String protocol() {
        return text(protocol);
    }

    public String referer() {
        return text(referer);
    }

    public String userAgent() {
        return text(userAgent);
    }

    public String vhost() {
        return text(vhost);
    }

    /**
     * Decodes a field as UTF-8 (invalid bytes become U+FFFD) and undoes the servers' escapes: {@code \"} and
     * {@code \\}; {@code \xHH} (nginx writes a quote as {@code \x22} and every byte outside ASCII so, Apache its
     * non-printable bytes), so that UTF-8 written as escapes becomes text again; {@code \n \r \t \b \f \v}; and
     * JSON's {@code \/} and &#92;uXXXX escapes (nginx {@code escape=json}), surrogate pairs included.
     */
    String text(Span span) {
        if (span.end < 0) {
            return null;
        }
        if (!span.escaped) {
            return new String(line, span.start, span.end - span.start, StandardCharsets.UTF_8);
        }
        byte[] unescaped = new byte[span.end - span.start];
        int n = 0;
        for (int i = span.start; i < span.end; i++) {
            byte b = line[i];
            if (b != '\\' || i + 1 == span.end) {
                unescaped[n++] = b;
                continue;
            }
            byte next = line[i + 1];
            int simple = simpleEscape(next);
            if (simple >= 0) {
                unescaped[n++] = (byte) simple;
                i++;
            } else if (next == 'x' && i + 3 < span.end && hex(line[i + 2]) >= 0 && hex(line[i + 3]) >= 0) {
                unescaped[n++] = (byte) (hex(line[i + 2]) * 16 + hex(line[i + 3]));
                i += 3;
            } else if (next == 'u' && hex4(i + 2, span.end) >= 0) {
                int unit = hex4(i + 2, span.end);
                i += 5;
                int low = Character.isHighSurrogate((char) unit) && i + 2 < span.end && line[i + 1] == '\\'
                        && line[i + 2] == 'u' ? hex4(i + 3, span.end) : -1;
                int codePoint = unit;
                if (low >= 0 && Character.isLowSurrogate((char) low)) {
                    codePoint = Character.toCodePoint((char) unit, (char) low);
                    i += 6;
                }
                n = utf8(codePoint, unescaped, n);
            } else {
                unescaped[n++] = b;
            }
        }
        return new String(unescaped, 0, n, StandardCharsets.UTF_8);
    }

    private static int simpleEscape(byte c) {
        switch (c) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'v': return 0x0b;
            default: return -1;
        }
    }

    /** The value of four hex digits at {@code line[p]}, or -1. */
    private int hex4(int p, int end) {
        if (p + 4 > end) {
            return -1;
        }
        int value = 0;
        for (int i = p; i < p + 4; i++) {
            int d = hex(line[i]);
            if (d < 0) {
                return -1;
            }
            value = value * 16 + d;
        }
        return value;
    }

    /** Writes a code point as UTF-8 (a lone surrogate as U+FFFD); never longer than the six-byte escape it replaces. */
    private static int utf8(int codePoint, byte[] out, int n) {
        int c = Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF ? 0xFFFD : codePoint;
        if (c < 0x80) {
            out[n++] = (byte) c;
        } else if (c < 0x800) {
            out[n++] = (byte) (0xC0 | c >> 6);
            out[n++] = (byte) (0x80 | c & 0x3F);
        } else if (c < 0x10000) {
            out[n++] = (byte) (0xE0 | c >> 12);
            out[n++] = (byte) (0x80 | c >> 6 & 0x3F);
            out[n++] = (byte) (0x80 | c & 0x3F);
        } else {
            out[n++] = (byte) (0xF0 | c >> 18);
            out[n++] = (byte) (0x80 | c >> 12 & 0x3F);
            out[n++] = (byte) (0x80 | c >> 6 & 0x3F);
            out[n++] = (byte) (0x80 | c & 0x3F);
        }
        return n;
    }

    private static int hex(byte c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
