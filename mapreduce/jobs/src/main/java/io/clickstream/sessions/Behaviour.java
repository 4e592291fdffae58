package io.clickstream.sessions;

import java.util.Arrays;

/**
 * What a visitor's requests, seen together, say about it when its User-Agent looks like a browser: it fetched
 * {@code /robots.txt}; it read more pages in a minute than a person can; or it fetched a burst of pages within five
 * minutes and not one static file. Fed one visitor's requests in time order; not thread-safe.
 */
public final class Behaviour {

    private static final long MINUTE = 60_000L;
    private static final long BURST_WINDOW = 5 * MINUTE;

    /**
     * @param maxPageViewsPerMinute more page views than this in any minute is a bot; 0 turns the rule off
     * @param burstPageViews this many page views within five minutes, with no static file all along, is a bot; 0 turns
     *     the rule off (do so when a CDN serves the static files and they are not in these logs)
     */
    public record Rules(int maxPageViewsPerMinute, int burstPageViews) {
        public static final Rules DEFAULT = new Rules(30, 20);
    }

    private final Rules rules;
    private long[] pageViews = new long[16];
    private int count;
    private boolean robotsTxt;
    private boolean assets;

    public Behaviour(Rules rules) {
        this.rules = rules;
    }

    /** One request of the visitor; {@code pageView} and {@code asset} by {@code request_class}. */
    public void add(long ts, String path, boolean pageView, boolean asset) {
        robotsTxt |= "/robots.txt".equals(path);
        assets |= asset;
        if (pageView) {
            if (count == pageViews.length) {
                pageViews = Arrays.copyOf(pageViews, count * 2);
            }
            pageViews[count++] = ts;
        }
    }

    /** The reason the requests make the visitor a bot, or null. */
    public BotReason verdict() {
        if (robotsTxt) {
            return BotReason.ROBOTS_TXT;
        }
        if (rules.maxPageViewsPerMinute() > 0 && mostWithin(MINUTE) > rules.maxPageViewsPerMinute()) {
            return BotReason.REQUEST_RATE;
        }
        if (rules.burstPageViews() > 0 && !assets && mostWithin(BURST_WINDOW) >= rules.burstPageViews()) {
            return BotReason.NO_ASSETS;
        }
        return null;
    }

    /** The most page views within any window of {@code window} milliseconds (times in order). */
    private int mostWithin(long window) {
        int most = 0;
        for (int start = 0, end = 0; end < count; end++) {
            while (pageViews[end] - pageViews[start] >= window) {
                start++;
            }
            most = Math.max(most, end - start + 1);
        }
        return most;
    }
}
