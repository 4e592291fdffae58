package io.clickstream.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.privacy.IpAnonymizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void theReadmeTableIsTheRegistrys() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertTrue(readme.contains(Settings.markdownTable()),
                "README.md's configuration table differs from the registry; replace it with:\n" + Settings.markdownTable());
    }

    @Test
    void everyKeyIsDeclaredOnceAndNoCodeSpellsOneOut() throws IOException {
        List<String> keys = Settings.keys();
        assertEquals(keys.size(), new HashSet<>(keys).size(), "a key declared twice: " + keys);
        Pattern literal = Pattern.compile("\"clickstream\\.[a-z]");
        List<String> offenders = new ArrayList<>();
        // oozie/cluster stands for a cluster's own installation and depends on none of the project's classes.
        for (String module : List.of("mapreduce", "hive", "oozie/src")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = literal.matcher(Files.readString(file));
                    if (m.find() && !file.endsWith(Path.of("io/clickstream/jobs/Settings.java"))) {
                        offenders.add(ROOT.relativize(file).toString());
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "spell keys as Settings.X, declared in Settings");
    }

    @Test
    void defaultsAreValidValues() {
        Configuration conf = new Configuration(false);
        Settings.validate(conf);
        assertEquals(IpAnonymizer.Mode.TRUNCATE, Settings.IP_ANONYMIZE.get(conf));
        assertEquals(0.05, Settings.QUARANTINE_MAX_SHARE.get(conf));
        assertEquals(List.of("shop.example.com"), Settings.SESSIONS_OWN_HOSTS.get(conf));
    }

    @Test
    void aRefusedValueIsNamedWithItsKeyBeforeAnythingRuns() {
        assertRefused(Settings.QUARANTINE_MAX_SHARE, "1.5", "between 0 and 1");
        assertRefused(Settings.ACCESS_LOGS_MAX_LINE_BYTES, "12", "between 256");
        assertRefused(Settings.VERBOSE, "yes", "true or false");
        assertRefused(Settings.IP_ANONYMIZE, "rot13", "none, truncate or hash");
        assertRefused(Settings.MARTS_CURRENCY, "euro", "ISO 4217");
        assertRefused(Settings.EVENTS_LATENESS_DAYS, "three", "three");
        assertRefused(Settings.ACCESS_LOGS_FORMAT, "%h %t", "");

        Configuration conf = new Configuration(false);
        Settings.SESSIONS_GAP_MINUTES.set(conf, 600);
        Settings.SESSIONS_LOOKAHEAD_HOURS.set(conf, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Settings.validate(conf));
        assertTrue(e.getMessage().startsWith(Settings.SESSIONS_GAP_MINUTES + " and " + Settings.SESSIONS_LOOKAHEAD_HOURS),
                e.getMessage());
    }

    @Test
    void anInternalSettingWithoutValueSaysWhichIsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.RUN_DATE.get(new Configuration(false)));
        assertEquals(Settings.RUN_DATE + " is not set", e.getMessage());
    }

    private static void assertRefused(Setting<?> setting, String value, String reason) {
        Configuration conf = new Configuration(false);
        setting.set(conf, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Settings.validate(conf));
        assertTrue(e.getMessage().startsWith(setting.key() + "=" + value + " is refused: "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
