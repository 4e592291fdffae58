package io.clickstream.dimensions;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * RFC 4180 CSV: comma-separated fields; a field with a comma, quote or line break is quoted, its quotes
 * doubled. Parsing is strict (a stray quote is an error naming the column); writing quotes only when needed.
 */
public final class Csv {

    /** A record that is not RFC 4180. */
    public static final class MalformedCsvException extends Exception {
        public MalformedCsvException(String message) {
            super(message, null, false, false);
        }
    }

    private Csv() {
    }

    /**
     * Whether {@code text} ends outside a quoted field, as RFC 4180 reads it: only a quote at the start of a field
     * opens one, so a stray quote inside an unquoted field ({@code 12" screen}) does not make the next lines part of
     * the record — the record is malformed on its own line and the rest of the file is read as usual.
     */
    public static boolean isComplete(CharSequence text) {
        boolean quoted = false;
        boolean fieldStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        quoted = false;
                    }
                }
            } else if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else {
                fieldStart = c == ',' || c == '\n' || c == '\r';
            }
        }
        return !quoted;
    }

    /** The physical lines a record was read from: one more than the line breaks it holds (CRLF is one). */
    public static int lines(CharSequence record) {
        int lines = 1;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == record.length() || record.charAt(i + 1) != '\n')) {
                lines++;
            }
        }
        return lines;
    }

    public static List<String> parse(String record) throws MalformedCsvException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            field.setLength(0);
            if (i < record.length() && record.charAt(i) == '"') {
                int start = i++;
                while (true) {
                    if (i >= record.length()) {
                        throw new MalformedCsvException("quoted field " + (fields.size() + 1) + " opened at character "
                                + (start + 1) + " is never closed");
                    }
                    char c = record.charAt(i++);
                    if (c == '"') {
                        if (i < record.length() && record.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < record.length() && record.charAt(i) != ',') {
                    throw new MalformedCsvException("field " + (fields.size() + 1) + " has text after its closing quote"
                            + " at character " + (i + 1));
                }
            } else {
                while (i < record.length() && record.charAt(i) != ',') {
                    char c = record.charAt(i++);
                    if (c == '"') {
                        throw new MalformedCsvException("field " + (fields.size() + 1) + " has a quote at character " + i
                                + " but is not quoted");
                    }
                    field.append(c);
                }
            }
            fields.add(field.toString());
            if (i >= record.length()) {
                return fields;
            }
            i++;
        }
    }

    public static String format(List<String> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(","));
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
