package cn.xinfang.flow.joint;

import static cn.xinfang.flow.joint.JointProcess.Var.*;

import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.CaseNumberAllocator;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.system.NotFoundException;
import cn.xinfang.flow.system.StateConflictException;
import cn.xinfang.flow.system.TaskInput;
import java.time.ZoneId;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start of joint-investigation: checks the proposal, numbers it (联查件 LC-…), records it in the joint
 * ledger. The business key is the petition's case number where there is one, else the joint number
 * (a screening entry may concern a lead that is not a registered petition).
 */
@Component("openJointCase")
class OpenJointCaseListener implements ExecutionListener {

  static final Map<String, String> SOURCES = Map.of("SCREENING", "月度摸排", "TRIAGE", "受理分办研判",
      "REFERRAL", "转办件逾期无正当理由", "OFFICE", "联查办提出");

  private final JointLedger joint;
  private final CaseNumberAllocator numbers;
  private final PetitionLedger ledger;
  private final OrganizationDirectory organization;
  private final RuntimeService runtime;

  OpenJointCaseListener(JointLedger joint, CaseNumberAllocator numbers, PetitionLedger ledger,
      OrganizationDirectory organization, RuntimeService runtime) {
    this.joint = joint;
    this.numbers = numbers;
    this.ledger = ledger;
    this.organization = organization;
    this.runtime = runtime;
  }

  @Override
  public void notify(DelegateExecution execution) {
    TaskInput in = new TaskInput(execution);
    String subject = in.text(SUBJECT, "联查事项", 200);
    in.text(REASON, "提出理由", 2000);
    Object area = execution.getVariable(AREA_CODE);
    if (!(area instanceof String a) || !organization.isAreaCode(a)) {
      in.problem(AREA_CODE, "请选择事发地（组织机构中的乡镇或全县）");
    }
    String caseNumber = execution.getVariable("caseNumber") instanceof String s && !s.isBlank() ? s.strip() : null;
    if (caseNumber != null && !caseNumber.matches("XF-[0-9]{4}-[0-9]{6}")) {
      in.problem("caseNumber", "信访件编号格式应为 XF-年份-6位序号，如 XF-2026-000123（没有可留空）");
    }
    in.throwIfAny("提出联查件");
    if (caseNumber != null) {
      if (ledger.find(caseNumber).isEmpty()) {
        throw new NotFoundException("没有编号为 " + caseNumber + " 的信访件（没有编号可留空）");
      }
      boolean running = runtime.createProcessInstanceQuery().processDefinitionKey(JointProcess.KEY)
          .processInstanceBusinessKey(caseNumber).active().list().stream()
          .anyMatch(p -> !p.getId().equals(execution.getProcessInstanceId()));
      if (running) {
        throw new StateConflictException("信访件 " + caseNumber + " 已在联查程序中");
      }
    }
    String source = execution.getVariable(SOURCE) instanceof String s ? s : "OFFICE";
    String jointNumber = numbers.next("LC", PetitionLedger.now().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate());
    // the criteria table needs every input: unset ones are false
    for (String criterion : JointProcess.CRITERIA) {
      if (!(execution.getVariable(criterion) instanceof Boolean)) {
        execution.setVariable(criterion, false);
      }
    }
    if (!(execution.getVariable("headcount") instanceof Number)) {
      execution.setVariable("headcount", 1);
    }
    if (!(execution.getVariable("repeatPetition") instanceof Boolean)) {
      execution.setVariable("repeatPetition", false);
    }
    execution.setProcessBusinessKey(caseNumber != null ? caseNumber : jointNumber);
    execution.setVariable("caseNumber", caseNumber != null ? caseNumber : jointNumber);
    execution.setVariable(JOINT_NUMBER, jointNumber);
    execution.setVariable(SOURCE, source);
    execution.setVariable(SOURCE_LABEL, SOURCES.getOrDefault(source, source));
    execution.setVariable(AREA_NAME, organization.areaName((String) area));
    joint.propose(jointNumber, caseNumber, subject.strip(), (String) area, source);
  }
}
