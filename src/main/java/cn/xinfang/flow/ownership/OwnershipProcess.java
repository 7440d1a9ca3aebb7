package cn.xinfang.flow.ownership;

/** Backing class of {@code processes/leader-ownership.bpmn} (领导包案督办): key, element ids, variables. */
public final class OwnershipProcess {

  private OwnershipProcess() {}

  public static final String KEY = "leader-ownership";
  public static final String RULE_DECISION = "leader-ownership-rule";

  /** Element ids. */
  public static final class Element {
    private Element() {}

    public static final String DEFINE = "task_define_ownership";
    public static final String RECORD_PLAN = "service_record_plan";
    public static final String ROUND = "sub_ownership_round";
    public static final String REPORT = "task_report_progress";
    public static final String READ = "task_read_progress";
    public static final String TIMER_OVERDUE = "timer_ownership_overdue";
    public static final String RECORD_OVERDUE = "service_record_ownership_overdue";
    public static final String ESCALATE = "task_escalate_ownership";
    public static final String END_ESCALATED = "end_ownership_escalated";
    public static final String END_ALREADY = "end_ownership_already";
    public static final String SIGN_OFF = "service_sign_off";
    public static final String END_SIGNED_OFF = "end_signed_off";
    public static final String APPLY_READING = "service_apply_adjustment";
  }

  /** Variables. */
  public static final class Var {
    private Var() {}

    public static final String OWNER_LEADER = "ownerLeader";
    public static final String OWNER_LEADER_NAME = "ownerLeaderName";
    public static final String OWNER_ROLE = "ownershipRole";
    public static final String REASON = "ownershipReason";
    public static final String RESPONSIBLE = "responsiblePerson";
    public static final String RESPONSIBLE_NAME = "responsiblePersonName";
    public static final String RESPONSIBLE_CANDIDATES = "responsibleCandidates";
    public static final String PLAN = "handlingPlan";
    public static final String DEADLINE = "ownershipDeadline";
    public static final String DEADLINE_LABEL = "ownershipDeadlineLabel";
    public static final String PROGRESS = "progressReport";
    public static final String RESOLVED_PROPOSAL = "resolvedProposal";
    public static final String DECISION = "leaderDecision";
    public static final String NEW_PLAN = "newHandlingPlan";
    public static final String NEW_DEADLINE = "newOwnershipDeadline";
    public static final String COMMENT = "leaderComment";
  }
}
