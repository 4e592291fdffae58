package io.clickstream.marts;

/**
 * What one input record adds to a mart row: {@code sums} to add (indexed by the mart's metric enum), or, with a
 * non-empty {@code distinct}, one value of the row's distinct count (visitors, customers). Rows are identified by
 * {@code group}.
 */
public record Contribution(Mart mart, String group, String distinct, long[] sums) {

    /** Sums to add to a row, none yet: name them with {@link #plus}. */
    public static Contribution sums(Mart mart, String group) {
        return new Contribution(mart, group, "", new long[mart.metrics()]);
    }

    public static Contribution distinct(Mart mart, String group, String value) {
        return new Contribution(mart, group, value, new long[mart.metrics()]);
    }

    /** Adds {@code value} to {@code metric}, one of this mart's sums. */
    public Contribution plus(Enum<?> metric, long value) {
        if (metric.getDeclaringClass() != mart.sums()) {
            throw new IllegalArgumentException(metric + " is not a metric of " + mart);
        }
        sums[metric.ordinal()] += value;
        return this;
    }

    /** {@code metric} of a row's sums. */
    public static long get(long[] sums, Enum<?> metric) {
        return sums[metric.ordinal()];
    }
}
