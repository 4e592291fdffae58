package io.clickstream.hive.report;

import java.util.List;

/**
 * One panel of the dashboard: a titled table of rows (header first) and, where people would rather look than
 * read, a chart of some of its columns.
 */
public record Panel(String id, String title, String note, Chart chart, List<List<String>> rows) {

    /** How a panel is drawn: {@code kind} over the label column {@code x} and the value columns {@code series}. */
    public record Chart(Kind kind, int x, List<Integer> series) {
        public enum Kind { NONE, BARS, LINES, HORIZONTAL_BARS }

        public static final Chart NONE = new Chart(Kind.NONE, 0, List.of());
    }

    public List<String> header() {
        return rows.get(0);
    }

    public List<List<String>> data() {
        return rows.subList(1, rows.size());
    }
}
