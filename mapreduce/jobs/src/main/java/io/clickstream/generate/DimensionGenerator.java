package io.clickstream.generate;

import io.clickstream.dimensions.Csv;
import io.clickstream.dimensions.Dimension;
import io.clickstream.dimensions.DimensionRejectReason;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The shop database's customers and products as of a day, the same ones the events refer to: as rows for
 * PostgreSQL and as the CSV export (with the quoting real exports need: commas, quotes and line breaks in
 * product names), plus a share of broken rows labelled with the reason clean-dimension must give.
 */
public final class DimensionGenerator {

    /** One row: its values in the dimension's column order, or its raw CSV line when broken on purpose. */
    public record Row(List<String> values, String csvLine, DimensionRejectReason expected) {
    }

    private static final String[] COUNTRIES = {"DE", "NL", "FR", "GB", "US", "AT", "BE", "PL"};
    private static final String[] SEGMENTS = {"consumer", "consumer", "consumer", "business", "vip"};
    private static final String[] NAMES = {"Trail Runner \"Cloud\", white", "Linen Shirt", "Weekender Bag",
        "Sun Hat, wide brim", "Gift set\n(boxed)", "City Sneaker", "Canvas Tote", "Wool Beanie"};

    private final long seed;
    private final double badShare;

    public DimensionGenerator(long seed, double badShare) {
        this.seed = seed;
        this.badShare = badShare;
    }

    public List<Row> rows(Dimension dimension, LocalDate day) {
        SplittableRandom random = new SplittableRandom(seed * 31 + dimension.ordinal());
        String updated = day.atStartOfDay(ZoneOffset.UTC).minusHours(3).toInstant().toString();
        List<Row> rows = new ArrayList<>();
        int count = dimension == Dimension.CUSTOMERS ? EventGenerator.CUSTOMERS : WebShop.PRODUCTS;
        for (int n = 1; n <= count; n++) {
            List<String> values = dimension == Dimension.CUSTOMERS
                    ? List.of(EventGenerator.customer(n), COUNTRIES[random.nextInt(COUNTRIES.length)],
                            segment(n, SEGMENTS[random.nextInt(SEGMENTS.length)], day), LocalDate.of(2020, 1, 1).plusDays(n % 1800).toString(),
                            updated)
                    : List.of(EventGenerator.product(n), NAMES[n % NAMES.length] + " " + n,
                            WebShop.CATEGORIES.get(n % WebShop.CATEGORIES.size()), EventGenerator.price(n).toPlainString(),
                            "EUR", String.valueOf(n % 17 != 0), updated);
            rows.add(random.nextDouble() < badShare ? broken(values, random) : new Row(values, Csv.format(values), null));
        }
        return rows;
    }

    /**
     * Customers change: every 25th customer is promoted to vip for four days out of eight, so a week of
     * snapshots gives the customer history versions to track.
     */
    static String segment(int customer, String base, LocalDate day) {
        return customer % 25 == 0 && Math.floorMod(day.toEpochDay() + customer, 8) < 4 ? "vip" : base;
    }

    private static Row broken(List<String> values, SplittableRandom random) {
        List<String> changed = new ArrayList<>(values);
        switch (random.nextInt(4)) {
            case 0:
                changed.set(1, values.get(1).length() == 2 ? "Germany" : values.get(1));
                if (values.get(1).length() != 2) {
                    changed.set(3, values.get(3).replace('.', ','));
                }
                return new Row(changed, Csv.format(changed), DimensionRejectReason.BAD_VALUE);
            case 1:
                changed.set(2, "");
                return new Row(changed, Csv.format(changed), DimensionRejectReason.MISSING_VALUE);
            case 2:
                return new Row(null, Csv.format(values.subList(0, values.size() - 1)), DimensionRejectReason.WRONG_FIELD_COUNT);
            default:
                return new Row(null, values.get(0) + ",\"" + values.get(1) + "\"x," + Csv.format(values.subList(2, values.size())),
                        DimensionRejectReason.MALFORMED_CSV);
        }
    }
}
