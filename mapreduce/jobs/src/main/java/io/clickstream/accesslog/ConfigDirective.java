package io.clickstream.accesslog;

/**
 * The format string of a whole directive pasted from a server's config: nginx
 * {@code log_format name [escape=json] '...' '...';} (its quoted pieces joined, as nginx joins them, over several
 * lines) or Apache {@code LogFormat "..." nickname} / {@code CustomLog path "..."}. Anything else is the format itself,
 * as pasted from between the quotes of a config value.
 */
final class ConfigDirective {

    private ConfigDirective() {
    }

    static String formatOf(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("log_format ") || trimmed.startsWith("log_format\t")) {
            return nginxFormat(trimmed);
        }
        String lower = trimmed.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("logformat ") || lower.startsWith("customlog ")) {
            return unescapeConfigString(apacheFormat(trimmed, lower.startsWith("customlog")));
        }
        return unescapeConfigString(trimmed);
    }

    /** Undoes the escaping of a quoted config value as pasted: {@code \"} and {@code \\}, {@code \t}. */
    private static String unescapeConfigString(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                out.append(next == 't' ? '\t' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Joins the arguments after the name and the optional {@code escape=} parameter. */
    private static String nginxFormat(String directive) {
        StringBuilder format = new StringBuilder();
        int argument = 0;
        int i = "log_format".length();
        while (i < directive.length()) {
            char c = directive.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == ';') {
                break;
            } else if (c == '#') {
                int lineEnd = directive.indexOf('\n', i);
                i = lineEnd < 0 ? directive.length() : lineEnd;
            } else {
                StringBuilder value = new StringBuilder();
                i = c == '\'' || c == '"' ? quoted(directive, i, value) : word(directive, i, value);
                boolean parameter = argument == 0 || argument == 1 && value.toString().startsWith("escape=");
                argument++;
                if (!parameter) {
                    format.append(value);
                }
            }
        }
        if (argument < 2 || format.length() == 0) {
            throw new IllegalArgumentException("log_format directive has no format string: '" + directive + "'");
        }
        return format.toString();
    }

    /** A quoted nginx argument from {@code directive[i]}, its escapes undone as nginx's config parser does. */
    private static int quoted(String directive, int i, StringBuilder value) {
        char quote = directive.charAt(i++);
        while (i < directive.length() && directive.charAt(i) != quote) {
            char c = directive.charAt(i++);
            if (c == '\\' && i < directive.length()) {
                char next = directive.charAt(i++);
                value.append(next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                value.append(c);
            }
        }
        if (i >= directive.length()) {
            throw new IllegalArgumentException("log_format directive has an unclosed " + quote + " quote");
        }
        return i + 1;
    }

    private static int word(String directive, int i, StringBuilder value) {
        while (i < directive.length() && !Character.isWhitespace(directive.charAt(i)) && directive.charAt(i) != ';') {
            value.append(directive.charAt(i++));
        }
        return i;
    }

    /** The directive's double-quoted format, still escaped. */
    private static String apacheFormat(String directive, boolean customLog) {
        String found = null;
        for (int i = directive.indexOf('"'); i >= 0; ) {
            int close = i + 1;
            while (close < directive.length() && directive.charAt(close) != '"') {
                close += directive.charAt(close) == '\\' ? 2 : 1;
            }
            if (close >= directive.length()) {
                throw new IllegalArgumentException("Apache directive has an unclosed quote: '" + directive + "'");
            }
            String argument = directive.substring(i + 1, close);
            if (!customLog || argument.contains("%")) {
                found = argument;
                if (!customLog) {
                    break;
                }
            }
            i = directive.indexOf('"', close + 1);
        }
        if (found == null) {
            throw new IllegalArgumentException("Apache directive has no quoted format string: '" + directive + "'");
        }
        return found;
    }
}
