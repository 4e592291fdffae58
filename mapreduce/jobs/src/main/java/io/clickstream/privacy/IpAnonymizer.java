package io.clickstream.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the warehouse keeps of a client address. {@code none}: as logged; {@code truncate}: IPv4 to its /24,
 * IPv6 to its /48 (a host name loses its first label); {@code hash}: HMAC-SHA256 under a secret key, so the
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
            int lastColon = address.lastIndexOf(':');
            int lastDot = address.lastIndexOf('.');
            if (lastColon >= 0 && lastDot > lastColon) {
                return address.substring(0, lastColon + 1) + truncateV4(address.substring(lastColon + 1));
            }
            if (lastColon >= 0) {
                return truncateV6(address);
            }
            if (isV4(address)) {
                return truncateV4(address);
            }
            int firstDot = address.indexOf('.');
            return firstDot > 0 ? address.substring(firstDot + 1) : "";
        }

        private static String truncateV4(String v4) {
            return v4.substring(0, v4.lastIndexOf('.') + 1) + "0";
        }

        /** Keeps the first three groups of eight: {@code 2001:db8:85a3::}. */
        private static String truncateV6(String v6) {
            String address = v6.indexOf('%') >= 0 ? v6.substring(0, v6.indexOf('%')) : v6;
            int doubleColon = address.indexOf("::");
            String head = doubleColon >= 0 ? address.substring(0, doubleColon) : address;
            String[] groups = head.isEmpty() ? new String[0] : head.split(":");
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                out.append(i < groups.length ? groups[i].toLowerCase(Locale.ROOT) : "0").append(':');
            }
            return out.append(':').toString();
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
