package io.clickstream.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.privacy.IpAnonymizer.Mode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IpAnonymizerTest {

    private static final byte[] KEY = "a-test-key-of-32-bytes-----------".getBytes(StandardCharsets.UTF_8);

    @Test
    void noneKeepsTheAddress() {
        assertEquals("203.0.113.7", IpAnonymizer.of(Mode.NONE, null).apply("203.0.113.7"));
    }

    @Test
    void truncateKeepsTheNetworkOnly() {
        IpAnonymizer truncate = IpAnonymizer.of(Mode.TRUNCATE, null);
        assertEquals("203.0.113.0", truncate.apply("203.0.113.7"));
        assertEquals("2001:db8:85a3::", truncate.apply("2001:db8:85a3::8a2e:370:7334"));
        assertEquals("2001:db8:85a3::", truncate.apply("2001:DB8:85a3:1:2:3:4:5"));
        assertEquals("2001:db8:0::", truncate.apply("2001:db8::1"));
        assertEquals("0:0:0::", truncate.apply("::1"));
        assertEquals("::ffff:192.0.2.0", truncate.apply("::ffff:192.0.2.128"));
        assertEquals("googlebot.com", truncate.apply("crawl-66-249-66-1.googlebot.com"));
    }

    @Test
    void hashIsStableKeyedAndOpaque() {
        IpAnonymizer hash = IpAnonymizer.of(Mode.HASH, KEY);
        String once = hash.apply("203.0.113.7");
        assertEquals(once, hash.apply("203.0.113.7"));
        assertEquals(once, IpAnonymizer.of(Mode.HASH, KEY).apply("203.0.113.7"));
        assertTrue(once.matches("[0-9a-f]{32}"), once);
        assertNotEquals(once, hash.apply("203.0.113.8"));
        byte[] otherKey = "another-key-of-enough-length-----".getBytes(StandardCharsets.UTF_8);
        assertNotEquals(once, IpAnonymizer.of(Mode.HASH, otherKey).apply("203.0.113.7"));
    }

    @Test
    void hashRefusesAMissingOrWeakKey() {
        assertThrows(IllegalArgumentException.class, () -> IpAnonymizer.of(Mode.HASH, null));
        assertThrows(IllegalArgumentException.class, () -> IpAnonymizer.of(Mode.HASH, new byte[8]));
        assertThrows(IllegalArgumentException.class, () -> IpAnonymizer.mode("scramble"));
        assertEquals(Mode.TRUNCATE, IpAnonymizer.mode(" Truncate "));
    }
}
