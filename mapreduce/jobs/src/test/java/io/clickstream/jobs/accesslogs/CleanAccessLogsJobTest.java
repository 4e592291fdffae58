package io.clickstream.jobs.accesslogs;

import io.clickstream.jobs.Versions;
import io.clickstream.jobs.PartitionCommit;
import io.clickstream.jobs.Settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clickstream.accesslog.AccessLogParser;
import io.clickstream.accesslog.LogFormat;
import io.clickstream.accesslog.ParsedLine;
import io.clickstream.accesslog.RejectReason;
import io.clickstream.avro.PageView;
import io.clickstream.avro.QuarantineRecord;
import io.clickstream.generate.GenerateAccessLogs;
import io.clickstream.generate.GenerateAccessLogs.DaySummary;
import io.clickstream.jobs.AvroFiles;
import io.clickstream.jobs.JobFailedException;
import io.clickstream.jobs.Warehouse;
import io.clickstream.privacy.IpAnonymizer;
import io.clickstream.accesslog.AccessLogCleaner;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.alias.CredentialProvider;
import org.apache.hadoop.security.alias.CredentialProviderFactory;
import org.apache.hadoop.util.ToolRunner;
import org.apache.hadoop.security.Credentials;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole clean-access-logs job on the LocalJobRunner, over generated raw data with known damage. */
class CleanAccessLogsJobTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 28);

    @TempDir
    static File tmp;
    private static Path warehouse;
    private static List<DaySummary> generated;

    static Configuration localConf() {
        Configuration conf = new Configuration();
        conf.set("mapreduce.framework.name", "local");
        conf.set("fs.defaultFS", "file:///");
        conf.set("hadoop.tmp.dir", new File(tmp, "hadoop-tmp").getAbsolutePath());
        Settings.VERBOSE.set(conf, false);
        return conf;
    }

    @BeforeAll
    static void generate() throws Exception {
        warehouse = new Path(new File(tmp, "warehouse").toURI());
        generated = GenerateAccessLogs.write(localConf(), warehouse, DAY, 2, 4_000, 5, 0.02);
    }

    private static CleanAccessLogs.Result clean(Configuration conf, Path root, LocalDate day) throws Exception {
        CleanAccessLogs job = new CleanAccessLogs();
        assertEquals(0, ToolRunner.run(conf, job, new String[] {"--date", day.toString(), "--warehouse", root.toString()}));
        return job.lastResult();
    }

    private static Path partition(String zone, String dataset, LocalDate day) {
        return Warehouse.partition(warehouse, zone, dataset, day);
    }

    @Test
    void everyLineIsAPageViewOrQuarantinedWithTheReasonTheGeneratorPlanted() throws Exception {
        Configuration conf = localConf();
        CleanAccessLogs.Result result = clean(conf, warehouse, DAY);
        DaySummary planted = generated.get(0);

        List<PageView> views = AvroFiles.readAll(conf, Versions.current(conf, result.output()), new SpecificDatumReader<>(PageView.class));
        List<QuarantineRecord> quarantine = AvroFiles.readAll(conf, Versions.current(conf, result.quarantine()),
                new SpecificDatumReader<>(QuarantineRecord.class));
        assertEquals(planted.lines(), result.accounting().read());
        assertEquals(planted.lines() - planted.expectedQuarantined(), views.size());
        assertEquals(views.size(), result.accounting().accepted());
        assertEquals(0, result.eventTimeOutsideDay(), "the generator lands every line in its UTC day");
        assertEquals(planted.expectedQuarantined(), quarantine.size());
        Map<RejectReason, Long> reasons = new EnumMap<>(RejectReason.class);
        quarantine.forEach(q -> reasons.merge(RejectReason.valueOf(q.getReason()), 1L, Long::sum));
        assertEquals(planted.expectedQuarantine(), reasons);

        long dayStart = DAY.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        for (PageView view : views) {
            long ts = view.getTs().toEpochMilli();
            assertTrue(ts >= dayStart && ts < dayStart + 86_400_000L, view.toString());
            assertTrue(view.getClientIp().endsWith(".0") || view.getClientIp().endsWith("::"), view.getClientIp());
        }
        assertTrue(views.stream().anyMatch(v -> v.getStatus() == 400 && v.getMethod() == null), "odd requests kept");
        assertTrue(new File(local(result.output()), "_accounting.json").isFile());
        assertTrue(new File(local(result.output()), "_SUCCESS").isFile());
        assertTrue(new File(local(result.quarantine()), "_SUCCESS").isFile());
    }

    @Test
    void quarantinedRecordsPointAtTheirExactBytesInTheSourceFile() throws Exception {
        Configuration conf = localConf();
        CleanAccessLogs.Result result = clean(conf, warehouse, DAY);
        byte[] plain = Files.readAllBytes(new File(local(partition("raw", "access_logs", DAY)), "web-3.log").toPath());
        List<QuarantineRecord> fromPlainFile = AvroFiles.readAll(conf, Versions.current(conf, result.quarantine()),
                new SpecificDatumReader<>(QuarantineRecord.class)).stream()
                .filter(q -> q.getSourceFile().endsWith("web-3.log")).collect(Collectors.toList());
        assertFalse(fromPlainFile.isEmpty());
        for (QuarantineRecord q : fromPlainFile) {
            byte[] raw = bytes(q.getRaw());
            int at = (int) q.getByteOffset();
            assertArrayEquals(raw, Arrays.copyOfRange(plain, at, at + raw.length), q.getMessage());
            assertTrue(at + raw.length == plain.length || plain[at + raw.length] == '\n' || q.getReason().equals("LINE_TOO_LONG"));
            assertFalse(q.getMessage().isBlank());
        }
        Set<String> files = AvroFiles.readAll(conf, Versions.current(conf, result.quarantine()), new SpecificDatumReader<>(QuarantineRecord.class))
                .stream().map(q -> new Path(q.getSourceFile()).getName()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("web-1.log.gz", "web-2.log.bz2", "web-3.log"), files, "gzip and bzip2 are read too");
    }

    @Test
    void rerunningADayAddsAVersionHoldingExactlyTheNewOutput() throws Exception {
        Configuration conf = localConf();
        LocalDate day = DAY.plusDays(1);
        CleanAccessLogs.Result first = clean(conf, warehouse, day);
        Set<String> filesBefore = listing(first.output());
        CleanAccessLogs.Result second = clean(conf, warehouse, day);

        assertEquals(first.output().getParent(), second.output().getParent(), "two versions of one day");
        assertEquals(second.output(), PartitionCommit.current(conf, second.output().getParent()), "the stages read the new one");
        assertEquals(filesBefore, listing(first.output()), "the first is untouched: analysts may still be reading it");
        assertEquals(filesBefore, listing(second.output()));
        assertEquals(first.accounting(), second.accounting());
        assertEquals(generated.get(1).lines() - generated.get(1).expectedQuarantined(),
                AvroFiles.readAll(conf, Versions.current(conf, second.output()), new SpecificDatumReader<>(PageView.class)).size(), "no duplicates");
        assertFalse(new File(local(second.output().getParent().getParent()), ".staging").exists(), "no staging left behind");
    }

    /** A day's published output and quarantine always come from one run: a failed run changes neither. */
    @Test
    void tooManyBadLinesFailsNamingTheWorstFilesAndLeavesThePublishedDayAsItWas() throws Exception {
        Configuration conf = localConf();
        Path dirty = new Path(new File(tmp, "dirty").toURI());
        GenerateAccessLogs.write(conf, dirty, DAY, 1, 1_000, 9, 0.25);
        Configuration lenient = new Configuration(conf);
        Settings.QUARANTINE_MAX_SHARE.set(lenient, "0.5");
        assertEquals(0, ToolRunner.run(lenient, new CleanAccessLogs(), new String[] {"--date", DAY.toString(),
            "--warehouse", dirty.toString()}), "a raised threshold lets the day through");
        File pageViews = local(Warehouse.partition(dirty, "clean", "page_views", DAY));
        File quarantine = local(Warehouse.partition(dirty, "quarantine", "access_logs", DAY));
        Set<String> publishedPageViews = listing(new Path(pageViews.toURI()));
        Set<String> publishedQuarantine = listing(new Path(quarantine.toURI()));
        File published = local(PartitionCommit.current(conf, new Path(pageViews.toURI())));
        long pageViewsModified = new File(published, "_SUCCESS").lastModified();

        CleanAccessLogs job = new CleanAccessLogs();
        JobFailedException e = assertThrows(JobFailedException.class,
                () -> ToolRunner.run(conf, job, new String[] {"--date", DAY.toString(), "--warehouse", dirty.toString()}));

        assertTrue(e.getMessage().contains("above the 5.00% allowed by clickstream.quarantine.max-share"), e.getMessage());
        assertTrue(e.getMessage().contains("web-1.log.gz=") && e.getMessage().contains("FORMAT_MISMATCH="), e.getMessage());
        assertEquals(publishedPageViews, listing(new Path(pageViews.toURI())), "the published page views stay");
        assertEquals(publishedQuarantine, listing(new Path(quarantine.toURI())), "and so does their quarantine");
        assertEquals(published, local(PartitionCommit.current(conf, new Path(pageViews.toURI()))), "no new version");
        assertEquals(pageViewsModified, new File(published, "_SUCCESS").lastModified());
        File failed = new File(quarantine.getParentFile(), ".failed/dt=" + DAY);
        assertTrue(e.getMessage().contains("This run's quarantine, for inspection: " + new Path(failed.toURI())
                .toString().replaceAll("/$", "")), e.getMessage());
        assertTrue(new File(failed, "_SUCCESS").exists(), "the failed run's quarantine is kept aside, hidden from Hive");

        assertEquals(0, ToolRunner.run(lenient, new CleanAccessLogs(), new String[] {"--date", DAY.toString(),
            "--warehouse", dirty.toString()}));
        assertFalse(failed.getParentFile().exists(), "a passing run removes the failed run's quarantine");
    }

    private Configuration withKeyInCredentialProvider(String key, String file) throws IOException {
        Configuration conf = localConf();
        conf.set(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH, "jceks://file" + new File(tmp, file).getAbsolutePath());
        CredentialProvider provider = CredentialProviderFactory.getProviders(conf).get(0);
        provider.createCredentialEntry(Settings.IP_HASH_KEY.key(), key.toCharArray());
        provider.flush();
        Settings.IP_ANONYMIZE.set(conf, "hash");
        return conf;
    }

    @Test
    void aTaskHandedNoCredentialsLooksTheKeyUpWhereTheDriverDid() throws Exception {
        String key = "test-only-key-fedcba9876543210";
        Configuration conf = withKeyInCredentialProvider(key, "task-secrets.jceks");
        AccessLogCleaner cleaner = CleanAccessLogsSettings.cleaner(conf, new Credentials(), "web-1.log");
        byte[] line = "198.51.100.7 - - [24/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 512 \"-\" \"curl/8.5\""
                .getBytes(StandardCharsets.ISO_8859_1);
        assertNull(cleaner.clean(line, line.length));
        assertEquals(IpAnonymizer.of(IpAnonymizer.Mode.HASH, key.getBytes(StandardCharsets.UTF_8)).apply("198.51.100.7"),
                cleaner.pageView().getClientIp());
    }

    @Test
    void hashedAddressesUseTheKeyFromTheCredentialProvider() throws Exception {
        String key = "test-only-key-0123456789abcdef";
        Configuration conf = withKeyInCredentialProvider(key, "secrets.jceks");
        Path root = new Path(new File(tmp, "hashed").toURI());
        GenerateAccessLogs.write(conf, root, DAY, 1, 500, 3, 0);

        CleanAccessLogs.Result result = clean(conf, root, DAY);

        Set<String> expected = new HashSet<>();
        IpAnonymizer hash = IpAnonymizer.of(IpAnonymizer.Mode.HASH, key.getBytes(StandardCharsets.UTF_8));
        AccessLogParser parser = new AccessLogParser(LogFormat.of("combined"));
        ParsedLine parsed = new ParsedLine();
        for (String line : Files.readAllLines(new File(local(Warehouse.partition(root, "raw", "access_logs", DAY)), "web-3.log").toPath(), StandardCharsets.ISO_8859_1)) {
            byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
            if (parser.parse(bytes, bytes.length, parsed) == null) {
                expected.add(hash.apply(parsed.clientIp()));
            }
        }
        Set<String> actual = AvroFiles.readAll(conf, Versions.current(conf, result.output()), new SpecificDatumReader<>(PageView.class)).stream()
                .map(PageView::getClientIp).collect(Collectors.toSet());
        assertFalse(expected.isEmpty());
        assertTrue(actual.containsAll(expected), "addresses of web-3.log hashed with the provider's key");
        assertTrue(actual.stream().allMatch(ip -> ip.matches("[0-9a-f]{32}")));
    }

    @Test
    void hashWithoutAKeyIsAClearError() {
        Configuration conf = localConf();
        Settings.IP_ANONYMIZE.set(conf, "hash");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ToolRunner.run(conf,
                new CleanAccessLogs(), new String[] {"--date", DAY.toString(), "--warehouse", warehouse.toString()}));
        assertTrue(e.getMessage().contains(Settings.IP_HASH_KEY.envVar()), e.getMessage());
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingRuns() {
        for (String date : new String[] {"2026-02-30", "2026-3-28", "2026-03-28/../../etc", "2026-03-28' OR 1=1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ToolRunner.run(localConf(),
                    new CleanAccessLogs(), new String[] {"--date", date, "--warehouse", warehouse.toString()}));
            assertTrue(e.getMessage().contains(date), e.getMessage());
        }
        JobFailedException missing = assertThrows(JobFailedException.class, () -> ToolRunner.run(localConf(),
                new CleanAccessLogs(), new String[] {"--date", "2020-01-01", "--warehouse", warehouse.toString()}));
        assertTrue(missing.getMessage().contains("no raw input for dt=2020-01-01"), missing.getMessage());
    }

    private static File local(Path path) {
        return new File(path.toUri());
    }

    private static Set<String> listing(Path dir) {
        return new TreeSet<>(Arrays.asList(local(dir).list()));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
