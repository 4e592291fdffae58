package io.clickstream.generate;

import io.clickstream.quality.Rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.events.EventRejectReason;
import io.clickstream.events.EventValidator;
import io.clickstream.events.LatenessWindow;
import io.clickstream.generate.EventGenerator.Line;
import io.clickstream.generate.EventGenerator.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validator and the lateness window agree with the generator's label on every generated line. */
class EventGeneratorTest {

    @Test
    void everyLineGetsTheOutcomeTheGeneratorPlanned() {
        LocalDate start = LocalDate.of(2026, 11, 20);
        List<List<Line>> days = new EventGenerator(3, 0.05).days(start, 3, 3_000);
        EventValidator validator = new EventValidator(256 * 1024);
        Map<Outcome, Integer> seen = new EnumMap<>(Outcome.class);
        for (int d = 0; d < days.size(); d++) {
            LatenessWindow window = new LatenessWindow(start.plusDays(d), 3);
            for (Line line : days.get(d)) {
                String text = new String(line.bytes(), StandardCharsets.UTF_8);
                Rejection<EventRejectReason> rejection = validator.validate(line.bytes(), line.bytes().length);
                seen.merge(line.outcome(), 1, Integer::sum);
                switch (line.outcome()) {
                    case QUARANTINED -> {
                        LatenessWindow.Route route = rejection == null ? window.route(validator.event().getEventTime()) : null;
                        String actual = rejection != null ? rejection.reason().name()
                                : route == LatenessWindow.Route.TOO_LATE ? "TOO_LATE" : "EVENT_TIME_IN_FUTURE";
                        assertEquals(line.reason().name(), actual, text);
                    }
                    case LATE -> {
                        assertEquals(null, rejection, text);
                        assertEquals(LatenessWindow.Route.LATE, window.route(validator.event().getEventTime()), text);
                        assertEquals(line.eventDay(), LatenessWindow.day(validator.event().getEventTime()), text);
                    }
                    default -> {
                        assertEquals(null, rejection, text);
                        assertEquals(LatenessWindow.Route.ON_TIME, window.route(validator.event().getEventTime()), text);
                    }
                }
            }
        }
        for (Outcome outcome : Outcome.values()) {
            assertTrue(seen.getOrDefault(outcome, 0) > 20, outcome + " is exercised: " + seen);
        }
    }
}
