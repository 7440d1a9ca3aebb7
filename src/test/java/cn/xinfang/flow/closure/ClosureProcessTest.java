package cn.xinfang.flow.closure;

import static cn.xinfang.flow.intake.IntakeProcess.Element.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xinfang.flow.ProcessTests;
import cn.xinfang.flow.intake.IntakeProcess;
import cn.xinfang.flow.intake.PetitionRequests;
import cn.xinfang.flow.intake.PetitionRequests.RequestType;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.petition.PetitionLedger.PetitionEvent;
import cn.xinfang.flow.petition.PetitionStatus;
import cn.xinfang.flow.system.NotFoundException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Issue 14 item 4 (回访 after the reply) and issue 16 item 2 (三级终结, repeat petitions, the
 * petitioner's profile) on petition-intake, driven through the real engine, delegates and ledger.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:closure-process-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class ClosureProcessTest extends ProcessTests {

  /** Monday 2 March 2026, 10:00 in Beijing: no holiday near. */
  static final LocalDateTime START = LocalDateTime.of(2026, 3, 2, 10, 0);
  static final AtomicInteger PETITIONERS = new AtomicInteger();

  @Autowired PetitionLedger ledger;
  @Autowired PetitionRequests requests;
  @Autowired Evaluations evaluations;
  @Autowired PetitionerProfiles profiles;
  @Autowired CaseClosureView caseFileView;

  String phone;

  @BeforeEach
  void setUp() {
    clock(START);
    phone = String.format("1390000%04d", PETITIONERS.incrementAndGet());
  }

  // ---------------------------------------------------------------- 回访 (issue 14, item 4)

  @Test
  void shouldGiveTheCaseOwnerACallBackAfterTheReplyAndReportAnUnsatisfiedEvaluationToTheOffice() {
    ProcessInstance pi = replied(register("拖欠工资"), "unit-hr");
    String caseNumber = pi.getBusinessKey();
    // the call-back runs beside the 复查 window, which stays open for the petitioner
    assertThat(pi).isWaitingAt(REVIEW_WINDOW, CALLBACK);
    assertThat(pi).task(CALLBACK).isAssignedTo("reception1");
    assertThat(tasks.getIdentityLinksForTask(task(pi, CALLBACK).getId())).anyMatch(l -> "petition-office".equals(l.getGroupId()));
    // 10 working days from Monday 2 March: 3-6, 9-13, 16 March
    assertThat(task(pi, CALLBACK).getDueDate()).isEqualTo(endOfDay(2026, 3, 16));

    assertThatThrownBy(() -> complete(pi, CALLBACK, Map.of("callbackResult", "ANGRY", "callbackComment", "x")))
        .hasMessageContaining("callbackResult").hasMessageContaining("回访评价");
    as("reception1", List.of("reception"), () -> {
      complete(pi, CALLBACK, Map.of("callbackResult", "UNSATISFIED", "callbackComment", "认为工资未足额追回"));
      return null;
    });

    assertThat(pi).hasPassed(RECORD_CALLBACK, NOTIFY_UNSATISFIED, END_CALLBACK_NOTIFIED).isWaitingAt(REVIEW_WINDOW);
    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM xf_evaluation WHERE case_number = ?", caseNumber);
    assertThat(row).containsEntry("SOURCE", "CALLBACK").containsEntry("RESULT", "UNSATISFIED")
        .containsEntry("HANDLING_UNIT", "unit-hr").containsEntry("RECORDED_BY", "reception1")
        .containsEntry("COMMENT", "认为工资未足额追回");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification WHERE case_number = ? AND kind = 'UNSATISFIED' "
        + "AND recipient_group = 'petition-office'", Integer.class, caseNumber)).isEqualTo(1);
    assertThat(events(caseNumber, "CALLBACK")).singleElement().extracting(PetitionEvent::detail).asString()
        .startsWith("电话回访：不满意");
  }

  @Test
  void shouldRecordASatisfiedCallBackWithoutNoticeAndKeepAPetitionersOwnEvaluation() {
    ProcessInstance pi = replied(register("拖欠工资"), "unit-hr");
    complete(pi, CALLBACK, Map.of("callbackResult", "SATISFIED", "callbackComment", "信访人表示满意"));
    assertThat(pi).hasPassed(END_CALLBACK_RECORDED).hasNotPassed(NOTIFY_UNSATISFIED);
    assertThat(evaluations.find(pi.getBusinessKey()).orElseThrow().result()).isEqualTo("SATISFIED");

    // the petitioner evaluates on their own page while the call-back is open: theirs stands
    ProcessInstance second = replied(register("土地补偿"), "unit-hr");
    petitionerEvaluates(second.getBusinessKey(), "BASICALLY_SATISFIED");
    complete(second, CALLBACK, Map.of("callbackResult", "UNSATISFIED", "callbackComment", "电话中表示不满意"));
    assertThat(second).hasPassed(END_CALLBACK_RECORDED).hasNotPassed(NOTIFY_UNSATISFIED);
    Evaluations.Evaluation kept = evaluations.find(second.getBusinessKey()).orElseThrow();
    assertThat(kept.source()).isEqualTo("PETITIONER");
    assertThat(kept.result()).isEqualTo("BASICALLY_SATISFIED");
    assertThat(events(second.getBusinessKey(), "CALLBACK")).singleElement().extracting(PetitionEvent::detail).asString()
        .contains("以该评价为准，回访结果未覆盖");
  }

  @Test
  void shouldSkipTheCallBackWhenThePetitionerHasAlreadyEvaluated() {
    ProcessInstance pi = register("拖欠工资");
    accept(pi, "HANDLE", null);
    report(pi);
    petitionerEvaluates(pi.getBusinessKey(), "SATISFIED");
    sendReply(pi);
    assertThat(pi).hasPassed(CHECK_EVALUATION, END_CALLBACK_SKIPPED).hasNotPassed(CALLBACK).isWaitingAt(REVIEW_WINDOW);
    assertThat(task(pi, CALLBACK)).isNull();
    assertThat(events(pi.getBusinessKey(), "CALLBACK_SKIPPED")).singleElement().extracting(PetitionEvent::detail)
        .asString().contains("信访人自行评价：满意");
  }

  @Test
  void shouldRemindBeforeAndEscalateAfterTheCallBackDeadline() {
    ProcessInstance pi = replied(register("拖欠工资"), "unit-hr");
    clock(LocalDateTime.of(2026, 3, 14, 9, 0)); // 2 days before the last day
    runDueJobs(pi);
    assertThat(pi).hasPassed(TIMER_CALLBACK_REMINDER, REMIND_CALLBACK).hasNotPassed(ESCALATE_CALLBACK);
    assertThat(notifications(pi.getBusinessKey(), "REMINDER", "petition-office")).isEqualTo(1);
    clock(LocalDateTime.of(2026, 3, 17, 9, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(TIMER_CALLBACK_OVERDUE, ESCALATE_CALLBACK).isWaitingAt(CALLBACK, REVIEW_WINDOW);
    assertThat(notifications(pi.getBusinessKey(), "OVERDUE", "leaders")).isEqualTo(1);
    assertThat(events(pi.getBusinessKey(), "OVERDUE")).extracting(PetitionEvent::detail).anyMatch(d -> d.contains("回访"));
  }

  // ---------------------------------------------------------------- 三级终结 (issue 16, item 2)

  @Test
  void shouldBeFinalAfterTheReReviewUpholds() {
    ProcessInstance pi = replied(register("拖欠工资"), "unit-hr");
    requests.submit(pi.getBusinessKey(), RequestType.REVIEW, "申请复查");
    complete(pi, DECIDE_REVIEW, Map.of("reviewOutcome", "UPHOLD", "reviewOpinion", "维持"));
    requests.submit(pi.getBusinessKey(), RequestType.REREVIEW, "申请复核");
    complete(pi, DECIDE_REREVIEW, Map.of("rereviewOutcome", "UPHOLD", "rereviewOpinion", "复核维持"));
    runDueJobs(pi);
    assertThat(pi).hasPassed(RECORD_FINAL, ARCHIVE, END_ARCHIVED).isEnded();
    assertNothingLeft(pi); // the open call-back ended with the case
    assertFinal(pi.getBusinessKey(), "REREVIEW", "复核终结");
  }

  @Test
  void shouldBeFinalWhenTheReviewWindowPassesOnTheDiagramsTimer() {
    ProcessInstance pi = replied(register("拖欠工资"), "unit-hr");
    assertThat(jdbc.queryForObject("SELECT final_at FROM xf_petition WHERE case_number = ?", Timestamp.class,
        pi.getBusinessKey())).isNull();
    clock(START.plusDays(31));
    runDueJobs(pi);
    assertThat(pi).hasPassed(TIMER_REVIEW_WINDOW, RECORD_FINAL, END_ARCHIVED).isEnded();
    assertFinal(pi.getBusinessKey(), "REVIEW_WINDOW", "未申请复查");
  }

  @Test
  void shouldBeFinalWhenTheReReviewWindowPassesAfterAnUpheldReview() {
    ProcessInstance pi = replied(register("拖欠工资"), "unit-hr");
    requests.submit(pi.getBusinessKey(), RequestType.REVIEW, "申请复查");
    complete(pi, DECIDE_REVIEW, Map.of("reviewOutcome", "UPHOLD", "reviewOpinion", "维持"));
    assertThat(pi).isWaitingAt(REREVIEW_WINDOW);
    clock(START.plusDays(31));
    runDueJobs(pi);
    assertThat(pi).hasPassed(TIMER_REREVIEW_WINDOW, RECORD_FINAL, END_ARCHIVED).isEnded();
    assertFinal(pi.getBusinessKey(), "REREVIEW_WINDOW", "未申请复核");
  }

  // ---------------------------------------------------------------- 重复信访 at registration

  @Test
  void shouldNotReAcceptARepeatOfAFinalCase() {
    ProcessInstance first = replied(register("拖欠农民工工资"), "unit-hr");
    clock(START.plusDays(31));
    runDueJobs(first);
    assertThat(first).isEnded();
    String finalCase = first.getBusinessKey();

    // the same petitioner, the same facts in slightly other words
    ProcessInstance again = register("拖欠农民工工资问题");
    String caseNumber = again.getBusinessKey();
    assertThat(again).hasPassed(REFUSE_REPEAT, END_NOT_REACCEPTED).hasNotPassed(ACCEPT).isEnded();
    assertNothingLeft(again);
    assertThat(ledger.find(caseNumber).orElseThrow().status()).isEqualTo(PetitionStatus.REJECTED);
    assertThat(jdbc.queryForMap("SELECT repeat_of_case_number, repeat_of_final FROM xf_petition WHERE case_number = ?",
        caseNumber)).containsEntry("REPEAT_OF_CASE_NUMBER", finalCase).containsEntry("REPEAT_OF_FINAL", true);
    assertThat(events(caseNumber, "REPEAT_PETITION")).singleElement().extracting(PetitionEvent::detail).asString()
        .contains(finalCase).contains("已终结");
    assertThat(events(caseNumber, "NOT_REACCEPTED")).singleElement().extracting(PetitionEvent::detail).asString()
        .contains("不再受理").contains("第三十五条");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification WHERE case_number = ? AND kind = 'NOT_REACCEPTED'",
        Integer.class, caseNumber)).isEqualTo(1);
    // the final case counts the repeat
    assertThat(ledger.find(finalCase).orElseThrow().repeatVisits()).isEqualTo(1);
    assertThat(events(finalCase, "REPEAT_VISIT")).singleElement().extracting(PetitionEvent::detail).asString()
        .contains(caseNumber);
  }

  @Test
  void shouldFlagARepeatOfAClosedCaseThatIsNotFinalAndAcceptItNormally() {
    ProcessInstance first = register("拖欠农民工工资");
    complete(first, ACCEPT, Map.of("acceptanceDecision", "REJECT", "acceptanceNote", "材料不全"));
    assertThat(first).isEnded();

    ProcessInstance again = register("拖欠农民工工资！");
    runDueJobs(again); // a repeat petition is a major matter: filed upward first
    assertThat(again).isWaitingAt(ACCEPT).hasNotPassed(REFUSE_REPEAT);
    assertThat(again).variables().containsEntry(IntakeProcess.Var.REPEAT_OF_CASE, first.getBusinessKey())
        .containsEntry(IntakeProcess.Var.REPEAT_OF_FINAL, false).containsEntry(IntakeProcess.Var.REPEAT_PETITION, true);
    // what the clerk sees in the acceptance task's summary
    assertThat((String) runtime.getVariable(again.getId(), IntakeProcess.Var.REPEAT_OF_LABEL))
        .isEqualTo("疑似重复信访：" + first.getBusinessKey() + "「拖欠农民工工资」（不予受理）");
    assertThat(events(again.getBusinessKey(), "REPEAT_PETITION")).hasSize(1);
    assertThat(ledger.find(first.getBusinessKey()).orElseThrow().repeatVisits()).isEqualTo(1);

    // another matter of the same petitioner, or the same matter of another one, is no repeat
    ProcessInstance other = register("噪音扰民");
    assertThat(other).variables().containsEntry(IntakeProcess.Var.REPEAT_OF_FINAL, false)
        .containsEntry(IntakeProcess.Var.REPEAT_OF_LABEL, "未发现");
    phone = "13911112222";
    ProcessInstance stranger = register("拖欠农民工工资");
    assertThat(runtime.getVariable(stranger.getId(), IntakeProcess.Var.REPEAT_OF_CASE)).isNull();
  }

  @Test
  void shouldMergeIntoTheOldestOpenCaseRatherThanFlagARepeatWhenBothExist() {
    // a closed case, then a repeat of it that is accepted and stays open
    ProcessInstance closed = register("拖欠农民工工资");
    complete(closed, ACCEPT, Map.of("acceptanceDecision", "REJECT", "acceptanceNote", "材料不全"));
    ProcessInstance open = register("拖欠农民工工资");
    assertThat(open).variables().containsEntry(IntakeProcess.Var.REPEAT_OF_CASE, closed.getBusinessKey());
    runDueJobs(open);
    clock(START.plusMinutes(5));
    ProcessInstance newerOpen = register("拖欠农民工工资问题"); // other words: not the same matter's key, stays open
    assertThat(newerOpen).variables().containsEntry(IntakeProcess.Var.REPEAT_OF_CASE, closed.getBusinessKey());

    // the same matter once more: taken into the oldest open case on it, not flagged as a repeat of the closed one
    clock(START.plusMinutes(10));
    ProcessInstance again = register("拖欠农民工工资");
    assertThat(again).isWaitingAt(LINK_TO_OPEN_CASE);
    assertThat(again).variables().containsEntry("linkedCaseNumber", open.getBusinessKey())
        .containsEntry(IntakeProcess.Var.REPEAT_PETITION, false)
        .containsEntry(IntakeProcess.Var.REPEAT_OF_LABEL, "未发现");
    assertThat(runtime.getVariable(again.getId(), IntakeProcess.Var.REPEAT_OF_CASE)).isNull();
    assertThat(events(again.getBusinessKey(), "REPEAT_PETITION")).isEmpty();
    assertThat(ledger.find(again.getBusinessKey()).orElseThrow().status()).isEqualTo(PetitionStatus.LINKED);
    assertThat(ledger.find(again.getBusinessKey()).orElseThrow().linkedCaseNumber()).isEqualTo(open.getBusinessKey());

    // a petitioner without phone and name (anonymous) has no earlier cases to look at
    Map<String, Object> anonymous = new HashMap<>(Map.of("subject", "拖欠农民工工资", "realName", false));
    anonymous.put("petitionerName", null);
    anonymous.put("petitionerPhone", null);
    ProcessInstance unnamed = register(anonymous);
    assertThat(unnamed).isWaitingAt(ACCEPT);
    assertThat(runtime.getVariable(unnamed.getId(), IntakeProcess.Var.REPEAT_OF_CASE)).isNull();
  }

  // ---------------------------------------------------------------- the petitioner's profile

  @Test
  void shouldShowThePetitionersCasesWithLongStandingAndOverLevelCountsToTheOfficeOnly() {
    ProcessInstance a = register("拖欠工资");
    ProcessInstance b = register(Map.of("subject", "宅基地纠纷", "sourceLevel", "PROVINCE"));
    ProcessInstance c = register(Map.of("subject", "村干部侵占集体资金", "category", "DISCIPLINE"));

    Map<String, Object> office = as("office1", List.of("petition-office"), () -> profiles.ofCase(a.getBusinessKey()));
    assertThat(office).containsEntry("caseCount", 3).containsEntry("longStanding", true).containsEntry("overLevelCount", 1L)
        .containsEntry("petitionerName", "王小明");
    assertThat((List<?>) office.get("cases")).hasSize(3);

    // leaders do not see the discipline report, which would name its reporter
    Map<String, Object> leaders = as("head", List.of("leaders"), () -> profiles.ofCase(b.getBusinessKey()));
    assertThat(leaders).containsEntry("caseCount", 2);
    List<Object> shown = ((List<?>) leaders.get("cases")).stream().map(r -> ((Map<?, ?>) r).get("caseNumber"))
        .map(Object.class::cast).toList();
    assertThat(shown).containsExactly(b.getBusinessKey(), a.getBusinessKey());
    assertThatThrownBy(() -> as("head", List.of("leaders"), () -> profiles.ofCase(c.getBusinessKey())))
        .isInstanceOf(NotFoundException.class);
    // a unit never sees a profile
    assertThatThrownBy(() -> as("hrhead", List.of("unit-hr"), () -> profiles.ofCase(a.getBusinessKey())))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void shouldShowFinalClosureRepeatAndEvaluationOnTheCaseFile() {
    ProcessInstance first = replied(register("拖欠农民工工资"), "unit-hr");
    complete(first, CALLBACK, Map.of("callbackResult", "UNSATISFIED", "callbackComment", "不满意"));
    clock(START.plusDays(31));
    runDueJobs(first);
    ProcessInstance again = register("拖欠农民工工资问题");

    Map<String, Object> office = as("office1", List.of("petition-office"),
        () -> caseFileView.forCase(ledger.find(first.getBusinessKey()).orElseThrow(), true));
    assertThat(office.get("finalAt")).isNotNull();
    assertThat(office).containsEntry("finalBasisLabel", FinalBasis.REVIEW_WINDOW.label())
        .containsEntry("petitionerProfileHref", "/petitioners/by-case/" + first.getBusinessKey());
    assertThat(map(office.get("evaluation"))).containsEntry("resultLabel", "不满意")
        .containsEntry("sourceLabel", "电话回访").containsEntry("unsatisfied", true);

    Map<String, Object> repeat = as("office1", List.of("petition-office"),
        () -> caseFileView.forCase(ledger.find(again.getBusinessKey()).orElseThrow(), true));
    assertThat(map(repeat.get("repeatOf"))).containsEntry("caseNumber", first.getBusinessKey())
        .containsEntry("final", true);
    assertThat(repeat.get("evaluation")).isNull();
    // the handling unit reads the case file, but gets no link to the petitioner's profile
    Map<String, Object> unit = as("hrhead", List.of("unit-hr"),
        () -> caseFileView.forCase(ledger.find(first.getBusinessKey()).orElseThrow(), false));
    assertThat(unit.get("petitionerProfileHref")).isNull();
  }

  // ---------------------------------------------------------------- helpers

  ProcessInstance register(String subject) {
    return register(Map.of("subject", subject));
  }

  ProcessInstance register(Map<String, Object> overrides) {
    Map<String, Object> v = new HashMap<>();
    v.put("channel", "VISIT");
    v.put("category", "LABOR");
    v.put("content", "某建筑公司拖欠工资三个月，多次讨要未果。");
    v.put("realName", true);
    v.put("headcount", 1);
    v.put("sourceLevel", "SELF");
    v.put("petitionerName", "王小明");
    v.put("petitionerPhone", phone);
    v.putAll(overrides);
    return as("reception1", List.of("reception"), () -> runtime.startProcessInstanceByKey(IntakeProcess.KEY, v));
  }

  ProcessInstance replied(ProcessInstance pi, String unit) {
    accept(pi, "ASSIGN", unit);
    report(pi);
    sendReply(pi);
    return pi;
  }

  void accept(ProcessInstance pi, String decision, String unit) {
    Map<String, Object> v = new HashMap<>();
    v.put("acceptanceDecision", decision);
    v.put("acceptanceNote", "您的信访事项已受理");
    if (unit != null) {
      v.put("handlingUnit", unit);
    }
    complete(pi, ACCEPT, v);
  }

  void report(ProcessInstance pi) {
    complete(pi, HANDLE, Map.of("handlingAction", "REPORT", "outcome", "EXPLAIN", "facts", "经调查核实", "reasons", "依据相关规定"));
  }

  void sendReply(ProcessInstance pi) {
    complete(pi, SEND_REPLY, Map.of("replyDecision", "SEND", "replyMethod", "WRITTEN", "replyText", "信访处理意见书"));
    runDueJobs(pi);
  }

  /** What the petitioner's page (another feature) writes: source PETITIONER, insert-if-absent. */
  void petitionerEvaluates(String caseNumber, String result) {
    assertThat(evaluations.recordIfAbsent(caseNumber, Evaluations.PETITIONER, result, "本人评价", "unit-hr", "petitioner"))
        .isTrue();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  List<PetitionEvent> events(String caseNumber, String type) {
    return ledger.events(caseNumber).stream().filter(e -> e.eventType().equals(type)).toList();
  }

  int notifications(String caseNumber, String kind, String group) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification WHERE case_number = ? AND kind = ? "
        + "AND recipient_group = ?", Integer.class, caseNumber, kind, group);
  }

  void assertFinal(String caseNumber, String basis, String journalWords) {
    Map<String, Object> row = jdbc.queryForMap("SELECT status, final_at, final_basis FROM xf_petition WHERE case_number = ?",
        caseNumber);
    assertThat(row.get("FINAL_AT")).isNotNull();
    assertThat(row).containsEntry("FINAL_BASIS", basis).containsEntry("STATUS", "ARCHIVED");
    assertThat(events(caseNumber, "FINAL")).singleElement().extracting(PetitionEvent::detail).asString()
        .contains(journalWords).contains("不再受理");
  }
}
