package io.clickstream.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The median of runs, as the whole-job benchmarks report it. */
final class Stats {

    private Stats() {
    }

    /** The middle value; of an even count, the upper of the two middle ones. */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
