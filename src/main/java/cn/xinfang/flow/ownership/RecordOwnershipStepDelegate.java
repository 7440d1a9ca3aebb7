package cn.xinfang.flow.ownership;

import cn.xinfang.flow.petition.JournalActor;
import static cn.xinfang.flow.ownership.OwnershipProcess.Var.*;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.calendar.DeadlineStage;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.PetitionLedger;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Writes the ownership's steps ({@code step} input): the plan the leader fixed, each reading of a
 * progress report (with an adjusted plan or deadline), the sign-off. Variables for the rest of the
 * flow are written on the process instance (the input mapping gives this task a scope of its own).
 */
@Component("recordOwnershipStep")
class RecordOwnershipStepDelegate implements JavaDelegate {

  private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final OwnershipLedger ownerships;
  private final PetitionLedger ledger;
  private final OrganizationDirectory organization;
  private final DeadlineService deadlines;

  RecordOwnershipStepDelegate(OwnershipLedger ownerships, PetitionLedger ledger, OrganizationDirectory organization,
      DeadlineService deadlines) {
    this.ownerships = ownerships;
    this.ledger = ledger;
    this.organization = organization;
    this.deadlines = deadlines;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DelegateExecution instance = execution.getProcessInstance();
    String caseNumber = execution.getProcessBusinessKey();
    // who completed the task: the owning leader, or a leader standing in for them
    String actor = JournalActor.of(execution);
    String key = execution.getVariable("step") + ":" + execution.getActivityInstanceId();
    switch ((String) execution.getVariable("step")) {
      case "PLAN" -> {
        String responsible = (String) execution.getVariable(RESPONSIBLE);
        Date due = setDeadline(instance, String.valueOf(execution.getVariable(DEADLINE)));
        instance.setVariable(RESPONSIBLE_NAME, organization.displayName(responsible));
        // the report task's group: the responsible person's own unit (the handling unit or the petition office)
        String unit = (String) execution.getVariable("handlingUnit");
        instance.setVariable("responsibleGroup", unit != null && organization.isMember(responsible, unit)
            ? unit : OrganizationDirectory.PETITION_OFFICE);
        ownerships.plan(caseNumber, responsible, (String) execution.getVariable(PLAN), due);
        ledger.recordEvent(caseNumber, key, "OWNERSHIP_PLANNED", actor, "调处责任人：" + organization.displayName(responsible)
            + "；调处时限：" + execution.getVariable(DEADLINE_LABEL) + "；调处方案：" + execution.getVariable(PLAN));
      }
      case "READ" -> {
        StringBuilder detail = new StringBuilder("阅示：" + execution.getVariable(COMMENT));
        if ("ADJUST".equals(execution.getVariable(DECISION))) {
          if (execution.getVariable(NEW_PLAN) instanceof String plan && !plan.isBlank()) {
            instance.setVariable(PLAN, plan);
            detail.append("；调整方案：").append(plan);
          }
          if (execution.getVariable(NEW_DEADLINE) instanceof String date && !date.isBlank()) {
            setDeadline(instance, date);
            detail.append("；调整时限至 ").append(instance.getVariable(DEADLINE_LABEL));
          }
          ownerships.plan(caseNumber, (String) execution.getVariable(RESPONSIBLE), (String) instance.getVariable(PLAN),
              (Date) instance.getVariable(DeadlineStage.OWNERSHIP.dueVariable()));
        }
        ledger.recordEvent(caseNumber, key, "OWNERSHIP_READ", actor, detail.toString());
        // the next round: a fresh report deadline, a fresh form
        deadlines.forget(instance, DeadlineStage.OWNERSHIP_REPORT);
        instance.removeVariable(NEW_PLAN);
        instance.removeVariable(NEW_DEADLINE);
        instance.removeVariable(PROGRESS);
        instance.setVariable(DECISION, "CONTINUE");
        instance.setVariable(RESOLVED_PROPOSAL, false);
      }
      case "SIGN_OFF" -> {
        ownerships.signOff(caseNumber);
        ledger.recordEvent(caseNumber, key, "OWNERSHIP_SIGNED_OFF", actor, "包案销号：" + execution.getVariable(COMMENT));
      }
      default -> throw new IllegalArgumentException("未知的包案环节 step: " + execution.getVariable("step"));
    }
  }

  /** The leader's date, ending at the end of that day, Beijing time. */
  private Date setDeadline(DelegateExecution instance, String isoDate) {
    LocalDate day = LocalDate.parse(isoDate.substring(0, 10));
    // the reminder before it follows the policy (row OWNERSHIP_MAX)
    Date due = deadlines.fixLastDay(instance, DeadlineStage.OWNERSHIP, day);
    instance.setVariable(DEADLINE_LABEL, LABEL.format(day));
    return due;
  }
}
