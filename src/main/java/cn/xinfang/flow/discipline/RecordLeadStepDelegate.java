package cn.xinfang.flow.discipline;

import static cn.xinfang.flow.discipline.DisciplineLeadProcess.Var.*;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.calendar.DeadlineStage;
import cn.xinfang.flow.discipline.DisciplineLeadProcess.Disposal;
import cn.xinfang.flow.documents.DocumentStore;
import cn.xinfang.flow.notification.NotificationService;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.JournalActor;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.petition.PetitionStatus;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Writes each step of a discipline lead ({@code step} input) into the journal with who acted, issues
 * the disposal's paper once approved (函询通知书, 初步核实方案, 暂存/了结呈批表) and the 初核 report, and
 * closes the ledger entry at the end. Journal entries and documents are keyed by the activity
 * instance: a retried job writes nothing twice. No entry names the reporter.
 */
@Component("recordLeadStep")
class RecordLeadStepDelegate implements JavaDelegate {

  private final PetitionLedger ledger;
  private final DocumentStore documents;
  private final OrganizationDirectory organization;
  private final NotificationService notifications;
  private final DeadlineService deadlines;
  private final org.springframework.jdbc.core.JdbcTemplate jdbc;

  RecordLeadStepDelegate(PetitionLedger ledger, DocumentStore documents, OrganizationDirectory organization,
      NotificationService notifications, DeadlineService deadlines, org.springframework.jdbc.core.JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.documents = documents;
    this.organization = organization;
    this.notifications = notifications;
    this.deadlines = deadlines;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DelegateExecution instance = execution.getProcessInstance();
    String caseNumber = execution.getProcessBusinessKey();
    String step = (String) execution.getVariable("step");
    String key = "LEAD_" + step + ":" + execution.getActivityInstanceId();
    String actor = JournalActor.of(execution);
    Disposal disposal = Disposal.of(execution.getVariable(DISPOSAL));
    switch (step) {
      case "ANALYSIS" -> {
        instance.setVariable(DISPOSAL_LABEL, disposal.label());
        instance.setVariable(APPROVED, false);
        instance.setVariable(REPORTED_UNIT_NAME, reportedUnitName(execution));
        String who = "";
        if (disposal.needsInvestigators()) {
          String names = organization.displayName(str(execution, LEAD_INVESTIGATOR)) + "（主办）、"
              + organization.displayName(str(execution, SECOND_INVESTIGATOR)) + "（协办）";
          instance.setVariable(INVESTIGATOR_NAMES, names);
          instance.setVariable("handlingUnit", str(execution, LEAD_UNIT));
          who = "；承办：" + organization.nameOf(str(execution, LEAD_UNIT)) + "，" + names;
        } else {
          instance.setVariable(INVESTIGATOR_NAMES, "—");
          instance.setVariable("handlingUnit", DisciplineLeadProcess.Group.INVESTIGATION);
        }
        ledger.recordEvent(caseNumber, key, "LEAD_ANALYSED", actor, "线索初查分析：被反映人 " + str(execution, REPORTED_PERSON)
            + "（" + reportedUnitName(execution) + "）；拟" + disposal.label() + who + "。分析意见：" + str(execution, ANALYSIS));
      }
      case "APPROVAL" -> {
        boolean approved = "APPROVE".equals(execution.getVariable(APPROVAL_DECISION));
        instance.setVariable(APPROVED, approved);
        if (!approved) {
          ledger.recordEvent(caseNumber, key, "LEAD_RETURNED", actor, "退回重新分析：" + str(execution, APPROVAL_COMMENT));
          return;
        }
        String unit = disposal.needsInvestigators() ? str(execution, LEAD_UNIT) : DisciplineLeadProcess.Group.INVESTIGATION;
        // the lead's handling unit in the ledger: who may open its case file besides the commission
        jdbc.update("UPDATE xf_petition SET handling_unit = ? WHERE case_number = ?", unit, caseNumber);
        var doc = documents.issue(key, kind(disposal), caseNumber, unit, disposal.documentTitle() + "（" + caseNumber + "）",
            number -> paper(number, execution, disposal));
        ledger.recordEvent(caseNumber, key, "LEAD_APPROVED", actor, "批准" + disposal.label() + "（" + doc.number() + "）："
            + str(execution, APPROVAL_COMMENT));
        if (disposal.needsInvestigators()) {
          notifications.notifyGroup("LEAD_ASSIGNED:" + key, unit, caseNumber, "ASSIGNED", "问题线索 " + caseNumber + " 已批准"
              + disposal.label() + "，由" + execution.getVariable(INVESTIGATOR_NAMES) + "办理，请在任务列表中办理。");
        }
      }
      case "INQUIRY" -> {
        String conclusion = DisciplineLeadProcess.INQUIRY_CONCLUSIONS.get(str(execution, INQUIRY_CONCLUSION));
        instance.setVariable(OUTCOME_LABEL, "谈话函询：" + conclusion);
        ledger.recordEvent(caseNumber, key, "LEAD_INQUIRY", actor, "谈话函询完成，结论：" + conclusion + "。说明情况："
            + str(execution, INQUIRY_RESPONSE));
      }
      case "VERIFICATION" -> {
        String finding = DisciplineLeadProcess.FINDINGS.get(str(execution, FINDING));
        instance.setVariable(OUTCOME_LABEL, "初步核实：" + finding);
        var doc = documents.issue(key, DocumentStore.Kind.LEAD_REPORT, caseNumber, str(execution, LEAD_UNIT),
            "初核情况报告（" + caseNumber + "）", number -> "初核情况报告 " + number + "\n线索编号：" + caseNumber
                + "\n被反映人：" + str(execution, REPORTED_PERSON) + "（" + reportedUnitName(execution) + "）"
                + "\n核查人员：" + execution.getVariable(INVESTIGATOR_NAMES) + "\n初核结论：" + finding
                + "\n\n" + str(execution, REPORT));
        ledger.recordEvent(caseNumber, key, "LEAD_VERIFIED", actor, "初步核实完成（" + doc.number() + "），结论：" + finding);
      }
      case "PARK" -> {
        instance.setVariable(OUTCOME_LABEL, "暂存待查");
        // a fresh analysis when the parked lead comes up again: forget the analysis and approval deadlines
        deadlines.forget(instance, DeadlineStage.DISCIPLINE_PARKED);
        Date review = deadlines.dueAt(instance, DeadlineStage.DISCIPLINE_PARKED.name());
        ledger.recordEvent(caseNumber, key, "LEAD_PARKED", actor, "暂存待查：" + str(execution, PARK_REASON)
            + "。定期复查：" + DeadlineService.chineseDate(review) + " 重新分析");
      }
      case "CLOSE" -> {
        String reason = DisciplineLeadProcess.CLOSE_REASONS.get(str(execution, CLOSE_REASON));
        instance.setVariable(OUTCOME_LABEL, "予以了结：" + reason);
        ledger.recordEvent(caseNumber, key, "LEAD_CLOSED", actor, "予以了结（" + reason + "）：" + str(execution, CLOSE_NOTE));
      }
      case "FEEDBACK" -> {
        String method = switch (str(execution, FEEDBACK_METHOD)) {
          case "WRITTEN" -> "书面";
          case "PHONE" -> "电话";
          default -> "当面";
        };
        ledger.recordEvent(caseNumber, key, "REALNAME_FEEDBACK", actor, "已" + method + "告知实名检举人处理情况："
            + str(execution, FEEDBACK_TEXT));
      }
      case "CONCLUDE" -> {
        ledger.close(caseNumber, PetitionStatus.ARCHIVED);
        ledger.recordEvent(caseNumber, key, "LEAD_CONCLUDED", PetitionLedger.SYSTEM, "问题线索处置办结："
            + execution.getVariable(OUTCOME_LABEL));
      }
      default -> throw new IllegalArgumentException("未知的线索处置环节: " + step);
    }
  }

  private static DocumentStore.Kind kind(Disposal disposal) {
    return switch (disposal) {
      case TALK -> DocumentStore.Kind.LEAD_INQUIRY;
      case VERIFY -> DocumentStore.Kind.LEAD_VERIFY_PLAN;
      case PARK -> DocumentStore.Kind.LEAD_PARKED;
      case CLOSE -> DocumentStore.Kind.LEAD_CLOSED;
    };
  }

  /** The disposal's paper as approved: what, about whom, by whom, until when. Never the reporter. */
  private String paper(String number, DelegateExecution execution, Disposal disposal) {
    StringBuilder text = new StringBuilder(disposal.documentTitle()).append(' ').append(number)
        .append("\n线索编号：").append(execution.getProcessBusinessKey())
        .append("\n被反映人：").append(str(execution, REPORTED_PERSON)).append("（").append(reportedUnitName(execution)).append("）")
        .append("\n处置方式：").append(disposal.label())
        .append("\n初查分析意见：").append(str(execution, ANALYSIS));
    switch (disposal) {
      case TALK -> text.append("\n方式：").append("LETTER".equals(execution.getVariable(INQUIRY_METHOD)) ? "函询" : "谈话")
          .append("\n承办：").append(organization.nameOf(str(execution, LEAD_UNIT))).append("，")
          .append(execution.getVariable(INVESTIGATOR_NAMES))
          .append("\n被谈话（函询）人应于收到通知后 15 个工作日内作出书面说明。");
      case VERIFY -> text.append("\n承办：").append(organization.nameOf(str(execution, LEAD_UNIT))).append("，")
          .append(execution.getVariable(INVESTIGATOR_NAMES)).append("\n初步核实方案：").append(str(execution, PLAN));
      case PARK -> text.append("\n暂存理由：").append(str(execution, PARK_REASON));
      case CLOSE -> text.append("\n了结理由：").append(DisciplineLeadProcess.CLOSE_REASONS.get(str(execution, CLOSE_REASON)))
          .append("\n说明：").append(str(execution, CLOSE_NOTE));
    }
    text.append("\n审批意见：").append(str(execution, APPROVAL_COMMENT));
    return text.toString();
  }

  private String reportedUnitName(DelegateExecution execution) {
    String unit = str(execution, REPORTED_UNIT);
    return unit == null || "OTHER".equals(unit) ? "本县以外或未列出的单位" : organization.nameOf(unit);
  }

  private static String str(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : value.toString();
  }
}
