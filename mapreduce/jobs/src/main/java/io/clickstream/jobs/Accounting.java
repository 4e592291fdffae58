package io.clickstream.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stage's record accounting: every record read is output, quarantined, a counted duplicate, or forwarded
 * late to the day it belongs to. The
 * checks compare our own counters with the framework's and the outputs' record counts, so a record lost
 * anywhere between reader and writer is caught.
 */
public record Accounting(String stage, long read, long accepted, long quarantined, long duplicates, long late)
        implements DailyStage.Outcome {

    /** A stage without duplicates or late records. */
    public Accounting(String stage, long read, long accepted, long quarantined) {
        this(stage, read, accepted, quarantined, 0, 0);
    }

    /** Each broken invariant as a sentence; empty when the books balance. */
    public List<String> violations(long frameworkInputRecords, long writtenOutput, long writtenQuarantine) {
        List<String> problems = new ArrayList<>();
        if (read != accepted + quarantined + duplicates + late) {
            problems.add(String.format(Locale.ROOT, "read %d != accepted %d + quarantined %d + duplicates %d + late %d",
                    read, accepted, quarantined, duplicates, late));
        }
        if (read != frameworkInputRecords) {
            problems.add("read " + read + " != " + frameworkInputRecords + " records the framework delivered");
        }
        if (accepted != writtenOutput) {
            problems.add("accepted " + accepted + " != " + writtenOutput + " records written to the output");
        }
        if (quarantined != writtenQuarantine) {
            problems.add("quarantined " + quarantined + " != " + writtenQuarantine + " records written to the quarantine");
        }
        return problems;
    }

    /** The figures by name, in accounting order (for Oozie's action data and reports). */
    public java.util.Map<String, Long> asMap() {
        java.util.Map<String, Long> figures = new java.util.LinkedHashMap<>();
        figures.put("read", read);
        figures.put("accepted", accepted);
        figures.put("quarantined", quarantined);
        figures.put("duplicates", duplicates);
        figures.put("late", late);
        return figures;
    }

    public double quarantinedShare() {
        return read == 0 ? 0 : (double) quarantined / read;
    }

    @Override
    public String report() {
        return summary();
    }

    public String summary() {
        return String.format(Locale.ROOT, "%s: read %,d = accepted %,d + quarantined %,d (%.2f%%) + duplicates %,d%s",
                stage, read, accepted, quarantined, 100 * quarantinedShare(), duplicates,
                late == 0 ? "" : String.format(Locale.ROOT, " + late %,d", late));
    }

    public String toJson() {
        return String.format(Locale.ROOT,
                "{\"stage\": \"%s\", \"read\": %d, \"accepted\": %d, \"quarantined\": %d, \"duplicates\": %d,"
                        + " \"late\": %d}%n", stage, read, accepted, quarantined, duplicates, late);
    }

    /** Parses what {@link #toJson()} wrote. */
    public static Accounting fromJson(String json) {
        Matcher stage = Pattern.compile("\"stage\": \"([^\"]*)\"").matcher(json);
        if (!stage.find()) {
            throw new IllegalArgumentException("not a stage's accounting: " + json.strip());
        }
        return new Accounting(stage.group(1), figure(json, "read"), figure(json, "accepted"), figure(json, "quarantined"),
                figure(json, "duplicates"), figure(json, "late"));
    }

    private static long figure(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\\s*(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("accounting without \"" + name + "\": " + json.strip());
        }
        return Long.parseLong(m.group(1));
    }
}
