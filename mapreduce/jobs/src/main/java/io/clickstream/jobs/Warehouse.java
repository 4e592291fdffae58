package io.clickstream.jobs;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.hadoop.fs.Path;

/**
 * The warehouse's directory layout, the one place that knows it: {@code ROOT/raw/<source>/dt=D},
 * {@code ROOT/clean/<dataset>/dt=D}, {@code ROOT/quarantine/<source>/dt=D}, {@code ROOT/marts/<dataset>/dt=D}. All dates are UTC days.
 */
public final class Warehouse {

    public static final String RAW = "raw";
    public static final String CLEAN = "clean";
    public static final String QUARANTINE = "quarantine";
    /** Sessions, facts joined to dimensions, and the aggregates analysts read. */
    public static final String MARTS = "marts";

    private Warehouse() {
    }

    public static Path partition(Path root, String zone, String dataset, LocalDate dt) {
        return new Path(new Path(new Path(root, zone), dataset), "dt=" + dt);
    }

    /** The UTC day of a file or directory inside a day's partition: its nearest {@code dt=D} ancestor (or itself). */
    public static LocalDate dayOf(Path path) {
        for (Path p = path; p != null; p = p.getParent()) {
            if (p.getName().startsWith("dt=")) {
                return parseDate(p.getName().substring("dt=".length()));
            }
        }
        throw new IllegalArgumentException(path + " is not inside a dt=YYYY-MM-DD partition");
    }

    /**
     * A {@code YYYY-MM-DD} date, strictly: it becomes part of paths and HQL, so nothing else gets through.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static LocalDate parseDate(String value) {
        if (value == null || !value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new IllegalArgumentException("date '" + value + "' is not of the form YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date '" + value + "' is not a calendar date");
        }
    }
}
