package io.clickstream.oozie;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What a local workflow run knows while it runs: captured action outputs, the last error, each node's outcome. */
final class RunState {

    /** One node's outcome, for the progress view and the report. */
    record NodeRun(String node, String type, String status, long startedAt, long millis, int attempts, String detail) {
    }

    final String id;
    final Map<String, Map<String, String>> actionData = new ConcurrentHashMap<>();
    final List<NodeRun> nodes = Collections.synchronizedList(new ArrayList<>());
    volatile String lastErrorNode = "";
    final Map<String, String> errorMessages = new ConcurrentHashMap<>();

    /** The run's properties, as submitted. */
    final Map<String, String> properties;

    RunState(String id, Map<String, String> properties) {
        this.properties = Map.copyOf(properties);
        this.id = id;
    }
}
