package io.clickstream.jobs;

import java.time.DateTimeException;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;

/**
 * One {@code clickstream.*} configuration key: its default, one sentence for the README, and how a value is read
 * and checked. Every key is declared once, in {@link Settings}; stages read typed values through it.
 */
public final class Setting<T> implements Settings.Key {

    private final String key;
    private final String defaultValue;
    private final String doc;
    private final Function<String, T> parse;
    private final boolean internal;

    private Setting(String key, String defaultValue, String doc, Function<String, T> parse, boolean internal) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.doc = doc;
        this.parse = parse;
        this.internal = internal;
    }

    /** A key users set with {@code -D}; {@code defaultValue} is read by {@code parse} like any value. */
    static <T> Setting<T> of(String key, String defaultValue, String doc, Function<String, T> parse) {
        return new Setting<>(key, defaultValue, doc, parse, false);
    }

    /** A key a driver sets for its own tasks; it has no default and is not documented for users. */
    static <T> Setting<T> internal(String key, String doc, Function<String, T> parse) {
        return new Setting<>(key, null, doc, parse, true);
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String defaultValue() {
        return defaultValue;
    }

    @Override
    public String doc() {
        return doc;
    }

    @Override
    public boolean internal() {
        return internal;
    }

    /** @throws IllegalArgumentException naming the key when the value is missing or not one this key accepts */
    public T get(Configuration conf) {
        String value = conf.getTrimmed(key, defaultValue);
        if (value == null) {
            throw new IllegalArgumentException(key + " is not set");
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalArgumentException(key + "=" + value + " is refused: " + e.getMessage(), e);
        }
    }

    public void set(Configuration conf, Object value) {
        conf.set(key, String.valueOf(value));
    }

    @Override
    public String toString() {
        return key;
    }
}
