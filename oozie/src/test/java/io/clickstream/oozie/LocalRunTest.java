package io.clickstream.oozie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.generate.GenerateAccessLogs;
import io.clickstream.generate.GenerateDimensions;
import io.clickstream.generate.GenerateEvents;
import io.clickstream.generate.SampleRun;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The `run` command: a backfill runs its days in date order and stops at the first day that fails; each day's run is
 * held to the coordinator's SLA.
 */
class LocalRunTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    @TempDir
    File tmp;

    @Test
    void aBackfillRunsDayByDayAndStopsAtTheFirstFailedDay() throws Exception {
        Configuration conf = SampleRun.local(new Configuration());
        Path warehouse = new Path(new File(tmp, "warehouse").toURI().toString());
        GenerateAccessLogs.write(conf, warehouse, DAY, 1, 1_000, 7, 0.01);
        GenerateEvents.write(conf, warehouse, DAY, 1, 500, 7, 0.01);
        GenerateDimensions.writeCsv(conf, warehouse, DAY, 1, 7, 0.01);
        File reports = new File(tmp, "runs");
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        int status;
        try {
            status = LocalRun.run(new String[] {"--app", "src/main/app", "--from", DAY.toString(), "--to",
                DAY.plusDays(2).toString(), "--report-dir", reports.getPath(), "--metastore", new File(tmp, "metastore").getPath(),
                "-Dwarehouse=" + warehouse, "-DalertEmail=oncall@localhost", "-D" + EmailAction.HOST + "=127.0.0.1",
                "-D" + EmailAction.PORT + "=" + smtp.getSmtp().getPort()});
            // Days weeks old miss their SLA by weeks: the backfill says so, a mail a day, besides the failed day's alert.
            List<MimeMessage> slaMails = Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> subject(m).contains(": SLA ")).collect(Collectors.toList());
            assertEquals(List.of("clickstream-daily dt=" + DAY + ": SLA START_MISS, END_MISS",
                    "clickstream-daily dt=" + DAY.plusDays(1) + ": SLA START_MISS, END_MISS"),
                    slaMails.stream().map(LocalRunTest::subject).collect(Collectors.toList()));
            String body = GreenMailUtil.getBody(slaMails.get(1));
            assertTrue(body.contains("- END_MISS: should have ended by " + DAY.plusDays(2) + "T03:00:00Z, failed "), body);
            assertTrue(body.contains("Run report: " + new File(reports, "clickstream-daily-" + DAY.plusDays(1) + ".html")
                    .getAbsolutePath()), body);
            assertEquals("oncall@localhost", slaMails.get(0).getAllRecipients()[0].toString());
        } finally {
            smtp.stop();
        }

        assertEquals(1, status, "the second day has no data");
        assertTrue(Files.readString(new File(reports, "clickstream-daily-" + DAY + ".json").toPath())
                .contains("\"succeeded\": true"));
        assertTrue(Files.readString(new File(reports, "clickstream-daily-" + DAY.plusDays(1) + ".json").toPath())
                .contains("\"succeeded\": false"));
        assertTrue(!new File(reports, "clickstream-daily-" + DAY.plusDays(2) + ".json").exists(), "stopped at the failed day");
        assertEquals(2, LocalRun.run(new String[] {"--date", "2026-02-30"}));
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (javax.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void unknownOptionsAndImpossibleRangesAreRefusedBeforeAnythingStarts() throws Exception {
        File reports = new File(tmp, "refused");
        for (String[] args : java.util.List.of(new String[] {"--date", DAY.toString(), "--reports", reports.getPath()},
                new String[] {"--date", DAY.toString(), "--warehouse", new File(tmp, "elsewhere").getPath()},
                new String[] {"--from", "2026-11-24", "--to", "2026-11-20", "--report-dir", reports.getPath()},
                new String[] {"--date", DAY.toString(), "--to", DAY.toString(), "--report-dir", reports.getPath()},
                new String[] {"--report-dir", reports.getPath(), "--date"},
                new String[] {"--from", DAY.toString(), "--hour", "07", "--report-dir", reports.getPath()},
                new String[] {"--date", DAY.toString(), "--hour", "7pm", "--report-dir", reports.getPath()})) {
            assertEquals(2, LocalRun.run(args), String.join(" ", args));
        }
        assertTrue(!reports.exists(), "nothing started");
    }
}
