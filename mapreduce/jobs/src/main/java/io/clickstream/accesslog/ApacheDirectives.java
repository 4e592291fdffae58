package io.clickstream.accesslog;

import io.clickstream.accesslog.LogFormat.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Compiles Apache httpd {@code mod_log_config} directives. */
final class ApacheDirectives {

    private ApacheDirectives() {
    }

    /** @throws IllegalArgumentException naming every unsupported directive of the format at once */
    static List<Token> compile(String format) {
        List<Token> tokens = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                tokens.add(LogFormat.literal(String.valueOf(c)));
                i++;
                continue;
            }
            int start = i++;
            if (i < format.length() && format.charAt(i) == '%') {
                tokens.add(LogFormat.literal("%"));
                i++;
                continue;
            }
            // Modifiers: status conditions (%400,501{..}i, %!200{..}i) and original/final (%<s, %>s).
            while (i < format.length() && "!,<>0123456789".indexOf(format.charAt(i)) >= 0) {
                i++;
            }
            String argument = null;
            if (i < format.length() && format.charAt(i) == '{') {
                int close = format.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '{' in directive at column " + (start + 1)
                            + " of log format '" + format + "'");
                }
                argument = format.substring(i + 1, close);
                i = close + 1;
            }
            if (i >= format.length()) {
                throw new IllegalArgumentException("log format '" + format + "' ends inside a directive at column "
                        + (start + 1));
            }
            char letter = format.charAt(i++);
            String directive = format.substring(start, i);
            try {
                FieldKind kind = kindOf(letter, argument, directive);
                tokens.add(kind == FieldKind.TIME_STRFTIME ? strftimeField(argument, directive) : LogFormat.field(kind, directive));
            } catch (IllegalArgumentException e) {
                unsupported.add(e.getMessage());
            }
        }
        if (!unsupported.isEmpty()) {
            throw new IllegalArgumentException("log format '" + format + "': " + String.join("; ", unsupported));
        }
        return tokens;
    }

    private static FieldKind kindOf(char letter, String argument, String directive) {
        switch (letter) {
            case 'h':
            case 'a':
                return FieldKind.CLIENT_IP;
            case 't':
                return timeKind(argument, directive);
            case 'r':
                return FieldKind.REQUEST_LINE;
            case 'm':
                return FieldKind.METHOD;
            case 'U':
                return FieldKind.PATH;
            case 'q':
                return FieldKind.QUERY_WITH_MARK;
            case 'H':
                return FieldKind.PROTOCOL;
            case 's':
                return FieldKind.STATUS;
            case 'b':
            case 'B':
                return FieldKind.BYTES;
            case 'O':
                return FieldKind.BYTES_SENT;
            case 'v':
            case 'V':
                return FieldKind.VHOST;
            case 'D':
                return FieldKind.RESPONSE_TIME_MICROS;
            case 'T':
                return responseTimeKind(argument, directive);
            case 'i':
                return headerKind(argument);
            default:
                return FieldKind.IGNORED;
        }
    }

    private static FieldKind headerKind(String header) {
        String name = header == null ? "" : header.toLowerCase(Locale.ROOT);
        switch (name) {
            case "referer":
            case "referrer":
                return FieldKind.REFERER;
            case "user-agent":
                return FieldKind.USER_AGENT;
            default:
                return FieldKind.IGNORED;
        }
    }

    private static FieldKind timeKind(String argument, String directive) {
        if (argument == null) {
            return FieldKind.TIME_BRACKETED;
        }
        String format = withoutBeginOrEnd(argument);
        switch (format) {
            case "sec":
                return FieldKind.TIME_EPOCH_SECONDS;
            case "msec":
                return FieldKind.TIME_EPOCH_MILLIS;
            case "usec":
                return FieldKind.TIME_EPOCH_MICROS;
            case "msec_frac":
                return FieldKind.TIME_MSEC_FRAC;
            case "usec_frac":
                return FieldKind.TIME_USEC_FRAC;
            case "%d/%b/%Y:%H:%M:%S %z":
                return FieldKind.TIME_CLF;
            case "%Y-%m-%dT%H:%M:%S%z":
            case "%Y-%m-%dT%H:%M:%S%Z":
            case "%FT%T%z":
                return FieldKind.TIME_ISO8601;
            default:
                return FieldKind.TIME_STRFTIME;
        }
    }

    /** @throws IllegalArgumentException naming the directive when its pattern cannot be read back */
    private static Token strftimeField(String argument, String directive) {
        try {
            return LogFormat.strftimeField(StrftimePattern.compile(withoutBeginOrEnd(argument)), directive);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("time directive " + directive + ": " + e.getMessage());
        }
    }

    private static String withoutBeginOrEnd(String argument) {
        return argument.startsWith("begin:") || argument.startsWith("end:")
                ? argument.substring(argument.indexOf(':') + 1) : argument;
    }

    private static FieldKind responseTimeKind(String unit, String directive) {
        if (unit == null || unit.equals("s")) {
            return FieldKind.RESPONSE_TIME_SECONDS;
        }
        switch (unit) {
            case "ms":
                return FieldKind.RESPONSE_TIME_MILLIS;
            case "us":
                return FieldKind.RESPONSE_TIME_MICROS;
            default:
                throw new IllegalArgumentException("unknown unit in " + directive + "; use s, ms or us");
        }
    }
}
