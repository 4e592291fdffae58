package io.clickstream.deploy;

import io.clickstream.jobs.Args;
import java.io.IOException;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.Tool;

/**
 * {@code deploy-app}: puts the Oozie application that {@code mvn package} built on this machine ({@code --app}, a local
 * directory) at {@code --to} on the cluster, replacing what was there. {@code hdfs dfs -put -f DIR DEST} into an
 * existing DEST nests the new copy inside the old one and Oozie keeps running the old workflow; here the new copy is
 * uploaded beside the old one and swapped in with two renames, so a coordinator never starts a half-uploaded
 * application.
 */
public class DeployApp extends Configured implements Tool {

    public static final String NAME = "deploy-app";

    @Override
    public int run(String[] argv) throws Exception {
        Args args = Args.command(NAME, "uploads the Oozie application and swaps it in at once, keeping the previous one")
                .required("app", "DIR", "the built application (oozie/target/clickstream-oozie-app)")
                .required("to", "PATH", "where it goes, on the cluster's default file system")
                .parse(argv);
        // The application is what the build left on this machine; --to is on the cluster's default file system.
        Path app = FileSystem.getLocal(getConf()).makeQualified(new Path(args.get("app")));
        Path to = new Path(args.get("to"));
        if (!app.getFileSystem(getConf()).exists(new Path(app, "workflow.xml"))) {
            throw new IllegalArgumentException(NAME + ": --app " + app + " has no workflow.xml (build it with mvn package:"
                    + " oozie/target/clickstream-oozie-app)");
        }
        System.out.printf("%s: %s is now %s%n", NAME, deploy(app, to), app);
        return 0;
    }

    /** Uploads {@code app} and swaps it in at {@code to}; returns {@code to}, qualified. */
    public Path deploy(Path app, Path to) throws IOException {
        FileSystem fs = to.getFileSystem(getConf());
        Path target = fs.makeQualified(to);
        String stamp = Long.toString(System.currentTimeMillis());
        Path incoming = new Path(target.getParent(), "." + target.getName() + ".deploying-" + stamp);
        Path previous = new Path(target.getParent(), "." + target.getName() + ".previous-" + stamp);
        FileSystem source = app.getFileSystem(getConf());
        FileUtil.copy(source, app, fs, incoming, false, getConf());
        boolean replacing = fs.exists(target);
        if (replacing && !fs.rename(target, previous)) {
            throw new IOException("could not move the deployed application " + target + " aside to " + previous);
        }
        if (!fs.rename(incoming, target)) {
            throw new IOException("could not move " + incoming + " to " + target);
        }
        if (replacing) {
            fs.delete(previous, true);
        }
        return target;
    }
}
