package cn.xinfang.flow.discipline;

import static cn.xinfang.flow.discipline.DisciplineLeadProcess.Element.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xinfang.flow.ProcessTests;
import cn.xinfang.flow.documents.DocumentStore;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.petition.PetitionLedger.PetitionEvent;
import cn.xinfang.flow.petition.PetitionStatus;
import cn.xinfang.flow.system.InvalidInputException;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
 * discipline-lead (问题线索处置): started by the intake's acceptance of a discipline report; each of
 * the four disposals, the leader's send-back, the real-name feedback (done, reminded, escalated),
 * the anonymous report without feedback, the recusal refused at the task's own door, and the
 * reporter's identity kept out of the lead's variables.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:discipline-lead-process-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
@Import({ProcessEngineCoverageConfiguration.class, DisciplineLeadProcessTest.Coverage.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class DisciplineLeadProcessTest extends ProcessTests {

  @TestConfiguration
  static class Coverage {
    /** Primary: the library registers a default of its own, which would otherwise hide this one. */
    @Bean
    @Primary
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      return ProcessEngineCoverageProperties.builder().assertClassCoverageAtLeast(0.9)
          .excludeProcessDefinitionKeys("petition-intake", "petition-request", "petition-referral", "joint-investigation",
              "leader-ownership").build();
    }
  }

  static final LocalDateTime START = LocalDateTime.of(2026, 3, 2, 10, 0); // a Monday without holidays near
  static final AtomicInteger REPORTERS = new AtomicInteger();
  static final List<String> INVESTIGATORS = List.of("discipline-investigation");
  static final List<String> LEADERS = List.of("discipline-leaders");
  static final List<String> OFFICE = List.of("discipline-office");

  @Autowired PetitionLedger ledger;
  @Autowired DocumentStore documents;

  @BeforeEach
  void setUp() {
    clock(START);
  }

  @Test
  void shouldVerifyARealNameLeadAndTellTheReporterWithinFifteenWorkingDays() {
    ProcessInstance intake = report(true);
    ProcessInstance pi = leadOf(intake);
    assertThat(intake).isWaitingAt("call_discipline_lead");
    assertThat(pi).isWaitingAt(ANALYSE, FEEDBACK);
    assertThat(task(pi, ANALYSE).getDueDate()).isEqualTo(endOfDay(2026, 3, 16)); // 10 working days
    // 15 working days from acceptance (Monday 2 March): Monday 23 March
    assertThat(task(pi, FEEDBACK).getDueDate()).isEqualTo(endOfDay(2026, 3, 23));
    assertThat(tasks.getIdentityLinksForTask(task(pi, ANALYSE).getId())).extracting(l -> l.getGroupId())
        .containsExactly("discipline-investigation");

    // no identity in the lead's variables, only whether it is real-name
    Map<String, Object> vars = runtime.getVariables(pi.getId());
    assertThat(vars).doesNotContainKeys("petitionerName", "petitionerPhone", "petitionerIdNumber", "petitionerAddress",
        "petitionerDisplay").containsEntry("reporterDisplay", "实名举报（检举人身份保密）");
    assertThat(vars.values()).noneMatch(v -> String.valueOf(v).contains("钱") || String.valueOf(v).contains("13912"));

    // feedback before the leader approved a disposal: refused at the task's door
    assertThatThrownBy(() -> as("discoffice1", OFFICE, () -> {
      complete(pi, FEEDBACK, Map.of("feedbackMethod", "PHONE", "feedbackText", "已受理"));
      return null;
    })).hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("尚未经纪委领导批准");

    analyse(pi, verify("unit-land", "investigation"));
    as("discleader", LEADERS, () -> {
      complete(pi, APPROVE, Map.of("approvalDecision", "APPROVE", "approvalComment", "同意初核"));
      return null;
    });
    assertThat(pi).isWaitingAt(VERIFY, FEEDBACK);
    assertThat(task(pi, VERIFY).getAssignee()).isEqualTo("investigator1");
    assertThat(task(pi, VERIFY).getDueDate()).isEqualTo(endOfDay(2026, 5, 6)); // 2 May, moved past the 1–5 May holiday
    assertThat(documents.forCase(pi.getBusinessKey())).extracting(d -> d.kind()).contains(DocumentStore.Kind.LEAD_VERIFY_PLAN);

    as("discoffice1", OFFICE, () -> {
      complete(pi, FEEDBACK, Map.of("feedbackMethod", "PHONE", "feedbackText", "您反映的问题已受理，正在依规初步核实"));
      return null;
    });
    assertThat(pi).hasPassed(RECORD_FEEDBACK).isWaitingAt(VERIFY);
    as("investigator1", INVESTIGATORS, () -> {
      complete(pi, VERIFY, Map.of("verificationReport", "经查阅账目、询问相关人员，反映的违规发放补贴问题部分属实",
          "verificationFinding", "PARTLY"));
      return null;
    });
    // the conclusion is a save point of its own: the last task's completion is committed before the case closes
    assertThat(pi).hasPassed(RECORD_VERIFICATION).isWaitingAt(CONCLUDE);
    runDueJobs(pi);
    assertThat(pi).hasPassed(CONCLUDE, END).isEnded();
    assertThat(events(pi)).filteredOn(e -> e.eventType().equals("CLOSED")).extracting(PetitionEvent::detail)
        .allMatch(d -> d.contains("无未办事项"));
    assertThat(intake).hasPassed("end_discipline_lead").isEnded();
    assertNothingLeft(intake);
    assertThat(ledger.find(pi.getBusinessKey()).orElseThrow().status()).isEqualTo(PetitionStatus.ARCHIVED);
    assertThat(documents.forCase(pi.getBusinessKey())).extracting(d -> d.kind())
        .contains(DocumentStore.Kind.LEAD_REPORT);
    // every step in the journal, with who acted
    assertThat(events(pi)).extracting(e -> e.eventType() + "/" + e.actor()).contains("LEAD_OPENED/system",
        "LEAD_ANALYSED/investigator1", "LEAD_APPROVED/discleader", "REALNAME_FEEDBACK/discoffice1",
        "LEAD_VERIFIED/investigator1", "LEAD_CONCLUDED/system");
    // nothing journaled names the reporter
    assertThat(events(pi)).noneMatch(e -> e.detail() != null && e.detail().contains(reporterName(pi)));
  }

  @Test
  void shouldTalkToTheReportedPersonByLetterWithoutFeedbackForAnAnonymousReport() {
    ProcessInstance pi = leadOf(report(false));
    assertThat(pi).isWaitingAt(ANALYSE);
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(FEEDBACK).count()).isZero();
    assertThat(runtime.getVariable(pi.getId(), "reporterDisplay")).isEqualTo("匿名举报");
    Map<String, Object> talk = new HashMap<>(verify("unit-hr", "investigation"));
    talk.put("disposal", "TALK");
    talk.remove("verificationPlan");
    talk.put("inquiryMethod", "LETTER");
    analyse(pi, talk);
    complete(pi, APPROVE, Map.of("approvalDecision", "APPROVE", "approvalComment", "同意函询"));
    assertThat(pi).isWaitingAt(INQUIRY);
    assertThat(task(pi, INQUIRY).getDueDate()).isEqualTo(endOfDay(2026, 3, 23)); // 15 working days
    assertThat(documents.forCase(pi.getBusinessKey())).extracting(d -> d.kind()).contains(DocumentStore.Kind.LEAD_INQUIRY);
    as("investigator2", INVESTIGATORS, () -> {
      complete(pi, INQUIRY, Map.of("inquiryResponse", "被函询人书面说明：补贴经集体研究发放，附会议纪要",
          "inquiryConclusion", "CLEARED"));
      return null;
    });
    runDueJobs(pi);
    assertThat(pi).hasPassed(RECORD_INQUIRY, CONCLUDE).isEnded();
    assertThat(events(pi)).extracting(PetitionEvent::eventType).contains("LEAD_INQUIRY").doesNotContain("REALNAME_FEEDBACK");
  }

  @Test
  void shouldCloseHearsayAtOnceWhenTheLeaderApproves() {
    ProcessInstance pi = leadOf(report(false));
    analyse(pi, Map.of("reportedPerson", "某局干部", "reportedUnit", "OTHER", "analysisSummary", "只称听说某干部有问题，无具体事实",
        "disposal", "CLOSE", "closeReason", "HEARSAY", "closeNote", "道听途说，可不作调查"));
    as("discleader", LEADERS, () -> {
      complete(pi, APPROVE, Map.of("approvalDecision", "APPROVE", "approvalComment", "同意了结"));
      return null;
    });
    runDueJobs(pi);
    assertThat(pi).hasPassed(CLOSE, CONCLUDE, END).isEnded();
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(pi.getBusinessKey()).count()).isZero();
    assertThat(events(pi)).filteredOn(e -> e.eventType().equals("LEAD_CLOSED")).singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("道听途说"));
    assertThat(documents.forCase(pi.getBusinessKey())).extracting(d -> d.kind()).contains(DocumentStore.Kind.LEAD_CLOSED);
  }

  @Test
  void shouldParkALeadAndAnalyseItAgainWhenThePeriodicReviewIsDue() {
    ProcessInstance pi = leadOf(report(false));
    analyse(pi, Map.of("reportedPerson", "李某（桥头镇副镇长）", "reportedUnit", "unit-qiaotou",
        "analysisSummary", "线索笼统，暂不具备核查条件", "disposal", "PARK", "parkReason", "待专项审计结果"));
    complete(pi, APPROVE, Map.of("approvalDecision", "APPROVE", "approvalComment", "同意暂存"));
    assertThat(pi).hasPassed(PARK).isWaitingAt(PARKED_REVIEW);
    assertThat(runtime.getVariable(pi.getId(), "disciplineParkedDueAt")).isEqualTo(endOfDay(2026, 6, 2)); // 3 months
    clock(LocalDateTime.of(2026, 6, 3, 9, 0));
    runDueJobs(pi);
    assertThat(pi).isWaitingAt(ANALYSE);
    // the new analysis has a deadline of its own, counted from the review
    assertThat(task(pi, ANALYSE).getDueDate()).isEqualTo(endOfDay(2026, 6, 17));
    analyse(pi, Map.of("reportedPerson", "李某（桥头镇副镇长）", "reportedUnit", "unit-qiaotou",
        "analysisSummary", "审计未发现问题", "disposal", "CLOSE", "closeReason", "UNVERIFIABLE", "closeNote", "无法核实"));
    complete(pi, APPROVE, Map.of("approvalDecision", "APPROVE", "approvalComment", "同意了结"));
    runDueJobs(pi);
    assertThat(pi).isEnded();
    assertThat(events(pi)).extracting(PetitionEvent::eventType).containsSubsequence("LEAD_PARKED", "LEAD_ANALYSED",
        "LEAD_CLOSED");
  }

  @Test
  void shouldLetTheLeaderSendTheAnalysisBack() {
    ProcessInstance pi = leadOf(report(false));
    analyse(pi, Map.of("reportedPerson", "张某", "reportedUnit", "unit-hr", "analysisSummary", "拟了结",
        "disposal", "CLOSE", "closeReason", "MINOR", "closeNote", "情节轻微"));
    as("discleader", LEADERS, () -> {
      complete(pi, APPROVE, Map.of("approvalDecision", "RETURN", "approvalComment", "反映有具体金额，应初步核实"));
      return null;
    });
    assertThat(pi).isWaitingAt(ANALYSE);
    assertThat(events(pi)).filteredOn(e -> e.eventType().equals("LEAD_RETURNED")).singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("discleader"));
    analyse(pi, verify("unit-hr", "investigation"));
    complete(pi, APPROVE, Map.of("approvalDecision", "APPROVE", "approvalComment", "同意"));
    assertThat(pi).isWaitingAt(VERIFY);
  }

  @Test
  void shouldRemindAndEscalateTheRealNameFeedbackAndEveryStep() {
    ProcessInstance pi = leadOf(report(true));
    // the analysis is reminded 2 days before its deadline (16 March: Saturday 14th → Friday 13th) and escalated after it
    clock(LocalDateTime.of(2026, 3, 13, 9, 30));
    runDueJobs(pi);
    assertThat(pi).hasPassed("service_remind_analysis");
    clock(LocalDateTime.of(2026, 3, 17, 9, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed("service_escalate_analysis").isWaitingAt(ANALYSE, FEEDBACK);
    // the feedback: reminded on Friday 20 March, escalated to the commission's leaders after Monday 23 March
    clock(LocalDateTime.of(2026, 3, 20, 9, 30));
    runDueJobs(pi);
    assertThat(pi).hasPassed(REMIND_FEEDBACK);
    assertThat(events(pi)).filteredOn(e -> e.eventType().equals("REMINDER")).extracting(PetitionEvent::detail)
        .anyMatch(d -> d.contains("实名反馈"));
    clock(LocalDateTime.of(2026, 3, 24, 9, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(ESCALATE_FEEDBACK).isWaitingAt(FEEDBACK);
    assertThat(events(pi)).filteredOn(e -> e.eventType().equals("OVERDUE")).extracting(PetitionEvent::detail)
        .anyMatch(d -> d.contains("实名反馈已超过时限"));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification WHERE case_number = ? AND recipient_group = ? "
        + "AND kind = 'OVERDUE'", Integer.class, pi.getBusinessKey(), "discipline-leaders")).isGreaterThanOrEqualTo(2);

    // approval, talk and verification deadlines are watched the same way
    analyse(pi, verify("unit-land", "investigation"));
    clock(LocalDateTime.of(2026, 4, 1, 9, 0)); // approval due 5 working days after 24 March: 31 March
    runDueJobs(pi);
    assertThat(pi).hasPassed("service_remind_approval", "service_escalate_approval");
    complete(pi, APPROVE, Map.of("approvalDecision", "APPROVE", "approvalComment", "同意"));
    clock(LocalDateTime.of(2026, 6, 2, 9, 0)); // verification due 2 months after 1 April: 1 June
    runDueJobs(pi);
    assertThat(pi).hasPassed("service_remind_verification", "service_escalate_verification");
  }

  @Test
  void shouldRemindAndEscalateAnOverdueTalk() {
    ProcessInstance pi = leadOf(report(false));
    Map<String, Object> talk = new HashMap<>(verify("unit-hr", "investigation"));
    talk.put("disposal", "TALK");
    talk.put("inquiryMethod", "TALK");
    analyse(pi, talk);
    complete(pi, APPROVE, Map.of("approvalDecision", "APPROVE", "approvalComment", "同意谈话"));
    clock(LocalDateTime.of(2026, 3, 24, 9, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed("service_remind_inquiry", "service_escalate_inquiry").isWaitingAt(INQUIRY);
  }

  @Test
  void shouldRefuseToRouteTheLeadToTheUnitOrPersonReportedOn() {
    ProcessInstance pi = leadOf(report(false));
    // the handling unit is the reported unit
    Map<String, Object> toReportedUnit = new HashMap<>(verify("unit-land", "investigation"));
    toReportedUnit.put("leadHandlingUnit", "unit-land");
    toReportedUnit.put("leadInvestigator", "land1");
    toReportedUnit.put("secondInvestigator", "landhead");
    assertThatThrownBy(() -> analyse(pi, toReportedUnit)).hasRootCauseInstanceOf(InvalidInputException.class)
        .hasMessageContaining("回避：承办单位「县自然资源局」正是被反映单位")
        .hasMessageContaining("回避：主办人「何平」是被反映单位「县自然资源局」的人员");
    // an investigator who is the person reported on
    Map<String, Object> reportedPerson = new HashMap<>(verify("unit-hr", "investigation"));
    reportedPerson.put("reportedPerson", "唐敏（县纪委核查组干部）");
    assertThatThrownBy(() -> analyse(pi, reportedPerson)).hasRootCauseInstanceOf(InvalidInputException.class)
        .hasMessageContaining("回避：协办人「唐敏」正是被反映人");
    // an investigator from outside the handling unit, and twice the same person
    Map<String, Object> outsider = new HashMap<>(verify("unit-hr", "investigation"));
    outsider.put("secondInvestigator", "investigator1");
    assertThatThrownBy(() -> analyse(pi, outsider)).hasMessageContaining("协办人不能与主办人是同一人");
    assertThat(pi).isWaitingAt(ANALYSE);
    assertThat(events(pi)).extracting(PetitionEvent::eventType).doesNotContain("LEAD_ANALYSED");

    // a member of the reported unit who got hold of the verification task cannot complete it
    analyse(pi, verify("unit-land", "investigation"));
    complete(pi, APPROVE, Map.of("approvalDecision", "APPROVE", "approvalComment", "同意"));
    // (its groups as the session says: the task is the case group's, the person is of the reported unit)
    assertThatThrownBy(() -> as("land1", List.of("discipline-investigation", "unit-land"), () -> {
      complete(pi, VERIFY, Map.of("verificationReport", "无问题", "verificationFinding", "UNFOUNDED"));
      return null;
    })).hasMessageContaining("回避：您是被反映单位「县自然资源局」的人员");
    assertThat(pi).isWaitingAt(VERIFY);
  }

  @Test
  void shouldRefuseAReportedUnitAssignmentAtAcceptanceAndAStartOutsideTheIntake() {
    ProcessInstance intake = registerReport(false);
    assertThatThrownBy(() -> complete(intake, "task_accept_petition", Map.of("acceptanceDecision", "ASSIGN",
        "handlingUnit", "unit-land", "acceptanceNote", "已受理"))).hasMessageContaining("检举控告件不交办给承办单位");
    assertThat(intake).isWaitingAt("task_accept_petition");
    // the lead is only ever started by the acceptance
    assertThatThrownBy(() -> runtime.startProcessInstanceByKey(DisciplineLeadProcess.KEY, Map.of("subject", "x")))
        .hasMessageContaining("问题线索处置只能在受理检举控告件时由受理环节发起");
  }

  // ---------------------------------------------------------------- helpers

  /** A lead for 初步核实 by the given unit's people ("investigation": the commission's case group). */
  static Map<String, Object> verify(String reportedUnit, String by) {
    Map<String, Object> v = new HashMap<>();
    v.put("reportedPerson", "赵某（被反映单位副局长）");
    v.put("reportedUnit", reportedUnit);
    v.put("analysisSummary", "反映违规发放津补贴，内容具体，有可查性");
    v.put("disposal", "VERIFY");
    v.put("leadHandlingUnit", "discipline-investigation");
    v.put("verificationPlan", "调取2025年度津补贴发放账目，询问财务人员");
    v.put("leadInvestigator", "investigator1");
    v.put("secondInvestigator", "investigator2");
    return v;
  }

  void analyse(ProcessInstance pi, Map<String, Object> variables) {
    as("investigator1", INVESTIGATORS, () -> {
      complete(pi, ANALYSE, variables);
      return null;
    });
  }

  ProcessInstance registerReport(boolean realName) {
    Map<String, Object> v = new HashMap<>();
    v.put("channel", "LETTER");
    v.put("category", "DISCIPLINE");
    v.put("subject", "举报违规发放津补贴");
    v.put("content", "某局2025年违规发放津补贴数十万元");
    v.put("realName", realName);
    v.put("headcount", 1);
    v.put("sourceLevel", "SELF");
    if (realName) {
      v.put("petitionerName", "钱" + "多多");
    }
    v.put("petitionerPhone", String.format("1391234%04d", REPORTERS.incrementAndGet()));
    identity.setAuthentication("reception1", List.of("reception"));
    try {
      ProcessInstance intake = runtime.startProcessInstanceByKey("petition-intake", v);
      runDueJobs(intake);
      return intake;
    } finally {
      identity.clearAuthentication();
    }
  }

  ProcessInstance report(boolean realName) {
    ProcessInstance intake = registerReport(realName);
    as("office1", List.of("petition-office"), () -> {
      complete(intake, "task_accept_petition", Map.of("acceptanceDecision", "HANDLE", "acceptanceNote", "已受理，转县纪委处置"));
      return null;
    });
    return intake;
  }

  ProcessInstance leadOf(ProcessInstance intake) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(DisciplineLeadProcess.KEY)
        .processInstanceBusinessKey(intake.getBusinessKey()).singleResult();
  }

  List<PetitionEvent> events(ProcessInstance pi) {
    return ledger.events(pi.getBusinessKey());
  }

  String reporterName(ProcessInstance pi) {
    return ledger.find(pi.getBusinessKey()).orElseThrow().petitionerName();
  }
}
