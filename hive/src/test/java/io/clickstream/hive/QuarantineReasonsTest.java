package io.clickstream.hive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clickstream.accesslog.RejectReason;
import io.clickstream.dimensions.DimensionRejectReason;
import io.clickstream.events.EventRejectReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every reason a clean stage can quarantine for is an accepted value of its quarantine table's check, and no other. */
class QuarantineReasonsTest {

    private static final Map<String, Class<? extends Enum<?>>> REASONS = Map.of(
            "access_logs", RejectReason.class, "events", EventRejectReason.class,
            "customers", DimensionRejectReason.class, "products", DimensionRejectReason.class);

    @Test
    void eachQuarantineAcceptsExactlyItsStagesReasons() throws Exception {
        for (Map.Entry<String, Class<? extends Enum<?>>> source : REASONS.entrySet()) {
            List<String> accepted = Files.readAllLines(Path.of("src/main/hql/ddl/quarantine." + source.getKey() + ".checks"))
                    .stream().filter(l -> l.startsWith("accepted_values") && l.split("\\s+")[1].equals("reason"))
                    .flatMap(l -> Arrays.stream(l.split("\\s+")).skip(2)).sorted().collect(Collectors.toList());
            assertEquals(Arrays.stream(source.getValue().getEnumConstants()).map(Enum::name).sorted()
                    .collect(Collectors.toList()), accepted, source.getKey());
        }
    }
}
