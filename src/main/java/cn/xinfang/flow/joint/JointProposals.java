package cn.xinfang.flow.joint;

import static cn.xinfang.flow.joint.JointProcess.Var.*;

import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.PetitionLedger;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/**
 * Proposes cases to the joint office: from triage (a case that meets a criterion by its own data:
 * collective or repeat), from an overdue referral without justification, and from screening entries.
 * A case is proposed once while a joint investigation of it runs.
 */
@Service
public class JointProposals {

  private final RuntimeService runtime;
  private final DecisionService decisions;
  private final OrganizationDirectory organization;
  private final PetitionLedger ledger;

  JointProposals(RuntimeService runtime, DecisionService decisions, OrganizationDirectory organization,
      PetitionLedger ledger) {
    this.runtime = runtime;
    this.decisions = decisions;
    this.organization = organization;
    this.ledger = ledger;
  }

  /** After acceptance: a case whose own data meets a criterion (collective visit, repeat petition). */
  public void proposeFromTriage(DelegateExecution execution) {
    Map<String, Object> criteria = noCriteria();
    criteria.put("headcount", execution.getVariable("headcount"));
    criteria.put("repeatPetition", Boolean.TRUE.equals(execution.getVariable("repeatPetition")));
    if (decisions.evaluateDecisionTableByKey(JointProcess.CRITERIA_DECISION, Variables.fromMap(criteria)).isEmpty()) {
      return;
    }
    propose(execution.getProcessBusinessKey(), (String) execution.getVariable("subject"),
        areaOf((String) execution.getVariable("handlingUnit")), "TRIAGE", "受理分办时研判符合联查条件", criteria);
  }

  /** A referral overdue without a justified reason (criterion 5). */
  public void proposeFromReferral(DelegateExecution execution) {
    Map<String, Object> criteria = noCriteria();
    criteria.put("criterionOverdueReferral", true);
    criteria.put("headcount", execution.getVariable("headcount") instanceof Number n ? n : 1);
    criteria.put("repeatPetition", Boolean.TRUE.equals(execution.getVariable("repeatPetition")));
    propose(execution.getProcessBusinessKey(), (String) execution.getVariable("subject"),
        areaOf((String) execution.getVariable("handlingUnit")), "REFERRAL", "转办件逾期且督办组认定无正当理由", criteria);
  }

  /** @return the joint number (联查件编号), or null when the case is already being proposed or investigated */
  String propose(String caseNumber, String subject, String areaCode, String source, String reason,
      Map<String, Object> criteria) {
    if (caseNumber != null && runtime.createProcessInstanceQuery().processDefinitionKey(JointProcess.KEY)
        .processInstanceBusinessKey(caseNumber).active().count() > 0) {
      return null;
    }
    Map<String, Object> variables = new HashMap<>(criteria);
    variables.put("caseNumber", caseNumber);
    variables.put(SUBJECT, subject);
    variables.put(AREA_CODE, areaCode);
    variables.put(SOURCE, source);
    variables.put(REASON, reason);
    String jointNumber = (String) runtime.createProcessInstanceByKey(JointProcess.KEY).setVariables(variables)
        .executeWithVariablesInReturn().getVariables().get(JOINT_NUMBER);
    if (caseNumber != null && caseNumber.startsWith("XF-")) {
      ledger.recordEvent(caseNumber, "JOINT_PROPOSED:" + jointNumber, "JOINT_PROPOSED",
          PetitionLedger.SYSTEM, "提请联查（" + jointNumber + "）："
          + reason);
    }
    return jointNumber;
  }

  /** The area of a case: its handling unit's area code, the county's for the bureau's own cases. */
  String areaOf(String unit) {
    return organization.unit(unit).map(OrganizationDirectory.OrgUnit::areaCode).filter(a -> a != null)
        .orElseGet(organization::countyAreaCode);
  }

  static Map<String, Object> noCriteria() {
    Map<String, Object> criteria = new HashMap<>();
    JointProcess.CRITERIA.forEach(c -> criteria.put(c, false));
    criteria.put("headcount", 1);
    criteria.put("repeatPetition", false);
    return criteria;
  }
}
