package io.clickstream.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clickstream.quality.Rejection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How servers write the request URI: nginx's {@code $uri$is_args$args} and {@code $host$request_uri}, a {@code #fragment}. */
class RequestUriTest {

    private final ParsedLine out = new ParsedLine();

    private Rejection<RejectReason> parse(String format, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return new AccessLogParser(LogFormat.of(format)).parse(bytes, bytes.length, out);
    }

    @Test
    void nginxsUriIsArgsArgsIsOneUri() {
        String format = "$remote_addr [$time_local] \"$request_method $uri$is_args$args $server_protocol\" $status";
        assertNull(parse(format, "192.0.2.8 [24/Nov/2026:10:00:00 +0000] \"GET /search?q=boots&page=2 HTTP/2.0\" 200"));
        assertEquals("/search", out.path());
        assertEquals("q=boots&page=2", out.query());
        assertNull(parse(format, "192.0.2.8 [24/Nov/2026:10:00:00 +0000] \"GET /cart HTTP/2.0\" 200"));
        assertEquals("/cart", out.path());
        assertNull(out.query(), "$is_args is empty without a query");
    }

    @Test
    void aHostWrittenRightBeforeThePathEndsAtItsSlash() {
        assertNull(parse("$remote_addr [$time_local] \"$request_method $scheme://$host$request_uri $server_protocol\" $status",
                "192.0.2.8 [24/Nov/2026:10:00:00 +0000] \"GET https://shop.example.com/p/42?ref=a HTTP/1.1\" 301"));
        assertEquals("shop.example.com", out.vhost());
        assertEquals("/p/42", out.path());
        assertEquals("ref=a", out.query());
        assertEquals("HTTP/1.1", out.protocol());
    }

    @Test
    void aFragmentIsKeptApartFromPathAndQuery() {
        assertNull(parse("combined", "203.0.113.9 - - [24/Nov/2026:10:00:00 +0000] \"GET /docs?v=2#install HTTP/1.1\" 200 51"
                + " \"-\" \"python-requests/2.31.0\""));
        assertEquals("/docs", out.path());
        assertEquals("v=2", out.query());
        assertEquals("install", out.fragment());
        assertNull(parse("combined", "203.0.113.9 - - [24/Nov/2026:10:00:00 +0000] \"GET /faq#returns HTTP/1.1\" 200 51"
                + " \"-\" \"curl/8.4.0\""));
        assertEquals("/faq", out.path());
        assertNull(out.query());
        assertEquals("returns", out.fragment());
    }
}
