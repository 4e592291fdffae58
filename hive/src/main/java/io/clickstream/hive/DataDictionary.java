package io.clickstream.hive;

import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.Dataset;
import io.clickstream.hive.report.Html;
import io.clickstream.jobs.Schemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The data dictionary, generated from what defines the warehouse: the .avsc schemas (columns, types,
 * descriptions), the Hive DDL (table comment, partitioning, writing job, views' column comments) and the
 * HQL that reads each table (views, analyst queries and the dashboard panels among them, checks). Markdown and HTML.
 */
public final class DataDictionary {

    /** A documented column. */
    public record Column(String name, String type, String description) {
    }

    /** A documented table or view. */
    public record Entry(String table, String kind, String description, String partitioning, String writtenBy,
            List<String> readBy, List<Column> columns) {
    }

    private static final Pattern TABLE_COMMENT = Pattern.compile("\\n\\s*COMMENT '([^']*)'");
    private static final Pattern PARTITION = Pattern.compile("PARTITIONED BY \\((\\w+) STRING COMMENT '([^']*)'\\)");
    private static final Pattern SCHEMA_FILE = Pattern.compile("/([a-z_]+\\.avsc)'");
    private static final Pattern VIEW_COLUMN = Pattern.compile("^\\s+(\\w+) COMMENT '([^']*)'[,)]", Pattern.MULTILINE);
    private final Path hql;
    private final List<String> readers;

    /** @param hql the source directory of the HQL ({@code hive/src/main/hql}) */
    public DataDictionary(Path hql) {
        this.hql = hql;
        this.readers = readerScripts();
    }

    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (Dataset dataset : Datasets.TABLES) {
            String ddl = resource(dataset.ddlResource());
            Matcher comment = TABLE_COMMENT.matcher(ddl);
            String description = comment.find() ? comment.group(1) : "";
            String job = description.contains("Job: ") ? description.substring(description.indexOf("Job: ") + 5) : "";
            Matcher partition = PARTITION.matcher(ddl);
            String partitioning = partition.find() ? partition.group(1) + ": " + partition.group(2) : "";
            Matcher file = SCHEMA_FILE.matcher(ddl);
            Schema schema = Schemas.load(file.find() ? file.group(1) : "missing.avsc");
            List<Column> columns = new ArrayList<>();
            for (Schema.Field field : schema.getFields()) {
                columns.add(new Column(field.name(), hiveType(field.schema()), field.doc() == null ? "" : field.doc()));
            }
            entries.add(new Entry(dataset.table(), "external table (Avro, " + dataset.zone() + "/" + dataset.name() + ")",
                    description.replace(". Job: " + job, ""), partitioning, job, readersOf(dataset.table()), columns));
        }
        for (String view : Datasets.VIEWS) {
            String ddl = resource("ddl/" + view + ".hql");
            List<Column> columns = new ArrayList<>();
            Matcher column = VIEW_COLUMN.matcher(ddl);
            while (column.find()) {
                columns.add(new Column(column.group(1), "", column.group(2)));
            }
            Matcher comment = Pattern.compile("\\)\\s*\\n\\s*COMMENT '([^']*)'").matcher(ddl);
            entries.add(new Entry(view, "view", comment.find() ? comment.group(1) : "", "dt (from its tables)",
                    "", readersOf(view), columns));
        }
        return entries;
    }

    /** Every column without a description, as {@code table.column}. */
    public static List<String> undocumented(List<Entry> entries) {
        List<String> missing = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.description().isBlank()) {
                missing.add(entry.table() + " (table)");
            }
            entry.columns().stream().filter(c -> c.description().isBlank()).forEach(c -> missing.add(entry.table() + "." + c.name()));
        }
        return missing;
    }

    public static String markdown(List<Entry> entries) {
        StringBuilder md = new StringBuilder("# Data dictionary\n\nGenerated from `src/main/avro/*.avsc` and `hive/src/main/hql` "
                + "by `DataDictionary`; do not edit by hand (`DataDictionaryTest` keeps it current).\n\n");
        for (Entry e : entries) {
            md.append("- [").append(e.table()).append("](#").append(e.table().replace(".", "")).append(")\n");
        }
        for (Entry e : entries) {
            md.append("\n## ").append(e.table()).append("\n\n").append(e.description()).append("\n\n")
                    .append("- kind: ").append(e.kind()).append('\n')
                    .append("- partitioned by ").append(e.partitioning()).append('\n');
            if (!e.writtenBy().isEmpty()) {
                md.append("- written by: `").append(e.writtenBy()).append("`\n");
            }
            md.append("- read by: ").append(e.readBy().isEmpty() ? "(analysts directly)" : String.join(", ", e.readBy())).append("\n\n")
                    .append("| column | type | description |\n|---|---|---|\n");
            for (Column c : e.columns()) {
                md.append("| ").append(c.name()).append(" | ").append(c.type()).append(" | ")
                        .append(c.description().replace("|", "\\|")).append(" |\n");
            }
        }
        return md.toString();
    }

    public static String html(List<Entry> entries) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Data dictionary</title>"
                + "<style>body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#0f172a}table{border-collapse:collapse}"
                + "td,th{border-bottom:1px solid #e2e8f0;padding:3px 10px;text-align:left;vertical-align:top}code{color:#1d4ed8}</style>"
                + "</head><body><h1>Data dictionary</h1>");
        for (Entry e : entries) {
            html.append("<h2 id=\"").append(e.table()).append("\">").append(e.table()).append("</h2><p>").append(Html.escape(e.description()))
                    .append("</p><p>").append(Html.escape(e.kind())).append(" · partitioned by ").append(Html.escape(e.partitioning()))
                    .append(e.writtenBy().isEmpty() ? "" : " · written by <code>" + Html.escape(e.writtenBy()) + "</code>")
                    .append(" · read by ").append(Html.escape(e.readBy().isEmpty() ? "(analysts directly)" : String.join(", ", e.readBy())))
                    .append("</p><table><tr><th>column</th><th>type</th><th>description</th></tr>");
            for (Column c : e.columns()) {
                html.append("<tr><td><code>").append(Html.escape(c.name())).append("</code></td><td>").append(Html.escape(c.type()))
                        .append("</td><td>").append(Html.escape(c.description())).append("</td></tr>");
            }
            html.append("</table>");
        }
        return html.append("</body></html>\n").toString();
    }

    /** Writes {@code data-dictionary.md} and {@code .html} into a directory. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs");
        List<Entry> entries = new DataDictionary(Path.of(args.length > 1 ? args[1] : "hive/src/main/hql")).entries();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("data-dictionary.md"), markdown(entries), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("data-dictionary.html"), html(entries), StandardCharsets.UTF_8);
        System.out.println("wrote " + dir.resolve("data-dictionary.md") + " and .html");
    }

    static String hiveType(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            Schema nonNull = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
            return hiveType(nonNull) + " (nullable)";
        }
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal d) {
            return "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
        }
        if (schema.getLogicalType() != null) {
            return schema.getLogicalType().getName().startsWith("timestamp") ? "timestamp" : schema.getLogicalType().getName();
        }
        return switch (schema.getType()) {
            case LONG -> "bigint";
            case ARRAY -> "array<" + hiveType(schema.getElementType()) + ">";
            case RECORD -> "struct<" + String.join(", ", schema.getFields().stream().map(f -> f.name() + ": " + hiveType(f.schema())).toList()) + ">";
            default -> schema.getType().getName().toLowerCase(Locale.ROOT);
        };
    }

    private List<String> readersOf(String table) {
        List<String> found = new ArrayList<>();
        Pattern reference = Pattern.compile("\\b" + Pattern.quote(table) + "\\b");
        for (String script : readers) {
            String body = resource(script).lines().filter(l -> !l.startsWith("--") && !l.startsWith("#"))
                    .collect(java.util.stream.Collectors.joining("\n"));
            if (reference.matcher(body).find()) {
                found.add(label(script));
            }
        }
        return found;
    }

    /** {@code view analytics.orders}, {@code checks of clean.events}, {@code query top_pages (dashboard)}. */
    private static String label(String script) {
        String name = script.substring(script.indexOf('/') + 1);
        if (name.endsWith(".checks")) {
            return "checks of " + name.substring(0, name.length() - ".checks".length());
        }
        name = name.substring(0, name.length() - ".hql".length());
        if (script.startsWith("ddl/")) {
            return "view " + name;
        }
        return "query " + name + (io.clickstream.hive.report.Dashboard.panelQueries().contains(name) ? " (dashboard)" : "");
    }

    private List<String> readerScripts() {
        List<String> scripts = new ArrayList<>();
        for (String view : Datasets.VIEWS) {
            scripts.add("ddl/" + view + ".hql");
        }
        for (Dataset d : Datasets.TABLES) {
            scripts.add(d.checksResource());
        }
        scripts.addAll(listing("queries"));
        return scripts;
    }

    private List<String> listing(String dir) {
        try (java.util.stream.Stream<Path> files = Files.list(hql.resolve(dir))) {
            return files.map(f -> dir + "/" + f.getFileName()).filter(f -> f.endsWith(".hql")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String resource(String path) {
        try {
            return Files.readString(hql.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + hql.resolve(path), e);
        }
    }
}
