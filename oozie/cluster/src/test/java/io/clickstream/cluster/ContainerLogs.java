package io.clickstream.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The YARN containers' logs, copied into the test report: a launcher's errors are only in its container's stderr
 * (Oozie may show the action as ERROR with no message at all).
 */
final class ContainerLogs {

    private static final File REPORT = new File("target/surefire-reports/cluster-logs");

    private ContainerLogs() {
    }

    /** Copies every container log into the report directory; returns where, and the tail of each non-empty stderr. */
    static String summary(ClusterInABox cluster) {
        StringBuilder out = new StringBuilder("container logs copied to ").append(REPORT.getAbsolutePath()).append('\n');
        for (File app : cluster.containerLogDirs()) {
            try (Stream<Path> files = Files.walk(app.toPath())) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    Path target = REPORT.toPath().resolve(app.toPath().getParent().relativize(file));
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    if (file.getFileName().toString().equals("stderr") && Files.size(file) > 0) {
                        List<String> lines = Files.readAllLines(file);
                        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
                        if (tail.contains("Exception") || tail.contains("Error")) {
                            out.append("--- ").append(app.toPath().relativize(file)).append(":\n").append(tail).append('\n');
                        }
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // a running container's files come and go while they are copied
                out.append("(could not copy ").append(app).append(": ").append(e.getMessage()).append(")\n");
            }
        }
        return out.toString();
    }
}
