package io.clickstream.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clickstream.quality.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Apache's {@code %{...}t} forms as servers are configured with them: strftime patterns, fractions, begin and end. */
class TimeDirectivesTest {

    private final ParsedLine out = new ParsedLine();

    private Rejection<RejectReason> parse(LogFormat format, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return new AccessLogParser(format).parse(bytes, bytes.length, out);
    }

    private Rejection<RejectReason> parse(String format, String line) {
        return parse(LogFormat.of(format), line);
    }

    private static long at(String isoOffsetDateTime) {
        return OffsetDateTime.parse(isoOffsetDateTime).toInstant().toEpochMilli();
    }

    @Test
    void theManualsMillisecondFormatIsOneTime() {
        // The example of mod_log_config's manual: "[%{%d/%b/%Y %T}t.%{msec_frac}t %{%z}t]".
        assertNull(parse("%h %l %u [%{%d/%b/%Y %T}t.%{msec_frac}t %{%z}t] \"%r\" %>s %b",
                "192.0.2.5 - - [24/Nov/2026 10:00:07.042 +0100] \"GET /p HTTP/1.1\" 200 5"));
        assertEquals(at("2026-11-24T09:00:07.042Z"), out.timestampMillis());
        assertEquals("/p", out.path());
    }

    @Test
    void microsecondFractionsAndIsoPatterns() {
        assertNull(parse("%{%Y-%m-%dT%H:%M:%S}t.%{usec_frac}t%{%z}t %a %>s",
                "2026-11-24T23:59:59.999871-0500 198.51.100.2 304"));
        assertEquals(at("2026-11-25T04:59:59.999Z"), out.timestampMillis());
        assertNull(parse("%h [%{%Y-%m-%dT%H:%M:%S %z}t] %>s", "198.51.100.2 [2026-11-24T08:30:00 +0000] 200"));
        assertEquals(at("2026-11-24T08:30:00Z"), out.timestampMillis());
        assertNull(parse("%h %{sec}t.%{msec_frac}t %>s", "198.51.100.2 1795510800.250 200"));
        assertEquals(1_795_510_800_250L, out.timestampMillis());
    }

    @Test
    void namesClockAndPaddedDaysOfTheCLocale() {
        assertNull(parse("%h [%{%c}t] %>s", "198.51.100.2 [Thu Nov  5 07:04:03 2026] 200"));
        assertEquals(at("2026-11-05T07:04:03Z"), out.timestampMillis());
        assertNull(parse("%h [%{%A, %B %d %Y %I:%M:%S %p %Z}t] %>s",
                "198.51.100.2 [Thursday, November 05 2026 07:04:03 PM GMT] 200"));
        assertEquals(at("2026-11-05T19:04:03Z"), out.timestampMillis());
        assertNull(parse("%h [%{%y%m%d %R}t] %>s", "198.51.100.2 [261105 00:05] 200"));
        assertEquals(at("2026-11-05T00:05:00Z"), out.timestampMillis());
    }

    @Test
    void aTimeWithoutOffsetIsReadInTheServersZone() {
        LogFormat berlin = LogFormat.of("%h [%{%Y-%m-%d %H:%M:%S}t] %>s").withLocalZone(ZoneId.of("Europe/Berlin"));
        assertNull(parse(berlin, "198.51.100.2 [2026-07-01 12:00:00] 200"));
        assertEquals(at("2026-07-01T10:00:00Z"), out.timestampMillis(), "summer time");
        assertNull(parse(berlin, "198.51.100.2 [2026-12-01 12:00:00] 200"));
        assertEquals(at("2026-12-01T11:00:00Z"), out.timestampMillis());
        assertNull(parse("%h [%{%Y-%m-%d %H:%M:%S}t] %>s", "198.51.100.2 [2026-12-01 12:00:00] 200"));
        assertEquals(at("2026-12-01T12:00:00Z"), out.timestampMillis(), "UTC unless the zone is given");
    }

    @Test
    void theEndTimesPartsDoNotMixIntoTheArrivalTime() {
        assertNull(parse("%h [%{%d/%b/%Y:%H:%M:%S}t.%{msec_frac}t %{%z}t] %>s %{end:%d/%b/%Y:%H:%M:%S}t.%{end:msec_frac}t",
                "192.0.2.5 [24/Nov/2026:10:00:07.042 +0000] 200 24/Nov/2026:10:00:09.999"));
        assertEquals(at("2026-11-24T10:00:07.042Z"), out.timestampMillis());
        assertNull(parse("%h [%{end:%d/%b/%Y:%H:%M:%S %z}t] %>s", "192.0.2.5 [24/Nov/2026:10:00:09 +0000] 200"));
        assertEquals(at("2026-11-24T10:00:09Z"), out.timestampMillis(), "an end time alone is the time there is");
    }

    @Test
    void aValueThatDoesNotFitItsPatternOrIsNoDayIsQuarantined() {
        Rejection<RejectReason> misfit = parse("%h [%{%d/%b/%Y %T}t] %>s", "192.0.2.5 [24-11-2026 10:00:07] 200");
        assertEquals(RejectReason.FORMAT_MISMATCH, misfit.reason(), misfit.message());
        Rejection<RejectReason> noDay = parse("%h [%{%d/%b/%Y %T}t] %>s", "192.0.2.5 [31/Nov/2026 10:00:07] 200");
        assertEquals(RejectReason.BAD_TIMESTAMP, noDay.reason(), noDay.message());
        Rejection<RejectReason> shortFraction = parse("%h %{sec}t.%{msec_frac}t %>s", "192.0.2.5 1795510800.25 200");
        assertEquals(RejectReason.BAD_TIMESTAMP, shortFraction.reason(), shortFraction.message());
    }
}
