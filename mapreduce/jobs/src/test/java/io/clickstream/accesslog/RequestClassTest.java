package io.clickstream.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.privacy.IpAnonymizer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one definition of a page view, on requests as a real shop's server logs them. */
class RequestClassTest {

    private final RequestClass.Rules rules = RequestClass.Rules.of(RequestClass.DEFAULT_STATIC_FILES);

    @Test
    void pagesAreGetsAndPostsAnswered200Or304ThatAreNoStaticFile() {
        assertEquals(RequestClass.PAGE, rules.classify("GET", "/product/42", 200));
        assertEquals(RequestClass.PAGE, rules.classify("GET", "/", 304));
        assertEquals(RequestClass.PAGE, rules.classify("POST", "/checkout", 200));
        assertEquals(RequestClass.PAGE, rules.classify("GET", "/v1.2/docs", 200), "a dot in a directory is no extension");
    }

    @Test
    void staticFilesRedirectsErrorsAndTheRestAreKeptAndClassed() {
        assertEquals(RequestClass.ASSET, rules.classify("GET", "/static/app.3f9a.CSS", 200));
        assertEquals(RequestClass.ASSET, rules.classify("GET", "/img/logo.webp", 304));
        assertEquals(RequestClass.ASSET, rules.classify("GET", "/favicon.ico", 200));
        assertEquals(RequestClass.ASSET, rules.classify("GET", "/robots.txt", 200));
        assertEquals(RequestClass.ASSET, rules.classify("GET", "/fonts/inter.woff2", 200));
        assertEquals(RequestClass.REDIRECT, rules.classify("GET", "/old-product", 301));
        assertEquals(RequestClass.REDIRECT, rules.classify("POST", "/cart/add", 302));
        assertEquals(RequestClass.ERROR, rules.classify("GET", "/img/missing.png", 404), "a missing image is an error");
        assertEquals(RequestClass.ERROR, rules.classify(null, null, 400));
        assertEquals(RequestClass.ERROR, rules.classify("GET", "/checkout", 503));
        assertEquals(RequestClass.OTHER, rules.classify("HEAD", "/", 200));
        assertEquals(RequestClass.OTHER, rules.classify("OPTIONS", "/api/cart", 204));
        assertEquals(RequestClass.OTHER, rules.classify("POST", "/collect", 204), "a beacon is no page view");
    }

    @Test
    void theListIsConfigurable() {
        RequestClass.Rules own = new RequestClass.Rules(List.of(".css", "/cdn/"));
        assertEquals(RequestClass.ASSET, own.classify("GET", "/cdn/anything", 200));
        assertEquals(RequestClass.PAGE, own.classify("GET", "/favicon.ico", 200));
        assertThrows(IllegalArgumentException.class, () -> RequestClass.Rules.of(".css,png"));
    }

    @Test
    void theCleanStageStoresTheClass() {
        AccessLogCleaner cleaner = new AccessLogCleaner(LogFormat.of("combined"), IpAnonymizer.of(IpAnonymizer.Mode.NONE, null), 65536);
        byte[] line = ("198.51.100.4 - - [24/Nov/2026:10:00:00 +0000] \"GET /static/shop.js?v=3 HTTP/2.0\" 200 9000"
                + " \"https://shop.example.com/\" \"Mozilla/5.0\"").getBytes(StandardCharsets.UTF_8);
        assertEquals(null, cleaner.clean(line, line.length));
        assertEquals("asset", cleaner.pageView().getRequestClass());
        assertTrue(RequestClass.isPageView(null), "data cleaned before the column existed counts as page views");
        assertTrue(!RequestClass.isPageView("asset") && RequestClass.isPageView("page"));
    }
}
