package cn.xinfang.flow.intake;

import cn.xinfang.flow.intake.PetitionRequests.RequestType;
import cn.xinfang.flow.system.InvalidInputException;
import java.util.Arrays;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** petition-request: hands what the reception registered to the case it is about. */
@Component("correlatePetitionRequest")
class CorrelatePetitionRequestDelegate implements JavaDelegate {

  private final PetitionRequests requests;

  CorrelatePetitionRequestDelegate(PetitionRequests requests) {
    this.requests = requests;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseNumber = execution.getVariable(IntakeProcess.Var.CASE_NUMBER) instanceof String s ? s.strip() : null;
    Object type = execution.getVariable(IntakeProcess.Var.REQUEST_TYPE);
    RequestType requestType = Arrays.stream(RequestType.values()).filter(t -> t.name().equals(type)).findFirst()
        .orElseThrow(() -> new InvalidInputException(IntakeProcess.Var.REQUEST_TYPE, "请选择请求类型：再次来访、申请复查或申请复核"));
    requests.submit(caseNumber, requestType, (String) execution.getVariable(IntakeProcess.Var.REQUEST_NOTE));
    // the request's own instance carries the case number too, so a search by case number finds it
    execution.setProcessBusinessKey(caseNumber);
  }
}
