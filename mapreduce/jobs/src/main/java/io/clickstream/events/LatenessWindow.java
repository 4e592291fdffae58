package io.clickstream.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Where an event that arrived on the run's day belongs, by its event time. Events are partitioned by the
 * UTC day they happened: an event of an earlier day within the window is <em>late</em> and goes to that
 * day's late-arrivals partition (picked up when that day is cleaned again); older ones and ones from the
 * future are quarantined, never silently put in the wrong day.
 */
public final class LatenessWindow {

    public enum Route { ON_TIME, LATE, TOO_LATE, IN_FUTURE }

    private final LocalDate runDay;
    private final int days;

    public LatenessWindow(LocalDate runDay, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("lateness window must be 0 days or more, not " + days);
        }
        this.runDay = runDay;
        this.days = days;
    }

    public static LocalDate day(Instant eventTime) {
        return LocalDate.ofInstant(eventTime, ZoneOffset.UTC);
    }

    public Route route(Instant eventTime) {
        LocalDate day = day(eventTime);
        if (day.equals(runDay)) {
            return Route.ON_TIME;
        }
        if (day.isAfter(runDay)) {
            return Route.IN_FUTURE;
        }
        return day.isBefore(runDay.minusDays(days)) ? Route.TOO_LATE : Route.LATE;
    }

    public int days() {
        return days;
    }
}
