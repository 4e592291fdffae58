package io.clickstream.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the warehouse keeps of a client address, given in the canonical form of {@link ClientAddress#normalise}
 * (port, zone and proxy list already gone). {@code none}: the address; {@code truncate}: IPv4 to its /24, IPv6 to
 * its /48 (a host name loses its first label); {@code hash}: HMAC-SHA256 under a secret key, so the
 * same address always maps to the same opaque value (sessions still work) and nobody without the key can
 * reverse it. One instance per thread.
 */
public abstract class IpAnonymizer {

    public enum Mode { NONE, TRUNCATE, HASH }

    public abstract String apply(String address);

    public static Mode mode(String name) {
        try {
            return Mode.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown IP anonymisation '" + name + "'; use none, truncate or hash");
        }
    }

    /** @param key the secret for {@link Mode#HASH}; ignored otherwise */
    public static IpAnonymizer of(Mode mode, byte[] key) {
        switch (mode) {
            case NONE:
                return new IpAnonymizer() {
                    @Override
                    public String apply(String address) {
                        return address;
                    }
                };
            case TRUNCATE:
                return new Truncate();
            default:
                if (key == null || key.length < 16) {
                    throw new IllegalArgumentException("IP hashing needs a secret key of at least 16 bytes");
                }
                return new Hash(key);
        }
    }

    private static final class Truncate extends IpAnonymizer {
        @Override
        public String apply(String address) {
            if (address.indexOf(':') >= 0) {
                int[] groups = ClientAddress.ipv6Groups(address);
                if (groups == null) {
                    throw new IllegalArgumentException("not a canonical client address: " + address);
                }
                Arrays.fill(groups, 3, 8, 0);
                return ClientAddress.ipv6Text(groups);
            }
            int lastDot = address.lastIndexOf('.');
            if (isV4(address)) {
                return address.substring(0, lastDot + 1) + "0";
            }
            int firstDot = address.indexOf('.');
            return firstDot > 0 ? address.substring(firstDot + 1) : "";
        }

        private static boolean isV4(String s) {
            int dots = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '.') {
                    dots++;
                } else if (c < '0' || c > '9') {
                    return false;
                }
            }
            return dots == 3;
        }
    }

    private static final class Hash extends IpAnonymizer {
        private static final char[] HEX = "0123456789abcdef".toCharArray();
        private final Mac mac;

        Hash(byte[] key) {
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
            }
        }

        /** The first 128 bits of the HMAC as 32 hex digits. */
        @Override
        public String apply(String address) {
            byte[] digest = mac.doFinal(address.getBytes(StandardCharsets.UTF_8));
            char[] out = new char[32];
            for (int i = 0; i < 16; i++) {
                out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
                out[2 * i + 1] = HEX[digest[i] & 0xf];
            }
            return new String(out);
        }
    }
}
