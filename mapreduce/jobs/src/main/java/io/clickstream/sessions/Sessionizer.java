package io.clickstream.sessions;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one visitor's requests, fed in time order, into sessions of page views for day D, and drops exact duplicates.
 *
 * <p>Besides D's page views it is fed context: the previous day's page views (time only), so that D's first
 * page views that continue a session begun before midnight get that session's id and are not counted as a
 * new session; and the next day's first hours, so that a session begun on D is complete. Only sessions that
 * start on D are reported, and only D's page views are passed on.
 *
 * <p>Limit: the previous day is seen from its midnight, so a visitor active without a pause from before
 * D-1 until D would get a different start (and id) for the session crossing into D than D-1's run gave it.
 */
public final class Sessionizer<T> {

    /** Where a page view comes from, relative to the day being sessionized; the order of ties in the shuffle. */
    public enum Origin { PREVIOUS_DAY, DAY, NEXT_DAY }

    /**
     * One request; {@code payload} is what is passed on for D's requests. Only page views ({@code pageView}) open,
     * extend and count in sessions; another request (a static file, a redirect, an error) belongs to the session
     * open at its time, if any.
     */
    public record Request<T>(long ts, Origin origin, long fingerprint, boolean pageView, String path, String query,
            String referer, T payload) {
    }

    /** Receives D's requests with their session, and D's finished sessions. */
    public interface Listener<T> {
        /** {@code sessionId} and {@code sessionStart} are null for a bot, and for a request outside any session. */
        void request(T payload, String sessionId, Long sessionStart) throws IOException, InterruptedException;

        void session(FinishedSession session) throws IOException, InterruptedException;
    }

    private final SessionRules rules;
    private final Channels channels;
    private final long dayStart;
    private final long dayEnd;
    private final long visitorKey;
    private final boolean bot;
    private final Listener<T> listener;

    private long duplicates;
    private long previousTs = Long.MIN_VALUE;
    private long previousFingerprint;
    private Open open;

    public Sessionizer(SessionRules rules, Channels channels, LocalDate day, long visitorKey, boolean bot, Listener<T> listener) {
        this.rules = rules;
        this.channels = channels;
        this.dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        this.dayEnd = dayStart + 86_400_000L;
        this.visitorKey = visitorKey;
        this.bot = bot;
        this.listener = listener;
    }

    /** @return false when {@code hit} was an exact duplicate of the one before (same time, same content) */
    public boolean accept(Request<T> hit) throws IOException, InterruptedException {
        if (hit.ts() == previousTs && hit.fingerprint() == previousFingerprint) {
            if (hit.origin() == Origin.DAY) {
                duplicates++;
            }
            return false;
        }
        previousTs = hit.ts();
        previousFingerprint = hit.fingerprint();
        if (bot || !hit.pageView()) {
            if (hit.origin() == Origin.DAY) {
                boolean inSession = !bot && continuesOpenSession(hit);
                listener.request(hit.payload(), inSession ? open.id : null, inSession ? open.start : null);
            }
            return true;
        }
        if (!continuesOpenSession(hit)) {
            finish();
            open = new Open(hit);
        }
        open.add(hit);
        if (hit.origin() == Origin.DAY) {
            listener.request(hit.payload(), open.id, open.start);
        }
        return true;
    }

    /** Reports the open session, if it started on D. Call after the visitor's last page view. */
    public void finish() throws IOException, InterruptedException {
        if (open != null && open.start >= dayStart && open.start < dayEnd) {
            listener.session(open.toSession());
        }
        open = null;
    }

    /** D's page views dropped as exact duplicates so far. */
    public long duplicates() {
        return duplicates;
    }

    /** Whether {@code hit} falls within the open session: no longer gap since its last page view, before its cutoff. */
    private boolean continuesOpenSession(Request<T> hit) {
        return open != null && hit.ts() - open.last <= rules.gap().toMillis() && hit.ts() < cutoff(open.start);
    }

    /** A session crossing midnight ends at the lookahead after that midnight. */
    private long cutoff(long start) {
        return Math.floorDiv(start, 86_400_000L) * 86_400_000L + 86_400_000L + rules.lookahead().toMillis();
    }

    private final class Open {
        final long start;
        final String id;
        long last;
        int pageViews;
        final String landingPath;
        final Channel channel;
        String exitPath;
        boolean product;
        boolean cart;
        boolean checkout;
        final List<String> orders = new ArrayList<>(0);

        Open(Request<T> first) {
            start = first.ts();
            id = Visitors.sessionId(visitorKey, start);
            landingPath = first.path();
            channel = channels.classify(first.referer(), first.query());
        }

        void add(Request<T> hit) {
            last = hit.ts();
            pageViews++;
            exitPath = hit.path();
            String path = hit.path();
            if (path != null) {
                product |= path.startsWith(rules.productPrefix());
                cart |= path.equals(rules.cartPath());
                checkout |= path.startsWith(rules.checkoutPrefix());
                String order = rules.confirmedOrder(path, hit.query());
                if (order != null && !orders.contains(order)) {
                    orders.add(order);
                }
            }
        }

        FinishedSession toSession() {
            return new FinishedSession(id, Visitors.id(visitorKey), start, last, pageViews, landingPath, exitPath, channel,
                    product, cart, checkout, List.copyOf(orders));
        }
    }
}
