package io.clickstream.hive;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Rows printed as an aligned text table, header first. */
public final class Tables {

    private Tables() {
    }

    public static void print(PrintStream out, List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] widths = new int[header.size()];
        for (List<String> row : all) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], String.valueOf(row.get(c)).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                line.append(String.format("%-" + widths[c] + "s", row.get(c))).append(c + 1 < row.size() ? "  " : "");
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
