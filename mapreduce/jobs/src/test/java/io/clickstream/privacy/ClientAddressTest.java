package io.clickstream.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "203.0.113.7 | 203.0.113.7",
            "203.0.113.7:51234 | 203.0.113.7",
            "'203.0.113.7, 10.0.0.1, 10.0.0.2' | 203.0.113.7",
            "' 203.0.113.7 ' | 203.0.113.7",
            "203.000.113.007 | 203.0.113.7",
            "2001:DB8:85A3:0:0:8A2E:370:7334 | 2001:db8:85a3::8a2e:370:7334",
            "2001:0db8:0000:0000:0000:0000:0000:0001 | 2001:db8::1",
            "[2001:db8::1]:443 | 2001:db8::1",
            "[2001:db8::1] | 2001:db8::1",
            "fe80::1%eth0 | fe80::1",
            "[fe80::1%25en0]:8080 | fe80::1",
            "'2001:db8::7, 203.0.113.9' | 2001:db8::7",
            "::ffff:192.0.2.128 | 192.0.2.128",
            "::ffff:c000:280 | 192.0.2.128",
            "::1 | ::1",
            "2001:db8:0:0:1:0:0:1 | 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1 | 2001:db8:0:1:1:1:1:1",
            "Crawl-66-249-66-1.GoogleBot.com | crawl-66-249-66-1.googlebot.com",
            "localhost | localhost"})
    void normalisesEveryShapeServersWrite(String logged, String canonical) {
        assertEquals(canonical, ClientAddress.normalise(logged));
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.7\u0000", "203.0.113\u00007", "203.0.113.7\r", "256.0.0.1", "1.2.3", "1.2.3.4.5",
            "1.2.3.4:99999", "1.2.3.4:abc", "2001:db8::1::2", "2001:db8:1:2:3:4:5:6:7", "12345::1", "[2001:db8::1",
            "[2001:db8::1]x", "<script>", "' or 1=1", "unknown host", "", " , 1.2.3.4", "-.example.com"})
    void refusesWhatIsNotAnAddress(String logged) {
        assertNull(ClientAddress.normalise(logged), logged);
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.7", "0.0.0.0", "255.255.255.255", "10.1.20.199"})
    void recognisesCanonicalIpv4WithoutAllocating(String address) {
        byte[] b = (" " + address + " ").getBytes(StandardCharsets.US_ASCII);
        assertTrue(ClientAddress.isCanonicalIpv4(b, 1, b.length - 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.07", "256.1.1.1", "1.2.3", "1.2.3.4.", ".1.2.3", "1..2.3", "1.2.3.4:80", "::1"})
    void sendsEveryOtherShapeToTheSlowPath(String address) {
        byte[] b = address.getBytes(StandardCharsets.US_ASCII);
        assertFalse(ClientAddress.isCanonicalIpv4(b, 0, b.length));
    }
}
