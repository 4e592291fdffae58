package io.clickstream.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Checks the byte-level time parsing against java.time on many random instants and offsets. */
class TimestampsTest {

    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    @Test
    void agreesWithJavaTimeOnRandomInstantsAndOffsets() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(0, 7_000_000_000L);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(60 * random.nextInt(-12 * 60, 14 * 60 + 1));
            Instant instant = Instant.ofEpochSecond(seconds);
            byte[] clf = CLF.format(instant.atOffset(offset)).getBytes(StandardCharsets.US_ASCII);
            assertEquals(seconds * 1000, Timestamps.parseClf(clf, 0, clf.length), new String(clf));
            byte[] iso = ISO.format(instant.atOffset(offset)).getBytes(StandardCharsets.US_ASCII);
            assertEquals(seconds * 1000, Timestamps.parseIso8601(iso, 0, iso.length), new String(iso));
        }
    }
}
