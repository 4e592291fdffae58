package io.clickstream.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.quality.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** JSON log formats (nginx {@code escape=json}, Apache JSON-style LogFormats) and directives pasted whole from a config. */
class JsonAndPastedFormatsTest {

    /** As in nginx configs and the blog posts they are copied from; pasted whole, over several lines. */
    private static final String NGINX_JSON = """
            log_format json_combined escape=json
              '{'
                '"time_local":"$time_local",'
                '"remote_addr":"$remote_addr",'
                '"remote_user":"$remote_user",'
                '"request":"$request",'
                '"status": "$status",'
                '"body_bytes_sent":"$body_bytes_sent",'
                '"request_time":"$request_time",'
                '"http_referrer":"$http_referer",'
                '"http_user_agent":"$http_user_agent"'
              '}';
            """;

    private static final String APACHE_JSON = "LogFormat \"{ \\\"time\\\":\\\"%{%Y-%m-%dT%H:%M:%S}t.%{msec_frac}t%{%z}t\\\","
            + " \\\"remoteIP\\\":\\\"%a\\\", \\\"host\\\":\\\"%V\\\", \\\"request\\\":\\\"%U\\\", \\\"query\\\":\\\"%q\\\","
            + " \\\"method\\\":\\\"%m\\\", \\\"status\\\":\\\"%>s\\\", \\\"userAgent\\\":\\\"%{User-agent}i\\\","
            + " \\\"referer\\\":\\\"%{Referer}i\\\" }\" json";

    private final ParsedLine out = new ParsedLine();

    private Rejection<RejectReason> parse(String format, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return new AccessLogParser(LogFormat.of(format)).parse(bytes, bytes.length, out);
    }

    @Test
    void nginxEscapeJsonLinesYieldEveryFieldWithTheEscapesUndone() {
        String line = "{\"time_local\":\"24/Nov/2026:10:00:00 +0100\",\"remote_addr\":\"192.0.2.1\",\"remote_user\":\"\","
                + "\"request\":\"GET /search?q=\\\"red\\\"+shoes HTTP/1.1\",\"status\": \"200\",\"body_bytes_sent\":\"512\","
                + "\"request_time\":\"0.004\",\"http_referrer\":\"https://www.google.com/\","
                + "\"http_user_agent\":\"Mozilla/5.0 (X11; Linux x86_64) caf\\u00e9 \\ud83d\\ude00\\/1\"}";
        assertNull(parse(NGINX_JSON, line));
        assertEquals(OffsetDateTime.parse("2026-11-24T09:00:00Z").toInstant().toEpochMilli(), out.timestampMillis());
        assertEquals("192.0.2.1", out.clientIp());
        assertEquals("/search", out.path());
        assertEquals("q=\"red\"+shoes", out.query());
        assertEquals(200, out.status());
        assertEquals(512L, out.bytes());
        assertEquals(4_000L, out.responseTimeMicros());
        assertEquals("https://www.google.com/", out.referer());
        assertEquals("Mozilla/5.0 (X11; Linux x86_64) café \uD83D\uDE00/1", out.userAgent());
    }

    @Test
    void nginxJsonWithMissingValuesWritesEmptyStrings() {
        String line = "{\"time_local\":\"24/Nov/2026:10:00:00 +0000\",\"remote_addr\":\"2001:db8::1\",\"remote_user\":\"\","
                + "\"request\":\"\\u0016\\u0003\\u0001\",\"status\": \"400\",\"body_bytes_sent\":\"0\","
                + "\"request_time\":\"0.000\",\"http_referrer\":\"\",\"http_user_agent\":\"\"}";
        assertNull(parse(NGINX_JSON, line));
        assertEquals(400, out.status());
        assertNull(out.method(), "a TLS handshake on the plain port is no request line");
        assertNull(out.referer());
        assertNull(out.userAgent());
    }

    @Test
    void apacheJsonStyleLogFormat() {
        String line = "{ \"time\":\"2026-11-24T10:00:00.250+0000\", \"remoteIP\":\"198.51.100.7\", \"host\":\"shop.example.com\","
                + " \"request\":\"/product/42\", \"query\":\"?ref=mail\", \"method\":\"GET\", \"status\":\"200\","
                + " \"userAgent\":\"Mozilla/5.0 \\\"quoted\\\" \\x41\", \"referer\":\"-\" }";
        assertNull(parse(APACHE_JSON, line));
        assertEquals(OffsetDateTime.parse("2026-11-24T10:00:00.250Z").toInstant().toEpochMilli(), out.timestampMillis());
        assertEquals("/product/42", out.path());
        assertEquals("ref=mail", out.query());
        assertEquals("shop.example.com", out.vhost());
        assertEquals("Mozilla/5.0 \"quoted\" A", out.userAgent());
        assertNull(out.referer());
    }

    @Test
    void directivesPastedWholeGiveTheirFormat() {
        assertEquals("%h %l %u %t \"%r\" %>s %b", LogFormat.of("LogFormat \"%h %l %u %t \\\"%r\\\" %>s %b\" common").source());
        assertEquals("%h %t \"%r\" %>s", LogFormat.of("CustomLog \"logs/access_log\" \"%h %t \\\"%r\\\" %>s\"").source());
        assertEquals("$remote_addr [$time_local] \"$request\" $status",
                LogFormat.of("log_format main '$remote_addr [$time_local] '\n    '\"$request\" $status';").source());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogFormat.of("log_format main;"));
        assertTrue(e.getMessage().contains("no format string"), e.getMessage());
    }
}
