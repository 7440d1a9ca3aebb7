package cn.xinfang.flow.intake;

import cn.xinfang.flow.petition.Petition;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.system.InvalidInputException;
import cn.xinfang.flow.system.NotFoundException;
import cn.xinfang.flow.system.StateConflictException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;

/**
 * What a petitioner asks about an existing case (再次来访, 申请复查, 申请复核), from the reception's
 * form (petition-request) or the API: sent to the case's process as a message by case number.
 */
@Service
public class PetitionRequests {

  /** The kinds of request, each with the message it sends and when it is allowed. */
  public enum RequestType {
    REPEAT_VISIT(IntakeProcess.Message.REPEAT_VISIT, IntakeProcess.Var.REPEAT_VISIT_NOTE, "重复来访", "本件已办结或已转出，不在办理中"),
    REVIEW(IntakeProcess.Message.REVIEW_REQUESTED, IntakeProcess.Var.REVIEW_REQUEST_NOTE, "复查申请",
        "本件当前不在复查申请期内（须在答复后 30 日内申请）"),
    REREVIEW(IntakeProcess.Message.REREVIEW_REQUESTED, IntakeProcess.Var.REREVIEW_REQUEST_NOTE, "复核申请",
        "本件当前不在复核申请期内（须在复查意见作出后 30 日内申请）");

    final String message;
    final String noteVariable;
    final String label;
    final String notAllowed;

    RequestType(String message, String noteVariable, String label, String notAllowed) {
      this.message = message;
      this.noteVariable = noteVariable;
      this.label = label;
      this.notAllowed = notAllowed;
    }
  }

  private final RuntimeService runtime;
  private final PetitionLedger ledger;

  PetitionRequests(RuntimeService runtime, PetitionLedger ledger) {
    this.runtime = runtime;
    this.ledger = ledger;
  }

  /**
   * Delivers the request to the case; refuses with a clear message when the case is unknown or not
   * at a point where this request is possible.
   */
  public void submit(String caseNumber, RequestType type, String note) {
    if (caseNumber == null || !RegistrationValidator.CASE_NUMBER.matcher(caseNumber).matches()) {
      throw new InvalidInputException("caseNumber", "信访件编号格式应为 XF-年份-6位序号，如 XF-2026-000123");
    }
    if (note == null || note.isBlank() || note.length() > 2000) {
      throw new InvalidInputException("requestNote", "请填写请求内容（不超过 2000 字）");
    }
    Petition petition = ledger.find(caseNumber)
        .orElseThrow(() -> new NotFoundException("没有编号为 " + caseNumber + " 的信访件"));
    if (!petition.status().isOpen()) {
      // a closed case takes no more messages: its process has ended, and the answer says why
      throw new StateConflictException("信访件 " + caseNumber + " 当前状态为「" + petition.status().label() + "」，已结案，无法登记"
          + type.label, petition.status().name(), petition.status().label());
    }
    boolean waiting = runtime.createEventSubscriptionQuery().eventType("message").eventName(type.message)
        .processInstanceId(petition.processInstanceId()).count() > 0;
    if (!waiting) {
      throw new StateConflictException("信访件 " + caseNumber + " 无法登记" + type.label + "：" + type.notAllowed);
    }
    runtime.createMessageCorrelation(type.message)
        .processInstanceId(petition.processInstanceId())
        .setVariable(type.noteVariable, note.strip())
        .correlate();
  }
}
