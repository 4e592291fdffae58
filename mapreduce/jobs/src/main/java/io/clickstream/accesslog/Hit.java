package io.clickstream.accesslog;

/**
 * One request as a web server would log it: the input of {@link LogLineRenderer}.
 *
 * @param request the request line as sent; for a valid one {@code METHOD URI PROTOCOL}
 * @param offsetMinutes the server's UTC offset, as it writes into local times
 */
public record Hit(String clientIp, long timestampMillis, int offsetMinutes, String request, int status, long bytes,
        String referer, String userAgent, String vhost, long responseTimeMicros) {
}
