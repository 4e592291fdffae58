package io.clickstream.oozie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coordinator's SLA as the local runner reads and applies it to a day's run. */
class SlaTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final Instant NOMINAL = Instant.parse("2026-11-21T00:00:00Z");

    @TempDir
    File tmp;

    @Test
    void theCoordinatorsSlaIsReadWithItsContact() throws Exception {
        Sla sla = Sla.read(new File("src/main/app/coordinator.xml"), Map.of("alertEmail", "oncall@example.com"));
        assertEquals(new Sla(Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(2),
                Set.of("start_miss", "end_miss", "duration_miss"), "oncall@example.com"), sla);
        assertEquals(NOMINAL, Sla.nominalTime(DAY));
    }

    @Test
    void eachMissIsNamedWithWhatWasExpectedAndWhatHappened() throws Exception {
        Sla sla = Sla.read(new File("src/main/app/coordinator.xml"), Map.of("alertEmail", "oncall@example.com"));
        Instant onTime = NOMINAL.plus(Duration.ofMinutes(10));
        assertEquals(List.of(), sla.misses(DAY, onTime, onTime.plus(Duration.ofMinutes(40)), true), "on time");
        assertEquals(List.of("END_MISS: should have ended by 2026-11-21T03:00:00Z, failed 2026-11-21T00:50:00Z"),
                sla.misses(DAY, onTime, onTime.plus(Duration.ofMinutes(40)), false), "a failed run never ends in time");
        Instant late = NOMINAL.plus(Duration.ofMinutes(90));
        assertEquals(List.of("START_MISS: should have started by 2026-11-21T01:00:00Z, started 2026-11-21T01:30:00Z",
                "END_MISS: should have ended by 2026-11-21T03:00:00Z, ended 2026-11-21T03:45:00Z",
                "DURATION_MISS: should have taken at most PT2H, took PT2H15M"),
                sla.misses(DAY, late, late.plus(Duration.ofMinutes(135)), true));
    }

    @Test
    void anSlaTheRunnerCannotReadIsRefused() throws Exception {
        File coordinator = new File(tmp, "coordinator.xml");
        String shipped = Files.readString(new File("src/main/app/coordinator.xml").toPath());
        Files.writeString(coordinator.toPath(), shipped.replace("${3 * HOURS}", "${coord:hours(3)}"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Sla.read(coordinator, Map.of("alertEmail", "oncall@example.com")));
        assertEquals("sla:should-end '${coord:hours(3)}': the local runner reads ${N * MINUTES|HOURS|DAYS}", refused.getMessage());
        IllegalArgumentException noContact = assertThrows(IllegalArgumentException.class,
                () -> Sla.read(new File("src/main/app/coordinator.xml"), Map.of()));
        assertEquals("sla:alert-contact needs the property alertEmail", noContact.getMessage());
    }
}
