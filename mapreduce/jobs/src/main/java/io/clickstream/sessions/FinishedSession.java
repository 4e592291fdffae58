package io.clickstream.sessions;

import java.util.List;

/** A finished session of a human visitor, as written to the sessions dataset. */
public record FinishedSession(String sessionId, String visitorId, long start, long end, int pageViews, String landingPath,
        String exitPath, Channel channel, boolean reachedProduct, boolean reachedCart, boolean reachedCheckout,
        List<String> orderIds) {

    public boolean bounced() {
        return pageViews == 1;
    }
}
