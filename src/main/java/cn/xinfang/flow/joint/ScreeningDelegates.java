package cn.xinfang.flow.joint;

import static cn.xinfang.flow.joint.JointProcess.Var.*;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.calendar.DeadlineStage;
import cn.xinfang.flow.organization.OrganizationDirectory;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The steps of the monthly screening (月度摸排): open the month's round for every grassroots unit,
 * prepare each unit's register, record each entry or zero report and propose qualifying entries to
 * the joint office.
 */
@Configuration
class ScreeningDelegates {

  private static final String[] ENTRY_FIELDS = {"entryCaseNumber", "entrySubject", "entryAreaCode", "entryReason"};

  /** Once per month: a second start for the same month (a retried timer, a second node) ends at once. */
  @Bean("openScreeningRound")
  JavaDelegate openScreeningRound(JointLedger joint, OrganizationDirectory organization, DeadlineService deadlines,
      cn.xinfang.flow.calendar.CalendarNotices calendarNotices) {
    return execution -> {
      // the monthly timer is also the engine's reminder that next year's holiday data is due (from 1 November)
      calendarNotices.check();
      LocalDate today = DeadlineService.today();
      String month = today.format(DateTimeFormatter.ofPattern("yyyy-MM"));
      Date due = deadlines.dueAt(execution, DeadlineStage.SCREENING.name());
      boolean opened = joint.openRound(month, due);
      execution.setProcessBusinessKey("MP-" + month);
      execution.setVariable(MONTH, today.format(DateTimeFormatter.ofPattern("yyyy年M月")));
      execution.setVariable("roundAlreadyOpen", !opened);
      execution.setVariable(UNITS, new ArrayList<>(organization.handlingUnits().stream()
          .map(OrganizationDirectory.OrgUnit::groupId).toList()));
      execution.setVariable("screeningDueLabel", DateTimeFormatter.ofPattern("yyyy年M月d日")
          .format(due.toInstant().atZone(DeadlineService.CHINA)));
    };
  }

  /** Each unit's register starts empty; its fields are local, so parallel units never overwrite each other. */
  @Bean("prepareUnitScreening")
  ExecutionListener prepareUnitScreening(OrganizationDirectory organization) {
    return execution -> {
      execution.setVariableLocal("screeningUnitName", organization.nameOf((String) execution.getVariable(UNIT)));
      execution.setVariableLocal(ENTRY_COUNT, 0);
      clearEntry(execution, true);
    };
  }

  /** Records a zero report or one entry; an entry meeting a criterion is proposed to the joint office. */
  @Bean("recordScreeningEntry")
  JavaDelegate recordScreeningEntry(JointLedger joint, JointProposals proposals) {
    return execution -> {
      String month = execution.getProcessBusinessKey().substring("MP-".length());
      String unit = (String) execution.getVariable(UNIT);
      if ("ZERO".equals(execution.getVariable(ACTION))) {
        joint.fileReport(month, unit, true, false);
        return;
      }
      String key = month + ":" + unit + ":" + execution.getActivityInstanceId();
      String caseNumber = execution.getVariable("entryCaseNumber") instanceof String s && !s.isBlank() ? s.strip() : null;
      String subject = (String) execution.getVariable("entrySubject");
      String area = (String) execution.getVariable("entryAreaCode");
      String reason = (String) execution.getVariable("entryReason");
      if (joint.addEntry(key, month, unit, caseNumber, subject, area, reason)) {
        joint.fileReport(month, unit, false, true);
        Map<String, Object> criteria = JointProposals.noCriteria();
        for (String criterion : JointProcess.CRITERIA) {
          criteria.put(criterion, Boolean.TRUE.equals(execution.getVariable(criterion)));
        }
        String jointNumber = proposals.propose(caseNumber, subject, area, "SCREENING",
            "月度摸排（" + execution.getVariable("screeningUnitName") + "）：" + reason, criteria);
        joint.entryProposed(key, null, jointNumber);
        execution.setVariable(ENTRY_COUNT, ((Number) execution.getVariable(ENTRY_COUNT)).intValue() + 1);
      }
      // the form opens empty for the next entry
      boolean more = Boolean.TRUE.equals(execution.getVariable("moreEntries"));
      clearEntry(execution, false);
      execution.setVariable("moreEntries", more);
      execution.setVariable(ACTION, "ENTRY");
    };
  }

  /**
   * 汇总: when every unit has filed or been closed as missing at the due date, the joint office gets the
   * round in figures — filed with entries, zero reports, missing units by name, entries proposed — on
   * its own task and as a notice. Recomputed from the ledger, so a retried job writes the same.
   */
  @Bean("summarizeScreeningRound")
  JavaDelegate summarizeScreeningRound(JointLedger joint, OrganizationDirectory organization,
      cn.xinfang.flow.notification.NotificationService notifications) {
    return execution -> {
      String month = execution.getProcessBusinessKey().substring("MP-".length());
      @SuppressWarnings("unchecked")
      java.util.List<String> units = (java.util.List<String>) execution.getVariable(UNITS);
      Map<String, JointLedger.UnitReport> filed = new HashMap<>();
      for (JointLedger.UnitReport report : joint.reports(month)) {
        filed.put(report.unit(), report);
      }
      java.util.List<String> missing = units.stream().filter(u -> !filed.containsKey(u)).map(organization::nameOf).toList();
      long zero = filed.values().stream().filter(r -> r.zero() && r.entries() == 0).count();
      int entries = filed.values().stream().mapToInt(JointLedger.UnitReport::entries).sum();
      int proposed = joint.proposedEntries(month);
      Map<String, Object> figures = new HashMap<>();
      figures.put("screeningUnitCount", units.size());
      figures.put("screeningFiledCount", filed.size() - (int) zero);
      figures.put("screeningZeroCount", (int) zero);
      figures.put("screeningMissingCount", missing.size());
      figures.put("screeningMissingUnits", missing.isEmpty() ? "" : "（" + String.join("、", missing) + "）");
      figures.put("screeningEntryTotal", entries);
      figures.put("screeningProposedCount", proposed);
      figures.put("screeningFollowUp", "NONE");
      execution.setVariables(figures);
      String text = execution.getVariable(MONTH) + "摸排汇总：应报 " + units.size() + " 个单位，已报有事项 "
          + (filed.size() - zero) + " 个，零报告 " + zero + " 个，未报 " + missing.size() + " 个"
          + figures.get("screeningMissingUnits") + "；登记事项 " + entries + " 件，拟列联查 " + proposed + " 件。";
      notifications.notifyGroup("SCREENING_SUMMARY:" + month, "joint-office", execution.getProcessBusinessKey(),
          "SUMMARY", text);
    };
  }

  private static void clearEntry(org.camunda.bpm.engine.delegate.VariableScope scope, boolean local) {
    Map<String, Object> blank = new HashMap<>();
    for (String field : ENTRY_FIELDS) {
      blank.put(field, Variables.stringValue(null));
    }
    for (String criterion : JointProcess.CRITERIA) {
      blank.put(criterion, false);
    }
    blank.put("moreEntries", false);
    blank.put(ACTION, Variables.stringValue(null));
    if (local) {
      scope.setVariablesLocal(blank);
    } else {
      scope.setVariables(blank);
    }
  }
}
