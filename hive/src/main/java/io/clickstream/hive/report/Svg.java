package io.clickstream.hive.report;

import java.util.List;
import java.util.Locale;

/** Charts drawn on the server as inline SVG: no script, no network, readable without a browser's help. */
final class Svg {

    static final String[] COLOURS = {"#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 240;
    private static final int LEFT = 56;
    private static final int BOTTOM = 28;
    private static final int TOP = 12;

    private Svg() {
    }

    static String chart(Panel panel) {
        return switch (panel.chart().kind()) {
            case BARS -> bars(panel, false);
            case LINES -> bars(panel, true);
            case HORIZONTAL_BARS -> horizontal(panel);
            case NONE -> "";
        };
    }

    private static double value(String cell) {
        try {
            return cell == null ? 0 : Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Vertical bars (grouped per label) or lines, one colour per series, with a legend. */
    private static String bars(Panel panel, boolean lines) {
        List<List<String>> data = panel.data();
        List<Integer> series = panel.chart().series();
        double max = 1;
        for (List<String> row : data) {
            for (int s : series) {
                max = Math.max(max, value(row.get(s)));
            }
        }
        int plotWidth = WIDTH - LEFT - 8;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = (double) plotWidth / Math.max(1, data.size());
        StringBuilder svg = open(panel, HEIGHT + 20);
        axis(svg, max, plotHeight);
        for (int s = 0; s < series.size(); s++) {
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < data.size(); i++) {
                double v = value(data.get(i).get(series.get(s)));
                double h = v / max * plotHeight;
                if (lines) {
                    double x = LEFT + slot * (i + 0.5);
                    path.append(i == 0 ? "M" : " L").append(fmt(x)).append(',').append(fmt(TOP + plotHeight - h));
                    svg.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"3\" fill=\"%s\"><title>%s: %s</title></circle>",
                            fmt(x), fmt(TOP + plotHeight - h), COLOURS[s % COLOURS.length], Html.escape(data.get(i).get(panel.chart().x())),
                            Html.escape(data.get(i).get(series.get(s)))));
                } else {
                    double w = slot * 0.8 / series.size();
                    double x = LEFT + slot * i + slot * 0.1 + w * s;
                    svg.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"><title>%s: %s</title></rect>",
                            fmt(x), fmt(TOP + plotHeight - h), fmt(w), fmt(h), COLOURS[s % COLOURS.length],
                            Html.escape(data.get(i).get(panel.chart().x())), Html.escape(data.get(i).get(series.get(s)))));
                }
            }
            if (lines) {
                svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(COLOURS[s % COLOURS.length])
                        .append("\" stroke-width=\"2\"/>");
            }
        }
        int every = Math.max(1, data.size() / 12);
        for (int i = 0; i < data.size(); i += every) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>",
                    fmt(LEFT + slot * (i + 0.5)), HEIGHT - 10, Html.escape(data.get(i).get(panel.chart().x()))));
        }
        legend(svg, panel, series, HEIGHT + 12);
        return svg.append("</svg>").toString();
    }

    /** One bar per row, longest first as the query orders them; for rankings and funnels. */
    private static String horizontal(Panel panel) {
        List<List<String>> data = panel.data();
        int s = panel.chart().series().get(0);
        double max = 1;
        for (List<String> row : data) {
            max = Math.max(max, value(row.get(s)));
        }
        int rowHeight = 22;
        int labelWidth = 200;
        StringBuilder svg = open(panel, data.size() * rowHeight + 8);
        for (int i = 0; i < data.size(); i++) {
            double w = value(data.get(i).get(s)) / max * (WIDTH - labelWidth - 80);
            int y = 4 + i * rowHeight;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"label\" text-anchor=\"end\">%s</text>",
                    labelWidth - 6, y + 15, Html.escape(shorten(data.get(i).get(panel.chart().x())))));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%s\" height=\"%d\" fill=\"%s\"/>",
                    labelWidth, y + 2, fmt(w), rowHeight - 6, COLOURS[0]));
            svg.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"%d\" class=\"label\">%s</text>",
                    fmt(labelWidth + w + 6), y + 15, Html.escape(data.get(i).get(s))));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(Panel panel, int height) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\" xmlns=\"http://www.w3.org/2000/svg\">",
                WIDTH, height, Html.escape(panel.title())));
    }

    private static void axis(StringBuilder svg, double max, int plotHeight) {
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotHeight - plotHeight * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%s\" y2=\"%s\" class=\"grid\"/>", LEFT, WIDTH - 8, fmt(y), fmt(y)));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%s\" class=\"tick\" text-anchor=\"end\">%s</text>", LEFT - 6,
                    fmt(y + 4), compact(max * i / 4)));
        }
    }

    private static void legend(StringBuilder svg, Panel panel, List<Integer> series, int y) {
        int x = LEFT;
        for (int s = 0; s < series.size(); s++) {
            String name = panel.header().get(series.get(s));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\" class=\"label\">%s</text>", x, y - 9, COLOURS[s % COLOURS.length], x + 14, y, Html.escape(name)));
            x += 24 + name.length() * 7;
        }
    }

    private static String shorten(String label) {
        return label.length() > 28 ? label.substring(0, 27) + "…" : label;
    }

    private static String compact(double v) {
        return v >= 1_000_000 ? String.format(Locale.ROOT, "%.1fM", v / 1e6)
                : v >= 1_000 ? String.format(Locale.ROOT, "%.1fk", v / 1e3)
                : v >= 10 || v == 0 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
