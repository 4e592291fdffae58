package io.clickstream.privacy;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A logged client address brought to one canonical text before it is anonymised or used as a visitor's key, so
 * the shapes servers and balancers write cannot carry a full address past the anonymiser: {@code IP:port} and
 * {@code [IPv6]:port} lose the port, an X-Forwarded-For list ({@code client, proxy1, proxy2}) keeps its first
 * address (the client as the proxies report it), an IPv6 zone ({@code fe80::1%eth0}) is dropped, an IPv4-mapped
 * IPv6 address becomes the IPv4 address, IPv6 is written as RFC 5952 says (lower case, longest zero run as
 * {@code ::}), IPv4 octets lose leading zeros, a host name (Apache's {@code HostnameLookups}) is lower-cased.
 * Anything else — control bytes, NUL, words, out-of-range numbers — is not an address.
 */
public final class ClientAddress {

    private static final int MAX_HOST_NAME = 253;
    private static final Pattern HOST_NAME =
            Pattern.compile("(?i)[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\\.?");

    private ClientAddress() {
    }

    /** True for a dotted-quad IPv4 address already in canonical form: the fast path, no allocation. */
    public static boolean isCanonicalIpv4(byte[] b, int start, int end) {
        int dots = 0;
        int octetStart = start;
        for (int i = start; i <= end; i++) {
            if (i == end || b[i] == '.') {
                int digits = i - octetStart;
                if (digits == 0 || digits > 3 || digits > 1 && b[octetStart] == '0') {
                    return false;
                }
                int value = 0;
                for (int j = octetStart; j < i; j++) {
                    value = value * 10 + b[j] - '0';
                }
                if (value > 255 || i < end && ++dots > 3) {
                    return false;
                }
                octetStart = i + 1;
            } else if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return dots == 3;
    }

    /** The canonical address, or null when {@code logged} holds none. */
    public static String normalise(String logged) {
        for (int i = 0; i < logged.length(); i++) {
            char c = logged.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return null;
            }
        }
        String first = logged.indexOf(',') >= 0 ? logged.substring(0, logged.indexOf(',')) : logged;
        return single(first.strip());
    }

    private static String single(String s) {
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            boolean portOrNothing = close > 0 && (close == s.length() - 1 || isPort(s.substring(close + 1)));
            return portOrNothing ? ipv6(s.substring(1, close)) : null;
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && colon == s.lastIndexOf(':')) {
            return isPort(s.substring(colon)) ? hostOrIpv4(s.substring(0, colon)) : null;
        }
        return colon >= 0 ? ipv6(s) : hostOrIpv4(s);
    }

    private static boolean isPort(String colonAndPort) {
        return isNumber(colonAndPort.substring(1), 5, 10) && Integer.parseInt(colonAndPort.substring(1)) <= 65535;
    }

    private static String hostOrIpv4(String s) {
        int[] octets = ipv4(s);
        if (octets != null) {
            return octets[0] + "." + octets[1] + "." + octets[2] + "." + octets[3];
        }
        boolean hostName = s.length() <= MAX_HOST_NAME && HOST_NAME.matcher(s).matches()
                && !s.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
        return hostName ? s.toLowerCase(Locale.ROOT) : null;
    }

    /** The four octets of a dotted-quad, or null. */
    private static int[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            if (!isNumber(parts[i], 3, 10) || Integer.parseInt(parts[i]) > 255) {
                return null;
            }
            octets[i] = Integer.parseInt(parts[i]);
        }
        return octets;
    }

    private static String ipv6(String s) {
        int zone = s.indexOf('%');
        int[] groups = ipv6Groups(zone >= 0 ? s.substring(0, zone) : s);
        if (groups == null) {
            return null;
        }
        boolean mapped = groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xffff;
        if (mapped) {
            return (groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + "." + (groups[7] & 0xff);
        }
        return ipv6Text(groups);
    }

    /** The eight 16-bit groups, an IPv4 tail and one {@code ::} allowed; null when it is not IPv6. */
    public static int[] ipv6Groups(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap >= 0 ? s.substring(0, gap) : s;
        String tail = gap >= 0 ? s.substring(gap + 2) : "";
        int[] front = groups(head);
        int[] back = groups(tail);
        if (front == null || back == null) {
            return null;
        }
        int total = front.length + back.length;
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(front, 0, all, 0, front.length);
        System.arraycopy(back, 0, all, 8 - back.length, back.length);
        return all;
    }

    private static int[] groups(String part) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] texts = part.split(":", -1);
        int lastDot = texts[texts.length - 1].indexOf('.');
        int[] v4 = lastDot >= 0 ? ipv4(texts[texts.length - 1]) : null;
        if (lastDot >= 0 && v4 == null) {
            return null;
        }
        int hexGroups = v4 != null ? texts.length - 1 : texts.length;
        int[] out = new int[hexGroups + (v4 != null ? 2 : 0)];
        for (int i = 0; i < hexGroups; i++) {
            if (!isNumber(texts[i], 4, 16)) {
                return null;
            }
            out[i] = Integer.parseInt(texts[i], 16);
        }
        if (v4 != null) {
            out[hexGroups] = v4[0] << 8 | v4[1];
            out[hexGroups + 1] = v4[2] << 8 | v4[3];
        }
        return out;
    }

    /** One to {@code maxDigits} ASCII digits of the radix (no sign, no space): what Integer.parseInt may then read. */
    private static boolean isNumber(String s, int maxDigits, int radix) {
        if (s.isEmpty() || s.length() > maxDigits) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 'f' || Character.digit(c, radix) < 0) {
                return false;
            }
        }
        return true;
    }

    /** RFC 5952: lower-case hex without leading zeros, the first longest run of two or more zero groups as ::. */
    public static String ipv6Text(int[] groups) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
