package io.clickstream.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.privacy.IpAnonymizer.Mode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        assertEquals("2001:db8:85a3::", truncate.apply("2001:db8:85a3:1:2:3:4:5"));
        assertEquals("2001:db8::", truncate.apply("2001:db8::1"));
        assertEquals("::", truncate.apply("::1"));
        assertEquals("googlebot.com", truncate.apply("crawl-66-249-66-1.googlebot.com"));
    }

    /** Every shape a server or balancer writes, brought to its canonical form first, keeps no full address. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "203.0.113.7:51234 | 203.0.113.0",
            "'203.0.113.7, 198.51.100.20' | 203.0.113.0",
            "[2001:db8:85a3:1::7]:443 | 2001:db8:85a3::",
            "fe80::1:2:3:4%eth0 | fe80::",
            "::ffff:192.0.2.128 | 192.0.2.0",
            "'2001:db8:85a3::7, 10.0.0.1' | 2001:db8:85a3::"})
    void truncatesTheCanonicalAddressOfEveryShape(String logged, String kept) {
        assertEquals(kept, IpAnonymizer.of(Mode.TRUNCATE, null).apply(ClientAddress.normalise(logged)));
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
