package io.clickstream.cluster;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One of the launchers the build writes ({@code oozie/target/bin/run}, {@code hive/target/bin/warehouse}), as a process. */
final class Launcher {

    private Launcher() {
    }

    /** Runs {@code launcher args} in {@code dir}; returns its output, or fails with it. */
    static String run(File launcher, File dir, long timeoutMinutes, String... args) throws IOException, InterruptedException {
        if (!launcher.canExecute()) {
            throw new IOException("no launcher " + launcher + " (mvn package writes it)");
        }
        List<String> command = new ArrayList<>(List.of(launcher.getAbsolutePath()));
        command.addAll(List.of(args));
        dir.mkdirs();
        return Commands.run(command, dir, Map.of(), new File(dir, launcher.getName() + "-" + System.nanoTime() + ".log"),
                timeoutMinutes);
    }
}
