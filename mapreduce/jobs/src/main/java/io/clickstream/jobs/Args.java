package io.clickstream.jobs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} command-line options, checked against the names a command knows. */
public final class Args {

    private final String command;
    private final Map<String, String> values = new HashMap<>();

    private Args(String command) {
        this.command = command;
    }

    /** @throws IllegalArgumentException for an unknown option or one without its value */
    public static Args parse(String command, String[] args, List<String> known) {
        Args parsed = new Args(command);
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !known.contains(name)) {
                throw new IllegalArgumentException(command + ": unknown argument '" + args[i] + "'; options: --"
                        + String.join(" --", known));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(command + ": --" + name + " needs a value");
            }
            parsed.values.put(name, args[++i]);
        }
        return parsed;
    }

    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public String require(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(command + ": --" + name + " is required");
        }
        return value;
    }

    public int getInt(String name, int fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(command + ": --" + name + " must be a whole number, not '" + value + "'");
        }
    }

    public double getDouble(String name, double fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(command + ": --" + name + " must be a number, not '" + value + "'");
        }
    }
}
