package io.clickstream.accesslog;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The pieces of a request time that a format writes in several directives (Apache's
 * {@code [%{%d/%b/%Y %T}t.%{msec_frac}t %{%z}t]}), gathered while a line is parsed and made an instant at its end.
 */
final class TimeParts {

    static final int UNSET = Integer.MIN_VALUE;

    int year;
    int month;
    int day;
    int dayOfYear;
    int hour;
    int minute;
    int second;
    /** {@code %p}: 0 for AM, 12 for PM; UNSET when the hour is on a 24-hour clock. */
    int halfDay;
    int offsetMinutes;
    long epochSeconds;
    int millis;

    void reset() {
        year = month = day = dayOfYear = hour = minute = second = halfDay = offsetMinutes = millis = UNSET;
        epochSeconds = Long.MIN_VALUE;
    }

    /**
     * The instant, to the millisecond; a time of day without an offset is read in {@code zone}, the zone the server
     * logs in. {@link Timestamps#INVALID} when the parts do not make a real instant.
     */
    long toEpochMillis(ZoneId zone) {
        int fraction = millis == UNSET ? 0 : millis;
        if (epochSeconds != Long.MIN_VALUE) {
            return epochSeconds * 1000 + fraction;
        }
        int h = hour;
        if (halfDay != UNSET && h != UNSET) {
            h = h < 1 || h > 12 ? -1 : h % 12 + halfDay;
        }
        if (year == UNSET || h == UNSET || minute == UNSET) {
            return Timestamps.INVALID;
        }
        int s = second == UNSET ? 0 : second;
        try {
            LocalDateTime local = dayOfYear != UNSET && month == UNSET
                    ? LocalDateTime.of(year, 1, 1, h, minute, Math.min(s, 59)).withDayOfYear(dayOfYear)
                    : LocalDateTime.of(year, month, day, h, minute, Math.min(s, 59));
            ZoneOffset offset = offsetMinutes != UNSET ? ZoneOffset.ofTotalSeconds(offsetMinutes * 60)
                    : zone.getRules().getOffset(local);
            long seconds = local.toEpochSecond(offset) + (s == 60 ? 1 : 0);
            return year < 1970 || year > 2199 ? Timestamps.INVALID : seconds * 1000 + fraction;
        } catch (DateTimeException e) {
            return Timestamps.INVALID;
        }
    }
}
