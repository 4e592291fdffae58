package io.clickstream.ingest.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HourCompactionTest {

    @TempDir
    File hour;

    private void write(String name, String text) throws Exception {
        Files.writeString(new File(hour, name).toPath(), text, StandardCharsets.ISO_8859_1);
    }

    private List<String> visible() {
        String[] names = hour.list((dir, name) -> !name.startsWith(".") && !name.startsWith("_"));
        Arrays.sort(names);
        return Arrays.asList(names);
    }

    @Test
    void anHoursFilesBecomeOneWithTheSameBytesInNameOrder() throws Exception {
        write("access_logs-0-000000000000.log", "a 1\na 2\n");
        write("access_logs-0-000000000002.log", "a \u00e9 3\n\n");
        write("access_logs-1-000000000000.log", "b 1\nb without a line break");
        write("_SUCCESS.not-yet", "");

        assertEquals(3, HourCompaction.compact(new Configuration(), new Path(hour.toURI())));

        assertEquals(List.of(HourCompaction.COMPACTED), visible());
        assertEquals("a 1\na 2\na \u00e9 3\n\nb 1\nb without a line break",
                Files.readString(new File(hour, HourCompaction.COMPACTED).toPath(), StandardCharsets.ISO_8859_1));
        assertEquals(0, HourCompaction.compact(new Configuration(), new Path(hour.toURI())), "done once");
    }

    @Test
    void aCompactionInterruptedAfterItsRenameIsFinishedNotRepeated() throws Exception {
        write("x-0-000000000000.log", "1\n");
        write("x-1-000000000000.log", "2\n");
        write(HourCompaction.COMPACTED, "1\n2\n");
        write("_compaction", "x-0-000000000000.log\nx-1-000000000000.log\n");

        HourCompaction.compact(new Configuration(), new Path(hour.toURI()));

        assertEquals(List.of(HourCompaction.COMPACTED), visible());
        assertEquals("1\n2\n", Files.readString(new File(hour, HourCompaction.COMPACTED).toPath()));
    }

    @Test
    void aCompactionInterruptedBeforeItsRenameStartsAgain() throws Exception {
        write("x-0-000000000000.log", "1\n");
        write("x-1-000000000000.log", "2\n");
        write(".compacted.log.copying", "1\n");
        write("_compaction", "x-0-000000000000.log\nx-1-000000000000.log\n");

        assertEquals(2, HourCompaction.compact(new Configuration(), new Path(hour.toURI())));

        assertEquals(List.of(HourCompaction.COMPACTED), visible());
        assertEquals("1\n2\n", Files.readString(new File(hour, HourCompaction.COMPACTED).toPath()));
    }
}
