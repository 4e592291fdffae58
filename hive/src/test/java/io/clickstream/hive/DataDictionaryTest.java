package io.clickstream.hive;

import io.clickstream.jobs.Datasets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataDictionaryTest {

    private final List<DataDictionary.Entry> entries = new DataDictionary(Path.of("src/main/hql")).entries();

    @Test
    void everyTableViewAndColumnHasADescription() {
        assertEquals(List.of(), DataDictionary.undocumented(entries), "columns without a description (add a doc to the .avsc or a COMMENT)");
        assertEquals(Datasets.TABLES.size() + Datasets.VIEWS.size(), entries.size());
    }

    @Test
    void everyColumnDescriptionFitsTheMetastore() {
        // The metastore keeps a column's comment in VARCHAR(256): a longer one fails CREATE TABLE.
        List<String> tooLong = entries.stream().flatMap(e -> e.columns().stream()
                .filter(c -> c.description().length() > 256).map(c -> e.table() + "." + c.name())).toList();
        assertEquals(List.of(), tooLong, "column docs longer than 256 characters");
    }

    @Test
    void aColumnWithoutDescriptionIsReported() {
        DataDictionary.Entry bare = new DataDictionary.Entry("marts.x", "view", "x", "dt", "", List.of(),
                List.of(new DataDictionary.Column("c", "int", " ")));
        assertEquals(List.of("marts.x.c"), DataDictionary.undocumented(List.of(bare)));
    }

    @Test
    void lineageNamesTheWritingJobAndTheReaders() {
        DataDictionary.Entry sessions = entries.stream().filter(e -> e.table().equals("marts.sessions")).findFirst().orElseThrow();
        assertEquals("sessionize", sessions.writtenBy());
        assertTrue(sessions.readBy().contains("query visitors_per_day (dashboard)"), sessions.readBy().toString());
        assertTrue(sessions.columns().stream().anyMatch(c -> c.name().equals("start_ts") && c.type().equals("timestamp")));
    }

    @Test
    void theCommittedDictionaryIsCurrentInBothCopies() throws Exception {
        DataDictionary.main(new String[] {"target", "src/main/hql"});
        for (String copy : List.of("data-dictionary.md", "data-dictionary.html")) {
            String generated = copy.endsWith(".md") ? DataDictionary.markdown(entries) : DataDictionary.html(entries);
            assertEquals(generated, Files.readString(Path.of("target", copy)), "main writes what the test compares");
            Path committed = Path.of("../docs", copy);
            assertEquals(generated, Files.exists(committed) ? Files.readString(committed) : "",
                    "docs/" + copy + " is out of date: cp hive/target/data-dictionary.{md,html} docs/");
        }
    }
}
