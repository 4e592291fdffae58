package io.clickstream.oozie;

import java.util.Map;
import org.apache.oozie.DagELFunctions;
import org.apache.oozie.WorkflowActionBean;
import org.apache.oozie.WorkflowJobBean;
import org.apache.oozie.service.DagXLogInfoService;
import org.apache.oozie.service.ELService;
import org.apache.oozie.service.Services;
import org.apache.oozie.service.XLogService;
import org.apache.oozie.util.ELEvaluator;
import org.apache.oozie.util.PropertiesUtils;
import org.apache.oozie.util.XConfiguration;
import org.apache.oozie.util.XLog;
import org.apache.oozie.workflow.WorkflowInstance;
import org.apache.oozie.workflow.lite.LiteWorkflowApp;
import org.apache.oozie.workflow.lite.LiteWorkflowInstance;

/**
 * Oozie's own workflow EL — the function library its ELService configures from oozie-default.xml, {@code wf:}
 * answered by {@link DagELFunctions} from a workflow instance — for tests that must not trust the local runner's
 * stand-ins ({@link LocalElFunctions}).
 */
final class OozieEl {

    static {
        // What Oozie's XLogService and DagXLogInfoService declare when the full server starts.
        for (String parameter : new String[] {XLogService.USER, XLogService.GROUP, DagXLogInfoService.TOKEN,
            DagXLogInfoService.APP, DagXLogInfoService.JOB, DagXLogInfoService.ACTION}) {
            XLog.Info.defineParameter(parameter);
        }
    }

    private final LiteWorkflowInstance instance;
    private final WorkflowJobBean job = new WorkflowJobBean();

    OozieEl(LiteWorkflowApp app, Map<String, String> properties) {
        XConfiguration conf = new XConfiguration();
        properties.forEach(conf::set);
        instance = new LiteWorkflowInstance(app, conf, "0000001-000000000000000-oozie-test-W");
        job.setId("0000001-000000000000000-oozie-test-W");
        job.setAppName(app.getName());
        job.setWorkflowInstance(instance);
        job.setConf(conf.toXmlString(false));
        job.setProtoActionConf(new XConfiguration().toXmlString(false));
    }

    /** What a finished action left for {@code wf:actionData}, as Oozie stores it. */
    OozieEl actionData(String node, Map<String, String> data) {
        java.util.Properties props = new java.util.Properties();
        props.putAll(data);
        instance.setVar(node + WorkflowInstance.NODE_VAR_SEPARATOR + "action.data", PropertiesUtils.propertiesToString(props));
        return this;
    }

    /** A failed action, as Oozie records it for {@code wf:errorMessage} and {@code wf:lastErrorNode}. */
    OozieEl failed(String node, String message) {
        instance.setVar(node + WorkflowInstance.NODE_VAR_SEPARATOR + "action.error.message", message);
        instance.setVar("oozie.el.last.action.in.error", node);
        return this;
    }

    <T> T evaluate(String expression, Class<T> type) throws Exception {
        ELEvaluator evaluator = Services.get().get(ELService.class).createEvaluator("workflow");
        job.setWorkflowInstance(instance); // the bean keeps a serialized copy: hand it the variables set since
        DagELFunctions.configureEvaluator(evaluator, job, new WorkflowActionBean());
        return evaluator.evaluate(expression, type);
    }
}
