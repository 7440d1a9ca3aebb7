package cn.xinfang.flow.intake;

/**
 * Backing class of {@code processes/petition-intake.bpmn} (首问负责) and
 * {@code processes/petition-request.bpmn}: keys, element ids, messages and variable names. Code and
 * tests use these names, never string literals of their own.
 */
public final class IntakeProcess {

  private IntakeProcess() {}

  public static final String KEY = "petition-intake";
  public static final String REQUEST_KEY = "petition-request";

  /** Element ids of petition-intake. */
  public static final class Element {
    private Element() {}

    public static final String START = "start_petition_registered";
    /** 接访日匹配与苗头预警 (reception/ReceptionCheckDelegate). */
    public static final String RECEPTION_CHECK = "service_reception_check";
    public static final String XOR_DUPLICATE = "xor_duplicate";
    public static final String LINK_TO_OPEN_CASE = "service_link_to_open_case";
    public static final String END_LINKED = "end_linked";
    public static final String SUGGEST_UNIT = "rule_suggest_unit";
    public static final String ASSESS_MAJOR = "rule_assess_major";
    public static final String FILE_UPWARD = "service_file_upward";
    public static final String ACCEPT = "task_accept_petition";
    /** A unit's own first-visit case it cannot solve goes to the office's acceptance (报县信访局). */
    public static final String ESCALATE_TO_OFFICE = "service_escalate_to_office";
    public static final String TIMER_ACCEPTANCE_REMINDER = "timer_acceptance_reminder";
    public static final String TIMER_ACCEPTANCE_OVERDUE = "timer_acceptance_overdue";
    public static final String REMIND_ACCEPTANCE = "service_remind_acceptance";
    public static final String RECORD_ACCEPTANCE_OVERDUE = "service_record_acceptance_overdue";
    public static final String SUPERVISE_ACCEPTANCE = "task_supervise_acceptance";
    public static final String END_ACCEPTANCE_SUPERVISED = "end_acceptance_supervised";
    public static final String END_ACCEPTANCE_REMINDED = "end_acceptance_reminded";
    public static final String CALL_REFERRAL = "call_referral";
    public static final String FORWARD = "service_forward_petition";
    public static final String END_FORWARDED = "end_forwarded";
    public static final String REJECT = "service_reject_petition";
    public static final String END_REJECTED = "end_rejected";
    public static final String HANDLE = "task_handle_petition";
    public static final String TIMER_HANDLING_REMINDER = "timer_handling_reminder";
    public static final String TIMER_HANDLING_OVERDUE = "timer_handling_overdue";
    public static final String REMIND_HANDLING = "service_remind_handling";
    public static final String END_HANDLING_REMINDED = "end_handling_reminded";
    public static final String RECORD_HANDLING_OVERDUE = "service_record_handling_overdue";
    public static final String SUPERVISE_HANDLING = "task_supervise_handling";
    public static final String END_HANDLING_SUPERVISED = "end_handling_supervised";
    public static final String END_ALREADY_SUPERVISED = "end_already_supervised";
    public static final String APPROVE_EXTENSION = "task_approve_extension";
    public static final String APPLY_EXTENSION = "service_apply_extension";
    public static final String RECORD_OUTCOME = "service_record_outcome";
    public static final String SEND_REPLY = "task_send_reply";
    public static final String RECORD_REPLY = "service_record_reply";
    public static final String REVIEW_WINDOW = "evt_review_window";
    public static final String TIMER_REVIEW_WINDOW = "timer_review_window_closed";
    public static final String DECIDE_REVIEW = "task_decide_review";
    public static final String REREVIEW_WINDOW = "evt_rereview_window";
    public static final String TIMER_REREVIEW_WINDOW = "timer_rereview_window_closed";
    public static final String DECIDE_REREVIEW = "task_decide_rereview";
    public static final String ARCHIVE = "service_archive";
    public static final String END_ARCHIVED = "end_archived";
    public static final String START_REPEAT_VISIT = "start_repeat_visit";
    public static final String MARK_REPEAT = "service_mark_repeat";
    public static final String LEADER_ON_DUTY = "task_leader_on_duty";
    public static final String END_REPEAT_RECORDED = "end_repeat_recorded";
    public static final String END_REPEAT_SETTLED = "end_repeat_settled";
    // reminder and escalation of each deadline (issue 11)
    public static final String TIMER_SUPERVISE_ACCEPTANCE_REMINDER = "timer_supervise_acceptance_reminder";
    public static final String TIMER_SUPERVISE_ACCEPTANCE_OVERDUE = "timer_supervise_acceptance_overdue";
    public static final String REMIND_SUPERVISE_ACCEPTANCE = "service_remind_supervise_acceptance";
    public static final String END_SUPERVISE_ACCEPTANCE_REMINDED = "end_supervise_acceptance_reminded";
    public static final String ESCALATE_SUPERVISE_ACCEPTANCE = "service_escalate_supervise_acceptance";
    public static final String END_SUPERVISE_ACCEPTANCE_ESCALATED = "end_supervise_acceptance_escalated";
    public static final String TIMER_SUPERVISE_HANDLING_REMINDER = "timer_supervise_handling_reminder";
    public static final String TIMER_SUPERVISE_HANDLING_OVERDUE = "timer_supervise_handling_overdue";
    public static final String REMIND_SUPERVISE_HANDLING = "service_remind_supervise_handling";
    public static final String END_SUPERVISE_HANDLING_REMINDED = "end_supervise_handling_reminded";
    public static final String ESCALATE_SUPERVISE_HANDLING = "service_escalate_supervise_handling";
    public static final String END_SUPERVISE_HANDLING_ESCALATED = "end_supervise_handling_escalated";
    public static final String TIMER_EXTENSION_APPROVAL_REMINDER = "timer_extension_approval_reminder";
    public static final String TIMER_EXTENSION_APPROVAL_OVERDUE = "timer_extension_approval_overdue";
    public static final String REMIND_EXTENSION_APPROVAL = "service_remind_extension_approval";
    public static final String END_EXTENSION_APPROVAL_REMINDED = "end_extension_approval_reminded";
    public static final String ESCALATE_EXTENSION_APPROVAL = "service_escalate_extension_approval";
    public static final String END_EXTENSION_APPROVAL_ESCALATED = "end_extension_approval_escalated";
    public static final String TIMER_REPLY_REMINDER = "timer_reply_reminder";
    public static final String TIMER_REPLY_OVERDUE = "timer_reply_overdue";
    public static final String REMIND_REPLY = "service_remind_reply";
    public static final String END_REPLY_REMINDED = "end_reply_reminded";
    public static final String ESCALATE_REPLY = "service_escalate_reply";
    public static final String END_REPLY_ESCALATED = "end_reply_escalated";
    public static final String TIMER_REVIEW_REMINDER = "timer_review_reminder";
    public static final String TIMER_REVIEW_OVERDUE = "timer_review_overdue";
    public static final String REMIND_REVIEW = "service_remind_review";
    public static final String END_REVIEW_REMINDED = "end_review_reminded";
    public static final String ESCALATE_REVIEW = "service_escalate_review";
    public static final String END_REVIEW_ESCALATED = "end_review_escalated";
    public static final String TIMER_REREVIEW_REMINDER = "timer_rereview_reminder";
    public static final String TIMER_REREVIEW_OVERDUE = "timer_rereview_overdue";
    public static final String REMIND_REREVIEW = "service_remind_rereview";
    public static final String END_REREVIEW_REMINDED = "end_rereview_reminded";
    public static final String ESCALATE_REREVIEW = "service_escalate_rereview";
    public static final String END_REREVIEW_ESCALATED = "end_rereview_escalated";
    public static final String REQUEST_FORWARD = "service_forward_request";
    // 复查/复核 by the next higher body; 撤销/变更 sends the case back to 调查处理 (issue 11, item 4)
    public static final String RECORD_REVIEW = "service_record_review";
    public static final String XOR_REVIEW_OUTCOME = "xor_review_outcome";
    public static final String RECORD_REREVIEW = "service_record_rereview";
    public static final String XOR_REREVIEW_OUTCOME = "xor_rereview_outcome";
    // the case's handling clock while a referral runs; a returned reply back to whoever investigated
    public static final String TIMER_REFERRAL_HANDLING_REMINDER = "timer_referral_handling_reminder";
    public static final String TIMER_REFERRAL_HANDLING_OVERDUE = "timer_referral_handling_overdue";
    public static final String XOR_REPLY_RETURNED = "xor_reply_returned";
    public static final String JOIN_REFERRAL = "join_referral";
    public static final String REMIND_REFERRAL_HANDLING = "service_remind_referral_handling";
    public static final String END_REFERRAL_HANDLING_REMINDED = "end_referral_handling_reminded";
    // final closure and repeat petitions (issue 16, item 2); the call-back (回访, issue 14, item 4)
    public static final String REFUSE_REPEAT = "service_refuse_repeat";
    public static final String END_NOT_REACCEPTED = "end_not_reaccepted";
    public static final String RECORD_FINAL = "service_record_final";
    public static final String SUB_CALLBACK = "sub_callback";
    public static final String START_CALLBACK = "start_callback";
    public static final String CHECK_EVALUATION = "service_check_evaluation";
    public static final String END_CALLBACK_SKIPPED = "end_callback_skipped";
    public static final String CALLBACK = "task_callback";
    public static final String TIMER_CALLBACK_REMINDER = "timer_callback_reminder";
    public static final String TIMER_CALLBACK_OVERDUE = "timer_callback_overdue";
    public static final String REMIND_CALLBACK = "service_remind_callback";
    public static final String ESCALATE_CALLBACK = "service_escalate_callback";
    public static final String RECORD_CALLBACK = "service_record_callback";
    public static final String END_CALLBACK_RECORDED = "end_callback_recorded";
    public static final String NOTIFY_UNSATISFIED = "service_notify_unsatisfied";
    public static final String END_CALLBACK_NOTIFIED = "end_callback_notified";
  }

  /** Candidate groups of the next higher bodies (条例 第35、36条); units of these ids in the organization file. */
  public static final class Group {
    private Group() {}

    public static final String UPPER_REVIEW = "upper-review";
    public static final String UPPER_REREVIEW = "upper-rereview";
  }

  /**
   * 复查/复核 outcome, the option values of form-decide-review and form-decide-rereview: 维持 lets the
   * case go on; 撤销 and 变更 reopen it for re-handling by its handling unit with a new deadline.
   */
  public enum ReviewOutcome {
    UPHOLD("维持"),
    REVOKE("撤销"),
    CHANGE("变更");

    public static final java.util.Set<String> VALUES = java.util.Set.of("UPHOLD", "REVOKE", "CHANGE");

    private final String label;

    ReviewOutcome(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public boolean reopens() {
      return this != UPHOLD;
    }
  }

  /** Message names; they correlate by business key (= case number). */
  public static final class Message {
    private Message() {}

    public static final String REPEAT_VISIT = "RepeatVisit";
    public static final String REVIEW_REQUESTED = "ReviewRequested";
    public static final String REREVIEW_REQUESTED = "ReReviewRequested";
  }

  /** Process variables (the contract's names, plus the ones this flow adds). */
  public static final class Var {
    private Var() {}

    public static final String CASE_NUMBER = "caseNumber";
    public static final String CHANNEL = "channel";
    public static final String CATEGORY = "category";
    public static final String SUBJECT = "subject";
    public static final String CONTENT = "content";
    public static final String REAL_NAME = "realName";
    public static final String HEADCOUNT = "headcount";
    public static final String SOURCE_LEVEL = "sourceLevel";
    public static final String PETITIONER_NAME = "petitionerName";
    public static final String PETITIONER_PHONE = "petitionerPhone";
    public static final String PETITIONER_ID_NUMBER = "petitionerIdNumber";
    public static final String PETITIONER_ADDRESS = "petitionerAddress";
    public static final String RELATED_CASE_NUMBER = "relatedCaseNumber";
    public static final String REGISTERED_BY = "registeredBy";
    public static final String CASE_OWNER = "caseOwner";
    /**
     * The department or township whose clerk registered the case (单位首问), else absent: set by the
     * registration listener from the registering user's groups, never from a form.
     */
    public static final String REGISTERING_UNIT = "registeringUnit";
    /** Who reviews acceptance: the registering unit for its own first-visit case, else the petition office. */
    public static final String ACCEPTANCE_GROUP = "acceptanceGroup";
    /** Who replies: the registering unit as case owner, or the petition office. */
    public static final String REPLY_GROUP = "replyGroup";
    /** The reply task's assignee: the first receiver, none once a unit's case went up to the office. */
    public static final String REPLY_ASSIGNEE = "replyAssignee";
    /** Triage's suggested unit as it was when the acceptance task was created (task-local). */
    public static final String SUGGESTED_UNIT = "suggestedUnit";
    /** The suggested unit's name, for the acceptance form's summary. */
    public static final String SUGGESTED_UNIT_NAME = "suggestedUnitName";
    /** Why a unit sent its case up (报县信访局的理由). */
    public static final String ESCALATION_REASON = "escalationReason";
    public static final String CONFIDENTIAL = "confidential";
    public static final String LINKED_CASE_NUMBER = "linkedCaseNumber";
    public static final String REPEAT_PETITION = "repeatPetition";
    public static final String MAJOR_CASE = "majorCase";
    public static final String ACCEPTANCE_DECISION = "acceptanceDecision";
    public static final String ACCEPTANCE_NOTE = "acceptanceNote";
    public static final String FORWARD_BODY = "forwardBody";
    public static final String HANDLING_UNIT = "handlingUnit";
    public static final String HANDLING_UNIT_NAME = "handlingUnitName";
    public static final String HANDLING_ACTION = "handlingAction";
    public static final String OUTCOME = "outcome";
    public static final String OUTCOME_LABEL = "outcomeLabel";
    public static final String FACTS = "facts";
    public static final String REASONS = "reasons";
    public static final String EXTENSION_DAYS = "extensionDays";
    public static final String EXTENSION_REASON = "extensionReason";
    public static final String EXTENSION_DECISION = "extensionDecision";
    public static final String EXTENSION_DECISION_LABEL = "extensionDecisionLabel";
    public static final String APPROVAL_COMMENT = "approvalComment";
    public static final String REPLY_DECISION = "replyDecision";
    public static final String REPLY_METHOD = "replyMethod";
    public static final String REPLY_TEXT = "replyText";
    public static final String RETURN_REASON = "returnReason";
    public static final String REVIEW_REQUEST_NOTE = "reviewRequestNote";
    public static final String REVIEW_OUTCOME = "reviewOutcome";
    public static final String REVIEW_OPINION = "reviewOpinion";
    public static final String REREVIEW_REQUEST_NOTE = "rereviewRequestNote";
    public static final String REREVIEW_OUTCOME = "rereviewOutcome";
    public static final String REREVIEW_OPINION = "rereviewOpinion";
    public static final String REPEAT_VISIT = "repeatVisit";
    public static final String REPEAT_COUNT = "repeatCount";
    public static final String REPEAT_VISIT_NOTE = "repeatVisitNote";
    public static final String DUTY_LEADER = "dutyLeader";
    public static final String DUTY_GROUP = "dutyGroup";
    public static final String DUTY_ALREADY_OPEN = "dutyAlreadyOpen";
    public static final String ALREADY_ESCALATED = "alreadyEscalated";
    public static final String DEADLINE_STAGE = "deadlineStage";
    public static final String STEP = "step";
    // final closure and repeat petitions: the earlier case found at registration, and why a case is final
    public static final String REPEAT_OF_CASE = "repeatOfCase";
    public static final String REPEAT_OF_FINAL = "repeatOfFinal";
    public static final String REPEAT_OF_LABEL = "repeatOfLabel";
    /** REPLY, REVIEW or REREVIEW: the last of these steps decides the basis of final closure. */
    public static final String LAST_REVIEW_STEP = "lastReviewStep";
    public static final String FINAL_BASIS = "finalBasis";
    /** Counted up by every reply; its change starts the call-back sub-process (conditional start). */
    public static final String REPLY_COUNT = "replyCount";
    public static final String CALLBACK_NEEDED = "callbackNeeded";
    public static final String CALLBACK_RESULT = "callbackResult";
    public static final String CALLBACK_COMMENT = "callbackComment";
    public static final String CALLBACK_UNSATISFIED = "callbackUnsatisfied";
    // display-only strings for the forms' case summary
    public static final String CATEGORY_LABEL = "categoryLabel";
    public static final String CHANNEL_LABEL = "channelLabel";
    public static final String PETITIONER_DISPLAY = "petitionerDisplay";
    // petition-request start form
    public static final String REQUEST_TYPE = "requestType";
    public static final String REQUEST_NOTE = "requestNote";
  }
}
