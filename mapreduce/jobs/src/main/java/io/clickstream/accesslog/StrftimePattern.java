package io.clickstream.accesslog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strftime(3) pattern as Apache's {@code %{...}t} writes the time with it (C locale), read back byte by byte into
 * {@link TimeParts}. A value is as long as its pattern makes it, so it may hold spaces: {@code %{%d/%b/%Y %T}t}.
 */
final class StrftimePattern {

    /** Conversions that stand for several others. */
    private static final Map<Character, String> COMPOSITES = Map.of('T', "%H:%M:%S", 'F', "%Y-%m-%d", 'D', "%m/%d/%y",
            'R', "%H:%M", 'r', "%I:%M:%S %p", 'c', "%a %b %e %H:%M:%S %Y", 'x', "%m/%d/%y", 'X', "%H:%M:%S", 'h', "%b");
    private static final String READ = "YymdejHIklMSpbBaAuwzZs";
    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december"};

    private final String source;
    /** Per element: a conversion letter, or 0 for the literal bytes at the same index. */
    private final char[] conversions;
    private final byte[][] literals;

    private StrftimePattern(String source, List<Character> conversions, List<byte[]> literals) {
        this.source = source;
        this.conversions = new char[conversions.size()];
        for (int i = 0; i < this.conversions.length; i++) {
            this.conversions[i] = conversions.get(i);
        }
        this.literals = literals.toArray(new byte[0][]);
    }

    /** @throws IllegalArgumentException naming every conversion that cannot be read back */
    static StrftimePattern compile(String pattern) {
        List<Character> conversions = new ArrayList<>();
        List<byte[]> literals = new ArrayList<>();
        Set<String> unsupported = new LinkedHashSet<>();
        expand(pattern, conversions, literals, unsupported);
        if (!unsupported.isEmpty()) {
            throw new IllegalArgumentException("strftime conversion" + (unsupported.size() > 1 ? "s " : " ")
                    + String.join(", ", unsupported) + " cannot be read back (supported: %Y %y %m %d %e %j %H %I %k %l %M"
                    + " %S %p %b %h %B %a %A %u %w %z %Z %s %T %F %D %R %r %c %x %X %t %%)");
        }
        return new StrftimePattern(pattern, conversions, literals);
    }

    private static void expand(String pattern, List<Character> conversions, List<byte[]> literals, Set<String> unsupported) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 == pattern.length()) {
                addLiteral(String.valueOf(c), conversions, literals);
                continue;
            }
            char conversion = pattern.charAt(++i);
            if (conversion == '%' || conversion == 't') {
                addLiteral(conversion == '%' ? "%" : "\t", conversions, literals);
            } else if (COMPOSITES.containsKey(conversion)) {
                expand(COMPOSITES.get(conversion), conversions, literals, unsupported);
            } else if (READ.indexOf(conversion) >= 0) {
                conversions.add(conversion);
                literals.add(null);
            } else {
                unsupported.add("%" + conversion);
            }
        }
    }

    private static void addLiteral(String text, List<Character> conversions, List<byte[]> literals) {
        conversions.add((char) 0);
        literals.add(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The pattern gives a calendar day (or the epoch seconds). */
    boolean givesDate() {
        return has("s") || has("Yy") && (has("j") || has("mbB") && has("de"));
    }

    /** The pattern gives the hour and minute (or the epoch seconds). */
    boolean givesTimeOfDay() {
        return has("s") || has("HIkl") && has("M");
    }

    private boolean has(String anyOf) {
        for (char c : conversions) {
            if (c != 0 && anyOf.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Reads the pattern from {@code b[p]} into {@code parts}: the position after it, or -1 when it does not fit. */
    int match(byte[] b, int p, int end, TimeParts parts) {
        for (int e = 0; e < conversions.length && p >= 0; e++) {
            p = conversions[e] == 0 ? literal(b, p, end, literals[e]) : conversion(conversions[e], b, p, end, parts);
        }
        return p;
    }

    private static int literal(byte[] b, int p, int end, byte[] literal) {
        if (p + literal.length > end) {
            return -1;
        }
        for (int i = 0; i < literal.length; i++) {
            if (b[p + i] != literal[i]) {
                return -1;
            }
        }
        return p + literal.length;
    }

    private static int conversion(char c, byte[] b, int p, int end, TimeParts parts) {
        switch (c) {
            case 'p': return halfDay(b, p, end, parts);
            case 'b': return p + 3 <= end ? store(c, Timestamps.month(b[p], b[p + 1], b[p + 2]), parts, p + 3) : -1;
            case 'B': return monthName(b, p, end, parts);
            case 'a': return letters(b, p, end) == p + 3 ? p + 3 : -1;
            case 'A': return letters(b, p, end) >= p + 6 ? letters(b, p, end) : -1;
            case 'z': return offset(b, p, end, parts);
            case 'Z': return zoneName(b, p, end, parts);
            case 's': return epochSeconds(b, p, end, parts);
            default: {
                int width = c == 'Y' ? 4 : c == 'j' ? 3 : c == 'u' || c == 'w' ? 1 : 2;
                return store(c, digits(b, p, end, width, c == 'e' || c == 'k' || c == 'l'), parts, p + width);
            }
        }
    }

    /** Stores the value a conversion read: the position {@code next} after it, or -1 when it was not read. */
    private static int store(char c, int value, TimeParts parts, int next) {
        if (value < 0) {
            return -1;
        }
        switch (c) {
            case 'Y': parts.year = value; break;
            case 'y': parts.year = 2000 + value; break;
            case 'm':
            case 'b': parts.month = value; break;
            case 'd':
            case 'e': parts.day = value; break;
            case 'j': parts.dayOfYear = value; break;
            case 'H':
            case 'I':
            case 'k':
            case 'l': parts.hour = value; break;
            case 'M': parts.minute = value; break;
            case 'S': parts.second = value; break;
            case 'u':
            case 'w': break; // the weekday: the date says it
            default: throw new IllegalStateException("conversion %" + c + " passed compile");
        }
        return next;
    }

    /** {@code count} ASCII digits, the first ones possibly spaces when {@code spacePadded}; -1 otherwise. */
    private static int digits(byte[] b, int p, int end, int count, boolean spacePadded) {
        if (p + count > end) {
            return -1;
        }
        int value = 0;
        for (int i = p; i < p + count; i++) {
            int d = b[i] - '0';
            boolean pad = spacePadded && b[i] == ' ' && value == 0 && i < p + count - 1;
            if (!pad && (d < 0 || d > 9)) {
                return -1;
            }
            value = pad ? 0 : value * 10 + d;
        }
        return value;
    }

    private static int halfDay(byte[] b, int p, int end, TimeParts parts) {
        if (p + 2 > end || (b[p + 1] | 0x20) != 'm' || ((b[p] | 0x20) != 'a' && (b[p] | 0x20) != 'p')) {
            return -1;
        }
        parts.halfDay = (b[p] | 0x20) == 'p' ? 12 : 0;
        return p + 2;
    }

    private static int monthName(byte[] b, int p, int end, TimeParts parts) {
        int stop = letters(b, p, end);
        String name = new String(b, p, stop - p, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
        for (int m = 0; m < MONTHS.length; m++) {
            if (MONTHS[m].equals(name)) {
                parts.month = m + 1;
                return stop;
            }
        }
        return -1;
    }

    private static int letters(byte[] b, int p, int end) {
        int i = p;
        while (i < end && ((b[i] | 0x20) >= 'a' && (b[i] | 0x20) <= 'z')) {
            i++;
        }
        return i;
    }

    /** {@code +hhmm} as strftime writes it, or {@code +hh:mm}. */
    private static int offset(byte[] b, int p, int end, TimeParts parts) {
        if (p + 5 > end || (b[p] != '+' && b[p] != '-')) {
            return -1;
        }
        boolean colon = p + 6 <= end && b[p + 3] == ':';
        int hours = digits(b, p + 1, end, 2, false);
        int minutes = digits(b, p + (colon ? 4 : 3), end, 2, false);
        if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
            return -1;
        }
        parts.offsetMinutes = (b[p] == '-' ? -1 : 1) * (hours * 60 + minutes);
        return p + (colon ? 6 : 5);
    }

    /** A zone abbreviation: only UTC and GMT say the offset; any other name leaves it to {@code %z} or the server's zone. */
    private static int zoneName(byte[] b, int p, int end, TimeParts parts) {
        int stop = letters(b, p, end);
        if (stop == p) {
            return -1;
        }
        String name = new String(b, p, stop - p, StandardCharsets.US_ASCII);
        if (parts.offsetMinutes == TimeParts.UNSET && (name.equals("UTC") || name.equals("GMT") || name.equals("Z")
                || name.equals("UT"))) {
            parts.offsetMinutes = 0;
        }
        return stop;
    }

    private static int epochSeconds(byte[] b, int p, int end, TimeParts parts) {
        long value = 0;
        int i = p;
        for (; i < end && i < p + 12 && b[i] >= '0' && b[i] <= '9'; i++) {
            value = value * 10 + (b[i] - '0');
        }
        if (i == p) {
            return -1;
        }
        parts.epochSeconds = value;
        return i;
    }

    @Override
    public String toString() {
        return source;
    }
}
