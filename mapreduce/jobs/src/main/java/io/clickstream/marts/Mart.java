package io.clickstream.marts;

import java.util.Locale;

/** The marts, each a dataset of its own name, and how many summed metrics its rows carry. */
public enum Mart {
    TRAFFIC_BY_HOUR(7), PAGES_BY_DAY(4), CHANNELS_BY_DAY(5), FUNNEL_BY_DAY(5), REVENUE_BY_SEGMENT(2);

    private final int metrics;

    Mart(int metrics) {
        this.metrics = metrics;
    }

    public int metrics() {
        return metrics;
    }

    public String dataset() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name of the job's named output (letters only, as Avro's multiple outputs require). */
    public String namedOutput() {
        return dataset().replace("_", "");
    }
}
