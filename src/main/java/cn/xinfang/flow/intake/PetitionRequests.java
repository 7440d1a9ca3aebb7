package cn.xinfang.flow.intake;

import cn.xinfang.flow.petition.Petition;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.system.InvalidInputException;
import cn.xinfang.flow.system.NotFoundException;
import cn.xinfang.flow.system.StateConflictException;
import cn.xinfang.flow.system.TrustedEngineCalls;
import cn.xinfang.flow.system.UserText;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

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

  /** Tries of one request when someone else changes the same case at the same moment. */
  static final int ATTEMPTS = 5;

  private final RuntimeService runtime;
  private final PetitionLedger ledger;
  private final TrustedEngineCalls trusted;
  private final TransactionTemplate freshTransaction;

  PetitionRequests(RuntimeService runtime, PetitionLedger ledger, TrustedEngineCalls trusted,
      PlatformTransactionManager transactions) {
    this.runtime = runtime;
    this.ledger = ledger;
    this.trusted = trusted;
    this.freshTransaction = new TransactionTemplate(transactions);
    this.freshTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * {@link #submit} for a desk whose right to record it the caller has already checked. Two
   * requests on one case at the same moment (two desks recording a repeat visit) collide in the
   * engine: the later one fails whole (nothing of it is stored) with an OptimisticLockingException.
   * It is then tried again in a new transaction, which sees the first one's changes, so both are
   * recorded. Only when the case keeps changing under it is the exception passed on (409: retry),
   * never a request lost silently.
   */
  public void submitAuthorized(String caseNumber, RequestType type, String note) {
    for (int attempt = 1; ; attempt++) {
      try {
        freshTransaction.executeWithoutResult(status -> trusted.call(() -> {
          submit(caseNumber, type, note);
          return null;
        }));
        return;
      } catch (OptimisticLockingException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
        try {
          // a little apart, so that the colliding requests do not meet again
          Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50L * attempt));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /**
   * Delivers the request to the case; refuses with a clear message when the case is unknown or not
   * at a point where this request is possible.
   */
  public void submit(String caseNumber, RequestType type, String note) {
    if (caseNumber == null || !RegistrationValidator.CASE_NUMBER.matcher(caseNumber).matches()) {
      throw new InvalidInputException("caseNumber", "信访件编号格式应为 XF-年份-6位序号，如 XF-2026-000123");
    }
    if (UserText.isBlank(note) || UserText.length(note.strip()) > 2000) {
      throw new InvalidInputException("requestNote", "请填写请求内容（不超过 2000 字）");
    }
    String problem = UserText.problem(note);
    if (problem != null) {
      throw new InvalidInputException("requestNote", "请求内容" + problem);
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
