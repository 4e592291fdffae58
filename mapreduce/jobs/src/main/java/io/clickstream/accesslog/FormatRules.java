package io.clickstream.accesslog;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Which log formats a raw file is read with, when one day holds files of several front ends or a format changed
 * during the day: rules {@code GLOB => FORMAT}, one per line. A file takes the format of every rule whose glob
 * matches its name (or its path, for a glob with a {@code /}), in the rules' order, then the default format; each
 * line is read with the first of them that fits.
 */
public final class FormatRules {

    private static final String ARROW = "=>";

    private record Rule(String glob, PathMatcher matcher, boolean onPath, LogFormat format) {
        boolean matches(String path) {
            Path candidate = Path.of(path);
            Path name = candidate.getFileName();
            return matcher.matches(onPath || name == null ? candidate : name);
        }
    }

    private final List<Rule> rules;

    private FormatRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** @throws IllegalArgumentException naming the rule (by its line) that has no glob, no format or a bad format */
    public static FormatRules parse(String text) {
        List<Rule> rules = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int arrow = line.indexOf(ARROW);
            String glob = arrow < 0 ? "" : line.substring(0, arrow).strip();
            String format = arrow < 0 ? "" : line.substring(arrow + ARROW.length()).strip();
            if (glob.isEmpty() || format.isEmpty()) {
                throw new IllegalArgumentException("rule " + (i + 1) + " '" + line + "' is not 'GLOB => FORMAT'");
            }
            try {
                rules.add(new Rule(glob, FileSystems.getDefault().getPathMatcher("glob:" + glob), glob.contains("/"),
                        LogFormat.of(format)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rule " + (i + 1) + " (" + glob + "): " + e.getMessage(), e);
            }
        }
        return new FormatRules(rules);
    }

    /** The formats to try on the file at {@code path} (no scheme), in order; {@code fallback} is the last. */
    public List<LogFormat> formatsFor(String path, LogFormat fallback) {
        List<LogFormat> formats = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.matches(path)) {
                formats.add(rule.format());
            }
        }
        formats.add(fallback);
        return formats;
    }

    /** Every rule's format in the server's zone. */
    public FormatRules withLocalZone(java.time.ZoneId zone) {
        List<Rule> zoned = new ArrayList<>();
        for (Rule rule : rules) {
            zoned.add(new Rule(rule.glob(), rule.matcher(), rule.onPath(), rule.format().withLocalZone(zone)));
        }
        return new FormatRules(zoned);
    }

    @Override
    public String toString() {
        return rules.stream().map(r -> r.glob() + " " + ARROW + " " + r.format().source()).reduce((a, b) -> a + "\n" + b)
                .orElse("");
    }
}
