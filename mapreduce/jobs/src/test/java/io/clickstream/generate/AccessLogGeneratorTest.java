package io.clickstream.generate;

import io.clickstream.quality.Rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.accesslog.AccessLogParser;
import io.clickstream.accesslog.LogFormat;
import io.clickstream.accesslog.ParsedLine;
import io.clickstream.accesslog.RejectReason;
import io.clickstream.generate.AccessLogGenerator.Line;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generator labels every damaged line with the reason the clean stage must give: the parser has to
 * agree on every line, for every preset: no false quarantines, no damaged line let through.
 */
class AccessLogGeneratorTest {

    private static final LocalDate START = LocalDate.of(2026, 3, 28);

    @ParameterizedTest
    @ValueSource(strings = {"common", "combined", "vhost_combined", "nginx_combined",
        "%v %h %{sec}t \"%r\" %>s %B %D \"%{Referer}i\" \"%{User-Agent}i\"",
        "$host $remote_addr [$time_iso8601] \"$request\" $status $body_bytes_sent $request_time \"$http_user_agent\""})
    void parserAgreesWithTheGeneratorOnEveryLine(String format) {
        LogFormat logFormat = LogFormat.of(format);
        List<List<Line>> days = new AccessLogGenerator(logFormat, 11, 0.05).days(START, 2, 4_000);
        AccessLogParser parser = new AccessLogParser(logFormat);
        ParsedLine parsed = new ParsedLine();
        long maxLine = 64 * 1024;
        int damaged = 0;
        for (int d = 0; d < days.size(); d++) {
            long dayStart = START.plusDays(d).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            for (Line line : days.get(d)) {
                Rejection<RejectReason> rejection = line.bytes().length > maxLine
                        ? new Rejection<>(RejectReason.LINE_TOO_LONG, "") : parser.parse(line.bytes(), line.bytes().length, parsed);
                String shown = new String(Arrays.copyOf(line.bytes(), Math.min(300, line.bytes().length)));
                assertEquals(line.expected(), rejection == null ? null : rejection.reason(), () -> shown + " -> " + rejection);
                if (rejection == null) {
                    long ts = parsed.timestampMillis();
                    assertTrue(ts >= dayStart && ts < dayStart + 86_400_000L, "line lands in its UTC day: " + shown);
                } else {
                    damaged++;
                }
            }
        }
        assertTrue(damaged > 100, "the sample has damaged lines: " + damaged);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42})
    void sameSeedSameData(long seed) {
        LogFormat format = LogFormat.of("combined");
        List<List<Line>> a = new AccessLogGenerator(format, seed, 0.01).days(START, 1, 500);
        List<List<Line>> b = new AccessLogGenerator(format, seed, 0.01).days(START, 1, 500);
        assertEquals(a.get(0).size(), b.get(0).size());
        for (int i = 0; i < a.get(0).size(); i++) {
            assertTrue(Arrays.equals(a.get(0).get(i).bytes(), b.get(0).get(i).bytes()));
        }
    }
}
