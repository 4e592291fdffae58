package io.clickstream.hive;

import io.clickstream.jobs.Warehouse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --hivevar} values, checked before they reach HQL: every value must fit the shape of its name
 * (dates, whole numbers, URIs without quotes or spaces, identifiers), so a parameter can never end a string
 * literal or start a statement. Substitution is ours, not Hive's, so it happens only after the check.
 */
public final class HiveVars {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{hivevar:([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9/._~%:@+=,-]*|/[A-Za-z0-9/._~%:@+=,-]*");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");
    private static final Pattern LONG = Pattern.compile("\\d{1,18}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private final Map<String, String> values = new LinkedHashMap<>();

    public HiveVars set(String name, String value) {
        values.put(name, validate(name, value));
        return this;
    }

    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }

    /**
     * Checks a value by its name: {@code dt, from, to, date} are dates; {@code limit, days} whole numbers;
     * {@code warehouse, schemas} and names ending in {@code _uri} URIs; names ending in {@code _ms} or {@code _count}
     * whole numbers up to 18 digits; anything else an identifier.
     *
     * @throws IllegalArgumentException naming the variable and the value
     */
    public static String validate(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("--hivevar " + name + " has no value");
        }
        boolean ok;
        switch (name) {
            case "dt", "from", "to", "date" -> {
                Warehouse.parseDate(value);
                ok = true;
            }
            case "limit", "days" -> ok = NUMBER.matcher(value).matches();
            case "warehouse", "schemas" -> ok = URI.matcher(value).matches();
            default -> ok = name.endsWith("_uri") ? URI.matcher(value).matches()
                    : name.endsWith("_ms") || name.endsWith("_count") ? LONG.matcher(value).matches()
                    : IDENTIFIER.matcher(value).matches();
        }
        if (!ok) {
            throw new IllegalArgumentException("--hivevar " + name + "='" + value + "' is not a valid " + name);
        }
        return value;
    }

    /**
     * A path or URI that goes into an HQL string literal ({@code LOCATION '...'}): refused, with the reason, when it
     * holds a quote, a backslash, a space, a semicolon or anything else outside the characters of {@link #URI}.
     */
    public static String location(String path) {
        if (!URI.matcher(path).matches()) {
            throw new IllegalArgumentException("the warehouse path '" + path.replaceAll("\\p{Cntrl}", "?") + "' cannot"
                    + " go into HQL safely: use letters, digits and / . _ ~ % : @ + = , - only");
        }
        return path;
    }

    /** Replaces each {@code ${hivevar:name}}; a reference without a value is an error naming it. */
    public String substitute(String hql, String source) {
        Matcher m = REFERENCE.matcher(hql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(source + " needs --hivevar " + m.group(1) + "=...");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }
}
