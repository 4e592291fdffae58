package io.clickstream.oozie;

import io.clickstream.hive.report.Html;
import io.clickstream.oozie.RunState.NodeRun;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The workflow's DAG as inline SVG: a column per depth from the start, each node coloured by how it ended. */
final class RunGraph {

    private static final int WIDTH = 190;
    private static final int HEIGHT = 44;
    private static final int GAP_X = 40;
    private static final int GAP_Y = 16;

    private RunGraph() {
    }

    static String svg(Map<String, List<String>> graph, List<NodeRun> runs) {
        Map<String, Integer> depth = depths(graph);
        Map<Integer, List<String>> columns = new HashMap<>();
        graph.keySet().forEach(n -> columns.computeIfAbsent(depth.getOrDefault(n, 0), d -> new ArrayList<>()).add(n));
        Map<String, int[]> at = new HashMap<>();
        int rows = 0;
        for (Map.Entry<Integer, List<String>> column : columns.entrySet()) {
            for (int i = 0; i < column.getValue().size(); i++) {
                at.put(column.getValue().get(i), new int[] {10 + column.getKey() * (WIDTH + GAP_X), 10 + i * (HEIGHT + GAP_Y)});
            }
            rows = Math.max(rows, column.getValue().size());
        }
        Map<String, NodeRun> last = new HashMap<>();
        runs.forEach(r -> last.put(r.node(), r));
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">",
                20 + columns.size() * (WIDTH + GAP_X), 20 + rows * (HEIGHT + GAP_Y)));
        graph.forEach((node, targets) -> targets.stream().filter(at::containsKey).forEach(target -> {
            int[] a = at.get(node);
            int[] b = at.get(target);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>",
                    a[0] + WIDTH, a[1] + HEIGHT / 2, b[0], b[1] + HEIGHT / 2));
        }));
        graph.keySet().forEach(node -> {
            int[] p = at.get(node);
            NodeRun run = last.get(node);
            String status = run == null ? "not run" : run.status();
            String fill = run == null ? "#eee" : status.equals("OK") ? "#cdebd3" : "#f6c9ce";
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\" fill=\"%s\""
                    + " stroke=\"#555\"/><text x=\"%d\" y=\"%d\">%s</text><text x=\"%d\" y=\"%d\" fill=\"#444\">%s%s</text>",
                    p[0], p[1], WIDTH, HEIGHT, fill, p[0] + 8, p[1] + 17, Html.escape(node), p[0] + 8, p[1] + 34, status,
                    run == null || run.millis() == 0 ? "" : " · " + WorkflowRunner.seconds(run.millis()) + " s"));
        });
        return svg.append("</svg>").toString();
    }

    /** Longest distance from the start along the transitions (the graph is acyclic, as Oozie requires). */
    private static Map<String, Integer> depths(Map<String, List<String>> graph) {
        Map<String, Integer> depth = new HashMap<>();
        String start = graph.keySet().stream().filter(n -> n.equals(":start:")).findFirst()
                .orElse(graph.keySet().iterator().next());
        depth.put(start, 0);
        for (int round = 0; round < graph.size(); round++) {
            for (Map.Entry<String, List<String>> e : graph.entrySet()) {
                Integer d = depth.get(e.getKey());
                if (d != null) {
                    for (String target : e.getValue()) {
                        if (depth.getOrDefault(target, -1) < d + 1) {
                            depth.put(target, d + 1);
                        }
                    }
                }
            }
        }
        return depth;
    }
}
