package cn.xinfang.flow.notification;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A reminder or escalation whose job has run out of retries is a deadline nobody is chasing any more:
 * besides the incident Cockpit shows, the administrators get a notice (once per incident) and the log
 * an error line naming the case and the step. Jobs retry on the schedule
 * {@code camunda.bpm.generic-properties.properties.failed-job-retry-time-cycle} before that.
 */
@Component
class JobIncidentReporter extends AbstractProcessEnginePlugin {

  static final String ADMIN_GROUP = "camunda-admin";
  private static final Logger LOG = LoggerFactory.getLogger(JobIncidentReporter.class);

  private final NotificationService notifications;

  JobIncidentReporter(NotificationService notifications) {
    this.notifications = notifications;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<IncidentHandler> handlers = new ArrayList<>();
    if (configuration.getCustomIncidentHandlers() != null) {
      handlers.addAll(configuration.getCustomIncidentHandlers());
    }
    handlers.add(new Reporting());
    configuration.setCustomIncidentHandlers(handlers);
  }

  private final class Reporting extends DefaultIncidentHandler {

    Reporting() {
      super(Incident.FAILED_JOB_HANDLER_TYPE);
    }

    @Override
    public Incident handleIncident(IncidentContext context, String message) {
      Incident incident = super.handleIncident(context, message);
      String caseNumber = null;
      if (context.getExecutionId() != null) {
        ExecutionEntity execution = Context.getCommandContext().getExecutionManager()
            .findExecutionById(context.getExecutionId());
        caseNumber = execution == null ? null : execution.getProcessBusinessKey();
      }
      String step = context.getFailedActivityId() != null ? context.getFailedActivityId() : context.getActivityId();
      String reason = message == null ? "未知" : message.length() > 300 ? message.substring(0, 300) + "…" : message;
      String text = "定时作业多次重试后仍失败，已停止自动执行：案件 " + (caseNumber == null ? "（无编号）" : caseNumber)
          + "，环节 " + step + "。原因：" + reason
          + "。请在 Cockpit 的“运行异常”中处理后重试，否则该期限不再被催办或督办。";
      LOG.error("Job incident {} on case {} at {}: {}", incident.getId(), caseNumber, step, message);
      var job = context.getConfiguration() == null ? null
          : Context.getCommandContext().getJobManager().findJobById(context.getConfiguration());
      if (job != null && NoticeDeliveryJobHandler.TYPE.equals(job.getJobHandlerType())) {
        // a notice that cannot be delivered is shown in Cockpit; noticing it by the same channels would loop
        return incident;
      }
      notifications.notifyGroup("INCIDENT:" + incident.getId(), ADMIN_GROUP, caseNumber, "INCIDENT", text);
      return incident;
    }
  }
}
