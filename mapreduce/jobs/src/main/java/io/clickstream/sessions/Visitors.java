package io.clickstream.sessions;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Visitor and session keys. The access logs carry no cookie, so a visitor is the pair (client address as
 * anonymised by clean-access-logs, User-Agent); its key is a 64-bit fingerprint of both. A session's id is
 * the fingerprint of its visitor and start time: the same input always gives the same ids.
 */
public final class Visitors {

    private static final HashFunction FINGERPRINT = Hashing.farmHashFingerprint64();
    /** Sixteen lower-case hex digits, as {@code %016x} writes them. */
    private static final HexFormat HEX = HexFormat.of();

    private Visitors() {
    }

    public static long key(String clientIp, String userAgent) {
        byte[] ip = utf8(clientIp);
        byte[] agent = utf8(userAgent);
        return key(ip, 0, ip.length, agent, 0, agent.length);
    }

    /** The same key from the UTF-8 bytes of the client address and of the User-Agent (no bytes for a null one). */
    public static long key(byte[] ip, int ipOffset, int ipLength, byte[] agent, int agentOffset, int agentLength) {
        byte[] joined = new byte[ipLength + 1 + agentLength];
        System.arraycopy(ip, ipOffset, joined, 0, ipLength);
        System.arraycopy(agent, agentOffset, joined, ipLength + 1, agentLength);
        return FINGERPRINT.hashBytes(joined).asLong();
    }

    private static byte[] utf8(String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }

    public static String id(long visitorKey) {
        return HEX.toHexDigits(visitorKey);
    }

    public static String sessionId(long visitorKey, long startMillis) {
        return HEX.toHexDigits(FINGERPRINT.newHasher().putLong(visitorKey).putLong(startMillis).hash().asLong());
    }

    public static long fingerprint(byte[] bytes, int length) {
        return FINGERPRINT.hashBytes(bytes, 0, length).asLong();
    }
}
