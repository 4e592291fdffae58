package io.clickstream.oozie;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.oozie.service.SchemaService;
import org.apache.oozie.service.Services;
import org.apache.oozie.workflow.WorkflowException;
import org.apache.oozie.service.LiteWorkflowStoreService.LiteActionHandler;
import org.apache.oozie.service.LiteWorkflowStoreService.LiteControlNodeHandler;
import org.apache.oozie.service.LiteWorkflowStoreService.LiteDecisionHandler;
import org.apache.oozie.workflow.lite.LiteWorkflowApp;
import org.apache.oozie.workflow.lite.LiteWorkflowAppParser;

/**
 * Oozie's own workflow parser, offline: a minimal {@link Services} (schemas, EL, actions) in a private
 * directory, then {@link LiteWorkflowAppParser#validateAndParse}, which also checks the graph (undefined
 * transitions, fork/join pairing) that the XSDs cannot.
 */
public final class OozieParser {

    private static Services services;

    private OozieParser() {
    }

    /** Starts Oozie's schema, EL and action services once per JVM, with their files under {@code dir}. */
    public static synchronized void start(File dir) throws Exception {
        if (services != null || Services.get() != null) {
            services = services != null ? services : Services.get();
            return;
        }
        File conf = new File(dir, "conf");
        new File(conf, "action-conf").mkdirs();
        Files.writeString(new File(conf, "oozie-site.xml").toPath(), "<configuration>"
                + "<property><name>oozie.services</name><value>org.apache.oozie.service.SchemaService,"
                + "org.apache.oozie.service.ELService,org.apache.oozie.service.ActionService</value></property>"
                + "<property><name>oozie.service.ActionService.executor.ext.classes</name>"
                + "<value>org.apache.oozie.action.email.EmailActionExecutor,org.apache.oozie.action.hadoop.Hive2ActionExecutor,"
                + "org.apache.oozie.action.hadoop.ShellActionExecutor</value></property>"
                + "</configuration>");
        for (String name : new String[] {"home", "config", "data", "log"}) {
            File d = name.equals("config") ? conf : new File(dir, name);
            d.mkdirs();
            System.setProperty("oozie." + name + ".dir", d.getAbsolutePath());
        }
        services = new Services();
        services.init();
    }

    /** Stops the services (for a caller that needs Oozie's full services in this JVM, e.g. LocalOozie). */
    public static synchronized void stop() {
        if (services != null) {
            services.destroy();
            services = null;
        }
    }

    /** Parses {@code workflow} for its graph alone: every declared parameter counts as given. */
    public static LiteWorkflowApp parse(File workflow) throws IOException, WorkflowException {
        Map<String, String> placeholders = new HashMap<>();
        Matcher declared = DECLARED_PARAMETER.matcher(parametersOf(Files.readString(workflow.toPath())));
        while (declared.find()) {
            placeholders.put(declared.group(1), "placeholder");
        }
        return parse(workflow, placeholders);
    }

    /**
     * Parses {@code workflow} as Oozie does for a submission with {@code properties}: a declared parameter with
     * neither a value nor a default fails (E0738), and the defaults of the others are added to {@code properties}.
     */
    public static LiteWorkflowApp parse(File workflow, Map<String, String> properties) throws IOException, WorkflowException {
        LiteWorkflowAppParser parser = new LiteWorkflowAppParser(
                services.get(SchemaService.class).getSchema(SchemaService.SchemaName.WORKFLOW),
                LiteControlNodeHandler.class, LiteDecisionHandler.class, LiteActionHandler.class);
        Configuration conf = new Configuration(false);
        properties.forEach(conf::set);
        LiteWorkflowApp app = parser.validateAndParse(new StringReader(Files.readString(workflow.toPath())), conf);
        conf.forEach(e -> properties.putIfAbsent(e.getKey(), e.getValue()));
        return app;
    }

    private static final Pattern DECLARED_PARAMETER = Pattern.compile("<name>\\s*([^<\\s]+)\\s*</name>");

    private static String parametersOf(String xml) {
        int start = xml.indexOf("<parameters>");
        return start < 0 ? "" : xml.substring(start, xml.indexOf("</parameters>", start));
    }
}
