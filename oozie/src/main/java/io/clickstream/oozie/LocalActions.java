package io.clickstream.oozie;

import io.clickstream.jobs.Settings;
import io.clickstream.hive.HiveConnections;
import io.clickstream.hive.HiveVars;
import io.clickstream.hive.HqlScript;
import io.clickstream.jobs.ActionOutput;
import java.io.File;
import java.io.PrintStream;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * What the local runner does for each action type, with this project's code in this JVM: java actions call
 * the main class's {@code public static int runOrThrow(String[])} (its exceptions become the error message), hive2 actions run their script over JDBC, fs
 * actions use the Hadoop file system, e-mail actions go through an SMTP server when the run names one ({@link EmailAction}).
 */
final class LocalActions {

    /**
     * An action that failed; its message is what {@code wf:errorMessage} returns. Bad arguments or configuration (the
     * command's exit status 2) are not retryable: another attempt would fail the same way, only later.
     */
    static final class ActionFailed extends Exception {
        private final boolean retryable;

        ActionFailed(String message) {
            this(message, true);
        }

        ActionFailed(String message, boolean retryable) {
            super(message);
            this.retryable = retryable;
        }

        boolean retryable() {
            return retryable;
        }
    }

    private final File appDir;
    private final File metastore;
    private final PrintStream out;
    private final Configuration conf = new Configuration();

    LocalActions(File appDir, File metastore, PrintStream out) {
        this.appDir = appDir;
        this.metastore = metastore;
        this.out = out;
    }

    /** Parses an action's (EL-resolved) XML. */
    static Element parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
    }

    /**
     * Runs the action; returns its captured output (empty without {@code <capture-output/>}).
     *
     * @param properties the run's properties: what Oozie's server settings are for its e-mail actions
     */
    Map<String, String> run(Element action, Map<String, String> properties) throws Exception {
        prepare(action);
        switch (action.getLocalName()) {
            case "java":
                return java(action);
            case "hive2":
                hive2(action);
                return Map.of();
            case "fs":
                fs(action);
                return Map.of();
            case "email":
                out.printf("         %s%n", EmailAction.send(action, properties));
                return Map.of();
            default:
                throw new ActionFailed("the local runner has no executor for <" + action.getLocalName() + "> actions");
        }
    }

    private void prepare(Element action) throws Exception {
        for (Element prepare : children(action, "prepare")) {
            for (Element step : children(prepare, null)) {
                Path path = new Path(step.getAttribute("path"));
                FileSystem fs = path.getFileSystem(conf);
                if (step.getLocalName().equals("delete")) {
                    fs.delete(path, true);
                } else if (step.getLocalName().equals("mkdir")) {
                    fs.mkdirs(path);
                }
            }
        }
    }

    private Map<String, String> java(Element action) throws Exception {
        String mainClass = text(action, "main-class");
        List<String> args = new ArrayList<>();
        for (Element arg : children(action, "arg")) {
            args.add(arg.getTextContent());
        }
        Method run;
        try {
            run = Class.forName(mainClass).getMethod("runOrThrow", String[].class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new ActionFailed(mainClass + " has no public static int runOrThrow(String[]) the local runner can call");
        }
        boolean capture = !children(action, "capture-output").isEmpty();
        if (!capture) {
            return exitStatus(mainClass, invoke(run, args), null);
        }
        File output = Files.createTempFile("oozie-action-output", ".properties").toFile();
        ActionOutput.useFileForThisThread(output.getAbsolutePath());
        try {
            return exitStatus(mainClass, invoke(run, args), output);
        } finally {
            ActionOutput.useFileForThisThread(null);
            output.delete();
        }
    }

    private static int invoke(Method run, List<String> args) throws Exception {
        try {
            return (Integer) run.invoke(null, (Object) args.toArray(new String[0]));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            boolean badArguments = cause instanceof IllegalArgumentException;
            boolean forPeople = badArguments || cause.getClass().getSimpleName().equals("JobFailedException");
            throw new ActionFailed(forPeople ? cause.getMessage() : cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                    !badArguments);
        }
    }

    private static Map<String, String> exitStatus(String mainClass, int status, File output) throws Exception {
        if (status != 0) {
            throw new ActionFailed(mainClass + " exited with status " + status);
        }
        Map<String, String> captured = new java.util.LinkedHashMap<>();
        if (output != null && output.length() > 0) {
            for (String line : Files.readAllLines(output.toPath())) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    captured.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
        }
        return captured;
    }

    private void hive2(Element action) throws Exception {
        String script = text(action, "script");
        File file = new File(appDir, script);
        HqlScript hql = file.isFile() ? HqlScript.query(file.getPath()) : HqlScript.resource(script.replaceFirst("^hql/", ""));
        HiveVars vars = new HiveVars();
        for (Element param : children(action, "param")) {
            String[] kv = param.getTextContent().split("=", 2);
            vars.set(kv[0], kv.length == 2 ? kv[1] : null);
        }
        try (Connection connection = HiveConnections.open(text(action, "jdbc-url"), metastore);
             Statement st = connection.createStatement()) {
            for (String statement : hql.statements(vars)) {
                st.execute(statement);
            }
        }
    }

    private void fs(Element action) throws Exception {
        for (Element step : children(action, null)) {
            if (Set.of("name-node", "job-xml", "configuration", "resource-manager").contains(step.getLocalName())) {
                continue; // merged in from <global>
            }
            Path path = new Path(step.hasAttribute("path") ? step.getAttribute("path") : step.getAttribute("source"));
            FileSystem fs = path.getFileSystem(conf);
            switch (step.getLocalName()) {
                case "mkdir" -> fs.mkdirs(path);
                case "delete" -> fs.delete(path, true);
                case "touchz" -> fs.create(path, true).close();
                case "move" -> fs.rename(path, new Path(step.getAttribute("target")));
                default -> throw new ActionFailed("fs <" + step.getLocalName() + "> is not supported locally");
            }
        }
    }

    static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().strip();
    }

    /** Child elements by local name; all of them when {@code name} is null. */
    static List<Element> children(Element parent, String name) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || name.equals(e.getLocalName()))) {
                elements.add(e);
            }
        }
        return elements;
    }

    static void useMetastore(File metastore) {
        System.setProperty(Settings.METASTORE.key(), metastore.getAbsolutePath());
    }
}
