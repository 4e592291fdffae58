package io.clickstream.sessions;

import java.time.Duration;

/**
 * When a session ends, and what counts as a funnel step.
 *
 * <p>A visitor's session ends after {@code gap} without a request. A session belongs to the UTC day it
 * starts; one that is still going at midnight goes on into the next day, but at most until {@code lookahead}
 * after that midnight: the job for day D reads the next day's first {@code lookahead} of page views (and no
 * more), and the job for D+1 applies the same cut, so both agree where every session ends.
 */
public record SessionRules(Duration gap, Duration lookahead, String productPrefix, String cartPath,
        String checkoutPrefix, String confirmationPath, String orderParameter) {

    public static final SessionRules DEFAULT = new SessionRules(Duration.ofMinutes(30), Duration.ofHours(6),
            "/product/", "/cart", "/checkout", "/checkout/confirm", "order");

    public SessionRules {
        if (gap.isNegative() || gap.isZero() || gap.compareTo(Duration.ofHours(12)) > 0) {
            throw new IllegalArgumentException("session gap must be between 1 ms and 12 hours, not " + gap);
        }
        if (lookahead.compareTo(gap) < 0 || lookahead.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("session lookahead must be between the gap and 24 hours, not " + lookahead);
        }
    }

    public SessionRules with(Duration newGap, Duration newLookahead) {
        return new SessionRules(newGap, newLookahead, productPrefix, cartPath, checkoutPrefix, confirmationPath,
                orderParameter);
    }

    /** The order id a confirmation page view carries ({@code /checkout/confirm?order=ID}), or null. */
    public String confirmedOrder(String path, String query) {
        if (!confirmationPath.equals(path) || query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.length() > orderParameter.length() + 1 && pair.startsWith(orderParameter + "=")) {
                return pair.substring(orderParameter.length() + 1);
            }
        }
        return null;
    }
}
