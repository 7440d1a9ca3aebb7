package cn.xinfang.flow.referral;

/** Backing class of {@code processes/petition-referral.bpmn} (转办督办): key, element ids, variables. */
public final class ReferralProcess {

  private ReferralProcess() {}

  public static final String KEY = "petition-referral";

  /** Element ids. */
  public static final class Element {
    private Element() {}

    public static final String START = "start_referral";
    public static final String ISSUE_LETTER = "service_issue_referral_letter";
    public static final String INVESTIGATE = "task_investigate_referral";
    public static final String TIMER_REMINDER = "timer_referral_reminder";
    public static final String TIMER_OVERDUE = "timer_referral_overdue";
    public static final String TIMER_ESCALATION = "timer_referral_escalation";
    public static final String REMIND = "service_remind_referral";
    public static final String END_REMINDED = "end_referral_reminded";
    public static final String RECORD_OVERDUE = "service_record_referral_overdue";
    public static final String ISSUE_URGING_LETTER = "service_issue_urging_letter";
    public static final String SUPERVISE = "task_supervise_referral";
    public static final String CHARGE_UNJUSTIFIED = "service_charge_unjustified";
    public static final String PROPOSE_JOINT = "service_propose_joint";
    public static final String END_SUPERVISED = "end_referral_supervised";
    public static final String END_UNJUSTIFIED_CHARGED = "end_unjustified_charged";
    public static final String END_ALREADY_SUPERVISED = "end_referral_already_supervised";
    public static final String RECORD_ESCALATION = "service_record_referral_escalation";
    public static final String LEADER_ESCALATION = "task_leader_escalate_referral";
    public static final String END_LEADER_ESCALATED = "end_leader_escalated";
    public static final String END_SECOND_ALREADY = "end_second_already";
    public static final String RECORD_REPORT = "service_record_referral_report";
    public static final String REVIEW_REPORT = "task_review_referral_report";
    public static final String FILE = "service_file_referral";
    public static final String END_FILED = "end_referral_filed";
    public static final String RETURN = "service_return_referral";
    public static final String DECIDE_EXTENSION = "task_decide_referral_extension";
    public static final String APPLY_EXTENSION = "service_apply_referral_extension";
    public static final String REROUTE = "task_reroute_referral";
    // reminder and escalation of each deadline (issue 11)
    public static final String TIMER_SUPERVISE_REFERRAL_REMINDER = "timer_supervise_referral_reminder";
    public static final String TIMER_SUPERVISE_REFERRAL_OVERDUE = "timer_supervise_referral_overdue";
    public static final String REMIND_SUPERVISE_REFERRAL = "service_remind_supervise_referral";
    public static final String END_SUPERVISE_REFERRAL_REMINDED = "end_supervise_referral_reminded";
    public static final String ESCALATE_SUPERVISE_REFERRAL = "service_escalate_supervise_referral";
    public static final String END_SUPERVISE_REFERRAL_ESCALATED = "end_supervise_referral_escalated";
    public static final String TIMER_LEADER_ESCALATION_REMINDER = "timer_leader_escalation_reminder";
    public static final String TIMER_LEADER_ESCALATION_OVERDUE = "timer_leader_escalation_overdue";
    public static final String REMIND_LEADER_ESCALATION = "service_remind_leader_escalation";
    public static final String END_LEADER_ESCALATION_REMINDED = "end_leader_escalation_reminded";
    public static final String ESCALATE_LEADER_ESCALATION = "service_escalate_leader_escalation";
    public static final String END_LEADER_ESCALATION_ESCALATED = "end_leader_escalation_escalated";
    public static final String TIMER_REFERRAL_REVIEW_REMINDER = "timer_referral_review_reminder";
    public static final String TIMER_REFERRAL_REVIEW_OVERDUE = "timer_referral_review_overdue";
    public static final String REMIND_REFERRAL_REVIEW = "service_remind_referral_review";
    public static final String END_REFERRAL_REVIEW_REMINDED = "end_referral_review_reminded";
    public static final String ESCALATE_REFERRAL_REVIEW = "service_escalate_referral_review";
    public static final String END_REFERRAL_REVIEW_ESCALATED = "end_referral_review_escalated";
    public static final String TIMER_REFERRAL_EXTENSION_REMINDER = "timer_referral_extension_reminder";
    public static final String TIMER_REFERRAL_EXTENSION_OVERDUE = "timer_referral_extension_overdue";
    public static final String REMIND_REFERRAL_EXTENSION = "service_remind_referral_extension";
    public static final String END_REFERRAL_EXTENSION_REMINDED = "end_referral_extension_reminded";
    public static final String ESCALATE_REFERRAL_EXTENSION = "service_escalate_referral_extension";
    public static final String END_REFERRAL_EXTENSION_ESCALATED = "end_referral_extension_escalated";
    public static final String TIMER_REFERRAL_REROUTE_REMINDER = "timer_referral_reroute_reminder";
    public static final String TIMER_REFERRAL_REROUTE_OVERDUE = "timer_referral_reroute_overdue";
    public static final String REMIND_REFERRAL_REROUTE = "service_remind_referral_reroute";
    public static final String END_REFERRAL_REROUTE_REMINDED = "end_referral_reroute_reminded";
    public static final String ESCALATE_REFERRAL_REROUTE = "service_escalate_referral_reroute";
    public static final String END_REFERRAL_REROUTE_ESCALATED = "end_referral_reroute_escalated";
    // levels above and below (上下级交换, issue 16 item 4): 交办 down, 报结 / 退回 up
    public static final String START_ASSIGNED = "start_referral_assigned";
    public static final String REMOTE_UNIT = "xor_remote_unit";
    public static final String SEND_ASSIGN = "send_exchange_assign";
    public static final String AWAIT_LOWER = "evt_await_lower";
    public static final String CATCH_REPORTED = "catch_exchange_reported";
    public static final String CATCH_RETURNED = "catch_exchange_returned";
    public static final String SEND_REPORT = "send_exchange_report";
    public static final String END_REPORTED = "end_referral_reported";
    public static final String SEND_RETURN = "send_exchange_return";
    public static final String END_RETURNED_UP = "end_returned_up";
  }

  /** Variables of the referral (the case's own, such as caseNumber and handlingUnit, come from intake). */
  public static final class Var {
    private Var() {}

    public static final String SOURCE_BODY = "sourceBody";
    public static final String SOURCE_LETTER_NUMBER = "sourceLetterNumber";
    public static final String REFERRAL_REQUEST = "referralRequest";
    public static final String STANDALONE = "standaloneReferral";
    public static final String LETTER_NUMBER = "referralLetterNumber";
    public static final String LETTER_TEXT = "referralLetterText";
    public static final String REFERRED_UNIT = "referredUnit";
    public static final String ACTION = "referralAction";
    public static final String REPORT_OUTCOME = "reportOutcome";
    public static final String REPORT_OUTCOME_LABEL = "reportOutcomeLabel";
    public static final String REPORT_FACTS = "reportFacts";
    public static final String REPORT_REASONS = "reportReasons";
    public static final String OBJECTION_REASON = "objectionReason";
    public static final String EXTENSION_DAYS = "referralExtensionDays";
    public static final String EXTENSION_REASON = "referralExtensionReason";
    public static final String EXTENSION_DECISION = "referralExtensionDecision";
    public static final String EXTENSION_COMMENT = "referralExtensionComment";
    public static final String EXTENSION_DECISION_LABEL = "referralExtensionDecisionLabel";
    public static final String EXTENDED_DAYS = "referralExtendedDays";
    public static final String REROUTE_DECISION = "rerouteDecision";
    public static final String REROUTE_NOTE = "rerouteNote";
    public static final String REVIEW_DECISION = "reviewDecision";
    public static final String RETURN_REASON = "referralReturnReason";
    public static final String RETURN_DAYS = "returnDays";
    public static final String URGING_LETTER_NUMBER = "urgingLetterNumber";
    public static final String URGING_LETTER_TEXT = "urgingLetterText";
    public static final String OVERDUE_JUSTIFIED = "overdueJustified";
  }
}
