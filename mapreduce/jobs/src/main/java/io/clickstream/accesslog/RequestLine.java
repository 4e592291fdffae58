package io.clickstream.accesslog;

/**
 * Splits an HTTP request line ({@code GET /path?query HTTP/1.1}) into its parts. A line that is not a
 * request (TLS bytes, an empty {@code ""}, a scanner's junk) leaves method, path, query and protocol absent:
 * the server answered it with a 400 and the page view is still real traffic.
 */
final class RequestLine {

    private RequestLine() {
    }

    static void split(byte[] b, int start, int end, boolean escaped, ParsedLine out) {
        int firstSpace = AccessLogParser.indexOf(b, start, end, (byte) ' ');
        if (firstSpace <= start || !isMethod(b, start, firstSpace)) {
            return;
        }
        int uriStart = firstSpace + 1;
        int lastSpace = lastIndexOf(b, uriStart, end, (byte) ' ');
        boolean hasProtocol = lastSpace > uriStart && startsWith(b, lastSpace + 1, end, "HTTP/");
        int uriEnd = hasProtocol ? lastSpace : end;
        if (uriEnd <= uriStart) {
            return;
        }
        out.method.set(start, firstSpace, false);
        splitUri(b, uriStart, uriEnd, escaped, out);
        if (hasProtocol) {
            out.protocol.set(lastSpace + 1, end, false);
        }
    }

    /**
     * Path, query and fragment of a request URI. Browsers never send a {@code #fragment}, but scripts and scanners do
     * and servers log it as sent: it is kept apart so that the query stays the query.
     */
    static void splitUri(byte[] b, int start, int end, boolean escaped, ParsedLine out) {
        int hash = AccessLogParser.indexOf(b, start, end, (byte) '#');
        int uriEnd = hash < 0 ? end : hash;
        int mark = AccessLogParser.indexOf(b, start, uriEnd, (byte) '?');
        AccessLogParser.optional(out.path, b, start, mark < 0 ? uriEnd : mark, escaped);
        if (mark >= 0) {
            AccessLogParser.optional(out.query, b, mark + 1, uriEnd, escaped);
        }
        if (hash >= 0) {
            AccessLogParser.optional(out.fragment, b, hash + 1, end, escaped);
        }
    }

    /** An HTTP method token: upper-case letters (GET, PROPFIND, ...), at most 20 of them. */
    private static boolean isMethod(byte[] b, int start, int end) {
        if (end - start > 20) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if ((b[i] < 'A' || b[i] > 'Z') && b[i] != '_' && b[i] != '-') {
                return false;
            }
        }
        return true;
    }

    private static int lastIndexOf(byte[] b, int from, int to, byte target) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == target) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
