package cn.xinfang.flow.referral;

import static cn.xinfang.flow.referral.ReferralProcess.Var.*;

import cn.xinfang.flow.intake.RegisterPetitionListener;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.system.TaskInput;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start of petition-referral. Called from petition-intake, the case exists and its variables came
 * along. Started on its own (a case referred to us from above, 上级转办件), the start form carries
 * the petition, the upper body's letter and the unit: the petition is registered here like any other.
 */
@Component("openReferral")
class OpenReferralListener implements ExecutionListener {

  private final RegisterPetitionListener registration;
  private final OrganizationDirectory organization;

  OpenReferralListener(RegisterPetitionListener registration, OrganizationDirectory organization) {
    this.registration = registration;
    this.organization = organization;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.getVariable("caseNumber") != null) {
      if (((org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity) execution).getSuperExecution() == null) {
        // only the intake's call activity hands a referral an existing case; a direct start registers a new one
        throw new cn.xinfang.flow.system.InvalidInputException("caseNumber",
            "上级转办件由系统登记并编号，发起转办时不能指定信访件编号");
      }
      execution.setVariable(STANDALONE, false);
      return;
    }
    // check the referral's own fields before registering anything
    TaskInput in = new TaskInput(execution);
    in.text(SOURCE_BODY, "来文机关", 100);
    in.text(SOURCE_LETTER_NUMBER, "来文文号", 50);
    in.text(REFERRAL_REQUEST, "转办要求", 2000);
    Object unit = execution.getVariable("handlingUnit");
    if (!(unit instanceof String u) || !u.startsWith("unit-") || !organization.canHandleCases(u)) {
      in.problem("handlingUnit", "请选择承办单位（组织机构中的部门或乡镇）");
    }
    in.throwIfAny("上级转办件登记");
    registration.register(execution, false);
    execution.setVariable(STANDALONE, true);
    execution.setVariable("acceptanceDecision", "REFER");
  }
}
