package io.clickstream.jobs;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The local file system ({@code file:}, checksums included) for laptop runs, {@code fs.file.impl} in
 * {@code hadoop-local.xml}. Without Hadoop's native library (no Maven artifact ships it) {@link RawLocalFileSystem}
 * forks {@code ls -ld} to read each file's permissions and {@code chmod} to set them: listing a job's 77 input files
 * took 2.5 s here. This one reads and sets them through Java NIO. Anything else is Hadoop's own.
 */
public class NioLocalFileSystem extends LocalFileSystem {

    public NioLocalFileSystem() {
        super(new Raw());
    }

    /** Statuses and permission changes through NIO's POSIX attributes. */
    static final class Raw extends RawLocalFileSystem {

        @Override
        public FileStatus getFileStatus(Path f) throws IOException {
            return withAttributes(super.getFileStatus(f));
        }

        @Override
        public FileStatus[] listStatus(Path f) throws IOException {
            FileStatus[] statuses = super.listStatus(f);
            for (int i = 0; i < statuses.length; i++) {
                statuses[i] = withAttributes(statuses[i]);
            }
            return statuses;
        }

        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission));
        }

        private FileStatus withAttributes(FileStatus status) throws IOException {
            File file = pathToFile(status.getPath());
            PosixFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file.toPath(), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (java.nio.file.NoSuchFileException gone) {
                throw new java.io.FileNotFoundException("File " + status.getPath() + " does not exist");
            }
            return new FileStatus(status.getLen(), status.isDirectory(), status.getReplication(), status.getBlockSize(),
                    status.getModificationTime(), status.getAccessTime(), hadoop(attributes.permissions()),
                    attributes.owner().getName(), attributes.group().getName(), status.getPath());
        }
    }

    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    static FsPermission hadoop(Set<PosixFilePermission> permissions) {
        short mode = 0;
        for (int bit = 0; bit < BITS.length; bit++) {
            if (permissions.contains(BITS[bit])) {
                mode |= (short) (1 << bit);
            }
        }
        return new FsPermission(mode);
    }

    static Set<PosixFilePermission> posix(FsPermission permission) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        short mode = permission.toShort();
        for (int bit = 0; bit < BITS.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(BITS[bit]);
            }
        }
        return permissions;
    }
}
