package io.clickstream.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.sessions.Sessionizer.Request;
import io.clickstream.sessions.Sessionizer.Origin;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionizerTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final Channels CHANNELS = new Channels(List.of("shop.example.com"));

    /** What the sessionizer reported: page views as "payload=sessionId", and sessions. */
    private final List<String> views = new ArrayList<>();
    private final List<FinishedSession> sessions = new ArrayList<>();

    private Sessionizer<String> sessionizer(boolean bot) {
        return new Sessionizer<>(SessionRules.DEFAULT, CHANNELS, DAY, 42L, bot, new Sessionizer.Listener<>() {
            @Override
            public void request(String payload, String sessionId, Long sessionStart) {
                views.add(payload + "=" + sessionId);
            }

            @Override
            public void session(FinishedSession session) {
                sessions.add(session);
            }
        });
    }

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static Request<String> hit(String instant, Origin origin, String path) {
        return new Request<>(at(instant), origin, path.hashCode(), true, path, null, null, origin == Origin.DAY ? path : null);
    }

    private static Request<String> asset(String instant, String path) {
        return new Request<>(at(instant), Origin.DAY, path.hashCode(), false, path, null, null, path);
    }

    @Test
    void onlyPageViewsMakeSessionsOtherRequestsJoinTheOpenOne() throws Exception {
        Sessionizer<String> s = sessionizer(false);
        s.accept(asset("2026-11-24T09:59:00Z", "/favicon.ico"));
        s.accept(hit("2026-11-24T10:00:00Z", Origin.DAY, "/"));
        s.accept(asset("2026-11-24T10:00:01Z", "/static/app.css"));
        s.accept(asset("2026-11-24T10:45:00Z", "/static/late.js"));
        s.finish();
        assertEquals(1, sessions.size());
        assertEquals(1, sessions.get(0).pageViews(), "assets neither count nor extend the session");
        assertTrue(sessions.get(0).bounced());
        assertEquals(at("2026-11-24T10:00:00Z"), sessions.get(0).end());
        String id = sessions.get(0).sessionId();
        assertEquals(List.of("/favicon.ico=null", "/=" + id, "/static/app.css=" + id, "/static/late.js=null"), views);
    }

    @Test
    void aPauseLongerThanTheGapStartsANewSession() throws Exception {
        Sessionizer<String> s = sessionizer(false);
        s.accept(hit("2026-11-24T10:00:00Z", Origin.DAY, "/"));
        s.accept(hit("2026-11-24T10:29:59Z", Origin.DAY, "/product/1"));
        s.accept(hit("2026-11-24T11:00:00Z", Origin.DAY, "/cart"));
        s.finish();
        assertEquals(2, sessions.size());
        assertEquals(2, sessions.get(0).pageViews());
        assertEquals("/product/1", sessions.get(0).exitPath());
        assertTrue(sessions.get(0).reachedProduct());
        assertTrue(sessions.get(1).bounced());
        assertEquals(Visitors.sessionId(42L, at("2026-11-24T10:00:00Z")), sessions.get(0).sessionId());
    }

    @Test
    void aSessionCrossingMidnightBelongsToItsFirstDayWithTheNextDaysPageViews() throws Exception {
        Sessionizer<String> s = sessionizer(false);
        s.accept(hit("2026-11-24T23:50:00Z", Origin.DAY, "/"));
        s.accept(hit("2026-11-25T00:10:00Z", Origin.NEXT_DAY, "/checkout"));
        s.accept(hit("2026-11-25T03:00:00Z", Origin.NEXT_DAY, "/"));
        s.finish();
        assertEquals(1, sessions.size(), "the next day's later session is the next day's");
        assertEquals(2, sessions.get(0).pageViews());
        assertEquals(at("2026-11-25T00:10:00Z"), sessions.get(0).end());
        assertEquals(List.of("/=" + sessions.get(0).sessionId()), views, "only the day's own page views are passed on");
    }

    @Test
    void pageViewsContinuingYesterdaysSessionGetItsIdAndStartNoSession() throws Exception {
        Sessionizer<String> s = sessionizer(false);
        s.accept(hit("2026-11-23T23:40:00Z", Origin.PREVIOUS_DAY, "?"));
        s.accept(hit("2026-11-23T23:55:00Z", Origin.PREVIOUS_DAY, "?"));
        s.accept(hit("2026-11-24T00:05:00Z", Origin.DAY, "/cart"));
        s.finish();
        assertTrue(sessions.isEmpty());
        assertEquals(List.of("/cart=" + Visitors.sessionId(42L, at("2026-11-23T23:40:00Z"))), views);
    }

    @Test
    void aSessionStillGoingAtTheLookaheadEndsThereOnBothDays() throws Exception {
        Sessionizer<String> today = sessionizer(false);
        for (long t = at("2026-11-24T23:00:00Z"); t <= at("2026-11-25T07:00:00Z"); t += 600_000) {
            Origin origin = t < at("2026-11-25T00:00:00Z") ? Origin.DAY : Origin.NEXT_DAY;
            today.accept(new Request<>(t, origin, t, true, "/", null, null, "p" + t));
        }
        today.finish();
        assertEquals(1, sessions.size());
        assertTrue(sessions.get(0).end() < at("2026-11-25T06:00:00Z"));
    }

    @Test
    void exactDuplicatesOfTheDayAreCountedOnceAndBotsGetNoSession() throws Exception {
        Sessionizer<String> s = sessionizer(true);
        s.accept(hit("2026-11-24T10:00:00Z", Origin.DAY, "/robots.txt"));
        assertFalse(s.accept(hit("2026-11-24T10:00:00Z", Origin.DAY, "/robots.txt")));
        s.accept(hit("2026-11-24T10:00:00Z", Origin.DAY, "/sitemap.xml"));
        s.finish();
        assertEquals(1, s.duplicates());
        assertTrue(sessions.isEmpty());
        assertEquals(List.of("/robots.txt=null", "/sitemap.xml=null"), views);
    }

    @Test
    void aConfirmationPageViewNamesItsOrder() {
        assertEquals("O-1", SessionRules.DEFAULT.confirmedOrder("/checkout/confirm", "x=1&order=O-1"));
        assertNull(SessionRules.DEFAULT.confirmedOrder("/checkout", "order=O-1"));
        assertNull(SessionRules.DEFAULT.confirmedOrder("/checkout/confirm", "order="));
    }
}
