package io.clickstream;

import java.util.List;
import io.clickstream.jobs.Args;
import io.clickstream.deploy.DeployApp;
import io.clickstream.generate.Generate;
import io.clickstream.ingest.Ingest;
import io.clickstream.ingest.kafka.GenerateLive;
import io.clickstream.ingest.kafka.LandKafka;
import io.clickstream.ingest.kafka.Ship;
import io.clickstream.jobs.ExitStatus;
import io.clickstream.jobs.accesslogs.CleanAccessLogs;
import io.clickstream.jobs.dimensions.CleanDimension;
import io.clickstream.jobs.events.CleanEvents;
import io.clickstream.jobs.events.RecleanLateEvents;
import io.clickstream.jobs.accesslogs.RecleanLatePageViews;
import io.clickstream.jobs.customers.BuildCustomerHistory;
import io.clickstream.jobs.marts.BuildMarts;
import io.clickstream.jobs.orders.BuildOrders;
import io.clickstream.jobs.sessions.RestatePreviousDay;
import io.clickstream.jobs.sessions.Sessionize;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.util.Tool;
import io.clickstream.jobs.LaunchConfiguration;

/**
 * The job jar's entry point: {@code hadoop jar clickstream-jobs-job.jar COMMAND [-D k=v ...] [options]}.
 * Errors meant for people (bad arguments, a job that must not publish) are printed as one clear line.
 */
public final class Main {

    private static final Map<String, Supplier<Tool>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put(Generate.NAME, Generate::new);
        COMMANDS.put(GenerateLive.NAME, GenerateLive::new);
        COMMANDS.put(Ingest.NAME, Ingest::new);
        COMMANDS.put(Ship.NAME, Ship::new);
        COMMANDS.put(LandKafka.NAME, LandKafka::new);
        COMMANDS.put(CleanAccessLogs.NAME, CleanAccessLogs::new);
        COMMANDS.put(CleanEvents.NAME, CleanEvents::new);
        COMMANDS.put(RecleanLateEvents.NAME, RecleanLateEvents::new);
        COMMANDS.put(CleanDimension.NAME, CleanDimension::new);
        COMMANDS.put(RecleanLatePageViews.NAME, RecleanLatePageViews::new);
        COMMANDS.put(RestatePreviousDay.NAME, RestatePreviousDay::new);
        COMMANDS.put(Sessionize.NAME, Sessionize::new);
        COMMANDS.put(BuildCustomerHistory.NAME, BuildCustomerHistory::new);
        COMMANDS.put(BuildOrders.NAME, BuildOrders::new);
        COMMANDS.put(BuildMarts.NAME, BuildMarts::new);
        COMMANDS.put(DeployApp.NAME, DeployApp::new);
    }

    private Main() {
    }

    /** Runs a command; failures meant for people are thrown as IllegalArgumentException or JobFailedException. */
    public static int runOrThrow(String[] args) throws Exception {
        Supplier<Tool> command = COMMANDS.get(Args.subcommand(args, COMMANDS.keySet(), usage()));
        return LaunchConfiguration.run(command.get(), Arrays.copyOfRange(args, 1, args.length));
    }

    /** The command names, in the order the usage lists them. */
    public static List<String> commands() {
        return List.copyOf(COMMANDS.keySet());
    }

    private static String usage() {
        return "usage: hadoop jar clickstream-jobs-job.jar COMMAND [-D key=value ...] [-conf FILE] [options]\n"
                + "commands: " + String.join(", ", COMMANDS.keySet()) + "\n"
                + "COMMAND --help lists its options; the clickstream.* settings are in the README's configuration table\n";
    }

    public static void main(String[] args) throws Exception {
        ExitStatus.exit(args.length == 0 ? "clickstream" : args[0], () -> runOrThrow(args));
    }
}
