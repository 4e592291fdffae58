package io.clickstream.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.quality.Rejection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Formats real servers are configured with, and lines as they write them (issue: real-world logs, bugs 1-4). */
class FieldPrecedenceAndFreeTextTest {

    private final ParsedLine out = new ParsedLine();

    private Rejection<RejectReason> parse(String format, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return new AccessLogParser(LogFormat.of(format)).parse(bytes, bytes.length, out);
    }

    @Test
    void anUnquotedCookieWithSpacesEndsWhereTheRestOfTheLineFits() {
        String format = "%h %l %u %t \"%r\" %>s %b %{Cookie}i %D";
        assertNull(parse(format, "198.51.100.23 - - [24/Nov/2026:10:00:00 +0000] \"GET /cart HTTP/1.1\" 200 512"
                + " sid=3f2a9c; theme=dark; consent=analytics ads 1873"));
        assertEquals(200, out.status());
        assertEquals(1873L, out.responseTimeMicros(), "the field after the cookie reads its own value");
        assertEquals("/cart", out.path());

        String middle = "%h %t %{Cookie}i \"%r\" %>s %b";
        assertNull(parse(middle, "198.51.100.23 [24/Nov/2026:10:00:00 +0000] sid=3f2a9c; theme=dark \"GET / HTTP/1.1\" 304 -"));
        assertEquals(304, out.status());
    }

    @Test
    void unquotedRequestLinesAndNginxTimesAreReadWhole() {
        assertNull(parse("%h %t %r %>s %b", "192.0.2.4 [24/Nov/2026:10:00:00 +0000] GET /search?q=red shoes HTTP/1.1 200 77"));
        assertEquals("/search", out.path());
        assertEquals("q=red shoes", out.query());
        assertEquals(77L, out.bytes());
        assertNull(parse("$remote_addr $time_local $status", "192.0.2.4 24/Nov/2026:10:00:00 +0100 404"));
        assertEquals(404, out.status());
    }

    @Test
    void aLineThatFitsNoSplitIsStillRejectedWithTheFirstReason() {
        Rejection<RejectReason> r = parse("%h %t \"%r\" %>s %b %{Cookie}i %D",
                "198.51.100.23 [24/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 512 a=1; b=2 notanumber");
        assertEquals(RejectReason.BAD_NUMBER, r.reason(), r.message());
    }

    @Test
    void theFinalStatusWinsOverTheOriginalWhereverItStands() {
        assertNull(parse("%h %t \"%r\" %s %>s", "192.0.2.1 [24/Nov/2026:10:00:00 +0000] \"GET /old HTTP/1.1\" 302 200"));
        assertEquals(200, out.status());
        assertNull(parse("%h %t \"%r\" %>s %s", "192.0.2.1 [24/Nov/2026:10:00:00 +0000] \"GET /old HTTP/1.1\" 200 302"));
        assertEquals(200, out.status());
    }

    @Test
    void microsecondsWinOverWholeSeconds() {
        assertNull(parse("%h %t \"%r\" %>s %D %T", "192.0.2.1 [24/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1532871 1"));
        assertEquals(1_532_871L, out.responseTimeMicros());
        assertNull(parse("%h %t \"%r\" %>s %T %{us}T", "192.0.2.1 [24/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1 1532871"));
        assertEquals(1_532_871L, out.responseTimeMicros());
    }

    @Test
    void theRequestLinesPathWinsOverTheRewrittenOne() {
        assertNull(parse("%h %t \"%r\" %>s %U", "192.0.2.1 [24/Nov/2026:10:00:00 +0000] \"GET /product/42?ref=mail HTTP/1.1\""
                + " 200 /index.php"));
        assertEquals("/product/42", out.path());
        assertEquals("ref=mail", out.query());
        assertNull(parse("$remote_addr [$time_local] \"$request\" $status $uri", "192.0.2.1 [24/Nov/2026:10:00:00 +0000]"
                + " \"GET /product/42 HTTP/1.1\" 200 /index.php"));
        assertEquals("/product/42", out.path());
    }

    @Test
    void apachesPathThenQueryIsSplitAtTheQuestionMark() {
        String format = "%h %t \"%m %U%q %H\" %>s";
        assertNull(parse(format, "192.0.2.1 [24/Nov/2026:10:00:00 +0000] \"GET /search?q=boots&page=2 HTTP/1.1\" 200"));
        assertEquals("/search", out.path());
        assertEquals("q=boots&page=2", out.query());
        assertNull(parse(format, "192.0.2.1 [24/Nov/2026:10:00:00 +0000] \"GET /cart HTTP/1.1\" 200"));
        assertEquals("/cart", out.path());
        assertNull(out.query());
        assertNull(parse("%h %t %>s %U%q", "192.0.2.1 [24/Nov/2026:10:00:00 +0000] 200 /a?b=c"));
        assertEquals("b=c", out.query());
    }

    @Test
    void theRequestedHostWinsOverTheConfiguredName() {
        assertNull(parse("$remote_addr [$time_local] \"$request\" $status $host $server_name",
                "192.0.2.1 [24/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 shop.example.com _"));
        assertEquals("shop.example.com", out.vhost());
        assertNull(parse("%v %V %h %t \"%r\" %>s", "default www.shop.example 192.0.2.1 [24/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200"));
        assertEquals("www.shop.example", out.vhost());
    }

    @Test
    void theTimeTheRequestArrivedWinsOverTheTimeItEnded() {
        assertNull(parse("%h %t %{end:msec}t \"%r\" %>s", "192.0.2.1 [24/Nov/2026:10:00:00 +0000] 1795514402500 \"GET / HTTP/1.1\" 200"));
        assertEquals(java.time.Instant.parse("2026-11-24T10:00:00Z").toEpochMilli(), out.timestampMillis());
    }

    @Test
    void bodyBytesAndBytesOnTheWireAreDifferentFields() {
        assertNull(parse("%h %t \"%r\" %>s %b %O", "192.0.2.1 [24/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 512 742"));
        assertEquals(512L, out.bytes());
        assertEquals(742L, out.bytesSent());
        assertNull(parse("$remote_addr [$time_local] \"$request\" $status $bytes_sent $body_bytes_sent",
                "192.0.2.1 [24/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 742 512"));
        assertEquals(512L, out.bytes());
        assertEquals(742L, out.bytesSent());
    }

    @Test
    void microsecondEpochTimesAreRead() {
        assertNull(parse("%h %{usec}t \"%r\" %>s", "192.0.2.1 1795514400123456 \"GET / HTTP/1.1\" 200"));
        assertEquals(1_795_514_400_123L, out.timestampMillis());
        assertEquals(RejectReason.BAD_TIMESTAMP, parse("%h %{usec}t \"%r\" %>s", "192.0.2.1 17955x4400123456 \"GET / HTTP/1.1\" 200")
                .reason());
    }

    @Test
    void aFormatWithSeveralUnsupportedDirectivesNamesThemAll() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogFormat.of("%h %{%s.%N}t %{ns}T \"%r\" %>s"));
        assertTrue(e.getMessage().contains("%{%s.%N}t") && e.getMessage().contains("%{ns}T"), e.getMessage());
    }

    @Test
    void nginxHexEscapesBecomeTheBytesTheyStandFor() {
        assertNull(parse("nginx_combined", "192.0.2.1 - - [24/Nov/2026:10:00:00 +0000] \"GET /caf\\xC3\\xA9 HTTP/1.1\" 200 5"
                + " \"-\" \"curl/8.5 \\x22quoted\\x22 \\x5Cpath\""));
        assertEquals("/caf\u00e9", out.path());
        assertEquals("curl/8.5 \"quoted\" \\path", out.userAgent());
    }

    @Test
    void aFormatWithALineBreakIsRefusedWhenCompiled() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogFormat.of("%h %l %u %t \"%r\"\n%>s %b"));
        assertTrue(e.getMessage().contains("line break at column 17"), e.getMessage());
    }

    @Test
    void realipRemoteAddrIsTheProxyNotTheClient() {
        assertNull(parse("$realip_remote_addr $remote_addr [$time_local] \"$request\" $status",
                "10.0.0.5 203.0.113.50 [24/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200"));
        assertEquals("203.0.113.50", out.clientIp());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogFormat.of("$realip_remote_addr [$time_local] \"$request\" $status"));
        assertTrue(e.getMessage().contains("lacks the client address"), e.getMessage());
    }
}
