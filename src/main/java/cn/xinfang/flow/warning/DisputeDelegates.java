package cn.xinfang.flow.warning;

import static cn.xinfang.flow.warning.DisputeProcess.Var.*;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.calendar.DeadlineStage;
import cn.xinfang.flow.notification.NotificationService;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.JournalActor;
import cn.xinfang.flow.petition.PetitionLedger;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The steps of dispute-screening (月度矛盾纠纷排查): open the month for every unit, prepare each unit's
 * table, record each entry or zero report, consolidate the tables and record the report upward. Each
 * step writes by keys, so a retried job or a second timer run changes nothing.
 */
@Configuration
class DisputeDelegates {

  static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

  static String month(DelegateExecution execution) {
    return execution.getProcessBusinessKey().substring(DisputeProcess.BUSINESS_KEY_PREFIX.length());
  }

  /** Once per month: a second start for the same month ends at once (the gateway after this step). */
  @Bean("openDisputeRound")
  JavaDelegate openDisputeRound(DisputeLedger disputes, OrganizationDirectory organization, DeadlineService deadlines) {
    return execution -> {
      LocalDate today = DeadlineService.today();
      String month = today.format(MONTH);
      Date due = deadlines.dueAt(execution, DeadlineStage.DISPUTE_SCREENING.name());
      deadlines.remindAt(execution, DeadlineStage.DISPUTE_SCREENING.name());
      boolean opened = disputes.openRound(month, due);
      execution.setProcessBusinessKey(DisputeProcess.BUSINESS_KEY_PREFIX + month);
      execution.setVariable(MONTH_LABEL, today.format(DateTimeFormatter.ofPattern("yyyy年M月")));
      execution.setVariable(ROUND_ALREADY_OPEN, !opened);
      execution.setVariable(UNITS, new ArrayList<>(organization.handlingUnits().stream()
          .map(OrganizationDirectory.OrgUnit::groupId).toList()));
      execution.setVariable(DUE_LABEL, DeadlineService.chineseDate(due));
      execution.setVariable(EXPORT_LINK, "/api/disputes/" + month + "/export");
    };
  }

  /** Each unit's table starts empty; its fields are local, so units filing at once never overwrite each other. */
  @Bean("prepareUnitDispute")
  ExecutionListener prepareUnitDispute(OrganizationDirectory organization) {
    return execution -> {
      execution.setVariableLocal(UNIT_NAME, organization.nameOf((String) execution.getVariable(UNIT)));
      execution.setVariableLocal(ENTRY_COUNT, 0);
      clearEntry(execution, true);
    };
  }

  /** A zero report, or one entry of the table (事项, 当事人, 人数, 风险, 包案领导, 处理意见). */
  @Bean("recordDisputeEntry")
  JavaDelegate recordDisputeEntry(DisputeLedger disputes) {
    return execution -> {
      String month = month(execution);
      String unit = (String) execution.getVariable(UNIT);
      if ("ZERO".equals(execution.getVariable(ACTION))) {
        disputes.file(month, unit, true);
        execution.setVariable(MORE, false);
        return;
      }
      // the activity instance is this filing: a retried step finds its entry stored already
      String key = month + ":" + unit + ":" + execution.getActivityInstanceId();
      boolean added = disputes.addEntry(key, month, unit, ((String) execution.getVariable(SUBJECT)).strip(),
          ((String) execution.getVariable(PARTIES)).strip(), ((Number) execution.getVariable(HEADCOUNT)).intValue(),
          (String) execution.getVariable(RISK), ((String) execution.getVariable(OWNER_LEADER)).strip(),
          ((String) execution.getVariable(OPINION)).strip(), JournalActor.of(execution));
      if (added) {
        execution.setVariable(ENTRY_COUNT, ((Number) execution.getVariable(ENTRY_COUNT)).intValue() + 1);
      }
      boolean more = Boolean.TRUE.equals(execution.getVariable(MORE));
      clearEntry(execution, false);
      execution.setVariable(MORE, more);
    };
  }

  /**
   * 汇总: when every unit has filed or passed the 25th, the office gets the table in figures and a
   * notice; units without a filing are recorded as 未报. Recomputed from the ledger, so a retry writes the same.
   */
  @Bean("consolidateDisputeRound")
  JavaDelegate consolidateDisputeRound(DisputeLedger disputes, OrganizationDirectory organization,
      NotificationService notifications) {
    return execution -> {
      String month = month(execution);
      @SuppressWarnings("unchecked")
      List<String> units = (List<String>) execution.getVariable(UNITS);
      Set<String> filed = disputes.filings(month).stream().filter(f -> !f.overdue())
          .map(DisputeLedger.Filing::unit).collect(Collectors.toSet());
      List<String> missing = units.stream().filter(u -> !filed.contains(u)).toList();
      missing.forEach(u -> disputes.markOverdue(month, u));
      List<DisputeLedger.Filing> filings = disputes.filings(month);
      long zero = filings.stream().filter(f -> f.zero() && f.entries() == 0 && !f.overdue()).count();
      int entries = disputes.entryCount(month);
      Map<String, Object> figures = new HashMap<>();
      figures.put(UNIT_COUNT, units.size());
      figures.put(FILED_COUNT, filed.size() - (int) zero);
      figures.put(ZERO_COUNT, (int) zero);
      figures.put(MISSING_COUNT, missing.size());
      figures.put(MISSING_UNITS, missing.isEmpty() ? "" : "（" + missing.stream().map(organization::nameOf)
          .collect(Collectors.joining("、")) + "）");
      figures.put(ENTRY_TOTAL, entries);
      figures.put(HIGH_RISK_COUNT, disputes.highRiskCount(month));
      figures.put(REPORT_TO, "市信访局");
      figures.put(REPORT_NOTE, Variables.stringValue(null));
      execution.setVariables(figures);
      disputes.consolidated(month);
      notifications.notifyGroup("DISPUTE_CONSOLIDATED:" + month, OrganizationDirectory.PETITION_OFFICE,
          execution.getProcessBusinessKey(), "SUMMARY", execution.getVariable(MONTH_LABEL) + "矛盾纠纷排查汇总：应报 "
              + units.size() + " 个单位，有事项 " + figures.get(FILED_COUNT) + " 个，零报告 " + zero + " 个，未报 "
              + missing.size() + " 个" + figures.get(MISSING_UNITS) + "；排查事项 " + entries + " 项，其中高风险 "
              + figures.get(HIGH_RISK_COUNT) + " 项。请审核后上报。");
    };
  }

  /** 上报: the upward report in the round, the journal and a notice to the leaders, once. */
  @Bean("recordDisputeReport")
  JavaDelegate recordDisputeReport(DisputeLedger disputes, PetitionLedger ledger, NotificationService notifications) {
    return execution -> {
      String month = month(execution);
      String actor = JournalActor.of(execution);
      String to = ((String) execution.getVariable(REPORT_TO)).strip();
      String note = execution.getVariable(REPORT_NOTE) instanceof String n && !n.isBlank() ? n.strip() : null;
      disputes.reported(month, actor, to, note);
      String text = execution.getVariable(MONTH_LABEL) + "矛盾纠纷排查汇总表已报" + to + "：排查事项 "
          + execution.getVariable(ENTRY_TOTAL) + " 项（高风险 " + execution.getVariable(HIGH_RISK_COUNT) + " 项），未报单位 "
          + execution.getVariable(MISSING_COUNT) + " 个" + (note == null ? "" : "。说明：" + note);
      ledger.recordEvent(execution.getProcessBusinessKey(), "DISPUTE_REPORTED:" + month, "DISPUTE_REPORTED", actor, text);
      notifications.notifyGroup("DISPUTE_REPORTED:" + month, OrganizationDirectory.LEADERS,
          execution.getProcessBusinessKey(), "FILED_UPWARD", text);
    };
  }

  private static void clearEntry(org.camunda.bpm.engine.delegate.VariableScope scope, boolean local) {
    Map<String, Object> blank = new HashMap<>();
    for (String field : DisputeProcess.ENTRY_FIELDS) {
      blank.put(field, Variables.stringValue(null));
    }
    blank.put(HEADCOUNT, Variables.integerValue(null));
    blank.put(MORE, false);
    blank.put(ACTION, Variables.stringValue(null));
    if (local) {
      scope.setVariablesLocal(blank);
    } else {
      scope.setVariables(blank);
    }
  }
}
