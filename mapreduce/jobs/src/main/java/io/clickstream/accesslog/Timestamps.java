package io.clickstream.accesslog;

/**
 * Byte-level timestamp parsing to UTC epoch millis. Month names are matched here, case-insensitively,
 * never through the JVM's locale data (Java 17's CLDR spells September "Sept" in some locales).
 * Each method returns {@link #INVALID} for anything that is not a real instant.
 */
final class Timestamps {

    static final long INVALID = Long.MIN_VALUE;
    private static final int MIN_YEAR = 1970;
    private static final int MAX_YEAR = 2199;

    private Timestamps() {
    }

    /** {@code 10/Oct/2000:13:55:36 -0700}: exactly 26 bytes from {@code p}. */
    static long parseClf(byte[] b, int p, int end) {
        if (end - p != 26 || b[p + 2] != '/' || b[p + 6] != '/' || b[p + 11] != ':' || b[p + 14] != ':'
                || b[p + 17] != ':' || b[p + 20] != ' ') {
            return INVALID;
        }
        int day = digits(b, p, 2);
        int month = month(b[p + 3], b[p + 4], b[p + 5]);
        int year = digits(b, p + 7, 4);
        int hour = digits(b, p + 12, 2);
        int minute = digits(b, p + 15, 2);
        int second = digits(b, p + 18, 2);
        int offset = offsetMinutes(b, p + 21, end);
        return toEpochMillis(year, month, day, hour, minute, second, 0, offset);
    }

    /** {@code 2000-10-10T13:55:36[.fff][Z|+hh:mm|+hhmm]}. */
    static long parseIso8601(byte[] b, int p, int end) {
        if (end - p < 20 || b[p + 4] != '-' || b[p + 7] != '-' || (b[p + 10] != 'T' && b[p + 10] != ' ')
                || b[p + 13] != ':' || b[p + 16] != ':') {
            return INVALID;
        }
        int year = digits(b, p, 4);
        int month = digits(b, p + 5, 2);
        int day = digits(b, p + 8, 2);
        int hour = digits(b, p + 11, 2);
        int minute = digits(b, p + 14, 2);
        int second = digits(b, p + 17, 2);
        int i = p + 19;
        int millis = 0;
        if (b[i] == '.') {
            int scale = 100;
            for (i++; i < end && b[i] >= '0' && b[i] <= '9'; i++) {
                millis += (b[i] - '0') * scale;
                scale /= 10;
            }
        }
        int offset = i < end && b[i] == 'Z' && i + 1 == end ? 0 : offsetMinutes(b, i, end);
        return toEpochMillis(year, month, day, hour, minute, second, millis, offset);
    }

    /** Microseconds since the epoch ({@code %{usec}t}), to the millisecond. */
    static long parseEpochMicros(byte[] b, int p, int end) {
        if (end - p < 4) {
            return INVALID;
        }
        for (int i = end - 3; i < end; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return INVALID;
            }
        }
        return parseEpoch(b, p, end - 3, 1, false);
    }

    /** Whole seconds ({@code fractionDigits == 0}) or milliseconds since the epoch, or {@code 1700000000.123}. */
    static long parseEpoch(byte[] b, int p, int end, long unitMillis, boolean fraction) {
        long value = 0;
        int i = p;
        for (; i < end && b[i] >= '0' && b[i] <= '9'; i++) {
            value = value * 10 + (b[i] - '0');
            if (value > 10_000_000_000_000L) {
                return INVALID;
            }
        }
        if (i == p) {
            return INVALID;
        }
        long millis = value * unitMillis;
        if (fraction && i < end && b[i] == '.') {
            int scale = 100;
            for (i++; i < end && b[i] >= '0' && b[i] <= '9'; i++) {
                millis += (b[i] - '0') * scale;
                scale /= 10;
            }
        }
        return i == end ? millis : INVALID;
    }

    private static int offsetMinutes(byte[] b, int p, int end) {
        int length = end - p;
        if (length != 5 && length != 6 || (b[p] != '+' && b[p] != '-')) {
            return Integer.MIN_VALUE;
        }
        int hours = digits(b, p + 1, 2);
        int minutes = length == 6 && b[p + 3] == ':' ? digits(b, p + 4, 2) : length == 5 ? digits(b, p + 3, 2) : -1;
        if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int total = hours * 60 + minutes;
        return b[p] == '-' ? -total : total;
    }

    private static long toEpochMillis(int year, int month, int day, int hour, int minute, int second, int millis,
            int offsetMinutes) {
        if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60
                || offsetMinutes == Integer.MIN_VALUE) {
            return INVALID;
        }
        long days = daysFromCivil(year, month, day);
        long seconds = days * 86_400L + hour * 3_600L + minute * 60L + second - offsetMinutes * 60L;
        return seconds * 1000L + millis;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    private static int daysIn(int year, int month) {
        if (month == 2) {
            boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Value of {@code count} ASCII digits, or -1 when any byte is not a digit. */
    private static int digits(byte[] b, int p, int count) {
        int value = 0;
        for (int i = p; i < p + count; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /** Month number of an English three-letter abbreviation in any case, or -1. */
    static int month(byte b0, byte b1, byte b2) {
        int key = ((b0 | 0x20) << 16) | ((b1 | 0x20) << 8) | (b2 | 0x20);
        switch (key) {
            case ('j' << 16) | ('a' << 8) | 'n': return 1;
            case ('f' << 16) | ('e' << 8) | 'b': return 2;
            case ('m' << 16) | ('a' << 8) | 'r': return 3;
            case ('a' << 16) | ('p' << 8) | 'r': return 4;
            case ('m' << 16) | ('a' << 8) | 'y': return 5;
            case ('j' << 16) | ('u' << 8) | 'n': return 6;
            case ('j' << 16) | ('u' << 8) | 'l': return 7;
            case ('a' << 16) | ('u' << 8) | 'g': return 8;
            case ('s' << 16) | ('e' << 8) | 'p': return 9;
            case ('o' << 16) | ('c' << 8) | 't': return 10;
            case ('n' << 16) | ('o' << 8) | 'v': return 11;
            case ('d' << 16) | ('e' << 8) | 'c': return 12;
            default: return -1;
        }
    }
}
