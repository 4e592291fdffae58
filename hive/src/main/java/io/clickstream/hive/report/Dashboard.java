package io.clickstream.hive.report;

import io.clickstream.dimensions.Csv;
import io.clickstream.hive.HiveVars;
import io.clickstream.hive.Audit;
import io.clickstream.hive.HiveWarehouse;
import io.clickstream.hive.HqlScript;
import io.clickstream.hive.report.Panel.Chart;
import io.clickstream.hive.report.Panel.Chart.Kind;
import io.clickstream.jobs.Accounting;
import io.clickstream.jobs.PartitionCommit;
import io.clickstream.jobs.Dataset;
import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.Warehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * {@code warehouse report}: the dashboard of a range of days from the marts — an HTML page and a CSV per
 * panel in one directory. Each panel is one of the analysts' queries ({@code hql/queries/}), so a metric has one
 * definition wherever it is shown; the run status panel reads the jobs' {@code _accounting.json} and the workflow's
 * done-flags.
 */
public final class Dashboard {

    /** The panels in page order: query, title, note and chart. */
    private record Definition(String id, String title, String note, Chart chart) {
    }

    private static final List<Definition> PANELS = List.of(
            new Definition("traffic_by_hour", "Traffic by hour (UTC)", "Human page views, bot page views and sessions started, summed over the days",
                    new Chart(Kind.BARS, 0, List.of(1, 2, 3))),
            new Definition("visitors_per_day", "Visitors and sessions per day", "Distinct visitors and sessions of humans, by the day the session started",
                    new Chart(Kind.LINES, 0, List.of(1, 2))),
            new Definition("top_pages", "Top pages", "The 15 most viewed paths, with entrances, exits and bounce rate",
                    new Chart(Kind.HORIZONTAL_BARS, 0, List.of(1))),
            new Definition("conversion_by_channel", "Channel performance", "Sessions, conversion (sessions with an order), orders and revenue per channel",
                    new Chart(Kind.BARS, 0, List.of(1, 4))),
            new Definition("funnel", "Funnel", "Sessions reaching each step, any order of pages",
                    new Chart(Kind.HORIZONTAL_BARS, 0, List.of(1))),
            new Definition("error_rates", "Error rates", "Share of requests answered 4xx and 5xx, bots included",
                    new Chart(Kind.LINES, 0, List.of(2, 3))),
            new Definition("quarantine_summary", "Quarantine", "Records the clean stages could not accept, by reason (see quarantine.* tables)",
                    Chart.NONE));

    /** Shown first while the range's last day is not published: its provisional hours, streamed in so far. */
    private static final Definition HOURS_SO_FAR = new Definition("hours_so_far", "Today so far, by hour (provisional)",
            "The last day's streamed hours as they arrive (clean_hourly): requests, page views, client addresses, events and"
                    + " orders by the hour they arrived in; bots not yet told apart. The daily panels fill once the day is published",
            new Chart(Kind.BARS, 0, List.of(2, 4)));

    /** The analysts' queries the dashboard shows for published days, by name. */
    public static List<String> panelQueries() {
        return PANELS.stream().map(Definition::id).toList();
    }

    /** One row per stage run of a day: every clean dataset (a run each), and the first dataset each processing stage writes. */
    static List<Dataset> accounted() {
        Set<String> stages = new HashSet<>();
        return Datasets.ALL.stream().filter(d -> d.zone().equals(Warehouse.CLEAN)
                || d.zone().equals(Warehouse.MARTS) && stages.add(d.writtenBy())).toList();
    }

    private final HiveWarehouse warehouse;
    private final Configuration conf;
    private final org.apache.hadoop.fs.Path root;

    public Dashboard(HiveWarehouse warehouse, Configuration conf, org.apache.hadoop.fs.Path root) {
        this.warehouse = warehouse;
        this.conf = conf;
        this.root = root;
    }

    /**
     * The panels of {@code from..to}, queried now; first, while {@code to} is not published and has streamed hours in
     * Hive, those hours ({@link #HOURS_SO_FAR}), and then only the daily panels that have rows.
     */
    public List<Panel> panels(LocalDate from, LocalDate to) throws SQLException, IOException {
        HiveVars vars = new HiveVars().set("from", from.toString()).set("to", to.toString()).set("limit", "15");
        List<Panel> panels = new ArrayList<>();
        if (!warehouse.published(to)) {
            Panel hours = panel(HOURS_SO_FAR, vars);
            if (!hours.data().isEmpty()) {
                panels.add(hours);
            }
        }
        boolean live = !panels.isEmpty();
        for (Definition d : PANELS) {
            Panel panel = panel(d, vars);
            if (!live || hasFigures(panel)) { // a day in progress has no marts yet: no empty panels beside its hours
                panels.add(panel);
            }
        }
        panels.add(new Panel("run_status", "Run status and data quality",
                "Each stage's books (read = accepted + quarantined + duplicates + late) and whether the day passed its checks and was published",
                Chart.NONE, runStatus(from, to)));
        return panels;
    }

    /** Whether a row has a value beside its label (the funnel's steps come back with empty sums on a day without marts). */
    private static boolean hasFigures(Panel panel) {
        return panel.data().stream().anyMatch(row -> row.stream().skip(1).anyMatch(cell -> cell != null && !cell.isEmpty()));
    }

    private Panel panel(Definition d, HiveVars vars) throws SQLException {
        return new Panel(d.id(), d.title(), d.note(), d.chart(), warehouse.query(HqlScript.query(d.id()), vars));
    }

    /** Writes {@code index.html} and one CSV per panel into {@code out}; returns the page. */
    public Path write(LocalDate from, LocalDate to, Path out) throws SQLException, IOException {
        List<Panel> panels = panels(from, to);
        Files.createDirectories(out);
        for (Panel panel : panels) {
            List<String> lines = panel.rows().stream().map(Csv::format).toList();
            Files.write(out.resolve(panel.id() + ".csv"), lines, StandardCharsets.UTF_8);
        }
        Path page = out.resolve("index.html");
        boolean live = panels.get(0).id().equals(HOURS_SO_FAR.id());
        Files.writeString(page, Html.page("Clickstream Warehouse", from, to, Instant.now().toString(), panels, live),
                StandardCharsets.UTF_8);
        return page;
    }

    private List<List<String>> runStatus(LocalDate from, LocalDate to) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("dt", "stage", "read", "accepted", "quarantined", "duplicates", "late", "status"));
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            String status = status(day);
            boolean any = false;
            for (Dataset dataset : accounted()) {
                org.apache.hadoop.fs.Path version = PartitionCommit.current(conf, dataset.partition(root, day));
                Accounting a = version == null ? null : PartitionCommit.readAccounting(conf, version);
                if (a != null) {
                    any = true;
                    rows.add(List.of(day.toString(), a.stage(), String.valueOf(a.read()), String.valueOf(a.accepted()),
                            String.valueOf(a.quarantined()), String.valueOf(a.duplicates()), String.valueOf(a.late()), status));
                }
            }
            if (!any) {
                rows.add(List.of(day.toString(), "", "", "", "", "", "", status));
            }
        }
        return rows;
    }

    /**
     * A day's status for analysts: {@code published}; {@code failed: N check(s): ...} (the previous version, if any,
     * stays visible); {@code written, not yet checked}; {@code not yet run}.
     */
    public String status(LocalDate day) throws IOException {
        Audit audit = Audit.read(conf, root, day);
        if (audit != null && !audit.failures().isEmpty()) {
            return "failed: " + audit.failures().size() + " check(s): " + audit.failures().stream().limit(3)
                    .map(r -> r.table() + " " + r.check()).collect(java.util.stream.Collectors.joining("; "));
        }
        if (warehouse.published(day)) {
            return "published";
        }
        return audit == null ? "not yet run" : audit.checked() ? "checked, not published" : "written, not yet checked";
    }

    /** Parses and checks a {@code --from/--to} pair (dates, from not after to, at most a year). */
    public static LocalDate[] range(String from, String to) {
        LocalDate start = Warehouse.parseDate(from);
        LocalDate end = Warehouse.parseDate(to == null ? from : to);
        if (end.isBefore(start) || start.plusDays(366).isBefore(end)) {
            throw new IllegalArgumentException("report: --from " + start + " --to " + end + " is not a range of at most a year");
        }
        return new LocalDate[] {start, end};
    }
}
