package io.clickstream.accesslog;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lines as Apache httpd 2.4 and nginx write them with their stock formats, kept in
 * {@code src/test/resources/real-logs/<server>-<preset>.log}: not one may be quarantined.
 */
class RealWorldLogsTest {

    @ParameterizedTest
    @ValueSource(strings = {"apache-combined.log", "apache-common.log", "apache-vhost_combined.log",
        "nginx-nginx_combined.log"})
    void everyLineOfTheStockFormatsIsAccepted(String file) throws IOException {
        String preset = file.substring(file.indexOf('-') + 1, file.length() - ".log".length());
        AccessLogParser parser = new AccessLogParser(LogFormat.of(preset));
        ParsedLine parsed = new ParsedLine();
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("/real-logs/" + file)) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertTrue(lines.size() >= 3);
        for (String line : lines) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            assertNull(parser.parse(bytes, bytes.length, parsed), line);
            assertTrue(parsed.status() >= 100 && parsed.timestampMillis() > 0, line);
        }
    }
}
