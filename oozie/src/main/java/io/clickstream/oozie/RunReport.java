package io.clickstream.oozie;

import io.clickstream.oozie.RunState.NodeRun;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.stream.Collectors;

/** A run's report: JSON for machines, a small self-contained HTML page for people. */
final class RunReport {

    private RunReport() {
    }

    static void write(WorkflowRunner.Result result, String runId, File dir) throws IOException {
        dir.mkdirs();
        Files.writeString(new File(dir, runId + ".json").toPath(), json(result, runId), StandardCharsets.UTF_8);
        Files.writeString(new File(dir, runId + ".html").toPath(), html(result, runId), StandardCharsets.UTF_8);
    }

    static String json(WorkflowRunner.Result result, String runId) {
        String nodes = result.nodes().stream().map(n -> String.format(java.util.Locale.ROOT,
                "    {\"node\": \"%s\", \"type\": \"%s\", \"status\": \"%s\", \"seconds\": %s, \"attempts\": %d, \"detail\": \"%s\"}",
                escape(n.node()), n.type(), n.status(), WorkflowRunner.seconds(n.millis()), n.attempts(), escape(n.detail())))
                .collect(Collectors.joining(",\n"));
        return "{\n  \"run\": \"" + escape(runId) + "\",\n  \"workflow\": \"" + escape(result.workflow()) + "\",\n"
                + "  \"succeeded\": " + result.succeeded() + ",\n  \"message\": \"" + escape(result.message()) + "\",\n"
                + "  \"nodes\": [\n" + nodes + "\n  ]\n}\n";
    }

    private static String html(WorkflowRunner.Result result, String runId) {
        StringBuilder rows = new StringBuilder();
        for (NodeRun n : result.nodes()) {
            rows.append("<tr class=\"").append(n.status().toLowerCase()).append("\"><td>").append(html(n.node()))
                    .append("</td><td>").append(n.type()).append("</td><td>").append(n.status()).append("</td><td>")
                    .append(WorkflowRunner.seconds(n.millis())).append(" s</td><td>").append(n.attempts())
                    .append("</td><td>").append(html(n.detail())).append("</td></tr>\n");
        }
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + html(result.workflow()) + "</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}"
                + ".ok td:nth-child(3){color:#176f2c}.error td:nth-child(3),.killed td:nth-child(3){color:#b00020}"
                + "</style></head><body><h1>" + html(result.workflow()) + "</h1><p>Run " + html(runId) + ": <b>"
                + (result.succeeded() ? "succeeded" : "failed") + "</b> — " + html(result.message()) + "</p>"
                + RunGraph.svg(result.graph(), result.nodes())
                + "<table><tr><th>node</th><th>type</th><th>status</th><th>time</th><th>attempts</th><th>detail</th></tr>\n"
                + rows + "</table></body></html>\n";
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String html(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
