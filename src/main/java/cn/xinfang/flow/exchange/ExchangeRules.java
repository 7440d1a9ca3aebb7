package cn.xinfang.flow.exchange;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What the referral diagram asks about the levels above and below ({@code ${exchange.…}} in
 * petition-referral.bpmn): is a unit worked in a partner's system, did a case come from a partner.
 */
@Component("exchange")
public class ExchangeRules {

  /** Process variables of an exchanged referral. */
  public static final class Var {
    private Var() {}

    /** On a case received by 交办: the partner that assigned it (报结 and 退回 go back there). */
    public static final String PARTNER = "exchangePartner";
    /** On a case received by 交办: the assigning office's case number. */
    public static final String REMOTE_CASE = "exchangeRemoteCase";
    /** On a case we assigned down: the partner it was sent to (its 报结 / 退回 must come from there). */
    public static final String ASSIGNED_TO = "exchangeAssignedTo";
    /** On a case we assigned down: the last 交办 message id. */
    public static final String ASSIGN_MESSAGE = "exchangeAssignMessage";
  }

  /** Messages of the referral diagram. */
  public static final class Message {
    private Message() {}

    public static final String ASSIGNED = "ExchangeAssigned";
    public static final String REPORTED = "ExchangeReported";
    public static final String RETURNED = "ExchangeReturned";
  }

  private final ExchangeProperties properties;

  ExchangeRules(ExchangeProperties properties) {
    this.properties = properties;
  }

  /** True if the unit's cases are worked in a partner office's own system (交办 instead of a task here). */
  public boolean remote(String unit) {
    return properties.serving(unit).isPresent();
  }

  /** True if the case came to us by 交办 from a partner (报结 goes back there). */
  public boolean fromPartner(DelegateExecution execution) {
    return execution.getVariable(Var.PARTNER) != null;
  }
}
