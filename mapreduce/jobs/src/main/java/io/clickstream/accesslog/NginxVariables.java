package io.clickstream.accesslog;

import io.clickstream.accesslog.LogFormat.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compiles nginx {@code log_format} variables ({@code $name} or {@code ${name}}). */
final class NginxVariables {

    private static final Map<String, FieldKind> KINDS = Map.ofEntries(
            Map.entry("remote_addr", FieldKind.CLIENT_IP),
            Map.entry("time_local", FieldKind.TIME_CLF),
            Map.entry("time_iso8601", FieldKind.TIME_ISO8601),
            Map.entry("msec", FieldKind.TIME_EPOCH_SECONDS_FRACTION),
            Map.entry("request", FieldKind.REQUEST_LINE),
            Map.entry("request_method", FieldKind.METHOD),
            Map.entry("request_uri", FieldKind.URI),
            Map.entry("uri", FieldKind.PATH),
            Map.entry("document_uri", FieldKind.PATH),
            Map.entry("args", FieldKind.QUERY),
            Map.entry("query_string", FieldKind.QUERY),
            Map.entry("server_protocol", FieldKind.PROTOCOL),
            Map.entry("status", FieldKind.STATUS),
            Map.entry("body_bytes_sent", FieldKind.BYTES),
            Map.entry("bytes_sent", FieldKind.BYTES_SENT),
            Map.entry("http_referer", FieldKind.REFERER),
            Map.entry("http_user_agent", FieldKind.USER_AGENT),
            Map.entry("host", FieldKind.VHOST),
            Map.entry("server_name", FieldKind.VHOST),
            Map.entry("request_time", FieldKind.RESPONSE_TIME_SECONDS_FRACTION));

    private NginxVariables() {
    }

    /** An nginx format has at least one {@code $variable}; Apache formats use {@code %}. */
    static boolean appliesTo(String format) {
        for (int i = format.indexOf('$'); i >= 0 && i + 1 < format.length(); i = format.indexOf('$', i + 1)) {
            char next = format.charAt(i + 1);
            if (next == '{' || next == '_' || Character.isLetter(next)) {
                return true;
            }
        }
        return false;
    }

    static List<Token> compile(String format) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            int nameStart = i + 1;
            boolean braced = c == '$' && nameStart < format.length() && format.charAt(nameStart) == '{';
            if (braced) {
                nameStart++;
            }
            int nameEnd = nameStart;
            while (c == '$' && nameEnd < format.length() && isNameChar(format.charAt(nameEnd))) {
                nameEnd++;
            }
            if (c != '$' || nameEnd == nameStart) {
                tokens.add(LogFormat.literal(String.valueOf(c)));
                i++;
                continue;
            }
            if (braced && (nameEnd >= format.length() || format.charAt(nameEnd) != '}')) {
                throw new IllegalArgumentException("unclosed '${' at column " + (i + 1) + " of log format '" + format + "'");
            }
            String name = format.substring(nameStart, nameEnd);
            tokens.add(LogFormat.field(KINDS.getOrDefault(name, FieldKind.IGNORED), "$" + name));
            i = braced ? nameEnd + 1 : nameEnd;
        }
        return withUriFromItsParts(tokens);
    }

    /**
     * nginx's idiom {@code $uri$is_args$args} ({@code $is_args} is {@code ?} when there is a query) is one URI:
     * the path and the query apart at the {@code ?}.
     */
    private static List<Token> withUriFromItsParts(List<Token> tokens) {
        List<Token> joined = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            if (i + 2 < tokens.size() && tokens.get(i).kind() == FieldKind.PATH && "$is_args".equals(tokens.get(i + 1).directive())
                    && tokens.get(i + 2).kind() == FieldKind.QUERY) {
                joined.add(LogFormat.field(FieldKind.URI, tokens.get(i).directive() + "$is_args" + tokens.get(i + 2).directive()));
                i += 2;
            } else {
                joined.add(tokens.get(i));
            }
        }
        return joined;
    }

    private static boolean isNameChar(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
