package io.clickstream.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command line run to its end in a process of its own, its output kept in a log file. */
public final class Commands {

    private Commands() {
    }

    /**
     * Runs {@code command} in {@code dir} with {@code env} added to this process's environment; returns its output, or
     * throws with the whole of it when it exits non-zero or runs past {@code timeoutMinutes}.
     */
    public static String run(List<String> command, File dir, Map<String, String> env, File log, long timeoutMinutes)
            throws IOException, InterruptedException {
        log.getParentFile().mkdirs();
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir).redirectErrorStream(true).redirectOutput(log);
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in " + timeoutMinutes + " min; see " + log);
        }
        String output = Files.readString(log.toPath());
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + output);
        }
        return output;
    }
}
