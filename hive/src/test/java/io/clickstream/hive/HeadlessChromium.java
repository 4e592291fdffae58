package io.clickstream.hive;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless, for page tests: the DOM after the page's scripts ran, and a screenshot. Where no
 * browser is installed the test is skipped, saying so; under CI (CI=true) that is a failure instead.
 */
final class HeadlessChromium {

    private final String binary;
    private final Path profile;

    private HeadlessChromium(String binary, Path profile) {
        this.binary = binary;
        this.profile = profile;
    }

    static HeadlessChromium findOrSkip(Path work) throws IOException {
        String configured = System.getenv("CHROMIUM");
        for (String candidate : configured == null ? List.of("/usr/bin/chromium", "/usr/bin/chromium-browser") : List.of(configured)) {
            if (new File(candidate).canExecute()) {
                return new HeadlessChromium(candidate, Files.createDirectories(work.resolve("chromium-profile")));
            }
        }
        String why = "no Chromium at /usr/bin/chromium (apt-get install chromium, or set CHROMIUM)";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail("browser test cannot run under CI: " + why);
        }
        Assumptions.abort("browser test skipped: " + why);
        return null;
    }

    /** A loaded page: its serialized DOM after the scripts ran, and what it wrote to the browser console. */
    record Loaded(String dom, List<String> console) {
    }

    Loaded load(Path page) throws IOException, InterruptedException {
        Path log = Files.createTempFile(profile, "console", ".log");
        String dom = run(List.of("--enable-logging=stderr", "--log-level=0", "--dump-dom", page.toUri().toString()), log);
        List<String> console = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains(":CONSOLE")).toList();
        return new Loaded(dom, console);
    }

    /** Writes a PNG of the page at the given window size. */
    void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, "--hide-scrollbars",
                page.toUri().toString()), null);
        Assertions.assertTrue(Files.size(png) > 10_000, "screenshot written: " + png);
    }

    private String run(List<String> arguments, Path stderr) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile));
        command.addAll(arguments);
        Path stdout = Files.createTempFile(profile, "out", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stderr.toFile())).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            Assertions.fail("chromium did not finish within 90 s: " + command);
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }
}
