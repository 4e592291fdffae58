package io.clickstream.oozie;

import io.clickstream.oozie.RunState.NodeRun;
import java.io.File;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.oozie.util.ELEvaluator;
import org.apache.oozie.workflow.lite.ActionNodeDef;
import org.apache.oozie.workflow.lite.DecisionNodeDef;
import org.apache.oozie.workflow.lite.EndNodeDef;
import org.apache.oozie.workflow.lite.ForkNodeDef;
import org.apache.oozie.workflow.lite.JoinNodeDef;
import org.apache.oozie.workflow.lite.KillNodeDef;
import org.apache.oozie.workflow.lite.LiteWorkflowApp;
import org.apache.oozie.workflow.lite.NodeDef;
import org.apache.oozie.workflow.lite.StartNodeDef;
import org.w3c.dom.Element;

/**
 * Runs a workflow.xml on this machine: the graph as Oozie's own parser reads it, every {@code ${...}} through
 * Oozie's EL evaluator, actions through {@link LocalActions}; fork branches run in parallel, retries
 * (retry-max) are honoured except for bad arguments or configuration, which no retry can fix (on Oozie's engine
 * every java-action exception is JA018 and retried), a kill node stops the run with its message. Not a second definition of the
 * pipeline: what is not in workflow.xml does not run.
 */
public final class WorkflowRunner {

    /** How a run ended, with the workflow's graph (node to its transitions) for the report. */
    public record Result(String workflow, boolean succeeded, String message, List<NodeRun> nodes,
            Map<String, List<String>> graph) {
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int MAX_RETRY_WAIT_SECONDS = 2;

    private final File appDir;
    private final LocalActions actions;
    private final PrintStream out;

    public WorkflowRunner(File appDir, File metastore, PrintStream out) {
        this.appDir = appDir;
        this.out = out;
        this.actions = new LocalActions(appDir, metastore, out);
        LocalActions.useMetastore(metastore);
    }

    public Result run(String workflowFile, Map<String, String> properties, String runId) throws Exception {
        Map<String, String> submitted = new java.util.HashMap<>(properties);
        LiteWorkflowApp app = OozieParser.parse(new File(appDir, workflowFile), submitted);
        RunState state = new RunState(runId, submitted);
        ELEvaluator el = LocalElFunctions.evaluator(state, submitted);
        String name = el.evaluate(app.getName(), String.class);
        out.printf("%s workflow %s (%s)%n", clock(), name, runId);
        Map<String, List<String>> graph = new java.util.LinkedHashMap<>();
        app.getNodeDefs().forEach(n -> graph.put(n.getName(), List.copyOf(n.getTransitions())));
        try {
            String stop = runFrom(app, app.getNode(StartNodeDef.START), el, state);
            return new Result(name, true, "reached " + stop, List.copyOf(state.nodes), graph);
        } catch (Killed killed) {
            out.printf("%s KILLED at %s: %s%n", clock(), killed.node, killed.getMessage());
            return new Result(name, false, killed.getMessage(), List.copyOf(state.nodes), graph);
        }
    }

    /** A kill node was reached. */
    private static final class Killed extends Exception {
        final String node;

        Killed(String node, String message) {
            super(message);
            this.node = node;
        }
    }

    /** Runs from {@code node} until the end (returns "end"), a join (returns its name) or a kill (throws). */
    private String runFrom(LiteWorkflowApp app, NodeDef node, ELEvaluator el, RunState state) throws Exception {
        while (true) {
            if (node instanceof EndNodeDef) {
                state.nodes.add(new NodeRun(node.getName(), "end", "OK", System.currentTimeMillis(), 0, 1, ""));
                return node.getName();
            } else if (node instanceof KillNodeDef) {
                String message = el.evaluate(node.getConf(), String.class);
                state.nodes.add(new NodeRun(node.getName(), "kill", "KILLED", System.currentTimeMillis(), 0, 1, message));
                throw new Killed(node.getName(), message);
            } else if (node instanceof JoinNodeDef) {
                return node.getName();
            } else if (node instanceof ForkNodeDef) {
                node = app.getNode(app.getNode(fork(app, node, el, state)).getTransitions().get(0));
            } else if (node instanceof DecisionNodeDef) {
                node = app.getNode(decide(node, el, state));
            } else if (node instanceof ActionNodeDef) {
                node = app.getNode(act(node, el, state));
            } else {
                node = app.getNode(node.getTransitions().get(0));
            }
        }
    }

    private String fork(LiteWorkflowApp app, NodeDef fork, ELEvaluator el, RunState state) throws Exception {
        List<String> paths = fork.getTransitions();
        ExecutorService pool = Executors.newFixedThreadPool(paths.size());
        try {
            List<Future<String>> branches = new ArrayList<>();
            for (String path : paths) {
                branches.add(pool.submit(() -> runFrom(app, app.getNode(path), el, state)));
            }
            Set<String> joins = new HashSet<>();
            Killed killed = null;
            for (Future<String> branch : branches) {
                try {
                    joins.add(branch.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof Killed k) {
                        killed = k;
                    } else {
                        throw e;
                    }
                }
            }
            if (killed != null) {
                throw killed;
            }
            state.nodes.add(new NodeRun(fork.getName(), "fork", "OK", System.currentTimeMillis(), 0, 1, String.join(", ", paths)));
            return joins.iterator().next();
        } finally {
            pool.shutdown();
        }
    }

    private String decide(NodeDef decision, ELEvaluator el, RunState state) throws Exception {
        Element switchElement = LocalActions.parse(decision.getConf());
        for (Element c : LocalActions.children(switchElement, "case")) {
            if (Boolean.TRUE.equals(el.evaluate(c.getTextContent().strip(), Boolean.class))) {
                return taken(decision, c.getAttribute("to"), state);
            }
        }
        return taken(decision, LocalActions.children(switchElement, "default").get(0).getAttribute("to"), state);
    }

    private String taken(NodeDef decision, String to, RunState state) {
        out.printf("%s %-22s decision -> %s%n", clock(), decision.getName(), to);
        state.nodes.add(new NodeRun(decision.getName(), "decision", "OK", System.currentTimeMillis(), 0, 1, "-> " + to));
        return to;
    }

    /** Runs an action with its retries; returns the ok or the error transition. */
    private String act(NodeDef node, ELEvaluator el, RunState state) throws Exception {
        Element action = LocalActions.parse(el.evaluate(node.getConf(), String.class));
        int retries = node.getUserRetryMax() == null || node.getUserRetryMax().equals("null") ? 0
                : Integer.parseInt(node.getUserRetryMax());
        int wait = node.getUserRetryInterval() == null || node.getUserRetryInterval().equals("null") ? 0
                : Integer.parseInt(node.getUserRetryInterval());
        long started = System.currentTimeMillis();
        out.printf("%s %-22s %s started%n", clock(), node.getName(), action.getLocalName());
        String error = null;
        int attempts = 0;
        for (int attempt = 1; attempt <= retries + 1; attempt++) {
            attempts = attempt;
            try {
                Map<String, String> captured = actions.run(action, state.properties);
                state.actionData.put(node.getName(), captured);
                long millis = System.currentTimeMillis() - started;
                out.printf("%s %-22s OK in %.1f s%s%s%n", clock(), node.getName(), millis / 1000.0,
                        attempt > 1 ? " (attempt " + attempt + ")" : "", captured.isEmpty() ? "" : " " + captured);
                state.nodes.add(new NodeRun(node.getName(), action.getLocalName(), "OK", started, millis, attempt,
                        captured.isEmpty() ? "" : captured.toString()));
                return node.getTransitions().get(0);
            } catch (LocalActions.ActionFailed | RuntimeException e) {
                error = e.getMessage();
                if (e instanceof LocalActions.ActionFailed failed && !failed.retryable()) {
                    out.printf("%s %-22s not retried: bad arguments or configuration, which no retry can fix%n", clock(),
                            node.getName());
                    break;
                }
                if (attempt <= retries) {
                    out.printf("%s %-22s failed (attempt %d of %d), retrying: %s%n", clock(), node.getName(), attempt,
                            retries + 1, error);
                    Thread.sleep(1000L * Math.min(wait, MAX_RETRY_WAIT_SECONDS));
                }
            }
        }
        long millis = System.currentTimeMillis() - started;
        out.printf("%s %-22s ERROR after %.1f s: %s%n", clock(), node.getName(), millis / 1000.0, error);
        state.lastErrorNode = node.getName();
        state.errorMessages.put(node.getName(), String.valueOf(error));
        state.nodes.add(new NodeRun(node.getName(), action.getLocalName(), "ERROR", started, millis, attempts, error));
        return node.getTransitions().get(1);
    }

    private static String clock() {
        return LocalTime.now().format(CLOCK);
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
