package io.clickstream.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Visitor keys: published in every visitor and session id, so they must not change with how they are computed. */
class VisitorsTest {

    private static final String AGENT = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0 \u00e9";

    @Test
    void theKeyIsTheFingerprintOfTheAddressAZeroByteAndTheAgent() {
        long published = Hashing.farmHashFingerprint64().newHasher().putString("2001:db8::", StandardCharsets.UTF_8)
                .putByte((byte) 0).putString(AGENT, StandardCharsets.UTF_8).hash().asLong();
        assertEquals(published, Visitors.key("2001:db8::", AGENT));
        assertEquals("6d1ac1c5d4d6fb6f".length(), Visitors.id(published).length());
    }

    @Test
    void bytesInALargerBufferGiveTheSameKeyAsStrings() {
        byte[] ip = "##203.0.113.0".getBytes(StandardCharsets.UTF_8);
        byte[] agent = ("xx" + AGENT + "yy").getBytes(StandardCharsets.UTF_8);
        int agentLength = AGENT.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(Visitors.key("203.0.113.0", AGENT), Visitors.key(ip, 2, ip.length - 2, agent, 2, agentLength));
        assertEquals(Visitors.key("203.0.113.0", null), Visitors.key(ip, 2, ip.length - 2, agent, 0, 0));
        assertNotEquals(Visitors.key("203.0.113.0", AGENT), Visitors.key("203.0.113.1", AGENT));
    }
}
