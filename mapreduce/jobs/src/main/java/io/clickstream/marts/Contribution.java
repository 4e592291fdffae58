package io.clickstream.marts;

/**
 * What one input record adds to a mart row: {@code sums} to add, or, with a non-empty {@code distinct}, one
 * value of the row's distinct count (visitors, customers). Rows are identified by {@code group}.
 */
public record Contribution(Mart mart, String group, String distinct, long[] sums) {

    public static Contribution sums(Mart mart, String group, long... sums) {
        return new Contribution(mart, group, "", sums);
    }

    public static Contribution distinct(Mart mart, String group, String value) {
        return new Contribution(mart, group, value, new long[mart.metrics()]);
    }
}
