package cn.xinfang.flow.ownership;

import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.PetitionLedger;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/**
 * Decides by the table {@code processes/leader-ownership-rule.dmn} whether an accepted case needs a
 * leader owner and who, and starts leader-ownership for it (once per case: a case with an owner is
 * not given a second one).
 */
@Service
public class OwnershipRules {

  private final DecisionService decisions;
  private final RuntimeService runtime;
  private final OrganizationDirectory organization;
  private final PetitionLedger ledger;

  OwnershipRules(DecisionService decisions, RuntimeService runtime, OrganizationDirectory organization,
      PetitionLedger ledger) {
    this.decisions = decisions;
    this.runtime = runtime;
    this.organization = organization;
    this.ledger = ledger;
  }

  /** Called when the petition office has accepted a case; its variables are the table's inputs. */
  public void proposeFor(DelegateExecution execution) {
    String caseNumber = execution.getProcessBusinessKey();
    String unit = (String) execution.getVariable("handlingUnit");
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("sourceLevel", execution.getVariable("sourceLevel"));
    inputs.put("acceptanceDecision", execution.getVariable("acceptanceDecision"));
    inputs.put("unitKind", organization.unit(unit).map(u -> u.kind().name()).orElse("OFFICE"));
    inputs.put("headcount", execution.getVariable("headcount"));
    inputs.put("repeatPetition", Boolean.TRUE.equals(execution.getVariable("repeatPetition")));
    inputs.put("majorCase", Boolean.TRUE.equals(execution.getVariable("majorCase")));
    // set at registration when the visit was received at a leader reception day (reception/ReceptionCheckDelegate)
    Object receivingLeader = execution.getVariable("receptionLeader");
    inputs.put("receivedAtReceptionDay", receivingLeader instanceof String l && !l.isBlank());
    DmnDecisionRuleResult row = decisions.evaluateDecisionTableByKey(OwnershipProcess.RULE_DECISION,
        Variables.fromMap(inputs)).getSingleResult();
    String role = row == null ? "NONE" : (String) row.get("ownerRole");
    if ("NONE".equals(role) || hasOwner(caseNumber)) {
      return;
    }
    String owner = switch (role) {
      case "RECEIVING_LEADER" -> (String) receivingLeader;
      case "HEAD" -> organization.headOf(OrganizationDirectory.LEADERS);
      case "LEADING_GROUP_OFFICE" -> organization.headOf(OrganizationDirectory.PETITION_OFFICE);
      default -> organization.supervisingLeaderOf(unit);
    };
    String reason = (String) row.get("ownershipReason");
    runtime.startProcessInstanceByKey(OwnershipProcess.KEY, caseNumber, Map.of("caseNumber", caseNumber,
        OwnershipProcess.Var.OWNER_LEADER, owner, OwnershipProcess.Var.OWNER_ROLE, role, OwnershipProcess.Var.REASON, reason));
    ledger.recordEvent(caseNumber, "OWNERSHIP_PROPOSED:" + execution.getActivityInstanceId(), "OWNERSHIP_PROPOSED",
        cn.xinfang.flow.petition.JournalActor.of(execution),
        reason + "：" + organization.displayName(owner) + " 包案");
  }

  boolean hasOwner(String caseNumber) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(OwnershipProcess.KEY)
        .processInstanceBusinessKey(caseNumber).active().count() > 0;
  }
}
