package io.clickstream.cluster;

import java.io.File;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.oozie.local.LocalOozie;

/**
 * Oozie's real engine in this JVM (LocalOozie, oozie-core 5.2.1): its Derby database, its oozie-site.xml pointing at the
 * cluster's configuration and the share libraries on HDFS, and its own log file.
 */
final class OozieEngine {

    /** The system property that names the SMTP port of the engine's email actions (default 2525). */
    static final String SMTP_PORT = "clickstream.box.smtp-port";

    private OozieEngine() {
    }

    static void start(File oozieBase, File hadoopConfDir, Path shareLibRoot) throws Exception {
        File confDir = new File(oozieBase, "conf");
        new File(confDir, "action-conf").mkdirs();
        File actionConfDir = new File(oozieBase, "action-conf-default");
        actionConfDir.mkdirs();
        Map<String, String> site = new TreeMap<>();
        site.put("oozie.service.HadoopAccessorService.hadoop.configurations", "*=" + hadoopConfDir.getAbsolutePath());
        site.put("oozie.service.HadoopAccessorService.action.configurations", "*=" + actionConfDir.getAbsolutePath());
        site.put("oozie.service.HadoopAccessorService.supported.filesystems", "hdfs,file");
        site.put("oozie.service.JPAService.jdbc.url", "jdbc:derby:" + new File(oozieBase, "db").getAbsolutePath() + ";create=true");
        site.put("oozie.service.JPAService.create.db.schema", "true");
        site.put("oozie.service.WorkflowAppService.system.libpath", shareLibRoot.toString());
        site.put("oozie.service.ShareLibService.fail.fast.on.startup", "true");
        site.put("oozie.launcher.default.memory.mb", "768");
        // Materialise coordinator actions and check their inputs every few seconds, not every few minutes.
        site.put("oozie.service.CoordMaterializeTriggerService.lookup.interval", "5");
        site.put("oozie.service.CoordMaterializeTriggerService.scheduling.interval", "2");
        site.put("oozie.service.coord.input.check.requeue.interval", "2000");
        site.put("oozie.service.coord.push.check.requeue.interval", "2000");
        site.put("oozie.service.StatusTransitService.statusTransit.interval", "5");
        // Where the workflow's email actions go: a mail catcher on this machine (the engine test starts a real SMTP server).
        site.put("oozie.email.smtp.host", "127.0.0.1");
        site.put("oozie.email.smtp.port", System.getProperty(SMTP_PORT, "2525"));
        StringBuilder xml = new StringBuilder("<configuration>");
        site.forEach((k, v) -> xml.append("<property><name>").append(k).append("</name><value>").append(v)
                .append("</value></property>"));
        Files.writeString(new File(confDir, "oozie-site.xml").toPath(), xml.append("</configuration>").toString());
        for (String name : new String[] {"home", "data", "log"}) {
            File d = new File(oozieBase, name);
            d.mkdirs();
            System.setProperty("oozie." + name + ".dir", d.getAbsolutePath());
        }
        System.setProperty("oozie.config.dir", confDir.getAbsolutePath());
        // LocalOozie's default Log4j setup sends its logs nowhere: to a file beside its database instead.
        Files.writeString(new File(confDir, "oozie-log4j.properties").toPath(), String.join("\n",
                "log4j.rootLogger=INFO, oozie",
                "log4j.appender.oozie=org.apache.log4j.FileAppender",
                "log4j.appender.oozie.File=" + new File(oozieBase, "log/oozie.log").getAbsolutePath(),
                "log4j.appender.oozie.layout=org.apache.log4j.PatternLayout",
                "log4j.appender.oozie.layout.ConversionPattern=%d{ISO8601} %5p %c{1}:%L - %m%n", ""));
        System.setProperty("oozie.log4j.file", "oozie-log4j.properties");
        LocalOozie.start();
    }
}
