package io.clickstream.dimensions;

import io.clickstream.quality.Rejection;
import io.clickstream.avro.Customer;
import io.clickstream.avro.Product;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;

/**
 * The shop database's dimension tables: their columns (the same in the CSV export and in PostgreSQL) and
 * the rules a row must meet to become an Avro record. Rows come in as column name to text.
 */
public enum Dimension {

    CUSTOMERS("customers", "customer_id", List.of("customer_id", "country", "segment", "signup_date", "updated_at")) {
        @Override
        public SpecificRecord toRecord(Map<String, String> row) throws Rejection.Thrown {
            return Customer.newBuilder()
                    .setCustomerId(matching(row, "customer_id", CUSTOMER_ID))
                    .setCountry(matching(row, "country", COUNTRY))
                    .setSegment(oneOf(row, "segment", SEGMENTS))
                    .setSignupDate(date(row, "signup_date"))
                    .setUpdatedAt(instant(row, "updated_at"))
                    .build();
        }
    },

    PRODUCTS("products", "product_id", List.of("product_id", "name", "category", "list_price", "currency", "active",
            "updated_at")) {
        @Override
        public SpecificRecord toRecord(Map<String, String> row) throws Rejection.Thrown {
            String name = required(row, "name");
            if (name.length() > 200) {
                throw Rejection.thrown(DimensionRejectReason.BAD_VALUE, "name is longer than 200 characters");
            }
            return Product.newBuilder()
                    .setProductId(matching(row, "product_id", PRODUCT_ID))
                    .setName(name)
                    .setCategory(oneOf(row, "category", CATEGORIES))
                    .setListPrice(money(row, "list_price"))
                    .setCurrency(matching(row, "currency", CURRENCY))
                    .setActive(bool(row, "active"))
                    .setUpdatedAt(instant(row, "updated_at"))
                    .build();
        }
    };

    private static final Pattern CUSTOMER_ID = Pattern.compile("C\\d{5}");
    private static final Pattern PRODUCT_ID = Pattern.compile("P\\d{4}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Set<String> SEGMENTS = Set.of("consumer", "business", "vip");
    private static final Set<String> CATEGORIES = Set.of("shoes", "shirts", "bags", "hats", "sale");

    private final String dataset;
    private final String key;
    private final List<String> columns;

    Dimension(String dataset, String key, List<String> columns) {
        this.dataset = dataset;
        this.key = key;
        this.columns = columns;
    }

    /** @throws Rejection.Thrown naming the first column that breaks a rule */
    public abstract SpecificRecord toRecord(Map<String, String> row) throws Rejection.Thrown;

    /** Dataset name: the raw, clean and quarantine directory, the Hive table and the database table. */
    public String dataset() {
        return dataset;
    }

    public String key() {
        return key;
    }

    public List<String> columns() {
        return columns;
    }

    public static Dimension of(String name) {
        for (Dimension d : values()) {
            if (d.dataset.equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dimension '" + name + "'; dimensions: customers, products");
    }

    private static String required(Map<String, String> row, String column) throws Rejection.Thrown {
        String value = row.get(column);
        if (value == null || value.isBlank()) {
            throw Rejection.thrown(DimensionRejectReason.MISSING_VALUE, column + " is empty");
        }
        return value.strip();
    }

    private static String matching(Map<String, String> row, String column, Pattern pattern) throws Rejection.Thrown {
        String value = required(row, column);
        if (!pattern.matcher(value).matches()) {
            throw Rejection.thrown(DimensionRejectReason.BAD_VALUE, column + " '" + value + "' does not match " + pattern);
        }
        return value;
    }

    private static String oneOf(Map<String, String> row, String column, Set<String> accepted) throws Rejection.Thrown {
        String value = required(row, column).toLowerCase(Locale.ROOT);
        if (!accepted.contains(value)) {
            throw Rejection.thrown(DimensionRejectReason.BAD_VALUE, column + " '" + value + "' is not one of " + accepted);
        }
        return value;
    }

    private static LocalDate date(Map<String, String> row, String column) throws Rejection.Thrown {
        String value = required(row, column);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw Rejection.thrown(DimensionRejectReason.BAD_VALUE, column + " '" + value + "' is not a YYYY-MM-DD date");
        }
    }

    private static Instant instant(Map<String, String> row, String column) throws Rejection.Thrown {
        String value = required(row, column);
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw Rejection.thrown(DimensionRejectReason.BAD_VALUE, column + " '" + value
                    + "' is not an ISO-8601 time with an offset");
        }
    }

    private static BigDecimal money(Map<String, String> row, String column) throws Rejection.Thrown {
        String value = required(row, column);
        try {
            BigDecimal amount = new BigDecimal(value);
            if (amount.signum() >= 0 && amount.scale() <= 2 && amount.precision() - amount.scale() <= 10) {
                return amount.setScale(2);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Rejection.thrown(DimensionRejectReason.BAD_VALUE, column + " '" + value
                + "' is not a non-negative amount with at most 2 decimals (use a dot)");
    }

    private static boolean bool(Map<String, String> row, String column) throws Rejection.Thrown {
        String value = required(row, column).toLowerCase(Locale.ROOT);
        if (value.equals("true") || value.equals("t")) {
            return true;
        }
        if (value.equals("false") || value.equals("f")) {
            return false;
        }
        throw Rejection.thrown(DimensionRejectReason.BAD_VALUE, column + " '" + value + "' is not true or false");
    }
}
