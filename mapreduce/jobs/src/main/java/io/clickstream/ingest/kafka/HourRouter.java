package io.clickstream.ingest.kafka;

import io.clickstream.jobs.RawTextInputFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Locale;

/**
 * Where a pulled record goes, by its Kafka timestamp (UTC): a line in its hour ({@code raw/<source>/dt=D/hour=HH/}); into that
 * hour's {@code _late/} when the hour was already closed (given its {@code _SUCCESS}) by an earlier pull; into its
 * {@code _rejected/} (a JSON line with offset, reason and the bytes in base64) when it cannot be one raw line: no
 * value, no timestamp, or a line break inside. Folders starting with {@code _} are invisible to the hour's readers.
 * No Hadoop types (the late folder's name is a compile-time constant): tested on its own.
 */
final class HourRouter {

    /** Where a record goes: an hour, a folder in it ("" for the hour itself), a file; and the line written there. */
    record Route(LocalDate day, int hour, String folder, String file, byte[] line, Kind kind) {
    }

    enum Kind { LANDED, LATE, REJECTED }

    private final String fileName;
    private final long closedThroughMillis;

    /**
     * @param fileName            the name of the files this task writes in each hour ({@code <topic>-<partition>-<from>})
     * @param closedThroughMillis hours starting before this instant are closed (-1: none is)
     */
    HourRouter(String fileName, long closedThroughMillis) {
        this.fileName = fileName;
        this.closedThroughMillis = closedThroughMillis;
    }

    Route route(long offset, long timestampMillis, byte[] value) {
        if (value == null) {
            return rejected(offset, timestampMillis, new byte[0], "a record without a value (a tombstone)");
        }
        if (timestampMillis < 0) {
            return rejected(offset, timestampMillis, value, "a record without a timestamp");
        }
        int length = value.length;
        if (length > 0 && value[length - 1] == '\n') {
            length--;
            if (length > 0 && value[length - 1] == '\r') {
                length--;
            }
        }
        for (int i = 0; i < length; i++) {
            if (value[i] == '\n' || value[i] == '\r') {
                return rejected(offset, timestampMillis, value, "a line break inside the record (one record, one line)");
            }
        }
        byte[] line = length == value.length ? value : java.util.Arrays.copyOf(value, length);
        long hourStart = timestampMillis - Math.floorMod(timestampMillis, 3_600_000L);
        return hourStart < closedThroughMillis
                ? route(timestampMillis, RawTextInputFormat.LATE_FOLDER, ".log", line, Kind.LATE)
                : route(timestampMillis, "", ".log", line, Kind.LANDED);
    }

    private Route rejected(long offset, long timestampMillis, byte[] value, String reason) {
        long at = timestampMillis < 0 ? System.currentTimeMillis() : timestampMillis;
        String json = String.format(Locale.ROOT, "{\"offset\": %d, \"timestamp\": %d, \"reason\": \"%s\", \"value_base64\": \"%s\"}",
                offset, timestampMillis, reason, Base64.getEncoder().encodeToString(value));
        return route(at, "_rejected", ".jsonl", json.getBytes(StandardCharsets.UTF_8), Kind.REJECTED);
    }

    private Route route(long millis, String folder, String extension, byte[] line, Kind kind) {
        ZonedDateTime time = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC);
        return new Route(time.toLocalDate(), time.getHour(), folder, fileName + extension, line, kind);
    }
}
