package io.clickstream.accesslog;

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
    final Span method = new Span();
    final Span path = new Span();
    final Span query = new Span();
    final Span protocol = new Span();
    final Span referer = new Span();
    final Span userAgent = new Span();
    final Span vhost = new Span();

    void reset(byte[] line) {
        this.line = line;
        hasBytes = false;
        hasBytesSent = false;
        hasResponseTime = false;
        method.end = -1;
        path.end = -1;
        query.end = -1;
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

    public String clientIp() {
        return text(clientIp);
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
     * {@code \\}, and {@code \xHH} (nginx writes a quote as {@code \x22} and every byte outside ASCII so; Apache
     * non-printable bytes), so that UTF-8 written as escapes becomes text again.
     */
    private String text(Span span) {
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
            if (b == '\\' && i + 1 < span.end && (line[i + 1] == '"' || line[i + 1] == '\\')) {
                b = line[++i];
            } else if (b == '\\' && i + 3 < span.end && line[i + 1] == 'x' && hex(line[i + 2]) >= 0 && hex(line[i + 3]) >= 0) {
                b = (byte) (hex(line[i + 2]) * 16 + hex(line[i + 3]));
                i += 3;
            }
            unescaped[n++] = b;
        }
        return new String(unescaped, 0, n, StandardCharsets.UTF_8);
    }

    private static int hex(byte c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
