package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A job that keeps failing (a reminder whose mail server is down, a broken escalation) is retried on
 * a schedule before it gives up, and when it gives up the administrators are told — once.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:job-incident-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class JobIncidentReportTest {

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired JdbcTemplate jdbc;
  Deployment deployment;

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    if (deployment != null) {
      repository.deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void shouldRunFiveTimesTenMinutesApartThenReportTheIncidentToAdministratorsOnce() {
    BpmnModelInstance probe = Bpmn.createExecutableProcess("incident_probe").name("作业失败探针")
        .camundaHistoryTimeToLive(1).startEvent().serviceTask("service_always_failing").name("总是失败")
        .camundaAsyncBefore().camundaExpression("${noSuchBean.remind()}").endEvent().done();
    deployment = repository.createDeployment().addModelInstance("incident-probe.bpmn", probe).deploy();
    ProcessInstance pi = runtime.startProcessInstanceByKey("incident_probe", "XF-2026-999001");

    Date now = new Date();
    int runs = 0;
    for (Job job = job(pi); job != null && job.getRetries() > 0; job = job(pi)) {
      ClockUtil.setCurrentTime(now);
      String id = job.getId();
      assertThatThrownBy(() -> management.executeJob(id)).isNotNull();
      runs++;
      Job after = job(pi);
      if (after.getRetries() > 0) {
        // the next try waits ten minutes
        assertThat(Duration.between(now.toInstant(), after.getDuedate().toInstant())).isEqualTo(Duration.ofMinutes(10));
      }
      now = new Date(now.getTime() + Duration.ofMinutes(11).toMillis());
    }
    assertThat(runs).as("five runs in all (R5), ten minutes apart").isEqualTo(5);
    assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isEqualTo(1);
    String incidentId = runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult().getId();

    var notices = jdbc.queryForList("SELECT recipient_group, case_number, kind, message FROM xf_notification "
        + "WHERE notification_key = ?", "INCIDENT:" + incidentId);
    assertThat(notices).hasSize(1);
    assertThat(notices.get(0)).containsEntry("RECIPIENT_GROUP", "camunda-admin").containsEntry("CASE_NUMBER",
        "XF-2026-999001").containsEntry("KIND", "INCIDENT");
    assertThat((String) notices.get(0).get("MESSAGE")).contains("service_always_failing").contains("Cockpit");
  }

  private Job job(ProcessInstance pi) {
    return management.createJobQuery().processInstanceId(pi.getId()).singleResult();
  }
}
