package io.clickstream.oozie;

import java.lang.reflect.Method;
import java.util.Map;
import org.apache.oozie.util.ELEvaluator;

/**
 * The {@code wf:} functions of Oozie's EL, answered from the local run's state, so that workflow.xml's
 * expressions evaluate with Oozie's own evaluator exactly as written.
 */
public final class LocalElFunctions {

    private static volatile RunState current;

    private LocalElFunctions() {
    }

    static ELEvaluator evaluator(RunState state, Map<String, String> properties) throws NoSuchMethodException {
        current = state;
        ELEvaluator.Context context = new ELEvaluator.Context();
        properties.forEach(context::setVariable);
        for (String[] function : new String[][] {{"actionData", "wf_actionData"}, {"lastErrorNode", "wf_lastErrorNode"},
            {"errorMessage", "wf_errorMessage"}, {"id", "wf_id"}}) {
            Method method = function[0].equals("lastErrorNode") || function[0].equals("id")
                    ? LocalElFunctions.class.getMethod(function[1])
                    : LocalElFunctions.class.getMethod(function[1], String.class);
            context.addFunction("wf", function[0], method);
        }
        // Oozie's basic functions, its own implementations (concat, trim, replaceAll, ...).
        for (Method method : org.apache.oozie.util.ELConstantsFunctions.class.getMethods()) {
            if (java.lang.reflect.Modifier.isStatic(method.getModifiers()) && method.getDeclaringClass() != Object.class) {
                context.addFunction("", method.getName(), method);
            }
        }
        return new ELEvaluator(context);
    }

    public static Map<String, String> wf_actionData(String node) {
        return current.actionData.getOrDefault(node, Map.of());
    }

    public static String wf_lastErrorNode() {
        return current.lastErrorNode;
    }

    public static String wf_errorMessage(String node) {
        return current.errorMessages.getOrDefault(node, "");
    }

    public static String wf_id() {
        return current.id;
    }
}
