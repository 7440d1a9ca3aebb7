package cn.xinfang.flow.reception;

import static cn.xinfang.flow.reception.ReceptionProcess.Var.*;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.notification.NotificationService;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.InsertIfAbsent;
import cn.xinfang.flow.petition.JournalActor;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.system.InvalidInputException;
import cn.xinfang.flow.system.VariableWrites;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * 接访登记与苗头预警, right after registration in petition-intake:
 * <ol>
 * <li>A visit registered while a published reception slot runs (or marked 领导接访日 by the clerk, who
 *     is then refused if none runs) is received there: its receiving leader is set as
 *     {@code receptionLeader}, which the ownership table (leader-ownership-rule.dmn, rule 领导接访日接待)
 *     turns into the case's owner at acceptance.</li>
 * <li>The table early-warning-rule.dmn says which warnings the registration raises (集体访 5人及以上,
 *     越级访); each goes as a notice to every leader receiving visitors that day (the day's reception
 *     leaders; the bureau head when nobody is scheduled).</li>
 * </ol>
 * Safe to run twice: the visit and each warning are stored once per case (keys), notices have keys.
 */
@Component("receptionCheck")
class ReceptionCheckDelegate implements JavaDelegate {

  private final ReceptionLedger reception;
  private final PetitionLedger ledger;
  private final OrganizationDirectory organization;
  private final NotificationService notifications;
  private final DecisionService decisions;
  private final InsertIfAbsent insertIfAbsent;

  ReceptionCheckDelegate(ReceptionLedger reception, PetitionLedger ledger, OrganizationDirectory organization,
      NotificationService notifications, DecisionService decisions, InsertIfAbsent insertIfAbsent) {
    this.reception = reception;
    this.ledger = ledger;
    this.organization = organization;
    this.notifications = notifications;
    this.decisions = decisions;
    this.insertIfAbsent = insertIfAbsent;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseNumber = execution.getProcessBusinessKey();
    LocalDateTime now = LocalDateTime.ofInstant(PetitionLedger.now(), DeadlineService.CHINA);
    matchSlot(execution, caseNumber, now);
    raiseWarnings(execution, caseNumber, now);
  }

  private void matchSlot(DelegateExecution execution, String caseNumber, LocalDateTime now) {
    boolean marked = Boolean.TRUE.equals(execution.getVariable(LEADER_RECEPTION));
    boolean visit = "VISIT".equals(execution.getVariable("channel"));
    if (marked && !visit) {
      throw new InvalidInputException(LEADER_RECEPTION, "只有来访件可以在领导接访日接待：请将信访渠道选为「来访」，或取消勾选「领导接访日接待」");
    }
    List<ReceptionLedger.Slot> running = visit ? reception.runningAt(now) : List.of();
    if (running.isEmpty()) {
      if (marked) {
        throw new InvalidInputException(LEADER_RECEPTION, "现在（" + now.toLocalDate() + " " + now.toLocalTime().withNano(0)
            + "）没有正在进行的领导接访日：请取消勾选「领导接访日接待」，或先在接访日页面发布本时段的安排");
      }
      // no leader received this visit: a leader an earlier visit of the case recorded is cleared; none is no variable
      VariableWrites.setIfChanged(execution, RECEPTION_LEADER, null);
      return;
    }
    // several slots at once (two halls): the earliest-starting one, as listed on the schedule
    ReceptionLedger.Slot slot = running.get(0);
    String leader = slot.receivingLeader();
    execution.setVariable(RECEPTION_LEADER, leader);
    execution.setVariable(RECEPTION_LEADER_NAME, organization.displayName(leader));
    execution.setVariable(RECEPTION_DAY_ID, slot.id());
    execution.setVariable(RECEPTION_KIND, slot.kind());
    reception.recordVisit(caseNumber, slot.id(), leader);
    String others = slot.leaders().size() > 1 ? "，共同接访：" + String.join("、",
        slot.leaders().subList(1, slot.leaders().size()).stream().map(organization::displayName).toList()) : "";
    String units = slot.units().isEmpty() ? "" : "，参加单位：" + String.join("、",
        slot.units().stream().map(organization::nameOf).toList());
    ledger.recordEvent(caseNumber, "RECEPTION_DAY:" + slot.id(), "RECEPTION_DAY", JournalActor.of(execution),
        (slot.joint() ? "联合接访" : "领导接访日") + "接待（第 " + slot.id() + " 号，" + slot.place() + "）：主接访领导 "
            + organization.displayName(leader) + others + units);
  }

  private void raiseWarnings(DelegateExecution execution, String caseNumber, LocalDateTime now) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("headcount", execution.getVariable("headcount"));
    inputs.put("sourceLevel", execution.getVariable("sourceLevel"));
    List<Map<String, Object>> rows = decisions.evaluateDecisionTableByKey(ReceptionProcess.WARNING_DECISION,
        Variables.fromMap(inputs)).getResultList();
    List<String> labels = new ArrayList<>();
    if (rows.isEmpty()) {
      // no warning: no variable (an earlier visit's labels are cleared)
      VariableWrites.setIfChanged(execution, WARNING_LABELS, null);
      return;
    }
    List<String> onDuty = new ArrayList<>(reception.leadersOn(now.toLocalDate()));
    if (onDuty.isEmpty()) {
      // nobody scheduled today: the bureau head is the leader on duty (主要领导值班)
      onDuty.add(organization.headOf(OrganizationDirectory.LEADERS));
    }
    String subject = (String) execution.getVariable("subject");
    for (Map<String, Object> row : rows) {
      String kind = (String) row.get("warningKind");
      String label = (String) row.get("warningLabel");
      labels.add(label);
      String text = "苗头预警【" + label + "】" + caseNumber + "「" + subject + "」：" + row.get("warningAdvice");
      insertIfAbsent.insert("case_number, kind",
          new Object[] {caseNumber, kind},
          "INSERT INTO xf_early_warning (case_number, kind, detail, recipients, raised_at) VALUES (?, ?, ?, ?, ?)",
          caseNumber, kind, text, String.join(",", onDuty), Timestamp.from(PetitionLedger.now()));
      for (String leader : onDuty) {
        notifications.notifyUser("EARLY_WARNING:" + caseNumber + ":" + kind + ":" + leader, leader, caseNumber,
            "WARNING", text);
      }
      ledger.recordEvent(caseNumber, "EARLY_WARNING:" + kind, "EARLY_WARNING", JournalActor.of(execution),
          label + "预警已报值班领导：" + String.join("、", onDuty.stream().map(organization::displayName).toList()));
    }
    execution.setVariable(WARNING_LABELS, String.join("、", labels));
  }
}
