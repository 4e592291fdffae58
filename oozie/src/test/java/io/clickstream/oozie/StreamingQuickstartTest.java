package io.clickstream.oozie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming path end to end, against a real Kafka broker and the in-process HiveServer2: a minute of live traffic
 * (log files shipped, events produced), pulled, cleaned by the hour and registered every 15 s; every record the shop
 * produced for acceptance is in Hive and on today's dashboard, and the lag was measured.
 */
class StreamingQuickstartTest {

    @TempDir
    File tmp;

    @Test
    void everyRecordProducedReachesHiveHourByHourAndItsLagIsMeasured() throws Exception {
        File dir = new File(tmp, "streaming");
        assertEquals(0, StreamingQuickstart.run(new String[] {"--conf", "../src/main/config/hadoop-local.xml", "--dir",
                dir.getPath(), "--minutes", "1", "--pull-seconds", "15", "--lines-per-day", "800000", "--events-per-day",
                "200000"}), "the quickstart checks the books itself and fails when Hive holds more or less");
        String report = Files.readString(new File(dir, "freshness.json").toPath());
        long requestsOnDashboard = Files.readAllLines(new File(dir, "dashboard/hours_so_far.csv").toPath()).stream().skip(1)
                .mapToLong(line -> Long.parseLong(line.split(",")[1])).sum();
        for (String source : new String[] {"page_views", "events"}) {
            Matcher m = Pattern.compile("\"" + source + "\": \\{\"produced(?:_lines)?\": (\\d+), \"to_accept\": (\\d+), \"visible\":"
                    + " (\\d+), \"lag_p50_s\": ([0-9.]+), \"lag_p95_s\": ([0-9.]+)}").matcher(report);
            assertTrue(m.find(), report);
            long toAccept = Long.parseLong(m.group(2));
            assertTrue(toAccept > 50, source + ": a minute of traffic " + report);
            assertEquals(toAccept, Long.parseLong(m.group(3)), source + " visible in Hive: " + report);
            if (source.equals("page_views")) {
                assertEquals(toAccept, requestsOnDashboard, "today's dashboard shows every request in Hive, by hour");
            }
            double p50 = Double.parseDouble(m.group(4));
            double p95 = Double.parseDouble(m.group(5));
            assertTrue(p50 > 0 && p50 <= p95 && p95 < 120, source + ": lags measured from the records' own times " + report);
        }
    }
}
