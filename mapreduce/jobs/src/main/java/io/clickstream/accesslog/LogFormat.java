package io.clickstream.accesslog;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A web server's log format, compiled from the string users paste from their config: an Apache
 * {@code LogFormat} ({@code %h %l %u %t \"%r\" %>s %b ...}), an nginx {@code log_format}
 * ({@code $remote_addr - $remote_user [$time_local] "$request" ...}) or a preset name.
 */
public final class LogFormat {

    public static final Map<String, String> PRESETS = Map.of(
            "common", "%h %l %u %t \"%r\" %>s %b",
            "combined", "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\"",
            "vhost_combined", "%v:%p %h %l %u %t \"%r\" %>s %O \"%{Referer}i\" \"%{User-Agent}i\"",
            "nginx_combined", "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
                    + " \"$http_referer\" \"$http_user_agent\"");

    /**
     * One piece of a compiled format: literal bytes, or a field whose kind says how to read it; a field that is not
     * {@code kept} is matched but its value is not stored (another directive of the format says it better).
     */
    record Token(byte[] literal, FieldKind kind, String directive, boolean kept, StrftimePattern strftime) {
        boolean isLiteral() {
            return literal != null;
        }

        Token ignored() {
            return new Token(literal, kind, directive, false, strftime);
        }
    }

    private final String source;
    private final List<Token> tokens;
    private final ZoneId localZone;

    private LogFormat(String source, List<Token> tokens, ZoneId localZone) {
        this.source = source;
        this.tokens = List.copyOf(tokens);
        this.localZone = localZone;
    }

    /**
     * Compiles a preset name ({@code common}, {@code combined}, {@code vhost_combined},
     * {@code nginx_combined}, also written {@code apache:combined} / {@code nginx:combined}) or a format string.
     *
     * @throws IllegalArgumentException naming what is wrong, when the format cannot yield a page view
     */
    public static LogFormat of(String formatOrPreset) {
        if (formatOrPreset == null || formatOrPreset.isBlank()) {
            throw new IllegalArgumentException("log format is empty; give a preset " + PRESETS.keySet()
                    + " or the LogFormat / log_format string of the web server");
        }
        String trimmed = formatOrPreset.strip();
        String preset = PRESETS.get(presetKey(trimmed));
        String format = preset != null ? preset : ConfigDirective.formatOf(trimmed);
        int lineBreak = Math.max(format.indexOf('\n'), format.indexOf('\r'));
        if (lineBreak >= 0) {
            throw new IllegalArgumentException("log format '" + format.replace("\n", "\\n").replace("\r", "\\r")
                    + "' has a line break at column " + (lineBreak + 1) + ": a log line never does, so no line could match");
        }
        List<Token> tokens = NginxVariables.appliesTo(format)
                ? NginxVariables.compile(format)
                : ApacheDirectives.compile(format);
        LogFormat compiled = new LogFormat(format, FieldPrecedence.resolve(mergeLiterals(tokens)), ZoneOffset.UTC);
        compiled.requireFields();
        return compiled;
    }

    private static String presetKey(String name) {
        String key = name.toLowerCase(Locale.ROOT).replace(':', '_');
        return key.startsWith("apache_") ? key.substring("apache_".length()) : key;
    }

    /** Joins neighbouring literals (the compilers emit one per character) and drops empty ones. */
    private static List<Token> mergeLiterals(List<Token> tokens) {
        List<Token> merged = new ArrayList<>();
        for (Token token : tokens) {
            int last = merged.size() - 1;
            if (token.isLiteral() && last >= 0 && merged.get(last).isLiteral()) {
                byte[] a = merged.get(last).literal();
                byte[] joined = new byte[a.length + token.literal().length];
                System.arraycopy(a, 0, joined, 0, a.length);
                System.arraycopy(token.literal(), 0, joined, a.length, token.literal().length);
                merged.set(last, literal(joined));
            } else if (!token.isLiteral() || token.literal().length > 0) {
                merged.add(token);
            }
        }
        return merged;
    }

    private void requireFields() {
        Set<FieldKind> kinds = EnumSet.noneOf(FieldKind.class);
        for (Token t : tokens) {
            if (!t.isLiteral()) {
                kinds.add(t.kind());
            }
        }
        List<String> missing = new ArrayList<>();
        if (!kinds.contains(FieldKind.CLIENT_IP)) {
            missing.add("the client address (%h, %a or $remote_addr)");
        }
        if (kinds.stream().noneMatch(FieldKind::isTime) && !strftimeGivesTheTime()) {
            missing.add("the request time (%t, %{sec}t, %{msec}t, a strftime %{...}t with date and time of day,"
                    + " $time_local, $time_iso8601 or $msec)");
        }
        if (!kinds.contains(FieldKind.STATUS)) {
            missing.add("the status (%>s, %s or $status)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("log format '" + source + "' lacks " + String.join(", ", missing)
                    + "; a page view needs all of them");
        }
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (!tokens.get(i).isLiteral() && !tokens.get(i + 1).isLiteral() && !isPathThenQuery(i) && !isHostThenPath(i)
                    && !tokens.get(i).kind().hasOwnLength()) {
                throw new IllegalArgumentException("log format '" + source + "' has " + tokens.get(i).directive()
                        + " and " + tokens.get(i + 1).directive() + " with nothing between them: they cannot be told apart");
            }
        }
    }

    private boolean strftimeGivesTheTime() {
        List<StrftimePattern> patterns = tokens.stream().filter(t -> t.kind() == FieldKind.TIME_STRFTIME && t.kept())
                .map(Token::strftime).toList();
        return patterns.stream().anyMatch(StrftimePattern::givesDate)
                && patterns.stream().anyMatch(StrftimePattern::givesTimeOfDay);
    }

    /** The same format, with times logged without an offset read in {@code zone} (the server's zone). */
    public LogFormat withLocalZone(ZoneId zone) {
        return new LogFormat(source, tokens, zone);
    }

    /** The zone of times the format writes without an offset: UTC unless the server's zone was given. */
    ZoneId localZone() {
        return localZone;
    }

    /** Apache's common {@code %U%q}: the query starts with its own {@code ?}, so the two can be told apart. */
    boolean isPathThenQuery(int i) {
        return tokens.get(i).kind() == FieldKind.PATH && tokens.get(i + 1).kind() == FieldKind.QUERY_WITH_MARK
                && (i + 2 >= tokens.size() || tokens.get(i + 2).isLiteral());
    }

    /** {@code $host$request_uri}, {@code %V%U}: a host name never holds a {@code /}, and a path starts with one. */
    boolean isHostThenPath(int i) {
        FieldKind next = tokens.get(i + 1).kind();
        return tokens.get(i).kind() == FieldKind.VHOST && (next == FieldKind.URI || next == FieldKind.PATH);
    }

    static Token literal(String s) {
        return literal(s.getBytes(StandardCharsets.UTF_8));
    }

    static Token literal(byte[] bytes) {
        return new Token(bytes, null, null, false, null);
    }

    static Token field(FieldKind kind, String directive) {
        return new Token(null, kind, directive, true, null);
    }

    /** A {@code %{...}t} read by its strftime pattern, compiled once with the format. */
    static Token strftimeField(StrftimePattern pattern, String directive) {
        return new Token(null, FieldKind.TIME_STRFTIME, directive, true, pattern);
    }

    List<Token> tokens() {
        return tokens;
    }

    /** The format as compiled (a preset resolved to its string). */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
