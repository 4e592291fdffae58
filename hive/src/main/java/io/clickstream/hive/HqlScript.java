package io.clickstream.hive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An .hql file: its text, and its statements (split at a {@code ;} that ends a line, comments removed). */
public record HqlScript(String name, String text) {

    /** A script shipped in this jar under {@code hql/}. */
    public static HqlScript resource(String path) {
        try (InputStream in = HqlScript.class.getResourceAsStream("/hql/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no script hql/" + path + " in the warehouse jar");
            }
            return new HqlScript(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A script given by path; a bare name like {@code top_pages} means the shipped {@code queries/top_pages.hql}. */
    public static HqlScript query(String nameOrPath) {
        Path file = Path.of(nameOrPath);
        if (Files.isRegularFile(file)) {
            try {
                return new HqlScript(file.toString(), Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!nameOrPath.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("no query file " + nameOrPath);
        }
        return resource("queries/" + nameOrPath + ".hql");
    }

    public List<String> statements(HiveVars vars) {
        StringBuilder current = new StringBuilder();
        List<String> statements = new ArrayList<>();
        for (String line : vars.substitute(text, name).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
