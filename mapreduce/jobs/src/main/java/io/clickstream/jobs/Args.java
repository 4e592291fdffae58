package io.clickstream.jobs;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of one command, parsed the same way by every command line of the project: {@code --name value} or
 * {@code --name=value}, {@code --help} (or {@code -h}) anywhere prints the command's usage, and an unknown,
 * repeated or missing option is refused before anything starts.
 */
public final class Args {

    /** Thrown by {@link Spec#parse} for {@code --help}: the caller prints {@link #usage()} and exits 0. */
    public static final class HelpRequested extends RuntimeException {
        private final String usage;

        public HelpRequested(String usage) {
            super(usage, null, false, false);
            this.usage = usage;
        }

        public String usage() {
            return usage;
        }
    }

    private record Option(String name, String value, String doc, String defaultValue, boolean required,
            boolean repeatable) {
    }

    /** What a command accepts; declare options in the order its usage lists them. */
    public static final class Spec {
        private final String command;
        private final String summary;
        private final Map<String, Option> options = new LinkedHashMap<>();
        private String positional;
        private String positionalDoc;
        private boolean properties;

        private Spec(String command, String summary) {
            this.command = command;
            this.summary = summary;
        }

        public Spec required(String name, String value, String doc) {
            return add(new Option(name, value, doc, null, true, false));
        }

        /** @param defaultValue null when the option has none */
        public Spec optional(String name, String value, String doc, String defaultValue) {
            return add(new Option(name, value, doc, defaultValue, false, false));
        }

        public Spec repeatable(String name, String value, String doc) {
            return add(new Option(name, value, doc, null, false, true));
        }

        /** One required argument that is not an option. */
        public Spec positional(String name, String doc) {
            this.positional = name;
            this.positionalDoc = doc;
            return this;
        }

        /** Accepts {@code -Dkey=value} among the options, for commands that are not Hadoop Tools. */
        public Spec properties() {
            this.properties = true;
            return this;
        }

        private Spec add(Option option) {
            options.put(option.name(), option);
            return this;
        }

        public String command() {
            return command;
        }

        public String summary() {
            return summary;
        }

        public String usage() {
            StringBuilder usage = new StringBuilder("usage: ").append(command);
            if (positional != null) {
                usage.append(' ').append(positional);
            }
            usage.append(options.isEmpty() ? "" : " [options]").append(properties ? " [-Dkey=value ...]" : "")
                    .append(System.lineSeparator()).append(summary).append(System.lineSeparator());
            if (positional != null) {
                usage.append(String.format("  %-28s %s%n", positional, positionalDoc));
            }
            for (Option option : options.values()) {
                String doc = option.doc() + (option.required() ? " (required)" : "")
                        + (option.repeatable() ? " (repeatable)" : "")
                        + (option.defaultValue() != null ? " (default: " + option.defaultValue() + ")" : "");
                usage.append(String.format("  --%-26s %s%n", option.name() + " " + option.value(), doc));
            }
            return usage.append(String.format("  --%-26s %s%n", "help", "print this and exit")).toString();
        }

        /**
         * @throws HelpRequested for {@code --help}
         * @throws IllegalArgumentException for an unknown, repeated or missing option, or a missing value
         */
        public Args parse(String... argv) {
            Args args = new Args(this);
            for (String arg : argv) {
                if (isHelp(arg)) {
                    throw new HelpRequested(usage());
                }
            }
            for (int i = 0; i < argv.length; i++) {
                String arg = argv[i];
                if (properties && arg.startsWith("-D") && arg.indexOf('=') > 2) {
                    args.properties.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
                    continue;
                }
                if (!arg.startsWith("--")) {
                    if (positional == null || args.positional != null) {
                        throw refused("unexpected argument '" + arg + "'");
                    }
                    args.positional = arg;
                    continue;
                }
                int equals = arg.indexOf('=');
                String name = arg.substring(2, equals < 0 ? arg.length() : equals);
                Option option = options.get(name);
                if (option == null) {
                    throw refused("unknown option '--" + name + "'");
                }
                String value;
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                    value = argv[++i];
                } else {
                    throw refused("--" + name + " needs a value (" + option.value() + ")");
                }
                List<String> values = args.values.computeIfAbsent(name, n -> new ArrayList<>());
                if (!values.isEmpty() && !option.repeatable()) {
                    throw refused("--" + name + " is given twice");
                }
                values.add(value);
            }
            for (Option option : options.values()) {
                if (option.required() && !args.values.containsKey(option.name())) {
                    throw refused("--" + option.name() + " " + option.value() + " is required");
                }
            }
            if (positional != null && args.positional == null) {
                throw refused(positional + " is required");
            }
            return args;
        }

        IllegalArgumentException refused(String problem) {
            return new IllegalArgumentException(command + ": " + problem + "; see " + command + " --help");
        }
    }

    private final Spec spec;
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private String positional;

    private Args(Spec spec) {
        this.spec = spec;
    }

    public static Spec command(String command, String summary) {
        return new Spec(command, summary);
    }

    /**
     * The first argument of a program with several commands, checked against them.
     *
     * @throws HelpRequested with {@code usage} for a lone {@code --help}
     * @throws IllegalArgumentException for no command or an unknown one, listing the commands
     */
    public static String subcommand(String[] argv, Collection<String> commands, String usage) {
        if (argv.length == 1 && isHelp(argv[0])) {
            throw new HelpRequested(usage);
        }
        if (argv.length == 0 || !commands.contains(argv[0])) {
            throw new IllegalArgumentException((argv.length == 0 ? "no command" : "unknown command '" + argv[0] + "'")
                    + "; commands: " + String.join(", ", commands) + " (--help for more)");
        }
        return argv[0];
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }

    /** The option's value, else its default (null when it has none). */
    public String get(String name) {
        Option option = spec.options.get(name);
        if (option == null) {
            throw new IllegalStateException(spec.command + " declares no --" + name);
        }
        List<String> given = values.get(name);
        return given == null ? option.defaultValue() : given.get(0);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Every value of a repeatable option, in order. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public String positional() {
        return positional;
    }

    /** The {@code -Dkey=value} pairs, for a command that declared {@link Spec#properties()}. */
    public Map<String, String> properties() {
        return properties;
    }

    public int getInt(String name) {
        String value = get(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw spec.refused("--" + name + " must be a whole number, not '" + value + "'");
        }
    }

    public double getDouble(String name) {
        String value = get(name);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException | NullPointerException e) {
            throw spec.refused("--" + name + " must be a number, not '" + value + "'");
        }
    }

    /** The option as a day (YYYY-MM-DD), or null when it is not given and has no default. */
    public LocalDate date(String name) {
        String value = get(name);
        try {
            return value == null ? null : Warehouse.parseDate(value);
        } catch (IllegalArgumentException e) {
            throw spec.refused("--" + name + ": " + e.getMessage());
        }
    }

    /** The option as an hour of the day (0 to 23, {@code 7} or {@code 07}), or null when it is not given. */
    public Integer hour(String name) {
        String value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.matches("[0-9]{1,2}") || Integer.parseInt(value) > 23) {
            throw spec.refused("--" + name + " must be an hour of the day, 00 to 23, not '" + value + "'");
        }
        return Integer.parseInt(value);
    }
}
