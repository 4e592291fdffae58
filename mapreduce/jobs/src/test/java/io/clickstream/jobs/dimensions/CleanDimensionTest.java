package io.clickstream.jobs.dimensions;

import io.clickstream.jobs.Versions;
import io.clickstream.jobs.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.avro.Customer;
import io.clickstream.avro.Product;
import io.clickstream.avro.QuarantineRecord;
import io.clickstream.dimensions.Dimension;
import io.clickstream.dimensions.DimensionRejectReason;
import io.clickstream.generate.EventGenerator;
import io.clickstream.generate.GenerateDimensions;
import io.clickstream.generate.GenerateDimensions.Snapshot;
import io.clickstream.jobs.AvroFiles;
import io.clickstream.jobs.JobFailedException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.security.PrivilegedAction;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificDatumReader;
import io.clickstream.generate.SampleRun;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * clean-dimension on the LocalJobRunner: from generated CSV exports, and over JDBC from a real PostgreSQL
 * 16 started once for the class on a loopback port.
 */
class CleanDimensionTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final String USER = "shop_reader";
    private static final String PASSWORD = "test-only-" + Long.toHexString(System.nanoTime());

    @TempDir
    static File tmp;
    private static Configuration conf;
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        conf = SampleRun.local(new Configuration());
        postgres = EmbeddedPostgres.builder().setDataDirectory(new File(tmp, "pg")).setCleanDataDirectory(true).start();
        // The shop's reader must log in with its password (the embedded server trusts everybody by default).
        Files.writeString(new File(tmp, "pg/pg_hba.conf").toPath(), String.join("\n",
                "local all all trust", "host all postgres 127.0.0.1/32 trust", "host all postgres ::1/128 trust",
                "host all all 127.0.0.1/32 scram-sha-256", "host all all ::1/128 scram-sha-256", ""));
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
            st.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            st.execute("CREATE DATABASE shop OWNER " + USER);
            st.execute("SELECT pg_reload_conf()");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static Path root(String name) {
        return new Path(new File(tmp, name).toURI().toString());
    }

    /** The test's configuration with the reader's password in a credential provider of its own. */
    private static Configuration withPassword(String provider) throws Exception {
        Configuration withSecret = new Configuration(conf);
        withSecret.set("hadoop.security.credential.provider.path",
                "jceks://file" + new File(tmp, provider + ".jceks").getAbsolutePath());
        var credentials = org.apache.hadoop.security.alias.CredentialProviderFactory.getProviders(withSecret).get(0);
        credentials.createCredentialEntry(Settings.JDBC_PASSWORD.key(), PASSWORD.toCharArray());
        credentials.flush();
        return withSecret;
    }

    private static Map<DimensionRejectReason, Long> reasons(Path quarantine) throws Exception {
        Map<DimensionRejectReason, Long> reasons = new EnumMap<>(DimensionRejectReason.class);
        AvroFiles.forEach(conf, Versions.current(conf, quarantine), new SpecificDatumReader<>(QuarantineRecord.class),
                q -> reasons.merge(DimensionRejectReason.valueOf(q.getReason()), 1L, Long::sum));
        return reasons;
    }

    @Test
    void csvExportsBecomeSnapshotsWithTheBrokenRowsQuarantined() throws Exception {
        Path root = root("csv");
        List<Snapshot> planted = GenerateDimensions.writeCsv(conf, root, DAY, 1, 4, 0.02);
        for (Snapshot snapshot : planted) {
            CleanDimension job = new CleanDimension();
            job.setConf(conf);
            CleanDimension.Result result = job.run(snapshot.dimension(), DAY, root, null, null);

            assertEquals(snapshot.rows(), result.accounting().read(), snapshot.dimension().name());
            assertEquals(snapshot.expectedAccepted(), result.accounting().accepted());
            assertEquals(snapshot.expectedQuarantine(), reasons(result.quarantine()));
            assertTrue(snapshot.expectedQuarantine().size() >= 3, "the sample breaks rows in several ways");
        }
        List<Product> products = AvroFiles.readAll(conf, Versions.current(conf, new Path(root, "clean/products/dt=" + DAY)),
                new SpecificDatumReader<>(Product.class));
        assertTrue(products.stream().anyMatch(p -> p.getName().contains("\"Cloud\", white")), "quotes and commas survive");
        assertTrue(products.stream().anyMatch(p -> p.getName().contains("Gift set\n(boxed)")), "line breaks survive");
        Product p7 = products.stream().filter(p -> p.getProductId().equals("P0007")).findFirst().orElseThrow();
        assertEquals(EventGenerator.price(7), p7.getListPrice(), "the same price the events use");
    }

    @Test
    void aHeaderWithoutARequiredColumnFailsWithTheFileAndColumnNamed() throws Exception {
        Path root = root("bad-header");
        File dir = new File(new File(root.toUri()), "raw/customers/dt=" + DAY);
        dir.mkdirs();
        Files.writeString(new File(dir, "customers.csv").toPath(), "customer_id,country,segment\nC00001,DE,vip\n");
        CleanDimension job = new CleanDimension();
        job.setConf(conf);
        JobFailedException e = assertThrows(JobFailedException.class, () -> job.run(Dimension.CUSTOMERS, DAY, root, null, null));
        assertTrue(e.getMessage().startsWith("clean-dimension customers for dt=" + DAY + " failed: file:"), e.getMessage());
        assertTrue(e.getMessage().contains("customers.csv: the header lacks the column(s) [signup_date, updated_at] of"
                + " customers"), "the file and the missing columns are named: " + e.getMessage());
        assertTrue(e.getMessage().contains("nothing was published"), e.getMessage());
        assertFalse(e.getMessage().contains(": NA "), e.getMessage());
        assertFalse(new File(new File(root.toUri()), "clean/customers/dt=" + DAY).exists());
    }

    private static String customer(int i) {
        return String.format("C%05d,DE,consumer,2020-01-01,2026-11-24T00:00:00Z", i);
    }

    /** One broken quote costs one row, never the rest of the file; a quoted field cannot span the file either. */
    @Test
    void aStrayOrUnclosedQuoteCostsOneRow() throws Exception {
        Path root = root("stray-quote");
        File dir = new File(new File(root.toUri()), "raw/customers/dt=" + DAY);
        dir.mkdirs();
        StringBuilder csv = new StringBuilder("customer_id,country,segment,signup_date,updated_at\n");
        for (int i = 1; i <= 300; i++) {
            csv.append(i == 5 ? customer(i).replace(",DE,", ",D\"E,") : i == 50 ? customer(i).replace(",consumer,", ",\"consumer,")
                    : customer(i)).append('\n');
        }
        Files.writeString(new File(dir, "customers.csv").toPath(), csv);
        CleanDimension job = new CleanDimension();
        job.setConf(conf);
        CleanDimension.Result result = job.run(Dimension.CUSTOMERS, DAY, root, null, null);
        assertEquals(300, result.accounting().read());
        assertEquals(298, result.accounting().accepted());
        assertEquals(Map.of(DimensionRejectReason.MALFORMED_CSV, 2L), reasons(result.quarantine()));
    }

    /** A snapshot holds each key once, settled by updated_at, never by the order rows happened to arrive in. */
    @Test
    void aKeyGivenTwiceIsSettledByUpdatedAtAndTheLoserQuarantined() throws Exception {
        Path root = root("duplicate-keys");
        File dir = new File(new File(root.toUri()), "raw/customers/dt=" + DAY);
        dir.mkdirs();
        Files.writeString(new File(dir, "customers.csv").toPath(), "customer_id,country,segment,signup_date,updated_at\n"
                + "C00001,DE,consumer,2020-01-01,2026-11-24T00:00:00Z\n"
                + "C00002,DE,vip,2020-01-01,2026-11-24T08:00:00Z\n"
                + "C00003,NL,vip,2020-01-01,2026-11-24T00:00:00Z\n"
                + "C00001,DE,consumer,2020-01-01,2026-11-24T00:00:00Z\n"
                + "C00002,DE,consumer,2020-01-01,2026-11-23T00:00:00Z\n"
                + "C00003,NL,business,2020-01-01,2026-11-24T00:00:00Z\n"
                + "C00004,FR,consumer,2020-01-01,2026-11-24T00:00:00Z\n");
        Configuration lenient = new Configuration(conf);
        Settings.QUARANTINE_MAX_SHARE.set(lenient, "1");
        CleanDimension job = new CleanDimension();
        job.setConf(lenient);
        CleanDimension.Result result = job.run(Dimension.CUSTOMERS, DAY, root, null, null);

        assertEquals(7, result.accounting().read());
        assertEquals(1, result.accounting().duplicates(), "a copy of a row is a duplicate");
        assertEquals(3, result.accounting().accepted());
        Map<String, String> segments = AvroFiles.readAll(conf, Versions.current(conf, result.output()), new SpecificDatumReader<>(Customer.class))
                .stream().collect(java.util.stream.Collectors.toMap(Customer::getCustomerId, Customer::getSegment));
        assertEquals(Map.of("C00001", "consumer", "C00002", "vip", "C00004", "consumer"), segments);
        List<QuarantineRecord> quarantined = AvroFiles.readAll(conf, Versions.current(conf, result.quarantine()),
                new SpecificDatumReader<>(QuarantineRecord.class));
        assertEquals(3, quarantined.size());
        for (QuarantineRecord record : quarantined) {
            assertEquals("DUPLICATE_KEY", record.getReason());
        }
        QuarantineRecord older = quarantined.stream().filter(q -> q.getMessage().startsWith("customer_id C00002"))
                .findFirst().orElseThrow();
        assertEquals("C00002,DE,consumer,2020-01-01,2026-11-23T00:00:00Z", StandardCharsets.UTF_8.decode(older.getRaw())
                .toString());
        assertTrue(older.getMessage().contains("the one updated last (2026-11-24T08:00:00Z, offset 102 of "),
                older.getMessage());
        assertTrue(quarantined.stream().filter(q -> q.getMessage().startsWith("customer_id C00003")).allMatch(q ->
                q.getMessage().endsWith("2 of them updated last at 2026-11-24T00:00:00Z: none can be chosen")));
    }

    @Test
    void lineBreaksInsideQuotedFieldsAreKeptAsWritten() throws Exception {
        Path root = root("crlf");
        File dir = new File(new File(root.toUri()), "raw/products/dt=" + DAY);
        dir.mkdirs();
        Files.writeString(new File(dir, "products.csv").toPath(), "product_id,name,category,list_price,currency,active,"
                + "updated_at\r\nP0001,\"Gift set\r\n(boxed)\",bags,12.00,EUR,true,2026-11-24T00:00:00Z\r\n"
                + "P0002,\"Cap\nwith a line feed\",hats,5.00,EUR,true,2026-11-24T00:00:00Z\r\n");
        CleanDimension job = new CleanDimension();
        job.setConf(conf);
        job.run(Dimension.PRODUCTS, DAY, root, null, null);
        List<String> names = AvroFiles.readAll(conf, Versions.current(conf, new Path(root, "clean/products/dt=" + DAY)),
                new SpecificDatumReader<>(Product.class)).stream().map(Product::getName).sorted().toList();
        assertEquals(List.of("Cap\nwith a line feed", "Gift set\r\n(boxed)"), names);
    }

    @Test
    void anEmptyOrHeaderOnlyExportIsRefusedUnlessAllowed() throws Exception {
        Path root = root("header-only");
        File dir = new File(new File(root.toUri()), "raw/customers/dt=" + DAY);
        dir.mkdirs();
        Files.writeString(new File(dir, "customers.csv").toPath(), "customer_id,country,segment,signup_date,updated_at\n");
        CleanDimension job = new CleanDimension();
        job.setConf(conf);
        JobFailedException refused = assertThrows(JobFailedException.class,
                () -> job.run(Dimension.CUSTOMERS, DAY, root, null, null));
        assertTrue(refused.getMessage().contains("the export has no rows (empty, or a header only)"), refused.getMessage());
        assertFalse(new File(new File(root.toUri()), "clean/customers/dt=" + DAY).exists(), "nothing published");
        Configuration allowed = new Configuration(conf);
        Settings.DIMENSIONS_ALLOW_EMPTY_EXPORT.set(allowed, "true");
        CleanDimension permitted = new CleanDimension();
        permitted.setConf(allowed);
        assertEquals(0, permitted.run(Dimension.CUSTOMERS, DAY, root, null, null).accounting().read());
        assertTrue(new File(new File(Versions.current(conf, new Path(root, "clean/customers/dt=" + DAY)).toUri()), "_SUCCESS").exists());
    }

    @Test
    void extractsTheTablesOfARealPostgresqlOverJdbc() throws Exception {
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/shop";
        List<Snapshot> planted;
        try (Connection db = java.sql.DriverManager.getConnection(url, USER, PASSWORD)) {
            planted = GenerateDimensions.seed(db, DAY, 4, 0.02);
        }
        Path root = root("jdbc");
        Configuration withSecret = withPassword("jdbc");

        for (Snapshot snapshot : planted) {
            CleanDimension job = new CleanDimension();
            job.setConf(withSecret);
            CleanDimension.Result result = job.run(snapshot.dimension(), DAY, root, url, USER);
            assertEquals(snapshot.rows(), result.accounting().read(), snapshot.dimension().name());
            assertEquals(snapshot.expectedAccepted(), result.accounting().accepted());
            assertEquals(snapshot.expectedQuarantine(), reasons(result.quarantine()));
        }
        List<Customer> customers = AvroFiles.readAll(conf, Versions.current(conf, new Path(root, "clean/customers/dt=" + DAY)),
                new SpecificDatumReader<>(Customer.class));
        assertEquals(customers.size(), customers.stream().map(Customer::getCustomerId).distinct().count());
        assertTrue(customers.stream().allMatch(c -> c.getCountry().length() == 2));
        List<Product> products = AvroFiles.readAll(conf, Versions.current(conf, new Path(root, "clean/products/dt=" + DAY)),
                new SpecificDatumReader<>(Product.class));
        assertEquals(new BigDecimal("12.34").scale(), products.get(0).getListPrice().scale());

        CleanDimension noPassword = new CleanDimension();
        noPassword.setConf(conf);
        Exception refused = UserGroupInformation.createRemoteUser("someone-without-the-secret").doAs(
                (PrivilegedAction<Exception>) () -> assertThrows(Exception.class,
                        () -> noPassword.run(Dimension.CUSTOMERS, DAY, root("nopw"), url, USER)));
        assertInstanceOf(JobFailedException.class, refused);
        assertEquals("clean-dimension: cannot read customers from " + url + " as " + USER + ": The server requested"
                + " SCRAM-based authentication, but no password was provided. (SQLState 08004)", refused.getMessage());
        assertFalse(refused.getMessage().contains(PASSWORD));
        IllegalArgumentException inUrl = assertThrows(IllegalArgumentException.class, () -> noPassword.run(
                Dimension.CUSTOMERS, DAY, root("x"), url.replace("//", "//" + USER + ":" + PASSWORD + "@"), USER));
        assertFalse(inUrl.getMessage().contains(PASSWORD), inUrl.getMessage());
    }

    @Test
    void anUnreachableDatabaseFailsWithOneLineNamingIt() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/shop";
        CleanDimension job = new CleanDimension();
        job.setConf(conf);
        JobFailedException failed = assertThrows(JobFailedException.class,
                () -> job.run(Dimension.PRODUCTS, DAY, root("unreachable"), url, USER));
        assertEquals("clean-dimension: cannot read products from " + url + " as " + USER + ": Connection to 127.0.0.1:"
                + closedPort + " refused. Check that the hostname and port are correct and that the postmaster is"
                + " accepting TCP/IP connections. (SQLState 08001)", failed.getMessage());
    }

    @Test
    void aTableWithoutADeclaredColumnFailsWithTheDatabasesWords() throws Exception {
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/shop";
        try (Connection db = java.sql.DriverManager.getConnection(url, USER, PASSWORD); Statement st = db.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS narrow");
            st.execute("CREATE TABLE IF NOT EXISTS narrow.products (product_id text)");
        }
        CleanDimension job = new CleanDimension();
        job.setConf(withPassword("narrow"));
        JobFailedException failed = assertThrows(JobFailedException.class,
                () -> job.run(Dimension.PRODUCTS, DAY, root("narrow"), url + "?currentSchema=narrow", USER));
        assertTrue(failed.getMessage().contains("column \"name\" does not exist"), failed.getMessage());
    }
}
