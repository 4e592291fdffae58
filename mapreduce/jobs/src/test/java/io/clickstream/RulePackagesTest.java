package io.clickstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The business rules live in plain-Java packages, unit-testable without Hadoop; the MapReduce stages over them live
 * in {@code io.clickstream.jobs}. This keeps the line between them where the package names say it is.
 */
class RulePackagesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/clickstream");
    private static final List<String> RULE_PACKAGES = List.of("accesslog", "events", "dimensions", "sessions", "customers",
            "marts", "privacy", "quality");

    @Test
    void rulePackagesUseNoHadoopTypes() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String rules : RULE_PACKAGES) {
            try (Stream<Path> files = Files.walk(SOURCES.resolve(rules))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    if (Files.readString(file).contains("org.apache.hadoop")) {
                        offenders.add(SOURCES.relativize(file).toString());
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "Hadoop types belong in io.clickstream.jobs, not in the rules");
    }

    @Test
    void everyClassNameIsUsedOnce() throws IOException {
        Map<String, List<String>> byName;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            byName = files.filter(f -> f.toString().endsWith(".java"))
                    .collect(Collectors.groupingBy(f -> f.getFileName().toString(), TreeMap::new,
                            Collectors.mapping(f -> SOURCES.relativize(f).toString(), Collectors.toList())));
        }
        byName.values().removeIf(paths -> paths.size() == 1);
        assertEquals(Map.of(), byName, "two classes of one name");
    }
}
