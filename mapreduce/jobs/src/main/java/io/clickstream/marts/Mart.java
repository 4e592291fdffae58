package io.clickstream.marts;

import java.util.Locale;

/** The marts, each a dataset of its own name, and the metrics its rows sum (by name: a row's sums are indexed by them). */
public enum Mart {
    TRAFFIC_BY_HOUR(TrafficSums.class), PAGES_BY_DAY(PageSums.class), CHANNELS_BY_DAY(ChannelSums.class),
    FUNNEL_BY_DAY(FunnelSums.class), REVENUE_BY_SEGMENT(RevenueSums.class);

    public enum TrafficSums { REQUESTS, PAGE_VIEWS, BOT_PAGE_VIEWS, SESSIONS, BOUNCED_SESSIONS, STATUS_4XX, STATUS_5XX }

    public enum PageSums { PAGE_VIEWS, ENTRANCES, EXITS, BOUNCES }

    public enum ChannelSums { SESSIONS, BOUNCED_SESSIONS, CONVERTED_SESSIONS, ORDERS, REVENUE_CENTS }

    public enum FunnelSums { SESSIONS, PRODUCT_SESSIONS, CART_SESSIONS, CHECKOUT_SESSIONS, ORDER_SESSIONS }

    public enum RevenueSums { ORDERS, REVENUE_CENTS }

    private final Class<? extends Enum<?>> sums;

    Mart(Class<? extends Enum<?>> sums) {
        this.sums = sums;
    }

    /** How many sums a row carries. */
    public int metrics() {
        return sums.getEnumConstants().length;
    }

    /** The metric enum of this mart's sums. */
    public Class<? extends Enum<?>> sums() {
        return sums;
    }

    public String dataset() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name of the job's named output (letters only, as Avro's multiple outputs require). */
    public String namedOutput() {
        return dataset().replace("_", "");
    }
}
