package io.clickstream.jobs;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Oozie's {@code <capture-output/>}: a java action writes key=value lines to the file named by the system
 * property {@code oozie.action.output.properties}, and the workflow reads them with {@code wf:actionData}.
 * An in-process runner, where parallel actions share the system properties, names the file per thread.
 */
public final class ActionOutput {

    public static final String PROPERTY = "oozie.action.output.properties";
    private static final ThreadLocal<String> THREAD_FILE = new ThreadLocal<>();

    private ActionOutput() {
    }

    /** For in-process runners: the file this thread's action writes to, or null to clear. */
    public static void useFileForThisThread(String file) {
        if (file == null) {
            THREAD_FILE.remove();
        } else {
            THREAD_FILE.set(file);
        }
    }

    /** Whether this code runs as an Oozie action that captures its output. */
    public static boolean captured() {
        return file() != null;
    }

    /** Writes the values when the output is captured; does nothing otherwise. */
    public static void write(Map<String, ?> values) throws IOException {
        String file = file();
        if (file == null) {
            return;
        }
        try (Writer out = Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8)) {
            for (Map.Entry<String, ?> e : values.entrySet()) {
                out.write(e.getKey() + "=" + e.getValue() + "\n");
            }
        }
    }

    private static String file() {
        String file = THREAD_FILE.get();
        return file != null ? file : System.getProperty(PROPERTY);
    }
}
