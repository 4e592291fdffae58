package io.clickstream.hive;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 CSV lines: fields with a comma, quote or line break are quoted, quotes doubled; null is empty. */
final class Csv {

    private Csv() {
    }

    static List<String> lines(List<List<String>> rows) {
        return rows.stream().map(row -> row.stream().map(Csv::field).collect(Collectors.joining(",")))
                .collect(Collectors.toList());
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
