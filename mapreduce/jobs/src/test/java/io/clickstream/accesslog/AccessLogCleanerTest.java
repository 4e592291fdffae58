package io.clickstream.accesslog;

import io.clickstream.quality.Rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clickstream.avro.PageView;
import io.clickstream.privacy.IpAnonymizer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessLogCleanerTest {

    private final AccessLogCleaner cleaner = new AccessLogCleaner(LogFormat.of("combined"),
            IpAnonymizer.of(IpAnonymizer.Mode.TRUNCATE, null), 1024);

    private Rejection<RejectReason> clean(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return cleaner.clean(bytes, bytes.length);
    }

    @Test
    void acceptedLineBecomesAnAnonymisedPageView() {
        assertNull(clean("203.0.113.7 - - [10/Oct/2000:13:55:36 -0700] \"GET /p?x=1 HTTP/1.1\" 200 5 \"-\" \"agent\""));
        PageView view = cleaner.pageView();
        assertEquals(Instant.parse("2000-10-10T20:55:36Z"), view.getTs());
        assertEquals("203.0.113.0", view.getClientIp());
        assertEquals("/p", view.getPath());
        assertEquals("x=1", view.getQuery());
        assertNull(view.getReferer());
        assertEquals("agent", view.getUserAgent());
    }

    @Test
    void linesOverTheLimitAreQuarantinedBeforeParsing() {
        Rejection<RejectReason> r = clean("203.0.113.7 - - [10/Oct/2000:13:55:36 -0700] \"GET /" + "a".repeat(2000) + " HTTP/1.1\" 200 5 \"-\" \"-\"");
        assertEquals(RejectReason.LINE_TOO_LONG, r.reason());
    }

    /** The parser brings the client address to its canonical form; what is not an address is quarantined. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "203.0.113.7:51234 | 203.0.113.0",
            "[2001:db8:85a3:1::7]:443 | 2001:db8:85a3::",
            "fe80::1%eth0 | fe80::",
            "::ffff:192.0.2.128 | 192.0.2.0"})
    void everyShapeOfClientAddressIsTruncated(String client, String kept) {
        assertNull(clean(client + " - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5 \"-\" \"agent\""));
        assertEquals(kept, cleaner.pageView().getClientIp());
    }

    @Test
    void aClientAddressWithAControlByteIsQuarantinedWithItsReason() {
        Rejection<RejectReason> r = clean("203.0.113.7\u0000 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5 \"-\" \"-\"");
        assertEquals(RejectReason.BAD_CLIENT_IP, r.reason());
        assertEquals("%h value '203.0.113.7\\x00' at column 1 is not an IP address, IP:port, address list or host name",
                r.message());
    }
}
