package io.clickstream.oozie;

import io.clickstream.Main;
import io.clickstream.hive.WarehouseCli;
import io.clickstream.jobs.Args;
import io.clickstream.jobs.ExitStatus;
import io.clickstream.jobs.JobFailedException;
import java.io.File;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The newcomer's first run ({@code mvn -q -Pquickstart package}), made of the public commands a user would type: the
 * job jar's {@code generate} (a week of every source), {@code run} (each day through the Oozie workflow itself with
 * the local runner: clean stages, sessions, joins and marts, Hive registration, quality checks, publication), and
 * {@code warehouse report} and {@code query} (the dashboard of the week and a first query).
 */
public final class Quickstart {

    private static final Args.Spec OPTIONS = Args.command("quickstart", "a week of sample data through the whole"
                    + " pipeline on this machine, then the dashboard")
            .required("app", "DIR", "the Oozie application (oozie/src/main/app)")
            .required("conf", "FILE", "the Hadoop configuration that runs jobs here (src/main/config/hadoop-local.xml)")
            .optional("dir", "DIR", "where the warehouse, metastore, run reports and dashboard go", "target/quickstart")
            .optional("days", "N", "how many days, ending yesterday", "7");

    private Quickstart() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(ExitStatus.status(() -> run(args)));
    }

    static int run(String[] argv) throws Exception {
        Args args = OPTIONS.parse(argv);
        File dir = new File(args.get("dir")).getCanonicalFile();
        int days = args.getInt("days");
        String root = new File(dir, "warehouse").toURI().toString();
        String metastore = new File(dir, "metastore").getPath();
        LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(days);
        LocalDate last = first.plusDays(days - 1);
        String conf = args.get("conf");
        System.out.printf("Clickstream Warehouse quickstart: %d day(s) from %s into %s%n%n", days, first, root);

        step("generate", Main.runOrThrow(new String[] {"generate", "-conf", conf, "--warehouse", root,
                "--start", first.toString(), "--days", String.valueOf(days)}));
        step("run", LocalRun.run(new String[] {"--from", first.toString(), "--to", last.toString(), "--app", args.get("app"),
                "--report-dir", new File(dir, "runs").getPath(), "--metastore", metastore, "-Dwarehouse=" + root}));
        String[] common = {"--warehouse", root, "--metastore", metastore};
        String dashboard = new File(dir, "dashboard").getPath();
        System.out.printf("%nThe dashboard of %s to %s, and visitors and sessions per day:%n", first, last);
        step("warehouse report", WarehouseCli.runOrThrow(concat(new String[] {"-conf", conf, "report", "--from",
                first.toString(), "--to", last.toString(), "--out", dashboard}, common)));
        step("warehouse query", WarehouseCli.runOrThrow(concat(new String[] {"-conf", conf, "query", "visitors_per_day",
                "--hivevar", "from=" + first, "--hivevar", "to=" + last}, common)));
        String shown = String.join(" ", common);
        System.out.printf("%nDone. Run reports (JSON and HTML, one per day): %s%n"
                + "Your turn, as an analyst (queries are in hive/src/main/hql/queries):%n"
                + "  hive/target/bin/warehouse query conversion_by_channel --hivevar from=%s --hivevar to=%s %s%n"
                + "  hive/target/bin/warehouse report --from %s --to %s --out my-dashboard %s%n",
                new File(dir, "runs"), last, last, shown, first, last, shown);
        return 0;
    }

    static void step(String command, int status) {
        if (status != 0) {
            throw new JobFailedException("quickstart: " + command + " ended with status " + status);
        }
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
