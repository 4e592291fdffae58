package io.clickstream.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clickstream.jobs.JobFailedException;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestTest {

    @TempDir
    File tmp;

    private int ingest(File spool, File warehouse) throws Exception {
        return ToolRunner.run(new Configuration(), new Ingest(), new String[] {"--source", "events", "--date", "2026-11-24",
            "--spool", spool.getPath(), "--warehouse", warehouse.getPath()});
    }

    private static Set<String> visible(File dir) {
        return new TreeSet<>(Arrays.asList(dir.list((d, name) -> !name.startsWith("."))));
    }

    @Test
    void landsEveryFileOnceWithADoneFlagLast() throws Exception {
        File spool = new File(tmp, "spool");
        spool.mkdirs();
        Files.writeString(new File(spool, "events-1.jsonl").toPath(), "{\"a\":1}\n");
        Files.write(new File(spool, "events-2.jsonl.gz").toPath(), new byte[] {31, -117, 8, 0});
        Files.writeString(new File(spool, ".partial.tmp").toPath(), "being written by the exporter");
        File warehouse = new File(tmp, "warehouse");
        File partition = new File(warehouse, "raw/events/dt=2026-11-24");

        assertEquals(0, ingest(spool, warehouse));
        assertEquals(Set.of("_SUCCESS", "events-1.jsonl", "events-2.jsonl.gz"), visible(partition));
        assertArrayEquals(Files.readAllBytes(new File(spool, "events-2.jsonl.gz").toPath()),
                Files.readAllBytes(new File(partition, "events-2.jsonl.gz").toPath()));

        Files.writeString(new File(partition, ".events-3.jsonl.landing-crashed").toPath(), "half");
        Ingest again = new Ingest();
        again.setConf(new Configuration());
        Ingest.Result rerun = again.land(new Path(spool.getPath()), new Path(partition.getPath()));
        assertEquals(0, rerun.landed());
        assertEquals(2, rerun.skipped());
        assertEquals(Set.of(), new TreeSet<>(Arrays.asList(partition.list((d, n) -> n.contains(".landing-")))),
                "a crashed run's temporary file is cleared");
    }

    @Test
    void aDifferentFileUnderALandedNameIsRefused() throws Exception {
        File spool = new File(tmp, "spool");
        spool.mkdirs();
        File file = new File(spool, "events-1.jsonl");
        Files.writeString(file.toPath(), "{\"a\":1}\n");
        File warehouse = new File(tmp, "warehouse");
        ingest(spool, warehouse);
        Files.writeString(file.toPath(), "{\"a\":2}\n", StandardCharsets.UTF_8);
        JobFailedException e = assertThrows(JobFailedException.class, () -> ingest(spool, warehouse));
        assertTrue(e.getMessage().contains("already landed with other content"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ToolRunner.run(new Configuration(), new Ingest(),
                new String[] {"--source", "../etc", "--date", "2026-11-24", "--spool", spool.getPath()}));
    }

    @Test
    void aMissingSpoolDirectoryIsOneLineAndLandsNothing() throws Exception {
        File missing = new File(tmp, "no-such-spool");
        File warehouse = new File(tmp, "warehouse");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ingest(missing, warehouse));
        assertEquals("ingest: the spool directory " + new Path(missing.getPath()) + " does not exist", e.getMessage());
        File aFile = new File(tmp, "a-file");
        Files.writeString(aFile.toPath(), "x");
        e = assertThrows(IllegalArgumentException.class, () -> ingest(aFile, warehouse));
        assertTrue(e.getMessage().endsWith("is a file, not a directory"), e.getMessage());
        assertFalse(new File(warehouse, "raw/events/dt=2026-11-24/_SUCCESS").exists(), "no done-flag for nothing");
    }
}
