package io.clickstream.accesslog;

import io.clickstream.quality.Rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class AccessLogParserTest {

    private static final String COMBINED_LINE = "203.0.113.7 - frank [10/Oct/2000:13:55:36 -0700] "
            + "\"GET /apache_pb.gif?size=large&x=1 HTTP/1.0\" 200 2326 \"http://www.example.com/start.html\" "
            + "\"Mozilla/4.08 [en] (Win98; I ;Nav)\"";

    private final ParsedLine out = new ParsedLine();

    private Rejection<RejectReason> parse(String format, String line) {
        return parse(format, line.getBytes(StandardCharsets.UTF_8));
    }

    private Rejection<RejectReason> parse(String format, byte[] line) {
        return new AccessLogParser(LogFormat.of(format)).parse(line, line.length, out);
    }

    private static long epochMillis(String isoOffsetDateTime) {
        return OffsetDateTime.parse(isoOffsetDateTime).toInstant().toEpochMilli();
    }

    @Test
    void combinedLineYieldsEveryFieldWithTheTimeInUtc() {
        assertNull(parse("combined", COMBINED_LINE));
        assertEquals(epochMillis("2000-10-10T20:55:36Z"), out.timestampMillis());
        assertEquals("203.0.113.7", out.clientIp());
        assertEquals("GET", out.method());
        assertEquals("/apache_pb.gif", out.path());
        assertEquals("size=large&x=1", out.query());
        assertEquals("HTTP/1.0", out.protocol());
        assertEquals(200, out.status());
        assertEquals(2326L, out.bytes());
        assertEquals("http://www.example.com/start.html", out.referer());
        assertEquals("Mozilla/4.08 [en] (Win98; I ;Nav)", out.userAgent());
        assertNull(out.vhost());
        assertNull(out.responseTimeMicros());
    }

    @Test
    void commonLineHasNoRefererOrAgent() {
        assertNull(parse("common", "127.0.0.1 - - [10/Oct/2000:13:55:36 +0000] \"GET /index.html HTTP/1.1\" 304 -"));
        assertEquals(304, out.status());
        assertEquals(0L, out.bytes(), "'-' for %b means no body");
        assertNull(out.referer());
        assertNull(out.userAgent());
        assertNull(out.query());
    }

    @Test
    void vhostCombinedKeepsTheVirtualHost() {
        assertNull(parse("vhost_combined", "shop.example.com:443 " + COMBINED_LINE));
        assertEquals("shop.example.com", out.vhost());
        assertEquals("203.0.113.7", out.clientIp());
        assertNull(out.bytes(), "vhost_combined logs %O, the bytes on the wire, not the body's size");
        assertEquals(2326L, out.bytesSent());
    }

    @Test
    void nginxCombined() {
        assertNull(parse("nginx:combined", "192.0.2.1 - - [25/Nov/2026:08:01:02 +0100] \"POST /api/cart HTTP/2.0\" 201 17 "
                + "\"-\" \"curl/8.4.0\""));
        assertEquals(epochMillis("2026-11-25T07:01:02Z"), out.timestampMillis());
        assertEquals("POST", out.method());
        assertEquals(201, out.status());
        assertNull(out.referer());
        assertEquals("curl/8.4.0", out.userAgent());
    }

    @Test
    void ipv6Clients() {
        assertNull(parse("combined", COMBINED_LINE.replace("203.0.113.7", "2001:db8:85a3::8a2e:370:7334")));
        assertEquals("2001:db8:85a3::8a2e:370:7334", out.clientIp());
        assertNull(parse("vhost_combined", "shop.example.com:80 ::1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\""));
        assertEquals("::1", out.clientIp());
    }

    @Test
    void escapedQuotesInsideRequestRefererAndAgent() {
        String line = "10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /search?q=\\\"shoes\\\" HTTP/1.1\" 200 5 "
                + "\"http://x.example/?a=\\\"b\\\"\" \"Mozilla/5.0 (compatible; \\\"Corporate\\\" Build) \\\\o/\"";
        assertNull(parse("combined", line));
        assertEquals("q=\"shoes\"", out.query());
        assertEquals("http://x.example/?a=\"b\"", out.referer());
        assertEquals("Mozilla/5.0 (compatible; \"Corporate\" Build) \\o/", out.userAgent());
    }

    @Test
    void tlsHandshakeOnThePlainPortIsKeptAsA400WithoutRequestParts() {
        assertNull(parse("combined", "198.51.100.4 - - [10/Oct/2000:13:55:36 -0700] "
                + "\"\\x16\\x03\\x01\\x00\\xa5\\x01\\x00\\x00\\xa1\\x03\\x03\" 400 226 \"-\" \"-\""));
        assertEquals(400, out.status());
        assertNull(out.method());
        assertNull(out.path());
        assertNull(out.protocol());
    }

    @Test
    void emptyAndDashRequestsAreKept() {
        assertNull(parse("combined", "198.51.100.4 - - [10/Oct/2000:13:55:36 -0700] \"\" 400 0 \"-\" \"-\""));
        assertEquals(400, out.status());
        assertNull(out.method());
        assertNull(parse("combined", "198.51.100.4 - - [10/Oct/2000:13:55:36 -0700] \"-\" 408 - \"-\" \"-\""));
        assertEquals(408, out.status());
        assertNull(out.path());
    }

    @Test
    void requestWithoutProtocolOrWithSpacesInTheUri() {
        assertNull(parse("common", "10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /old-style\" 200 5"));
        assertEquals("/old-style", out.path());
        assertNull(out.protocol());
        assertNull(parse("common", "10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a b/c HTTP/1.1\" 200 5"));
        assertEquals("/a b/c", out.path());
        assertEquals("HTTP/1.1", out.protocol());
    }

    @Test
    void nonUtf8BytesAreDecodedWithReplacementNotRejected() {
        byte[] line = (COMBINED_LINE.replace("start.html", "caf\u00e9.html")).getBytes(StandardCharsets.ISO_8859_1);
        assertNull(parse("combined", line));
        assertEquals("http://www.example.com/caf\ufffd.html", out.referer());
    }

    @Test
    void veryLongLinesParse() {
        String longPath = "/search?q=" + "x".repeat(40_000);
        assertNull(parse("combined", COMBINED_LINE.replace("/apache_pb.gif?size=large&x=1", longPath)));
        assertEquals(40_002, out.query().length());
    }

    @Test
    void trailingExtraFieldsAreIgnored() {
        assertNull(parse("combined", COMBINED_LINE + " \"extra\" 1234 upstream=10.0.0.9:8080"));
        assertEquals("Mozilla/4.08 [en] (Win98; I ;Nav)", out.userAgent());
        assertNull(parse("common", "10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5 \"ref\" \"agent\""));
        assertEquals(5L, out.bytes());
    }

    @Test
    void anyOffsetIsConvertedToUtc() {
        String[][] cases = {
            {"10/Oct/2000:13:55:36 +0530", "2000-10-10T08:25:36Z"},
            {"01/Jan/2026:00:30:00 +1400", "2025-12-31T10:30:00Z"},
            {"31/Dec/2025:23:30:00 -1200", "2026-01-01T11:30:00Z"},
            {"29/Feb/2024:12:00:00 -0000", "2024-02-29T12:00:00Z"},
        };
        for (String[] c : cases) {
            assertNull(parse("common", "10.0.0.1 - - [" + c[0] + "] \"GET / HTTP/1.1\" 200 5"), c[0]);
            assertEquals(epochMillis(c[1]), out.timestampMillis(), c[0]);
        }
    }

    @Test
    void monthNamesDoNotDependOnCaseOrTheJvmLocale() {
        Locale previous = Locale.getDefault();
        try {
            Locale.setDefault(Locale.UK);
            assertNull(parse("common", "10.0.0.1 - - [05/Sep/2023:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5"));
            assertEquals(epochMillis("2023-09-05T10:00:00Z"), out.timestampMillis());
            Locale.setDefault(Locale.GERMANY);
            assertNull(parse("common", "10.0.0.1 - - [05/sep/2023:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5"));
            assertNull(parse("common", "10.0.0.1 - - [05/DEC/2023:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5"));
            assertEquals(epochMillis("2023-12-05T10:00:00Z"), out.timestampMillis());
        } finally {
            Locale.setDefault(previous);
        }
    }

    @Test
    void customApacheFormatWithTimingVhostAndIgnoredHeaders() {
        String format = "%v %a %{X-Forwarded-For}i %{msec}t \"%r\" %>s %B %D %{ms}T \"%{User-Agent}i\"";
        assertNull(parse(format, "shop.example.com 10.1.2.3 198.51.100.1,10.0.0.1 1700000000123 \"GET /x HTTP/1.1\" "
                + "200 512 2345 2 \"agent\""));
        assertEquals("shop.example.com", out.vhost());
        assertEquals("10.1.2.3", out.clientIp());
        assertEquals(1_700_000_000_123L, out.timestampMillis());
        assertEquals(512L, out.bytes());
        assertEquals(2_345L, out.responseTimeMicros(), "microseconds (%D) win over milliseconds (%{ms}T)");
        assertNull(parse("%h %t %s %T", "10.1.2.3 [10/Oct/2000:13:55:36 -0700] 500 3"));
        assertEquals(3_000_000L, out.responseTimeMicros());
    }

    @Test
    void pastedApacheConfigStringWithEscapedQuotes() {
        assertNull(parse("%h %l %u %t \\\"%r\\\" %>s %b", "127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5"));
        assertEquals(5L, out.bytes());
    }

    @Test
    void nginxVariablesIncludingIsoTimeRequestTimeAndBraces() {
        String format = "$host ${remote_addr} [$time_iso8601] \"$request_method $request_uri $server_protocol\" $status "
                + "$body_bytes_sent $request_time $msec \"$http_x_forwarded_for\"";
        assertNull(parse(format, "shop.example.com 2001:db8::1 [2026-11-25T09:15:00+01:00] \"GET /p?id=7 HTTP/1.1\" 200 "
                + "99 0.123 1795594500.456 \"-\""));
        assertEquals("shop.example.com", out.vhost());
        assertEquals("2001:db8::1", out.clientIp());
        assertEquals(epochMillis("2026-11-25T08:15:00.456Z"), out.timestampMillis(), "the last time directive wins");
        assertEquals("/p", out.path());
        assertEquals("id=7", out.query());
        assertEquals(123_000L, out.responseTimeMicros());
        assertNull(parse("$remote_addr [$time_iso8601] $status", "10.0.0.1 [2026-11-25T08:15:00Z] 200"));
        assertEquals(epochMillis("2026-11-25T08:15:00Z"), out.timestampMillis());
    }

    @Test
    void blankLine() {
        assertEquals(RejectReason.BLANK_LINE, parse("combined", "  ").reason());
        assertEquals(RejectReason.BLANK_LINE, parse("combined", "").reason());
    }

    @Test
    void truncatedLineNamesTheColumnWhereItBroke() {
        Rejection<RejectReason> r = parse("combined", COMBINED_LINE.substring(0, 60));
        assertEquals(RejectReason.FORMAT_MISMATCH, r.reason());
        assertTrue(r.message().contains("%r") && r.message().contains("column 51"), r.message());
    }

    @Test
    void binaryGarbageIsRejectedWithAPrintableMessage() {
        byte[] garbage = {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1, 0x03, 0x03};
        Rejection<RejectReason> r = parse("combined", garbage);
        assertEquals(RejectReason.FORMAT_MISMATCH, r.reason());
        assertTrue(r.message().contains("\\x16\\x03"), r.message());
        assertTrue(r.message().chars().noneMatch(c -> c < 0x20), r.message());
    }

    @Test
    void impossibleTimesAreBadTimestamps() {
        for (String time : new String[] {"30/Feb/2024:10:00:00 +0000", "10/Foo/2000:13:55:36 -0700",
            "10/Oct/2000:25:55:36 -0700", "10/Oct/2000:13:55:36 0700", "10/Oct/2000 13:55:36 -0700",
            "10/Oct/1900:13:55:36 -0700", "1/Oct/2000:13:55:36 -0700"}) {
            Rejection<RejectReason> r = parse("common", "10.0.0.1 - - [" + time + "] \"GET / HTTP/1.1\" 200 5");
            assertNotNull(r, time);
            assertEquals(RejectReason.BAD_TIMESTAMP, r.reason(), time);
            assertTrue(r.message().startsWith("%t value '[" + time + "]' at column 14"), r.message());
        }
    }

    @Test
    void badStatusAndBadNumbers() {
        assertEquals(RejectReason.BAD_STATUS, parse("common", "10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 2O0 5").reason());
        assertEquals(RejectReason.BAD_STATUS, parse("common", "10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 99 5").reason());
        assertEquals(RejectReason.BAD_NUMBER, parse("common", "10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5k").reason());
        assertEquals(RejectReason.BAD_CLIENT_IP, parse("common", "- - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5").reason());
    }
}
