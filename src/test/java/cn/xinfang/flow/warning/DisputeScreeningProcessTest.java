package cn.xinfang.flow.warning;

import static cn.xinfang.flow.warning.DisputeProcess.Element.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xinfang.flow.ProcessTests;
import cn.xinfang.flow.system.FieldProblem;
import cn.xinfang.flow.system.InvalidInputException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestExecutionListeners;

/**
 * dispute-screening (矛盾纠纷排查表 by the 25th): tables filed on time, zero reports, units reminded and
 * charged when the 25th passes, a partly filed unit closed without charge, consolidation, the upward
 * report reminded and escalated to the leaders, recorded once; the month opened once.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:dispute-process-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
@Import({ProcessEngineCoverageConfiguration.class, DisputeScreeningProcessTest.Coverage.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class DisputeScreeningProcessTest extends ProcessTests {

  @TestConfiguration
  static class Coverage {
    @Bean
    @Primary
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      return ProcessEngineCoverageProperties.builder().assertClassCoverageAtLeast(0.95)
          .excludeProcessDefinitionKeys("petition-intake", "petition-request", "petition-referral", "leader-ownership",
              "joint-investigation", "monthly-screening")
          .build();
    }
  }

  @Autowired DisputeLedger disputes;

  @Test
  void shouldCollectTheTablesChaseAndChargeTheLateUnitsConsolidateAndReportUpward() {
    clock(LocalDateTime.of(2026, 3, 1, 8, 30));
    ProcessInstance round = startRound();
    assertThat(round.getBusinessKey()).isEqualTo("PC-2026-03");
    List<Task> tables = tasks.createTaskQuery().processInstanceId(round.getId()).taskDefinitionKey(FILL).list();
    assertThat(tables).hasSize(7); // four departments, three townships
    assertThat(tables.get(0).getDueDate()).isEqualTo(endOfDay(2026, 3, 25)); // a Wednesday

    // 城关镇 files two disputes, each with its 包案领导 and 处理意见; 人社局 has none (零报告)
    tasks.complete(table(round, "unit-chengguan").getId(), entry("村集体土地承包费分配争议", "HIGH", 40, true));
    Task next = table(round, "unit-chengguan");
    assertThat(runtime.getVariable(next.getExecutionId(), "disputeSubject")).isNull(); // blank for the next entry
    assertThat(runtime.getVariable(next.getExecutionId(), "disputeEntryCount")).isEqualTo(1);
    tasks.complete(next.getId(), entry("相邻宅基地纠纷", "LOW", 2, false));
    tasks.complete(table(round, "unit-hr").getId(), Map.of("disputeAction", "ZERO"));
    assertThat(disputes.entries("2026-03", 10, 0)).extracting(DisputeLedger.Entry::ownerLeader)
        .containsExactly("曹勇（城关镇镇长）", "曹勇（城关镇镇长）");

    // three days before: the five units still filling are reminded, once each
    clock(LocalDateTime.of(2026, 3, 22, 9, 0));
    runDueJobs(round);
    assertThat(notices("REMINDER", "PC-2026-03")).isEqualTo(5);
    runDueJobs(round);
    assertThat(notices("REMINDER", "PC-2026-03")).isEqualTo(5);

    // the 25th passes: reported to the office, charged, and the tables consolidated
    clock(LocalDateTime.of(2026, 3, 26, 9, 0));
    runDueJobs(round);
    assertThat(round).hasPassed(TIMER_OVERDUE, XOR_PARTLY_FILED, REPORT_MISSING, END_MISSING, CONSOLIDATE)
        .isWaitingAt(REPORT_UPWARD);
    assertThat(notices("OVERDUE", "PC-2026-03")).isEqualTo(5);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_appraisal_entry WHERE reason = 'DISPUTE_MISSING' "
        + "AND case_number = 'PC-2026-03'", Integer.class)).isEqualTo(5);
    assertThat(round).task().hasCandidateGroup("petition-office");
    assertThat(runtime.getVariables(round.getId())).containsEntry("disputeUnitCount", 7)
        .containsEntry("disputeFiledCount", 1).containsEntry("disputeZeroCount", 1)
        .containsEntry("disputeMissingCount", 5).containsEntry("disputeEntryTotal", 2)
        .containsEntry("disputeHighRiskCount", 1).containsEntry("disputeExportLink", "/api/disputes/2026-03/export");
    assertThat((String) runtime.getVariable(round.getId(), "disputeMissingUnits")).contains("山下乡")
        .doesNotContain("城关镇", "人力资源");
    assertThat(disputes.filings("2026-03")).filteredOn(DisputeLedger.Filing::overdue).hasSize(5);
    assertThat(notices("SUMMARY", "PC-2026-03")).isEqualTo(1);
    // three working days to report upward: Thursday the 26th → Tuesday the 31st
    assertThat(task(round, REPORT_UPWARD).getDueDate()).isEqualTo(endOfDay(2026, 3, 31));

    // the office lets it slip: reminded the day before, the leaders told when it passes; the task stays
    clock(LocalDateTime.of(2026, 4, 1, 9, 0));
    runDueJobs(round);
    assertThat(round).hasPassed(REMIND_REPORT, ESCALATE_REPORT).isWaitingAt(REPORT_UPWARD);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification WHERE case_number = 'PC-2026-03' "
        + "AND kind = 'OVERDUE' AND recipient_group = 'leaders'", Integer.class)).isEqualTo(1);

    assertThatThrownBy(() -> complete(round, REPORT_UPWARD, Map.of("disputeReportTo", " ")))
        .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("请填写上报单位");
    as("office1", List.of("petition-office"), () -> {
      complete(round, REPORT_UPWARD, Map.of("disputeReportTo", "市信访局", "disputeReportNote", "高风险事项已明确包案领导"));
      return null;
    });
    assertThat(round).hasPassed(RECORD_REPORT, END_REPORTED).isEnded();
    assertNothingLeft(round);
    DisputeLedger.Round reported = disputes.round("2026-03").orElseThrow();
    assertThat(reported.reportedAt()).isNotNull();
    assertThat(reported.reportedBy()).isEqualTo("office1");
    assertThat(reported.reportTo()).isEqualTo("市信访局");
    assertThat(jdbc.queryForObject("SELECT detail FROM xf_petition_event WHERE case_number = 'PC-2026-03' "
        + "AND event_type = 'DISPUTE_REPORTED'", String.class)).contains("已报市信访局", "排查事项 2 项", "高风险 1 项");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification WHERE case_number = 'PC-2026-03' "
        + "AND kind = 'FILED_UPWARD' AND recipient_group = 'leaders'", Integer.class)).isEqualTo(1);
  }

  @Test
  void shouldOpenTheMonthOnceAndCloseAPartlyFiledUnitWithoutCharge() {
    clock(LocalDateTime.of(2026, 5, 1, 8, 30)); // 劳动节: the timer runs all the same, the 25th is a Monday
    ProcessInstance round = startRound();
    assertThat(table(round, "unit-land").getDueDate()).isEqualTo(endOfDay(2026, 5, 25));
    management.executeJob(startTimer().getId()); // a second run for May
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(DisputeProcess.KEY)
        .processInstanceBusinessKey("PC-2026-05").count()).isEqualTo(1);
    var again = history.createHistoricActivityInstanceQuery().activityId(END_ROUND_EXISTS).list();
    assertThat(again).hasSize(1);
    assertNothingLeft(again.get(0).getProcessInstanceId());

    // 自然资源局 files one entry and means to add another when the day ends
    tasks.complete(table(round, "unit-land").getId(), entry("矿山开采影响村民用水", "MEDIUM", 15, true));
    for (String unit : List.of("unit-hr", "unit-health", "unit-housing", "unit-chengguan", "unit-qiaotou", "unit-shanxia")) {
      tasks.complete(table(round, unit).getId(), Map.of("disputeAction", "ZERO"));
    }
    clock(LocalDateTime.of(2026, 5, 22, 9, 0));
    runDueJobs(round);
    assertThat(notices("REMINDER", "PC-2026-05")).isEqualTo(1); // only 自然资源局 is still filling
    clock(LocalDateTime.of(2026, 5, 26, 9, 0));
    runDueJobs(round);
    assertThat(round).hasPassed(END_PARTLY_FILED, END_UNIT_FILED, CONSOLIDATE).isWaitingAt(REPORT_UPWARD);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_appraisal_entry WHERE case_number = 'PC-2026-05'",
        Integer.class)).isZero();
    assertThat(runtime.getVariables(round.getId())).containsEntry("disputeMissingCount", 0)
        .containsEntry("disputeZeroCount", 6).containsEntry("disputeFiledCount", 1);
    complete(round, REPORT_UPWARD, Map.of("disputeReportTo", "县委政法委"));
    assertThat(round).isEnded();
    assertNothingLeft(round);
  }

  @Test
  void shouldRefuseAnEntryWithoutItsLeaderOrOpinion() {
    clock(LocalDateTime.of(2026, 6, 1, 8, 30));
    ProcessInstance round = startRound();
    Task t = table(round, "unit-qiaotou");
    Map<String, Object> incomplete = new HashMap<>(entry("桥头村拆迁安置", "HIGH", 30, false));
    incomplete.remove("disputeOwnerLeader");
    incomplete.put("disputeOpinion", "  ");
    assertThatThrownBy(() -> tasks.complete(t.getId(), incomplete)).hasRootCauseInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) org.assertj.core.util.Throwables.getRootCause(e)).problems())
            .extracting(FieldProblem::field).containsExactlyInAnyOrder("disputeOwnerLeader", "disputeOpinion"));
    assertThat(disputes.entries("2026-06", 10, 0)).isEmpty();
    runtime.deleteProcessInstance(round.getId(), "测试结束");
  }

  // ------------------------------------------------------------------ helpers

  static Map<String, Object> entry(String subject, String risk, int headcount, boolean more) {
    Map<String, Object> v = new HashMap<>();
    v.put("disputeAction", "ENTRY");
    v.put("disputeSubject", subject);
    v.put("disputeParties", "村民代表");
    v.put("disputeHeadcount", headcount);
    v.put("disputeRisk", risk);
    v.put("disputeOwnerLeader", "曹勇（城关镇镇长）");
    v.put("disputeOpinion", "镇综治办牵头，一个月内调处");
    v.put("disputeMoreEntries", more);
    return v;
  }

  ProcessInstance startRound() {
    management.executeJob(startTimer().getId());
    String month = DateTimeFormatter.ofPattern("yyyy-MM").format(ClockUtil.getCurrentTime().toInstant().atZone(CHINA));
    return runtime.createProcessInstanceQuery().processDefinitionKey(DisputeProcess.KEY)
        .processInstanceBusinessKey("PC-" + month).active().singleResult();
  }

  Job startTimer() {
    return management.createJobQuery().processDefinitionKey(DisputeProcess.KEY).activityId(START).singleResult();
  }

  Task table(ProcessInstance round, String unit) {
    return tasks.createTaskQuery().processInstanceId(round.getId()).taskDefinitionKey(FILL).taskCandidateGroup(unit)
        .singleResult();
  }

  int notices(String kind, String key) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification WHERE case_number = ? AND kind = ?", Integer.class,
        key, kind);
  }
}
