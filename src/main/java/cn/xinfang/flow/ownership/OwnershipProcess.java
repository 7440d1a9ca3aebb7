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
    // reminder and escalation of each deadline (issue 11)
    public static final String TIMER_PROGRESS_REPORT_REMINDER = "timer_progress_report_reminder";
    public static final String TIMER_PROGRESS_REPORT_OVERDUE = "timer_progress_report_overdue";
    public static final String REMIND_PROGRESS_REPORT = "service_remind_progress_report";
    public static final String END_PROGRESS_REPORT_REMINDED = "end_progress_report_reminded";
    public static final String ESCALATE_PROGRESS_REPORT = "service_escalate_progress_report";
    public static final String END_PROGRESS_REPORT_ESCALATED = "end_progress_report_escalated";
    public static final String TIMER_PROGRESS_READING_REMINDER = "timer_progress_reading_reminder";
    public static final String TIMER_PROGRESS_READING_OVERDUE = "timer_progress_reading_overdue";
    public static final String REMIND_PROGRESS_READING = "service_remind_progress_reading";
    public static final String END_PROGRESS_READING_REMINDED = "end_progress_reading_reminded";
    public static final String ESCALATE_PROGRESS_READING = "service_escalate_progress_reading";
    public static final String END_PROGRESS_READING_ESCALATED = "end_progress_reading_escalated";
    public static final String TIMER_OWNERSHIP_PLAN_REMINDER = "timer_ownership_plan_reminder";
    public static final String TIMER_OWNERSHIP_PLAN_OVERDUE = "timer_ownership_plan_overdue";
    public static final String REMIND_OWNERSHIP_PLAN = "service_remind_ownership_plan";
    public static final String END_OWNERSHIP_PLAN_REMINDED = "end_ownership_plan_reminded";
    public static final String ESCALATE_OWNERSHIP_PLAN = "service_escalate_ownership_plan";
    public static final String END_OWNERSHIP_PLAN_ESCALATED = "end_ownership_plan_escalated";
    public static final String TIMER_SUPERVISE_OWNERSHIP_REMINDER = "timer_supervise_ownership_reminder";
    public static final String TIMER_SUPERVISE_OWNERSHIP_OVERDUE = "timer_supervise_ownership_overdue";
    public static final String REMIND_SUPERVISE_OWNERSHIP = "service_remind_supervise_ownership";
    public static final String END_SUPERVISE_OWNERSHIP_REMINDED = "end_supervise_ownership_reminded";
    public static final String ESCALATE_SUPERVISE_OWNERSHIP = "service_escalate_supervise_ownership";
    public static final String END_SUPERVISE_OWNERSHIP_ESCALATED = "end_supervise_ownership_escalated";
    public static final String TIMER_OWNERSHIP_REMINDER = "timer_ownership_reminder";
    public static final String REMIND_OWNERSHIP = "service_remind_ownership";
    public static final String END_OWNERSHIP_REMINDED = "end_ownership_reminded";
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
