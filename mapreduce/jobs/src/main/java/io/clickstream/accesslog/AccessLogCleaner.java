package io.clickstream.accesslog;

import io.clickstream.quality.Rejection;
import io.clickstream.avro.PageView;
import io.clickstream.privacy.IpAnonymizer;
import java.util.List;

/**
 * Turns one raw access-log line into a {@link PageView}, or says why it cannot: the whole business rule of
 * the clean stage, free of Hadoop so it can be tested and benchmarked on its own.
 */
public final class AccessLogCleaner {

    private final AccessLogParser[] parsers;
    private final String file;
    private final IpAnonymizer anonymizer;
    private final RequestClass.Rules classes;
    private final int maxLineBytes;
    private final ParsedLine parsed = new ParsedLine();
    private final PageView pageView = new PageView();

    public AccessLogCleaner(LogFormat format, IpAnonymizer anonymizer, int maxLineBytes) {
        this(List.of(format), null, anonymizer, RequestClass.Rules.of(RequestClass.DEFAULT_STATIC_FILES), maxLineBytes);
    }

    /** A cleaner for the lines of {@code file}, each read with the first of {@code formats} it fits. */
    public AccessLogCleaner(List<LogFormat> formats, String file, IpAnonymizer anonymizer, RequestClass.Rules classes,
            int maxLineBytes) {
        this.parsers = formats.stream().map(AccessLogParser::new).toArray(AccessLogParser[]::new);
        this.file = file;
        this.anonymizer = anonymizer;
        this.classes = classes;
        this.maxLineBytes = maxLineBytes;
    }

    /** Null when the line is accepted ({@link #pageView()} then holds it), else the rejection. */
    public Rejection<RejectReason> clean(byte[] line, int length) {
        if (length > maxLineBytes) {
            return new Rejection<>(RejectReason.LINE_TOO_LONG, "line of " + length + " bytes is longer than the limit of "
                    + maxLineBytes + " bytes (clickstream.access-logs.max-line-bytes)");
        }
        Rejection<RejectReason> rejection = parse(line, length);
        if (rejection != null) {
            return rejection;
        }
        pageView.setTs(java.time.Instant.ofEpochMilli(parsed.timestampMillis()));
        pageView.setClientIp(anonymizer.apply(parsed.clientIp()));
        pageView.setMethod(parsed.method());
        pageView.setPath(parsed.path());
        pageView.setQuery(parsed.query());
        pageView.setProtocol(parsed.protocol());
        pageView.setStatus(parsed.status());
        pageView.setBytes(parsed.bytes());
        pageView.setBytesSent(parsed.bytesSent());
        pageView.setReferer(parsed.referer());
        pageView.setUserAgent(parsed.userAgent());
        pageView.setVhost(parsed.vhost());
        pageView.setResponseTimeUs(parsed.responseTimeMicros());
        pageView.setFragment(parsed.fragment());
        pageView.setRequestClass(classes.classify(pageView.getMethod(), pageView.getPath(), pageView.getStatus()).label());
        return null;
    }

    /** With several formats, a line that fits none is refused with the first format's reason and the file's name. */
    private Rejection<RejectReason> parse(byte[] line, int length) {
        Rejection<RejectReason> first = parsers[0].parse(line, length, parsed);
        for (int i = 1; i < parsers.length && first != null; i++) {
            if (parsers[i].parse(line, length, parsed) == null) {
                return null;
            }
        }
        if (first == null || parsers.length == 1) {
            return first;
        }
        return new Rejection<>(first.reason(), "line of " + file + " fits none of its " + parsers.length
                + " formats; with the first: " + first.message());
    }

    /** The last accepted line; the same instance is refilled by the next call. */
    public PageView pageView() {
        return pageView;
    }

    public int maxLineBytes() {
        return maxLineBytes;
    }
}
