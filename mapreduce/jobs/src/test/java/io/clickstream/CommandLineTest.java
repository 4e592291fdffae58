package io.clickstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.jobs.Args;
import io.clickstream.jobs.ExitStatus;
import io.clickstream.jobs.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job jar's command lines: every command answers --help, and what cannot run is refused (exit 2) before it starts. */
class CommandLineTest {

    @TempDir
    Path dir;

    @Test
    void everyCommandAnswersHelpWithItsOptionsAndExitsZero() {
        for (String command : Main.commands()) {
            String out = stdout(() -> assertEquals(0, ExitStatus.status(() -> Main.runOrThrow(new String[] {command, "--help"}))));
            assertTrue(out.startsWith("usage: " + command), command + ":\n" + out);
            assertTrue(out.contains("--help"), out);
        }
        String daily = stdout(() -> ExitStatus.status(() -> Main.runOrThrow(new String[] {"sessionize", "-h"})));
        assertTrue(daily.contains("--date YYYY-MM-DD") && daily.contains("(required)"), daily);
        assertTrue(daily.contains("--warehouse ROOT") && daily.contains("(default: warehouse)"), daily);
        String all = stdout(() -> assertEquals(0, ExitStatus.status(() -> Main.runOrThrow(new String[] {"--help"}))));
        assertTrue(all.contains(String.join(", ", Main.commands())), all);
    }

    @Test
    void theReadmeListsEveryCommandOfTheJobJar() throws Exception {
        String readme = Files.readString(Path.of("../../README.md"));
        int start = readme.indexOf("| command | what it does |");
        String table = readme.substring(start, readme.indexOf("\n\n", start));
        List<String> listed = java.util.regex.Pattern.compile("(?m)^\\| `([a-z-]+)` \\|").matcher(table).results()
                .map(m -> m.group(1)).toList();
        assertEquals(Main.commands(), listed, "README.md's table of commands, in Main's order");
    }

    @Test
    void unknownRepeatedOrMissingOptionsAreRefusedWithStatusTwoBeforeAnythingRuns() {
        Path warehouse = dir.resolve("warehouse");
        for (String[] args : List.of(
                new String[] {"clean-events", "--date", "2026-11-24", "--warehouse", warehouse.toString(), "--dry-run", "x"},
                new String[] {"clean-events", "--date", "2026-11-24", "--date", "2026-11-25"},
                new String[] {"clean-events", "--warehouse", warehouse.toString()},
                new String[] {"clean-events", "--date"},
                new String[] {"clean-events", "--date", "2026-02-30"},
                new String[] {"clean-dimension", "--date", "2026-11-24", "--dimension", "suppliers"},
                new String[] {"generate", "--days", "many"},
                new String[] {"clean-events", "-D", Settings.QUARANTINE_MAX_SHARE + "=2", "--date", "2026-11-24", "--warehouse",
                        warehouse.toString()},
                new String[] {"no-such-command"},
                new String[] {})) {
            assertEquals(2, ExitStatus.status(() -> Main.runOrThrow(args)), String.join(" ", args));
        }
        assertTrue(Files.notExists(warehouse), "nothing ran");
    }

    @Test
    void optionsMayBeGivenAsNameEqualsValue() {
        Args.Spec spec = Args.command("x", "a test").required("date", "D", "a day").optional("warehouse", "ROOT", "a root", "w")
                .repeatable("hivevar", "K=V", "variables").positional("QUERY", "a query");
        Args args = spec.parse("--date=2026-11-24", "top_pages", "--hivevar", "a=1", "--hivevar=b=2");
        assertEquals("2026-11-24", args.get("date"));
        assertEquals("w", args.get("warehouse"));
        assertEquals(List.of("a=1", "b=2"), args.all("hivevar"));
        assertEquals("top_pages", args.positional());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> spec.parse("--date=2026-11-24"));
        assertEquals("x: QUERY is required; see x --help", missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> spec.parse("--date=2026-11-24", "q", "extra"));
    }

    private static String stdout(Runnable command) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            command.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
