package io.clickstream.accesslog;

import io.clickstream.accesslog.LogFormat.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * When several directives of one format feed the same field of a page view, the one whose meaning fits the field
 * wins, wherever it stands in the format; the others are still matched but not kept. The final status {@code %>s}
 * over the original {@code %s}; microseconds ({@code %D}, {@code %{us}T}) over milliseconds over whole seconds; the
 * path and query of the request line ({@code %r}, {@code $request}) over the rewritten {@code %U} / {@code $uri};
 * the requested host ({@code %V}, {@code $host}) over the configured name ({@code %v}, {@code $server_name}); the
 * client address {@code %a} over the host name {@code %h}; the time the request arrived over {@code %{end:...}t}
 * (the parts of an end time, {@code %{end:%T}t.%{end:msec_frac}t}, are not kept when the arrival is logged), then the
 * more precise of two. Ties go to the first in the format.
 */
final class FieldPrecedence {

    /** The page-view fields a kind writes, each with the kind's rank for it (higher wins). */
    private static final Map<FieldKind, Map<String, Integer>> FIELDS = Map.ofEntries(
            Map.entry(FieldKind.STATUS, Map.of("status", 1)),
            Map.entry(FieldKind.RESPONSE_TIME_MICROS, Map.of("response_time", 4)),
            Map.entry(FieldKind.RESPONSE_TIME_SECONDS_FRACTION, Map.of("response_time", 3)),
            Map.entry(FieldKind.RESPONSE_TIME_MILLIS, Map.of("response_time", 2)),
            Map.entry(FieldKind.RESPONSE_TIME_SECONDS, Map.of("response_time", 1)),
            Map.entry(FieldKind.REQUEST_LINE, Map.of("method", 2, "path", 3, "query", 3, "protocol", 2)),
            Map.entry(FieldKind.URI, Map.of("path", 2, "query", 2)),
            Map.entry(FieldKind.PATH, Map.of("path", 1)),
            Map.entry(FieldKind.QUERY, Map.of("query", 1)),
            Map.entry(FieldKind.QUERY_WITH_MARK, Map.of("query", 1)),
            Map.entry(FieldKind.METHOD, Map.of("method", 1)),
            Map.entry(FieldKind.PROTOCOL, Map.of("protocol", 1)),
            Map.entry(FieldKind.VHOST, Map.of("vhost", 1)),
            Map.entry(FieldKind.CLIENT_IP, Map.of("client", 1)),
            Map.entry(FieldKind.BYTES, Map.of("bytes", 1)),
            Map.entry(FieldKind.BYTES_SENT, Map.of("bytes_sent", 1)),
            Map.entry(FieldKind.REFERER, Map.of("referer", 1)),
            Map.entry(FieldKind.USER_AGENT, Map.of("user_agent", 1)),
            Map.entry(FieldKind.TIME_BRACKETED, Map.of("time", 1)),
            Map.entry(FieldKind.TIME_CLF, Map.of("time", 1)),
            Map.entry(FieldKind.TIME_ISO8601, Map.of("time", 1)),
            Map.entry(FieldKind.TIME_EPOCH_SECONDS, Map.of("time", 1)),
            Map.entry(FieldKind.TIME_EPOCH_MILLIS, Map.of("time", 2)),
            Map.entry(FieldKind.TIME_EPOCH_MICROS, Map.of("time", 3)),
            Map.entry(FieldKind.TIME_EPOCH_SECONDS_FRACTION, Map.of("time", 2)));

    private FieldPrecedence() {
    }

    /** {@code tokens} with every field that loses all the page-view fields it writes no longer kept. */
    static List<Token> resolve(List<Token> tokens) {
        boolean arrivalLogged = tokens.stream().anyMatch(t -> !t.isLiteral() && t.kind().isTimePart() && !isEnd(t));
        List<Token> resolved = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            boolean endPart = !token.isLiteral() && token.kind().isTimePart() && !token.kind().isTime() && isEnd(token);
            resolved.add(token.isLiteral() || winsAny(tokens, i) && !(endPart && arrivalLogged) ? token : token.ignored());
        }
        return resolved;
    }

    /** {@code %{end:...}t}: when the response was finished, not when the request arrived. */
    private static boolean isEnd(Token token) {
        return token.directive().contains("{end:");
    }

    private static boolean winsAny(List<Token> tokens, int i) {
        Map<String, Integer> fields = FIELDS.getOrDefault(tokens.get(i).kind(), Map.of());
        if (fields.isEmpty()) {
            return true;
        }
        for (Map.Entry<String, Integer> field : fields.entrySet()) {
            if (winner(tokens, field.getKey()) == i) {
                return true;
            }
        }
        return false;
    }

    private static int winner(List<Token> tokens, String field) {
        int best = -1;
        int bestRank = Integer.MIN_VALUE;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            Integer rank = token.isLiteral() ? null : FIELDS.getOrDefault(token.kind(), Map.of()).get(field);
            if (rank != null && rank(token, rank) > bestRank) {
                best = i;
                bestRank = rank(token, rank);
            }
        }
        return best;
    }

    /** The kind's rank, adjusted by what the directive says beyond its kind. */
    private static int rank(Token token, int kindRank) {
        String directive = token.directive();
        switch (token.kind()) {
            case STATUS:
                return directive.contains(">") ? 2 : 1;
            case VHOST:
                return directive.equals("%V") || directive.equals("$host") ? 2 : 1;
            case CLIENT_IP:
                return directive.equals("%a") || directive.equals("$remote_addr") ? 2 : 1;
            default:
                return token.kind().isTime() && isEnd(token) ? kindRank - 10 : kindRank;
        }
    }
}
