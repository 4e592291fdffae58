package io.clickstream.jobs;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Creating a file only if it does not exist, atomically, so that of two writers racing for a name exactly one wins:
 * {@code create} without overwrite is atomic on HDFS (the NameNode decides); on the local file system Hadoop checks and
 * then creates, so there it is done with {@code O_EXCL}. (Object stores without conditional writes cannot do it.)
 */
public final class ExclusiveFiles {

    private ExclusiveFiles() {
    }

    /** @return false when the file already exists (nothing written) */
    public static boolean create(FileSystem fs, Path path, byte[] content) throws IOException {
        if ("file".equals(fs.getUri().getScheme())) {
            File file = new File(fs.makeQualified(path).toUri());
            try {
                Files.write(file.toPath(), content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
        }
        try (OutputStream out = fs.create(path, false)) {
            out.write(content);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException taken) {
            return false;
        }
    }
}
