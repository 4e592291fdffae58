package io.clickstream.ingest.kafka;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A log file followed the way Filebeat and Fluent Bit follow one: by its identity (device and inode), not its name.
 * Only complete lines are handed out, each with the position after it. When the name moves on to a new file (logrotate's
 * rename and create), the old file is read to its end first (a line it ends without a line break included: nothing
 * more will come), then the new one from its start. A file that shrank below the position (copytruncate) is read again
 * from its start. A saved position of a file rotated away meanwhile is looked up among the name's siblings
 * ({@code access.log.1}), so lines written just before a rotation while the shipper was down are not skipped.
 * Limit (shared with those shippers): a copytruncate followed by more bytes than were shipped before the next poll
 * looks like growth, not truncation.
 */
final class TailedFile implements Closeable {

    /** Where shipping stands in a file: its identity and the offset after the last line handed out. */
    record Position(String fileKey, long offset) {
    }

    /** A complete line (without its line break) and the position after it. */
    record Line(byte[] bytes, Position after) {
    }

    private static final int CHUNK = 1 << 20;

    private final Path path;
    private FileChannel channel;
    private String key;
    private long offset;
    private long truncations;

    TailedFile(Path path, Position saved) throws IOException {
        this.path = path;
        if (saved != null) {
            Path holder = findByKey(saved.fileKey());
            if (holder != null) {
                open(holder);
                offset = saved.offset();
                if (channel.size() < offset) {
                    truncations++;
                    offset = 0;
                }
            }
        }
    }

    Path path() {
        return path;
    }

    /** How often the file was found shorter than what had been read: truncated in place. */
    long truncations() {
        return truncations;
    }

    /** Up to {@code maxLines} complete lines from the position on; empty when there are none (yet). */
    List<Line> poll(int maxLines) throws IOException {
        List<Line> lines = new ArrayList<>();
        while (lines.size() < maxLines) {
            if (channel == null && !openCurrent()) {
                return lines;
            }
            if (channel.size() < offset) {
                truncations++;
                offset = 0;
            }
            int before = lines.size();
            boolean atEnd = read(lines, maxLines);
            if (lines.size() > before && !atEnd) {
                continue;
            }
            if (!atEnd || !rotated()) {
                return lines;
            }
            if (channel.size() > offset && lines.size() < maxLines) {
                lines.add(rest());
            }
            if (channel.size() == offset) {
                channel.close();
                channel = null;
            }
        }
        return lines;
    }

    /** Reads complete lines into {@code lines}; true when no complete line is left after them. */
    private boolean read(List<Line> lines, int maxLines) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(1, channel.size() - offset)));
        while (lines.size() < maxLines) {
            buffer.clear();
            int n = channel.read(buffer, offset);
            if (n <= 0) {
                return true;
            }
            byte[] bytes = buffer.array();
            int start = 0;
            for (int i = 0; i < n && lines.size() < maxLines; i++) {
                if (bytes[i] == '\n') {
                    offset += i + 1 - start;
                    lines.add(new Line(Arrays.copyOfRange(bytes, start, i), new Position(key, offset)));
                    start = i + 1;
                }
            }
            if (start < n && lines.size() < maxLines) {
                if (offset + (n - start) >= channel.size()) {
                    return true; // what is left is a line still being written
                }
                if (start == 0) {
                    buffer = ByteBuffer.allocate(buffer.capacity() * 2); // a line longer than the buffer
                }
            }
        }
        return false;
    }

    /** The last line of a rotated file, which ends without a line break. */
    private Line rest() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) (channel.size() - offset));
        while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
            // read it all
        }
        offset += buffer.position();
        return new Line(Arrays.copyOf(buffer.array(), buffer.position()), new Position(key, offset));
    }

    /** Whether the name now belongs to another file than the one read. */
    private boolean rotated() throws IOException {
        String current = keyOf(path);
        return current != null && !current.equals(key);
    }

    private boolean openCurrent() throws IOException {
        try {
            open(path);
            offset = 0;
            return true;
        } catch (NoSuchFileException notYet) {
            return false;
        }
    }

    private void open(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.READ);
        key = keyOf(file);
    }

    private Path findByKey(String fileKey) throws IOException {
        if (fileKey.equals(keyOf(path))) {
            return path;
        }
        Path dir = path.toAbsolutePath().getParent();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir, path.getFileName() + ".*")) {
            for (Path sibling : siblings) {
                if (fileKey.equals(keyOf(sibling))) {
                    return sibling;
                }
            }
        }
        return null;
    }

    private static String keyOf(Path file) throws IOException {
        try {
            Object fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return fileKey == null ? file.toRealPath().toString() : fileKey.toString();
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
