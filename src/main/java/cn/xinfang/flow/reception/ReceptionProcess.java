package cn.xinfang.flow.reception;

/**
 * What the reception day and early warning add to {@code processes/petition-intake.bpmn} (one service
 * task after registration, {@code service_reception_check}) and to {@code processes/leader-ownership-rule.dmn}
 * (the rule 领导接访日接待), and the decision {@code processes/early-warning-rule.dmn}.
 */
public final class ReceptionProcess {

  private ReceptionProcess() {}

  /** The intake step: matches the visit to a running reception slot and raises early warnings. */
  public static final String CHECK_ELEMENT = "service_reception_check";
  /** Decision: which registrations warn the leaders on duty (集体访, 越级访). */
  public static final String WARNING_DECISION = "early-warning-rule";
  /** The ownership rule's role for a case received by a leader on a reception day. */
  public static final String RECEIVING_LEADER_ROLE = "RECEIVING_LEADER";

  /** Variables. */
  public static final class Var {
    private Var() {}

    /** Start form: the clerk says the visit is received at a leader reception day. */
    public static final String LEADER_RECEPTION = "leaderReception";
    /** The receiving leader (主接访领导) of the slot the visit was registered in; the ownership rule's input. */
    public static final String RECEPTION_LEADER = "receptionLeader";
    public static final String RECEPTION_LEADER_NAME = "receptionLeaderName";
    public static final String RECEPTION_DAY_ID = "receptionDayId";
    /** LEADER 领导接访 / JOINT 联合接访. */
    public static final String RECEPTION_KIND = "receptionKind";
    /** The early warnings raised, as labels (集体访、越级访), for the forms' summaries. */
    public static final String WARNING_LABELS = "earlyWarnings";
  }
}
