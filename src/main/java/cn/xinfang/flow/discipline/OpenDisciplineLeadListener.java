package cn.xinfang.flow.discipline;

import static cn.xinfang.flow.discipline.DisciplineLeadProcess.Var.*;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.calendar.DeadlineStage;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.organization.UnitKind;
import cn.xinfang.flow.petition.Petition;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.system.FieldProblem;
import cn.xinfang.flow.system.InvalidInputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Opens a discipline lead (start event of discipline-lead): the case must be a discipline report in
 * the ledger. From now on the commission's case group is the case's handling unit (so the petition's
 * own triage suggestion, whatever it was, never lets another unit see the lead), the real-name
 * feedback deadline is counted from today — the day of acceptance — and the forms' options are
 * prepared. The reporter's identity is not copied: the process only knows whether the report is
 * real-name.
 */
@Component("openDisciplineLead")
class OpenDisciplineLeadListener implements ExecutionListener {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PetitionLedger ledger;
  private final OrganizationDirectory organization;
  private final DeadlineService deadlines;
  private final JdbcTemplate jdbc;

  OpenDisciplineLeadListener(PetitionLedger ledger, OrganizationDirectory organization, DeadlineService deadlines,
      JdbcTemplate jdbc) {
    this.ledger = ledger;
    this.organization = organization;
    this.deadlines = deadlines;
    this.jdbc = jdbc;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String caseNumber = execution.getProcessBusinessKey();
    Petition petition = caseNumber == null ? null : ledger.find(caseNumber).orElse(null);
    if (petition == null || !petition.confidential()) {
      throw new InvalidInputException("问题线索处置只能在受理检举控告件时由受理环节发起", List.of(new FieldProblem("caseNumber",
          "信访件 " + caseNumber + " 不是台账中的检举控告件：问题线索处置流程不能单独发起")));
    }
    for (String name : FORBIDDEN) {
      execution.removeVariable(name); // whatever a caller passed: the identity stays in the ledger
    }
    boolean realName = petition.realName();
    execution.setVariable("caseNumber", caseNumber);
    execution.setVariable(REAL_NAME, realName);
    execution.setVariable(REPORTER_DISPLAY, realName ? "实名举报（检举人身份保密）" : "匿名举报");
    execution.setVariable("handlingUnit", DisciplineLeadProcess.Group.INVESTIGATION);
    execution.setVariable(DISPOSAL_LABEL, "（待分析）");
    execution.setVariable(OUTCOME_LABEL, "（尚未办结）");
    // the lead is the commission's from now on: no petition unit sees it through the ledger's handling unit
    jdbc.update("UPDATE xf_petition SET handling_unit = ? WHERE case_number = ?", DisciplineLeadProcess.Group.INVESTIGATION,
        caseNumber);
    if (realName) {
      // 15 working days from acceptance, which is now (检举控告工作规则)
      deadlines.dueAt(execution, DeadlineStage.REALNAME_FEEDBACK.name());
    }
    execution.setVariable(REPORTED_UNIT_OPTIONS, json(reportedUnitOptions()));
    execution.setVariable(LEAD_UNIT_OPTIONS, json(leadUnitOptions()));
    execution.setVariable(INVESTIGATOR_OPTIONS, json(investigatorOptions()));
    ledger.recordEvent(caseNumber, "LEAD_OPENED:" + execution.getProcessInstanceId(), "LEAD_OPENED",
        PetitionLedger.SYSTEM, "检举控告件转为问题线索，交" + organization.nameOf(DisciplineLeadProcess.Group.INVESTIGATION)
            + "初查分析；" + (realName ? "实名举报，须于 " + DeadlineService.chineseDate(
                (java.util.Date) execution.getVariable(DeadlineStage.REALNAME_FEEDBACK.dueVariable())) + " 前反馈" : "匿名举报，无需反馈"));
  }

  /** Any unit of the organization except the commission itself may be the one reported on. */
  private List<Map<String, String>> reportedUnitOptions() {
    List<Map<String, String>> options = new ArrayList<>();
    for (String id : jdbc.queryForList("SELECT group_id FROM xf_org_unit WHERE kind <> ? ORDER BY group_id",
        String.class, UnitKind.DISCIPLINE.name())) {
      options.add(Map.of("label", organization.nameOf(id), "value", id));
    }
    options.add(Map.of("label", "本县以外或未列出的单位", "value", "OTHER"));
    return options;
  }

  /** Who may take a lead: the commission's case group, a joint group (联查), or a unit's own discipline body. */
  private List<Map<String, String>> leadUnitOptions() {
    List<Map<String, String>> options = new ArrayList<>();
    options.add(Map.of("label", organization.nameOf(DisciplineLeadProcess.Group.INVESTIGATION),
        "value", DisciplineLeadProcess.Group.INVESTIGATION));
    organization.jointGroups().forEach(g -> options.add(Map.of("label", g.name(), "value", g.groupId())));
    organization.handlingUnits().forEach(u -> options.add(Map.of("label", u.name() + "纪检组织", "value", u.groupId())));
    return options;
  }

  private List<Map<String, String>> investigatorOptions() {
    List<String> groups = new ArrayList<>(List.of(DisciplineLeadProcess.Group.INVESTIGATION));
    organization.jointGroups().forEach(g -> groups.add(g.groupId()));
    organization.handlingUnits().forEach(u -> groups.add(u.groupId()));
    return organization.membersAsOptions(groups.toArray(String[]::new));
  }

  private static org.camunda.spin.plugin.variable.value.JsonValue json(Object value) {
    try {
      return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
