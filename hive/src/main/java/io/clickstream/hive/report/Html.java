package io.clickstream.hive.report;

import java.time.LocalDate;
import java.util.List;

/**
 * The dashboard page: one self-contained HTML file (inline CSS, inline SVG, a few lines of inline script that
 * only check the page), readable offline and by a headless browser.
 */
public final class Html {

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;background:#f8fafc;color:#0f172a}
            header{background:#0f172a;color:#f8fafc;padding:18px 28px}header h1{margin:0;font-size:22px}
            header p{margin:4px 0 0;color:#cbd5e1}main{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:18px;padding:18px 28px}
            section{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:14px 18px;overflow:auto}
            section h2{margin:0 0 2px;font-size:16px}section p.note{margin:0 0 10px;color:#475569;font-size:12px}
            table{border-collapse:collapse;width:100%;font-size:12px}th,td{padding:3px 8px;border-bottom:1px solid #f1f5f9;text-align:right}
            th:first-child,td:first-child{text-align:left}th{color:#475569;font-weight:600}
            svg.chart{width:100%;height:auto;margin:4px 0 10px}.grid{stroke:#e2e8f0}.tick{font-size:10px;fill:#64748b}.label{font-size:11px;fill:#334155}
            a.csv{font-size:12px;color:#2563eb}footer{padding:0 28px 24px;color:#64748b;font-size:12px}
            """;

    /** Records script errors and console errors on the body, then marks the page ready when every panel has rows. */
    private static final String CHECK = """
            window.pageErrors=[];window.addEventListener('error',function(e){window.pageErrors.push(String(e.message))});
            var consoleError=console.error;console.error=function(){window.pageErrors.push(Array.prototype.join.call(arguments,' '));consoleError.apply(console,arguments)};
            document.addEventListener('DOMContentLoaded',function(){
              var empty=[].slice.call(document.querySelectorAll('section.panel')).filter(function(s){return +s.dataset.rows<1}).map(function(s){return s.id});
              document.body.dataset.emptyPanels=empty.join(',');document.body.dataset.errors=window.pageErrors.join(' | ');
              document.body.dataset.ready=empty.length===0&&window.pageErrors.length===0?'ok':'problems'});
            """;

    private Html() {
    }

    /** @param live a day still streaming in: the browser reloads the page every minute, as it is rewritten */
    static String page(String title, LocalDate from, LocalDate to, String generated, List<Panel> panels, boolean live) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append(live ? "<meta http-equiv=\"refresh\" content=\"60\">" : "")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(escape(title)).append("</title><style>").append(STYLE).append("</style><script>")
                .append(CHECK).append("</script></head><body><header><h1>").append(escape(title)).append("</h1><p>")
                .append(from).append(from.equals(to) ? "" : " to " + to).append(" (UTC days) · generated ")
                .append(escape(generated)).append("</p></header><main>");
        for (Panel panel : panels) {
            html.append("<section class=\"panel\" id=\"").append(panel.id()).append("\" data-rows=\"").append(panel.data().size())
                    .append("\"><h2>").append(escape(panel.title())).append("</h2><p class=\"note\">").append(escape(panel.note()))
                    .append(" · <a class=\"csv\" href=\"").append(panel.id()).append(".csv\">CSV</a></p>")
                    .append(Svg.chart(panel)).append(table(panel)).append("</section>");
        }
        return html.append("</main><footer>Clickstream Warehouse · figures from the marts over Hive; definitions in the data dictionary.</footer>")
                .append("</body></html>\n").toString();
    }

    private static String table(Panel panel) {
        StringBuilder t = new StringBuilder("<table><thead><tr>");
        panel.header().forEach(h -> t.append("<th>").append(escape(h)).append("</th>"));
        t.append("</tr></thead><tbody>");
        for (List<String> row : panel.data()) {
            t.append("<tr>");
            row.forEach(cell -> t.append("<td>").append(escape(cell)).append("</td>"));
            t.append("</tr>");
        }
        return t.append("</tbody></table>").toString();
    }

    /** Text made safe for HTML and SVG content and attribute values; a null cell (an empty sum) is empty. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
