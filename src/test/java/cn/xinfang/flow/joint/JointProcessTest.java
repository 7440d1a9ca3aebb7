package cn.xinfang.flow.joint;

import cn.xinfang.flow.ProcessTests;
import static cn.xinfang.flow.joint.JointProcess.Element.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xinfang.flow.system.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestExecutionListeners;

/**
 * monthly-screening (月度摸排) and joint-investigation (联查): filed, zero and missing registers;
 * proposal approved, rejected, returned, declined; cross-area assignment with recusal and load
 * balancing; each outcome; deadline escalation; the year's figures.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:joint-process-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
@Import({ProcessEngineCoverageConfiguration.class, JointProcessTest.Coverage.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class JointProcessTest extends ProcessTests {

  @TestConfiguration
  static class Coverage {
    /** Primary: the library registers a default of its own, which would otherwise hide this one. */
    @Bean
    @Primary
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      return ProcessEngineCoverageProperties.builder().assertClassCoverageAtLeast(0.9)
          .excludeProcessDefinitionKeys("petition-intake", "petition-request", "petition-referral", "leader-ownership")
          .build();
    }
  }

  static final String CHENGGUAN = "331082101";

  @Autowired JointLedger ledger;

  @BeforeEach
  void setUp() {
    clock(LocalDateTime.of(2026, 3, 2, 10, 0));
  }

  // ---------------------------------------------------------------- monthly screening

  @Test
  void shouldAskEveryUnitForItsRegisterAndProposeQualifyingEntries() {
    clock(LocalDateTime.of(2026, 4, 1, 8, 0));
    ProcessInstance round = startScreening();
    assertThat(round.getBusinessKey()).isEqualTo("MP-2026-04");
    List<Task> registers = tasks.createTaskQuery().processInstanceId(round.getId()).taskDefinitionKey(FILE_SCREENING).list();
    assertThat(registers).hasSize(7); // four departments, three townships
    assertThat(registers.get(0).getDueDate()).isEqualTo(endOfDay(2026, 4, 20));

    // 城关镇 files two entries, the first meets criterion 1; 人社局 files a zero report
    Task chengguan = register(round, "unit-chengguan");
    Map<String, Object> entry = new HashMap<>(Map.of("screeningAction", "ENTRY", "entrySubject", "村集体土地承包费去向不明",
        "entryAreaCode", CHENGGUAN, "entryReason", "群众多次反映，可能引发集体访", "criterionUrgent", true, "moreEntries", true));
    tasks.complete(chengguan.getId(), entry);
    Task again = register(round, "unit-chengguan");
    assertThat(runtime.getVariable(again.getExecutionId(), "entrySubject")).isNull(); // a blank register for the next entry
    tasks.complete(again.getId(), Map.of("screeningAction", "ENTRY", "entrySubject", "道路破损", "entryAreaCode", CHENGGUAN,
        "entryReason", "一般问题", "moreEntries", false));
    tasks.complete(register(round, "unit-hr").getId(), Map.of("screeningAction", "ZERO"));

    assertThat(jdbc.queryForObject("SELECT entry_count FROM xf_screening_report WHERE screening_month = '2026-04' "
        + "AND unit = 'unit-chengguan'", Integer.class)).isEqualTo(2);
    assertThat(jdbc.queryForObject("SELECT zero_report FROM xf_screening_report WHERE screening_month = '2026-04' "
        + "AND unit = 'unit-hr'", Boolean.class)).isTrue();
    List<ProcessInstance> proposals = runtime.createProcessInstanceQuery().processDefinitionKey(JointProcess.KEY)
        .variableValueEquals("jointSource", "SCREENING").list();
    assertThat(proposals).hasSize(1); // the second entry meets no criterion and ends at once
    assertThat(proposals.get(0)).isWaitingAt(PROPOSE);
    assertThat((String) runtime.getVariable(proposals.get(0).getId(), "criteriaLabels")).startsWith("1.");

    // reminded on the 17th (the 18th is a Saturday) and reported missing after the 20th, once each
    clock(LocalDateTime.of(2026, 4, 17, 9, 0));
    runDueJobs(round);
    assertThat(notifications("REMINDER")).isEqualTo(5);
    clock(LocalDateTime.of(2026, 4, 21, 9, 0));
    runDueJobs(round);
    assertThat(round).hasPassed(REMIND_SCREENING, REPORT_MISSING);
    assertThat(notifications("OVERDUE")).isEqualTo(5);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_appraisal_entry WHERE reason = 'SCREENING_MISSING' "
        + "AND case_number = 'MP-2026-04'", Integer.class)).isEqualTo(5);

    // the five units that never filed were closed as missing at the due date: the round is summarized
    assertThat(round).hasPassed(END_MISSING_REPORTED, SUMMARIZE_ROUND).isWaitingAt(REVIEW_SCREENING_SUMMARY);
    assertThat(tasks.createTaskQuery().processInstanceId(round.getId()).taskDefinitionKey(FILE_SCREENING).count()).isZero();
    assertThat(round).task().hasCandidateGroup("joint-office");
    assertThat(runtime.getVariables(round.getId())).containsEntry("screeningUnitCount", 7)
        .containsEntry("screeningFiledCount", 1).containsEntry("screeningZeroCount", 1)
        .containsEntry("screeningMissingCount", 5).containsEntry("screeningEntryTotal", 2)
        .containsEntry("screeningProposedCount", 1);
    assertThat((String) runtime.getVariable(round.getId(), "screeningMissingUnits")).contains("山下乡").doesNotContain("城关镇", "人力资源");
    assertThat(notifications("SUMMARY")).isEqualTo(1);

    // the month's round opens once, however often its timer fires
    long rounds = runtime.createProcessInstanceQuery().processDefinitionKey(JointProcess.SCREENING_KEY).count();
    management.executeJob(screeningStartTimer().getId());
    // the second start for April ended at once
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(JointProcess.SCREENING_KEY).count()).isEqualTo(rounds);
    var alreadyOpen = history.createHistoricActivityInstanceQuery().activityId("end_round_exists").list();
    assertThat(alreadyOpen).hasSize(1);
    assertNothingLeft(alreadyOpen.get(0).getProcessInstanceId());
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_screening_round WHERE screening_month = '2026-04'",
        Integer.class)).isEqualTo(1);

    complete(round, REVIEW_SCREENING_SUMMARY, Map.of("screeningFollowUp", "INTERVIEW_MISSING",
        "screeningReviewNote", "约谈未报单位"));
    assertThat(round).hasPassed(END_SCREENING_DONE).isEnded();
    assertNothingLeft(round);
    // charged once per missing unit, however often the jobs run
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_appraisal_entry WHERE reason = 'SCREENING_MISSING' "
        + "AND case_number = 'MP-2026-04'", Integer.class)).isEqualTo(5);
  }

  @Test
  void shouldMoveTheScreeningDueDateFromASundayThe20thToMondayAndCloseAPartlyFiledUnitWithoutCharge() {
    jdbc.update("DELETE FROM xf_screening_round WHERE screening_month = '2026-12'");
    clock(LocalDateTime.of(2026, 12, 1, 8, 0));
    ProcessInstance round = startScreening();
    assertThat(round.getBusinessKey()).isEqualTo("MP-2026-12");
    // 20 December 2026 is a Sunday: the register is due on Monday 21 December
    Task hr = register(round, "unit-hr");
    assertThat(hr.getDueDate()).isEqualTo(endOfDay(2026, 12, 21));
    tasks.complete(hr.getId(), Map.of("screeningAction", "ENTRY", "entrySubject", "社保断缴", "entryAreaCode", "331082",
        "entryReason", "涉及人数多", "moreEntries", true));
    assertThat(register(round, "unit-hr")).isNotNull(); // still filing when the day ends

    clock(LocalDateTime.of(2026, 12, 21, 20, 0)); // Sunday the 20th has passed, Monday is still in time
    runDueJobs(round);
    assertThat(tasks.createTaskQuery().processInstanceId(round.getId()).taskDefinitionKey(FILE_SCREENING).count()).isEqualTo(7);
    clock(LocalDateTime.of(2026, 12, 22, 9, 0));
    runDueJobs(round);
    assertThat(round).hasPassed(XOR_PARTLY_FILED, END_UNIT_PARTLY_FILED, END_MISSING_REPORTED)
        .isWaitingAt(REVIEW_SCREENING_SUMMARY);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_appraisal_entry WHERE reason = 'SCREENING_MISSING' "
        + "AND case_number = 'MP-2026-12'", Integer.class)).isEqualTo(6); // not 人社局, which filed an entry
    assertThat(runtime.getVariables(round.getId())).containsEntry("screeningMissingCount", 6)
        .containsEntry("screeningFiledCount", 1);
    complete(round, REVIEW_SCREENING_SUMMARY, Map.of("screeningFollowUp", "NONE"));
    assertNothingLeft(round);
  }

  @Test
  void shouldKeepThe20thWhenItIsAWorkingSundayOfTheHolidaySwap() {
    jdbc.update("DELETE FROM xf_screening_round WHERE screening_month = '2026-09'");
    clock(LocalDateTime.of(2026, 9, 1, 8, 0));
    ProcessInstance round = startScreening();
    // Sunday 20 September 2026 is a working day (国庆节调休): the register is due that day
    assertThat(register(round, "unit-land").getDueDate()).isEqualTo(endOfDay(2026, 9, 20));
    runtime.deleteProcessInstance(round.getId(), "测试结束，清理本月摸排"); // leaves no round for the other tests
  }

  // ---------------------------------------------------------------- joint investigation

  @Test
  void shouldInvestigateAcrossAreasWithTheLeastLoadedGroupAndRecordTheOutcome() {
    Map<String, Object> before = ledger.summary(2026);
    // 联查一组 covers 城关镇 and must stand aside; of groups two and three the less loaded takes it
    String expected = ledger.load("joint-group-2") <= ledger.load("joint-group-3") ? "joint-group-2" : "joint-group-3";
    ProcessInstance first = proposeAndApprove(CHENGGUAN);
    assertThat(first).isWaitingAt(INVESTIGATE);
    assertThat(runtime.getVariable(first.getId(), "jointGroup")).isEqualTo(expected);
    String expectedNext = ledger.load("joint-group-2") <= ledger.load("joint-group-3") ? "joint-group-2" : "joint-group-3";
    ProcessInstance second = proposeAndApprove(CHENGGUAN);
    assertThat(runtime.getVariable(second.getId(), "jointGroup")).isEqualTo(expectedNext).isNotEqualTo("joint-group-1");
    assertThat(task(first, INVESTIGATE).getDueDate()).isEqualTo(endOfDay(2026, 4, 1));

    complete(first, INVESTIGATE, Map.of("jointOutcome", "CASE_OPENED", "findings", "查实村干部侵占承包费",
        "moneyCollected", 125000.5, "lossesRecovered", 80000, "contractsEnded", 2));
    assertThat(first).hasPassed(RECORD_OUTCOME, END_DONE).isEnded();
    complete(second, INVESTIGATE, Map.of("jointOutcome", "PETITION_CLOSED", "findings", "反映不实，已向信访人说明",
        "moneyCollected", 0, "lossesRecovered", 0, "contractsEnded", 0));
    ProcessInstance third = proposeAndApprove("331082102");
    complete(third, INVESTIGATE, Map.of("jointOutcome", "VERIFYING", "findings", "正在核实"));

    Map<String, Object> after = ledger.summary(2026);
    assertThat((Integer) after.get("takenUp") - (Integer) before.get("takenUp")).isEqualTo(3);
    assertThat(((BigDecimal) after.get("moneyCollected")).subtract((BigDecimal) before.get("moneyCollected")))
        .isEqualByComparingTo("125000.50");
    @SuppressWarnings("unchecked")
    Map<String, Integer> byOutcome = (Map<String, Integer>) after.get("byOutcome");
    assertThat(byOutcome.get("CASE_OPENED")).isGreaterThanOrEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_appraisal_entry WHERE reason = 'JOINT_ON_TIME' AND unit = ?",
        Integer.class, expected)).isGreaterThanOrEqualTo(1);
  }

  @Test
  void shouldLetTheJointOfficeChooseWhenEveryGroupMustStandAside() {
    jdbc.update("UPDATE xf_org_unit SET area_code = ? WHERE kind = 'JOINT_GROUP'", CHENGGUAN);
    try {
      ProcessInstance pi = proposeAndApprove(CHENGGUAN);
      assertThat(pi).isWaitingAt(ASSIGN_MANUALLY).task().hasCandidateGroup("joint-office");
      assertThatThrownBy(() -> complete(pi, ASSIGN_MANUALLY, Map.of("jointGroup", "unit-hr", "assignmentReason", "x")))
          .hasRootCauseInstanceOf(InvalidInputException.class);
      complete(pi, ASSIGN_MANUALLY, Map.of("jointGroup", "joint-group-3", "assignmentReason", "三组人员与事发地无利害关系"));
      assertThat(pi).isWaitingAt(INVESTIGATE).task().hasCandidateGroup("joint-group-3");
    } finally {
      jdbc.update("UPDATE xf_org_unit SET area_code = '331082101' WHERE group_id = 'joint-group-1'");
      jdbc.update("UPDATE xf_org_unit SET area_code = '331082102' WHERE group_id = 'joint-group-2'");
      jdbc.update("UPDATE xf_org_unit SET area_code = '331082201' WHERE group_id = 'joint-group-3'");
    }
  }

  @Test
  void shouldEndAProposalTheLeaderRejectsOrTheOfficeDeclines() {
    ProcessInstance rejected = propose(CHENGGUAN, Map.of("criterionRecusal", true));
    complete(rejected, PROPOSE, proposal());
    complete(rejected, APPROVE, Map.of("jointApproval", "REJECT", "approvalComment", "由乡镇纪委自行调查"));
    assertThat(rejected).hasPassed(END_REJECTED).isEnded();
    assertNothingLeft(rejected);

    ProcessInstance declined = propose(CHENGGUAN, Map.of("criterionRecusal", true));
    complete(declined, PROPOSE, Map.of("proposalDecision", "DECLINE", "proposalOpinion", "线索不具体，暂存"));
    assertThat(declined).hasPassed(END_DECLINED).isEnded();
    assertNothingLeft(declined);

    ProcessInstance notQualified = propose(CHENGGUAN, Map.of());
    assertThat(notQualified).hasPassed(END_NOT_QUALIFIED).isEnded();
    assertNothingLeft(notQualified);
  }

  @Test
  void shouldReturnAProposalForMoreWork() {
    ProcessInstance pi = propose(CHENGGUAN, Map.of("criterionLeaderFast", true));
    complete(pi, PROPOSE, proposal());
    complete(pi, APPROVE, Map.of("jointApproval", "RETURN", "approvalComment", "补充调查重点"));
    assertThat(pi).isWaitingAt(PROPOSE);
    assertThat(runtime.getVariable(pi.getId(), "approvalComment")).isEqualTo("补充调查重点");
  }

  @Test
  void shouldRemindAndEscalateAnOverdueInvestigationAndChargeTheGroup() {
    ProcessInstance pi = proposeAndApprove("331082201");
    String group = (String) runtime.getVariable(pi.getId(), "jointGroup");
    assertThat(group).isNotEqualTo("joint-group-3"); // 山下乡 is group three's own area
    clock(LocalDateTime.of(2026, 3, 27, 9, 0)); // five days before 1 April
    runDueJobs(pi);
    assertThat(pi).hasPassed(REMIND);
    clock(LocalDateTime.of(2026, 4, 2, 9, 0));
    runDueJobs(pi);
    assertThat(pi).isWaitingAt(INVESTIGATE, SUPERVISE);
    assertThat(jdbc.queryForObject("SELECT points FROM xf_appraisal_entry WHERE reason = 'JOINT_OVERDUE' AND case_number = ?",
        Integer.class, pi.getBusinessKey())).isEqualTo(-2);
    complete(pi, SUPERVISE, Map.of("supervisionOpinion", "限三日内查结"));
    complete(pi, INVESTIGATE, Map.of("jointOutcome", "VERIFYING", "findings", "正核"));
    assertThat(pi).isEnded();
    assertThat(jdbc.queryForObject("SELECT on_time FROM xf_joint_case WHERE joint_number = ?", Boolean.class,
        historicJointNumber(pi))).isFalse();
  }

  // ---------------------------------------------------------------- every deadline chased (issue 11)

  @Test
  void shouldChaseTheProposalApprovalAndAssignment() {
    ProcessInstance pi = propose(CHENGGUAN, Map.of("criterionUrgent", true));
    clock(LocalDateTime.of(2026, 3, 10, 9, 0)); // five working days from 2 March: 9 March
    runDueJobs(pi);
    assertThat(pi).hasPassed(REMIND_JOINT_PROPOSAL, ESCALATE_JOINT_PROPOSAL, END_JOINT_PROPOSAL_REMINDED,
        END_JOINT_PROPOSAL_ESCALATED).isWaitingAt(PROPOSE);
    complete(pi, PROPOSE, proposal());
    clock(LocalDateTime.of(2026, 3, 18, 9, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(REMIND_JOINT_APPROVAL, ESCALATE_JOINT_APPROVAL, END_JOINT_APPROVAL_REMINDED,
        END_JOINT_APPROVAL_ESCALATED).isWaitingAt(APPROVE);

    jdbc.update("UPDATE xf_org_unit SET area_code = ? WHERE kind = 'JOINT_GROUP'", CHENGGUAN);
    try {
      complete(pi, APPROVE, Map.of("jointApproval", "APPROVE", "approvalComment", "同意"));
      assertThat(pi).isWaitingAt(ASSIGN_MANUALLY);
      clock(LocalDateTime.of(2026, 3, 26, 9, 0));
      runDueJobs(pi);
      assertThat(pi).hasPassed(REMIND_JOINT_ASSIGNMENT, ESCALATE_JOINT_ASSIGNMENT, END_JOINT_ASSIGNMENT_REMINDED,
          END_JOINT_ASSIGNMENT_ESCALATED).isWaitingAt(ASSIGN_MANUALLY);
    } finally {
      jdbc.update("UPDATE xf_org_unit SET area_code = '331082101' WHERE group_id = 'joint-group-1'");
      jdbc.update("UPDATE xf_org_unit SET area_code = '331082102' WHERE group_id = 'joint-group-2'");
      jdbc.update("UPDATE xf_org_unit SET area_code = '331082201' WHERE group_id = 'joint-group-3'");
    }
  }

  @Test
  void shouldEscalateAMissedJointSupervisionAndEndWithNothingOpen() {
    ProcessInstance pi = proposeAndApprove("331082201");
    clock(LocalDateTime.of(2026, 4, 2, 9, 0));
    runDueJobs(pi);
    assertThat(task(pi, SUPERVISE).getAssignee()).isNull();
    assertThat(task(pi, SUPERVISE).getDueDate()).isEqualTo(endOfDay(2026, 4, 9));
    clock(LocalDateTime.of(2026, 4, 7, 9, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(REMIND_SUPERVISE_JOINT, END_SUPERVISE_JOINT_REMINDED);
    clock(LocalDateTime.of(2026, 4, 10, 8, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(ESCALATE_SUPERVISE_JOINT, END_SUPERVISE_JOINT_ESCALATED);
    assertThat(task(pi, SUPERVISE).getAssignee()).isEqualTo("deputy2"); // 联查办's leader

    // the group concludes while the supervision is still open: the end closes it
    complete(pi, INVESTIGATE, Map.of("jointOutcome", "VERIFYING", "findings", "正核"));
    assertThat(pi).hasPassed(END_DONE).isEnded();
    assertNothingLeft(pi);
  }

  @Test
  void shouldEscalateNothingWhenTheTaskIsDoneBetweenTheTimerAndTheEscalation() {
    ProcessInstance pi = propose(CHENGGUAN, Map.of("criterionUrgent", true));
    clock(LocalDateTime.of(2026, 3, 10, 9, 0));
    // only the timers fire; the reminder and the escalation wait as jobs of their own
    management.createJobQuery().processInstanceId(pi.getId()).timers().executable().list()
        .forEach(job -> management.executeJob(job.getId()));
    complete(pi, PROPOSE, proposal()); // done just before the jobs run: its deadline is forgotten
    runDueJobs(pi);
    assertThat(pi).hasPassed(END_JOINT_PROPOSAL_ESCALATED).isWaitingAt(APPROVE);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification WHERE kind IN ('OVERDUE', 'REMINDER') "
        + "AND case_number = ?", Integer.class, pi.getBusinessKey())).isZero();
  }

  @Test
  void shouldRefuseAProposalWithoutSubjectOrArea() {
    assertThatThrownBy(() -> start(Map.of("reasonText", "理由", "areaCode", "999")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("subject").hasMessageContaining("areaCode");
  }

  // ---------------------------------------------------------------- helpers

  /** Fires the monthly start timer now; the round is the one of the clock's month. */
  ProcessInstance startScreening() {
    management.executeJob(screeningStartTimer().getId());
    String month = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM").format(
        org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant().atZone(CHINA));
    return runtime.createProcessInstanceQuery().processDefinitionKey(JointProcess.SCREENING_KEY)
        .processInstanceBusinessKey("MP-" + month).active().singleResult();
  }

  Job screeningStartTimer() {
    return management.createJobQuery().processDefinitionKey(JointProcess.SCREENING_KEY).activityId("start_monthly_screening")
        .singleResult();
  }

  Task register(ProcessInstance round, String unit) {
    return tasks.createTaskQuery().processInstanceId(round.getId()).taskDefinitionKey(FILE_SCREENING)
        .taskCandidateGroup(unit).singleResult();
  }

  ProcessInstance propose(String area, Map<String, Object> criteria) {
    Map<String, Object> v = new HashMap<>(criteria);
    v.put("subject", "联查事项 " + System.nanoTime());
    v.put("areaCode", area);
    v.put("reasonText", "基层纪委提请");
    return start(v);
  }

  ProcessInstance start(Map<String, Object> variables) {
    identity.setAuthentication("joint1", List.of("joint-office"));
    try {
      return runtime.startProcessInstanceByKey(JointProcess.KEY, variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  static Map<String, Object> proposal() {
    return Map.of("proposalDecision", "PROPOSE", "proposalOpinion", "拟列为联查件", "investigationFocus", "资金去向");
  }

  ProcessInstance proposeAndApprove(String area) {
    ProcessInstance pi = propose(area, Map.of("criterionUrgent", true));
    complete(pi, PROPOSE, proposal());
    complete(pi, APPROVE, Map.of("jointApproval", "APPROVE", "approvalComment", "同意"));
    return pi;
  }

  String historicJointNumber(ProcessInstance pi) {
    return (String) engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName("jointNumber").singleResult().getValue();
  }




  int notifications(String kind) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification WHERE case_number = 'MP-2026-04' AND kind = ?",
        Integer.class, kind);
  }



}
