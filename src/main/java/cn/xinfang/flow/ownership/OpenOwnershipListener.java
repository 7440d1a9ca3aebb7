package cn.xinfang.flow.ownership;

import static cn.xinfang.flow.ownership.OwnershipProcess.Var.*;

import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.Petition;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.petition.Vocabulary;
import cn.xinfang.flow.system.InvalidInputException;
import cn.xinfang.flow.system.NotFoundException;
import cn.xinfang.flow.system.StateConflictException;
import cn.xinfang.flow.system.UserText;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * Start of leader-ownership: by the rules after acceptance (owner given), or by a leader taking
 * ownership of an open case in Tasklist (the leader who starts it owns it). Either way the case must
 * exist, be open and have no other owner; the case's summary and the people who may be made
 * responsible are prepared for the forms.
 */
@Component("openOwnership")
class OpenOwnershipListener implements ExecutionListener {

  private final PetitionLedger ledger;
  private final OwnershipLedger ownerships;
  private final OrganizationDirectory organization;
  private final RuntimeService runtime;
  private final IdentityService identity;

  OpenOwnershipListener(PetitionLedger ledger, OwnershipLedger ownerships, OrganizationDirectory organization,
      RuntimeService runtime, IdentityService identity) {
    this.ledger = ledger;
    this.ownerships = ownerships;
    this.organization = organization;
    this.runtime = runtime;
    this.identity = identity;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String caseNumber = execution.getVariable("caseNumber") instanceof String s ? s.strip() : null;
    if (caseNumber == null || !caseNumber.matches("XF-[0-9]{4}-[0-9]{6}")) {
      throw new InvalidInputException("caseNumber", "信访件编号格式应为 XF-年份-6位序号，如 XF-2026-000123");
    }
    Petition petition = ledger.find(caseNumber)
        .orElseThrow(() -> new NotFoundException("没有编号为 " + caseNumber + " 的信访件"));
    if (!petition.status().isOpen()) {
      throw new StateConflictException("信访件 " + caseNumber + " " + petition.status().label() + "，不能再包案");
    }
    boolean otherOwner = runtime.createProcessInstanceQuery().processDefinitionKey(OwnershipProcess.KEY)
        .processInstanceBusinessKey(caseNumber).active().list().stream()
        .anyMatch(p -> !p.getId().equals(execution.getProcessInstanceId()));
    if (otherOwner) {
      throw new StateConflictException("信访件 " + caseNumber + " 已有领导包案");
    }
    String owner = (String) execution.getVariable(OWNER_LEADER);
    if (owner == null) {
      // taken from Tasklist: the leader who starts it owns it
      owner = (String) execution.getVariable("registeredBy");
      if (owner == null || identity.createUserQuery().userId(owner).memberOfGroup(OrganizationDirectory.LEADERS).count() == 0) {
        throw new StateConflictException("只有领导可以包案");
      }
      if (!(execution.getVariable(REASON) instanceof String r) || UserText.isBlank(r) || UserText.length(r) > 1000) {
        throw new InvalidInputException(REASON, "请填写包案理由（不超过 1000 字）");
      }
      if (UserText.problem(r) != null) {
        throw new InvalidInputException(REASON, "包案理由" + UserText.problem(r));
      }
      execution.setVariable(OWNER_LEADER, owner);
      execution.setVariable(OWNER_ROLE, "TAKEN");
    }
    execution.setProcessBusinessKey(caseNumber);
    execution.setVariable("caseNumber", caseNumber);
    execution.setVariable(OWNER_LEADER_NAME, organization.displayName(owner));
    execution.setVariable("subject", petition.subject());
    execution.setVariable("categoryLabel", Vocabulary.parse(Vocabulary.Category.class, petition.category())
        .map(Vocabulary.Category::label).orElse(petition.category()));
    execution.setVariable("channelLabel", Vocabulary.parse(Vocabulary.Channel.class, petition.channel())
        .map(Vocabulary.Channel::label).orElse(petition.channel()));
    execution.setVariable("petitionerDisplay", petition.confidential() ? "（检举人身份保密）"
        : petition.petitionerName() == null ? "匿名" : petition.petitionerName());
    execution.setVariable("handlingUnit", petition.handlingUnit());
    execution.setVariable(DEADLINE_LABEL, "（待包案领导确定）");
    // a JSON list the define form offers as its options: people of the handling unit and the petition office
    execution.setVariable(RESPONSIBLE_CANDIDATES, SpinValues.jsonValue(toJson(
        organization.membersAsOptions(petition.handlingUnit(), OrganizationDirectory.PETITION_OFFICE))).create());
    ownerships.start(caseNumber, execution.getProcessInstanceId(), owner, (String) execution.getVariable(OWNER_ROLE),
        (String) execution.getVariable(REASON));
    ledger.recordEvent(caseNumber, "OWNED:" + execution.getProcessInstanceId(), "OWNED", owner,
        organization.displayName(owner) + " 包案：" + execution.getVariable(REASON));
  }

  private static String toJson(Object value) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
