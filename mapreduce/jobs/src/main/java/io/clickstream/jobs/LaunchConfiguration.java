package io.clickstream.jobs;

import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * The configuration every command line starts from. Inside an Oozie launcher, {@code new Configuration()} sees no
 * cluster: the action's configuration (resource manager, name node, queue, job tags, the task JVMs' options) is
 * in the file named by {@code oozie.action.conf.xml}, and the delegation tokens in
 * {@code HADOOP_TOKEN_FILE_LOCATION}. Without them a job would run on the launcher's LocalJobRunner and the
 * action would still report OK.
 */
public final class LaunchConfiguration {

    /** Set by Oozie's launcher for java actions: the action's configuration as a local file. */
    public static final String OOZIE_ACTION_CONF = "oozie.action.conf.xml";
    /** Oozie's tag for the jobs an action starts, so that a retry or a kill can find and kill them. */
    public static final String OOZIE_CHILD_TAGS = "oozie.child.mapreduce.job.tags";
    public static final String JOB_TAGS = "mapreduce.job.tags";
    /** Set by YARN in every container that was given tokens. */
    public static final String TOKEN_FILE_ENV = "HADOOP_TOKEN_FILE_LOCATION";

    private LaunchConfiguration() {
    }

    public static Configuration create() {
        return create(System.getProperty(OOZIE_ACTION_CONF), System.getenv(TOKEN_FILE_ENV));
    }

    static Configuration create(String actionConfXml, String tokenFile) {
        Configuration conf = new Configuration();
        if (actionConfXml != null && !actionConfXml.isBlank()) {
            conf.addResource(new Path("file:///", actionConfXml));
            // Oozie's JavaMain tags the children in its own copy of the configuration only: do it here too.
            String childTags = conf.getTrimmed(OOZIE_CHILD_TAGS, "");
            if (!childTags.isEmpty()) {
                String tags = conf.getTrimmed(JOB_TAGS, "");
                conf.set(JOB_TAGS, tags.isEmpty() ? childTags : tags + "," + childTags);
            }
        }
        if (tokenFile != null && !tokenFile.isBlank()) {
            // Oozie's documented pattern: the child jobs use the launcher's delegation tokens.
            conf.set("mapreduce.job.credentials.binary", tokenFile);
        }
        return conf;
    }

    /**
     * {@code ToolRunner.run} on this configuration, with every {@code clickstream.*} setting (after {@code -D} and
     * {@code -conf}) checked before the tool starts: what every {@code main} calls.
     */
    public static int run(Tool tool, String[] args) throws Exception {
        return ToolRunner.run(create(), new Validated(tool), args);
    }

    private static final class Validated extends Configured implements Tool {
        private final Tool tool;

        Validated(Tool tool) {
            this.tool = tool;
        }

        @Override
        public void setConf(Configuration conf) {
            super.setConf(conf);
            if (tool != null) {
                tool.setConf(conf);
            }
        }

        @Override
        public int run(String[] args) throws Exception {
            Settings.validate(getConf());
            return tool.run(args);
        }
    }
}
