package io.clickstream.hive;

import io.clickstream.jobs.Dataset;
import io.clickstream.jobs.Datasets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The audit of one run's day, {@code ROOT/audit/dt=D/audit.tsv}: which version of which table and day was registered
 * in the audit tables ({@code <zone>_audit.<name>}), and what its checks found. {@code register} writes the versions,
 * {@code check} adds the results, {@code publish} switches the analysts' tables to exactly these versions, and only
 * when no check failed; the dashboard shows a day's status from it.
 */
public record Audit(LocalDate dt, List<Version> versions, List<QualityChecks.Result> results) {

    /** The version of one table's day that the checks saw and {@code publish} makes visible. */
    public record Version(Dataset dataset, LocalDate day, String location) {
    }

    public Audit {
        versions = List.copyOf(versions);
        results = List.copyOf(results);
    }

    public static Path file(Path root, LocalDate dt) {
        return new Path(new Path(new Path(root, "audit"), "dt=" + dt), "audit.tsv");
    }

    public boolean checked() {
        return !results.isEmpty();
    }

    public List<QualityChecks.Result> failures() {
        return results.stream().filter(QualityChecks.Result::blocks).toList();
    }

    public Audit withResults(List<QualityChecks.Result> checked) {
        return new Audit(dt, versions, checked);
    }

    public void write(Configuration conf, Path root) throws IOException {
        StringBuilder out = new StringBuilder("# audit of dt=" + dt + ": the versions checked, then what the checks found\n");
        for (Version v : versions) {
            out.append(String.join("\t", "version", v.dataset().table(), v.day().toString(), v.location())).append('\n');
        }
        for (QualityChecks.Result r : results) {
            out.append(String.join("\t", "check", r.table(), r.check(), r.verdict(), oneLine(r.detail()))).append('\n');
        }
        Path file = file(root, dt);
        try (OutputStream stream = file.getFileSystem(conf).create(file, true)) {
            stream.write(out.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The day's audit, or null when the day was never registered. */
    public static Audit read(Configuration conf, Path root, LocalDate dt) throws IOException {
        Path file = file(root, dt);
        FileSystem fs = file.getFileSystem(conf);
        if (!fs.exists(file)) {
            return null;
        }
        String text;
        try (InputStream in = fs.open(file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Version> versions = new ArrayList<>();
        List<QualityChecks.Result> results = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("version") && f.length == 4) {
                versions.add(new Version(table(f[1]), LocalDate.parse(f[2]), f[3]));
            } else if (f[0].equals("check") && f.length == 5) {
                results.add(new QualityChecks.Result(f[1], f[2], !f[3].equals("FAIL") && !f[3].equals("WARN"), f[4],
                        f[3].equals("WARN")));
            }
        }
        return new Audit(dt, versions, results);
    }

    private static Dataset table(String name) {
        return Datasets.TABLES.stream().filter(d -> d.table().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the audit names " + name + ", which is not a table"));
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
