package io.clickstream.oozie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.time.LocalDate;
import java.util.Properties;
import org.apache.oozie.client.OozieClient;
import org.apache.oozie.local.LocalOozie;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator materialised by a real (local, in-process) Oozie server: a dry run over a past date range
 * (a dry run materialises only actions whose nominal time has come).
 */
class CoordinatorDryRunTest {

    private static final File APP = new File("src/main/app").getAbsoluteFile();

    @TempDir
    static File tmp;

    @BeforeAll
    static void startOozie() throws Exception {
        OozieParser.stop();
        File conf = new File(tmp, "conf");
        new File(conf, "action-conf").mkdirs();
        File hadoopConf = new File(tmp, "hadoop-conf");
        hadoopConf.mkdirs();
        Files.writeString(new File(hadoopConf, "core-site.xml").toPath(), "<configuration><property><name>fs.defaultFS</name>"
                + "<value>file:///</value></property></configuration>");
        Files.writeString(new File(conf, "oozie-site.xml").toPath(), "<configuration>"
                + property("oozie.service.HadoopAccessorService.hadoop.configurations", "*=" + hadoopConf.getAbsolutePath())
                + property("oozie.service.HadoopAccessorService.supported.filesystems", "*")
                + property("oozie.service.JPAService.jdbc.url", "jdbc:derby:" + new File(tmp, "oozie-db").getAbsolutePath()
                        + ";create=true")
                + property("oozie.service.JPAService.create.db.schema", "true")
                + property("oozie.service.WorkflowAppService.system.libpath", new File(tmp, "share").toURI().toString())
                + "</configuration>");
        new File(tmp, "share/lib").mkdirs();
        for (String name : new String[] {"home", "data", "log"}) {
            File d = new File(tmp, name);
            d.mkdirs();
            System.setProperty("oozie." + name + ".dir", d.getAbsolutePath());
        }
        System.setProperty("oozie.config.dir", conf.getAbsolutePath());
        LocalOozie.start();
    }

    @AfterAll
    static void stopOozie() {
        LocalOozie.stop();
    }

    private static String property(String name, String value) {
        return "<property><name>" + name + "</name><value>" + value + "</value></property>";
    }

    @Test
    void eachDayWaitsForItsOwnRawPartitionsAndWritesItsPublishedFlag() throws Exception {
        OozieClient client = LocalOozie.getCoordClient();
        String warehouse = new File(tmp, "warehouse").toURI().toString().replaceFirst("/$", "");
        // A dry run materialises the first action of the range: one range per day shows each day's action.
        for (LocalDate nominal = LocalDate.of(2026, 11, 9); nominal.isBefore(LocalDate.of(2026, 11, 12));
                nominal = nominal.plusDays(1)) {
            Properties job = client.createConfiguration();
            job.setProperty(OozieClient.COORDINATOR_APP_PATH, new File(APP, "coordinator.xml").toURI().toString());
            job.setProperty("start", nominal + "T00:00Z");
            job.setProperty("end", nominal.plusDays(1) + "T00:00Z");
            job.setProperty("datasetStart", "2026-01-01T00:00Z");
            job.setProperty("warehouse", warehouse);
            job.setProperty("appPath", APP.toURI().toString());
            job.setProperty("alertEmail", "oncall@example.com");

            String plan = client.dryrun(job);

            String day = nominal.minusDays(1).toString();
            assertEquals(1, countOf(plan, "action-nominal-time=\"" + nominal + "T00:00Z\""), plan);
            for (String source : List.of("access_logs", "events", "customers", "products")) {
                assertTrue(plan.contains(warehouse + "/raw/" + source + "/dt=" + day), source + " " + day + "\n" + plan);
            }
            assertTrue(plan.contains(warehouse + "/published/dt=" + day), plan);
            assertTrue(!plan.contains("/dt=" + nominal + "<") && !plan.contains("/dt=" + nominal + "\""),
                    "the action for " + nominal + " reads the day before it, not its own\n" + plan);
            assertTrue(plan.contains("<done-flag>_SUCCESS</done-flag>"), plan);
        }
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
