package io.clickstream.jobs.events;

import io.clickstream.jobs.Versions;
import io.clickstream.jobs.Datasets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.avro.Event;
import io.clickstream.avro.QuarantineRecord;
import io.clickstream.events.EventRejectReason;
import io.clickstream.events.LatenessWindow;
import io.clickstream.generate.GenerateEvents;
import io.clickstream.generate.GenerateEvents.DaySummary;
import io.clickstream.jobs.AvroFiles;
import java.io.File;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificDatumReader;
import io.clickstream.generate.SampleRun;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** clean-events on the LocalJobRunner over three generated days with redeliveries, late arrivals and broken lines. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CleanEventsJobTest {

    private static final LocalDate D1 = LocalDate.of(2026, 11, 22);

    @TempDir
    static File tmp;
    private static Configuration conf;
    private static Path root;
    private static List<DaySummary> planted;

    @BeforeAll
    static void generate() throws Exception {
        conf = SampleRun.local(new Configuration());
        root = new Path(new File(tmp, "warehouse").toURI().toString());
        planted = GenerateEvents.write(conf, root, D1, 3, 1_500, 8, 0.03);
    }

    private static CleanEvents.Result clean(LocalDate day) throws Exception {
        CleanEvents job = new CleanEvents();
        job.setConf(conf);
        return job.run(day, root);
    }

    private static List<Event> events(CleanEvents.Result result) throws Exception {
        return AvroFiles.readAll(conf, Versions.current(conf, result.output()), new SpecificDatumReader<>(Event.class));
    }

    @Test
    @Order(1)
    void eachDayAccountsForEveryLineAndForwardsLateEventsToTheirDay() throws Exception {
        for (int d = 0; d < 3; d++) {
            DaySummary day = planted.get(d);
            CleanEvents.Result result = clean(day.date());

            assertEquals(day.lines(), result.accounting().read());
            assertEquals(day.accepted(), result.accounting().accepted());
            assertEquals(day.duplicates(), result.accounting().duplicates());
            assertEquals(day.late(), result.lateDays());
            Map<EventRejectReason, Long> reasons = new EnumMap<>(EventRejectReason.class);
            AvroFiles.forEach(conf, Versions.current(conf, result.quarantine()), new SpecificDatumReader<>(QuarantineRecord.class),
                    q -> reasons.merge(EventRejectReason.valueOf(q.getReason()), 1L, Long::sum));
            assertEquals(day.expectedQuarantine(), reasons);

            List<Event> events = events(result);
            assertEquals(day.accepted(), events.size());
            assertEquals(events.size(), events.stream().map(Event::getEventId).distinct().count(), "no duplicates");
            assertTrue(events.stream().allMatch(e -> LatenessWindow.day(e.getEventTime()).equals(day.date())),
                    "partitioned by event time");
        }
        assertTrue(planted.get(1).late().containsKey(D1), "the sample has events of D1 arriving on D2");
    }

    @Test
    @Order(2)
    void cleaningAnEarlierDayAgainTakesInItsLateArrivals() throws Exception {
        long late = planted.get(1).late().getOrDefault(D1, 0L) + planted.get(2).late().getOrDefault(D1, 0L);
        CleanEvents.Result result = clean(D1);

        assertEquals(planted.get(0).lines() + late, result.accounting().read());
        assertEquals(planted.get(0).accepted() + late, result.accounting().accepted());
        List<Event> events = events(result);
        assertEquals(planted.get(0).accepted() + late, events.size());
        assertEquals(events.size(), events.stream().map(Event::getEventId).distinct().count());
    }

    @Test
    @Order(3)
    void rerunningADayReplacesItsOutputsAndItsForwardedLateLines() throws Exception {
        DaySummary d2 = planted.get(1);
        CleanEvents.Result again = clean(d2.date());
        assertEquals(d2.accepted() + planted.get(2).late().getOrDefault(d2.date(), 0L), events(again).size(),
                "D2's own events plus those of D2 that arrived on D3");
        assertEquals(d2.late(), again.lateDays());
        Path forwarded = new Path(Datasets.LATE_EVENTS.partition(root, D1),
                "arrived=" + d2.date());
        File[] files = new File(forwarded.toUri()).listFiles((dir, name) -> name.startsWith("part-"));
        long lines = 0;
        for (File file : files) {
            try (var in = new java.util.zip.GZIPInputStream(new java.io.FileInputStream(file))) {
                lines += new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().count();
            }
        }
        assertEquals(d2.late().get(D1), lines, "forwarded once, not twice");
        assertEquals(planted.get(0).accepted() + d2.late().get(D1) + planted.get(2).late().getOrDefault(D1, 0L),
                events(clean(D1)).size(), "D1 still has each late event exactly once");
    }

    @Test
    @Order(4)
    void recleaningAfterADayPutsItsLateArrivalsIntoTheirDays() throws Exception {
        DaySummary d3 = planted.get(2);
        RecleanLateEvents reclean = new RecleanLateEvents();
        reclean.setConf(conf);
        assertEquals(0, reclean.run(new String[] {"--date", d3.date().toString(), "--warehouse", root.toString()}));
        for (LocalDate earlier : d3.late().keySet()) {
            DaySummary own = planted.get((int) (earlier.toEpochDay() - D1.toEpochDay()));
            long expected = own.accepted() + planted.stream().filter(p -> p.date().isAfter(earlier))
                    .mapToLong(p -> p.late().getOrDefault(earlier, 0L)).sum();
            List<Event> events = AvroFiles.readAll(conf, Versions.current(conf, Datasets.EVENTS.partition(root, earlier)),
                    new SpecificDatumReader<>(Event.class));
            assertEquals(expected, events.size(), earlier + " has its own events and every late one, once");
        }
    }
}
