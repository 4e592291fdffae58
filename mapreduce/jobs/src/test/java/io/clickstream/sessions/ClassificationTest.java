package io.clickstream.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationTest {

    private final UserAgents agents = new UserAgents(100);
    private final Channels channels = new Channels(List.of("shop.example.com"));

    @Test
    void crawlersHttpLibrariesAndMissingAgentsAreBots() {
        assertTrue(agents.classify("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)").bot());
        assertTrue(agents.classify("curl/8.4.0").bot());
        assertTrue(agents.classify("python-requests/2.31.0").bot());
        assertTrue(agents.classify(null).bot());
        Agent iphone = agents.classify("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1");
        assertFalse(iphone.bot());
        assertEquals("mobile", iphone.deviceClass());
        assertEquals("Mobile Safari", iphone.browserFamily());
        assertEquals("tablet", agents.classify("Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1").deviceClass());
        assertEquals("desktop", agents.classify("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0").deviceClass());
    }

    @Test
    void channelsFollowTheirRulesInOrder() {
        assertEquals(Channel.PAID, channels.classify("https://www.google.com/", "gclid=abc&utm_medium=cpc"));
        assertEquals(Channel.EMAIL, channels.classify(null, "utm_source=newsletter&utm_medium=email"));
        assertEquals(Channel.SEARCH, channels.classify("https://www.google.co.uk/", null));
        assertEquals(Channel.SEARCH, channels.classify("https://www.bing.com/search?q=shop", null));
        assertEquals(Channel.SOCIAL, channels.classify("https://t.co/x2Zk8", null));
        assertEquals(Channel.SOCIAL, channels.classify("https://m.facebook.com/", null));
        assertEquals(Channel.INTERNAL, channels.classify("https://shop.example.com/cart", null));
        assertEquals(Channel.DIRECT, channels.classify(null, null));
        assertEquals(Channel.REFERRAL, channels.classify("https://blog.example.org/best-shoes", null));
        assertEquals(Channel.REFERRAL, channels.classify("not a url at all", null));
    }
}
