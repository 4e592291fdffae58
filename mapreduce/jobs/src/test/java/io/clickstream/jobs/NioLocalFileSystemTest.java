package io.clickstream.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.io.FileNotFoundException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NIO local file system says what Hadoop's own (which forks ls and chmod) says about the same files. */
class NioLocalFileSystemTest {

    @TempDir
    File tmp;

    @Test
    void statusesAndPermissionsAreHadoopsOwn() throws Exception {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        FileSystem nio = FileSystem.get(new Path(tmp.toURI()).toUri(), conf);
        assertEquals(NioLocalFileSystem.class, nio.getClass(), "hadoop-local.xml's fs.file.impl");
        RawLocalFileSystem hadoop = new RawLocalFileSystem();
        hadoop.initialize(tmp.toURI(), new Configuration());

        Path dir = new Path(tmp.toURI().toString(), "dt=2026-05-04");
        nio.mkdirs(dir, new FsPermission((short) 0750));
        for (short mode : new short[] {0644, 0600, 0755, 0400}) {
            Path file = new Path(dir, "part-" + Integer.toOctalString(mode));
            try (FSDataOutputStream out = nio.create(file, new FsPermission(mode), true, 4096, (short) 1, 1 << 20, null)) {
                out.writeBytes("line\n");
            }
            nio.setPermission(file, new FsPermission(mode));
        }
        FileSystem raw = ((NioLocalFileSystem) nio).getRawFileSystem();
        assertEquals(describe(hadoop.listStatus(dir)), describe(raw.listStatus(dir)), "files and their .crc checksums");
        assertEquals(describe(new FileStatus[] {hadoop.getFileStatus(dir)}), describe(new FileStatus[] {raw.getFileStatus(dir)}));
        assertEquals(new FsPermission((short) 0750), nio.getFileStatus(dir).getPermission());
        assertEquals(List.of("part-400 r--------", "part-600 rw-------", "part-644 rw-r--r--", "part-755 rwxr-xr-x"),
                Arrays.stream(nio.listStatus(dir)).map(s -> s.getPath().getName() + " " + s.getPermission()).sorted().collect(Collectors.toList()),
                "the checksum files hidden, as LocalFileSystem lists them");
        assertThrows(FileNotFoundException.class, () -> nio.getFileStatus(new Path(dir, "missing")));
    }

    private static List<String> describe(FileStatus[] statuses) {
        return Arrays.stream(statuses).map(s -> String.join(" ", s.getPath().getName(), String.valueOf(s.getLen()),
                String.valueOf(s.isDirectory()), s.getPermission().toString(), s.getOwner(), s.getGroup(),
                String.valueOf(s.getModificationTime()))).sorted().collect(Collectors.toList());
    }
}
