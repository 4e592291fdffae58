package io.clickstream.oozie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.Main;
import io.clickstream.dimensions.Dimension;
import io.clickstream.jobs.Dataset;
import io.clickstream.jobs.Datasets;
import io.clickstream.jobs.Warehouse;
import io.clickstream.marts.Mart;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The dataset catalogue ({@link Datasets}) against the hand-written places that name datasets: the Avro schemas,
 * the Hive DDL and checks, the coordinator's datasets, the README's layout table, and the enums of dimensions and
 * marts. A dataset added, renamed or dropped in one place and not in the others fails here, naming it.
 */
class DatasetCatalogueTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyTableHasItsSchemaDdlAndChecksAndNothingIsLeftOver() throws IOException {
        Set<String> schemas = names(ROOT.resolve("src/main/avro"), ".avsc");
        Set<String> ddl = names(ROOT.resolve("hive/src/main/hql/ddl"), ".hql");
        Set<String> checks = names(ROOT.resolve("hive/src/main/hql/ddl"), ".checks");
        for (Dataset table : Datasets.TABLES) {
            assertTrue(schemas.contains(table.schema()), table + ": no src/main/avro/" + table.schema() + ".avsc");
            assertTrue(ddl.contains(table.table()), table + ": no hql/ddl/" + table.table() + ".hql");
            assertTrue(checks.contains(table.table()), table + ": no hql/ddl/" + table.table() + ".checks");
        }
        Set<String> used = Datasets.TABLES.stream().map(Dataset::schema).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(schemas, used, "every schema belongs to a dataset");
        Set<String> declared = new TreeSet<>(Datasets.VIEWS);
        Datasets.TABLES.forEach(t -> declared.add(t.table()));
        declared.add("00_databases");
        assertEquals(declared, ddl, "every DDL file is a catalogued table or view");
        assertEquals(Datasets.TABLES.stream().map(Dataset::table).collect(Collectors.toCollection(TreeSet::new)), checks);
    }

    @Test
    void theCoordinatorWaitsForEveryRawDatasetUnderItsCataloguedPath() throws Exception {
        Map<String, String> templates = new TreeMap<>();
        NodeList datasets = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new File(ROOT.toFile(), "oozie/src/main/app/coordinator.xml")).getElementsByTagName("dataset");
        for (int i = 0; i < datasets.getLength(); i++) {
            Element dataset = (Element) datasets.item(i);
            templates.put(dataset.getAttribute("name"),
                    dataset.getElementsByTagName("uri-template").item(0).getTextContent().strip());
        }
        Map<String, String> expected = new TreeMap<>();
        for (Dataset raw : Datasets.ALL) {
            if (raw.zone().equals(Warehouse.RAW)) {
                expected.put("raw_" + raw.name(), "${warehouse}/raw/" + raw.name() + "/dt=${YEAR}-${MONTH}-${DAY}");
            }
        }
        expected.put("published", "${warehouse}/published/dt=${YEAR}-${MONTH}-${DAY}");
        assertEquals(expected, templates);
    }

    @Test
    void theStreamingCoordinatorsWaitForHoursUnderTheCataloguedPaths() throws Exception {
        Map<String, String> expected = new TreeMap<>();
        for (Dataset hourly : Datasets.HOURLY) {
            expected.put(hourly.name(), "${warehouse}/" + hourly.zone() + "/" + hourly.name()
                    + "/dt=${YEAR}-${MONTH}-${DAY}/hour=${HOUR}");
            Dataset raw = Datasets.ALL.stream().filter(d -> d.zone().equals(Warehouse.RAW)
                    && d.readBy().contains(hourly.writtenBy())).findFirst().orElseThrow();
            expected.put("raw_" + raw.name(), "${warehouse}/raw/" + raw.name() + "/dt=${YEAR}-${MONTH}-${DAY}/hour=${HOUR}");
        }
        for (String coordinator : List.of("hourly/coordinator.xml", "daily-streamed/coordinator.xml")) {
            NodeList datasets = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new File(ROOT.toFile(), "oozie/src/main/app/" + coordinator)).getElementsByTagName("dataset");
            for (int i = 0; i < datasets.getLength(); i++) {
                Element dataset = (Element) datasets.item(i);
                String template = dataset.getElementsByTagName("uri-template").item(0).getTextContent().strip();
                if (template.endsWith("/hour=${HOUR}")) {
                    assertEquals(expected.get(dataset.getAttribute("name")), template, coordinator + " " + dataset.getAttribute("name"));
                }
            }
        }
    }

    @Test
    void theReadmeLayoutTableListsEachZonesDatasets() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        List<String> missing = new ArrayList<>();
        for (Dataset dataset : Datasets.ALL) {
            Matcher row = Pattern.compile("(?m)^\\| " + dataset.zone() + " \\| (.*)$").matcher(readme);
            if (!row.find() || !row.group(1).contains(dataset.name())) {
                missing.add(dataset.zone() + "/" + dataset.name());
            }
        }
        assertEquals(List.of(), missing, "README.md's warehouse directory table");
    }

    @Test
    void writersAndReadersAreCommandsAndTheEnumsNameCataloguedDatasets() {
        Set<String> commands = new TreeSet<>(Main.commands());
        commands.addAll(List.of("analysts", "dashboard"));
        for (Dataset dataset : Datasets.ALL) {
            assertTrue(commands.contains(dataset.writtenBy()), dataset + " written by " + dataset.writtenBy());
            dataset.readBy().forEach(reader -> assertTrue(commands.contains(reader), dataset + " read by " + reader));
        }
        for (Dimension dimension : Dimension.values()) {
            Stream.of(Warehouse.RAW, Warehouse.CLEAN, Warehouse.QUARANTINE).forEach(zone -> Datasets.of(zone, dimension.dataset()));
        }
        for (Mart mart : Mart.values()) {
            assertEquals("marts", Datasets.of(Warehouse.MARTS, mart.dataset()).writtenBy());
        }
    }

    private static Set<String> names(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length())).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
