package cn.xinfang.flow.joint;

import java.util.List;

/**
 * Backing class of {@code processes/joint-investigation.bpmn} (联查) and
 * {@code processes/monthly-screening.bpmn} (月度摸排): keys, element ids, variables.
 */
public final class JointProcess {

  private JointProcess() {}

  public static final String KEY = "joint-investigation";
  public static final String SCREENING_KEY = "monthly-screening";
  public static final String CRITERIA_DECISION = "joint-criteria";

  /** The eight criteria of the source text, as boolean variables the forms and the table use. */
  public static final List<String> CRITERIA = List.of("criterionUrgent", "criterionLevelSkipping",
      "criterionMassIncident", "criterionStillPetitioning", "criterionOverdueReferral", "criterionRecusal",
      "criterionGrassrootsRequest", "criterionLeaderFast");

  /** Element ids. */
  public static final class Element {
    private Element() {}

    public static final String START = "start_joint";
    public static final String RULE_CRITERIA = "rule_joint_criteria";
    public static final String END_NOT_QUALIFIED = "end_not_qualified";
    public static final String PROPOSE = "task_propose_joint";
    public static final String END_DECLINED = "end_declined";
    public static final String APPROVE = "task_approve_joint";
    public static final String END_REJECTED = "end_rejected";
    public static final String ASSIGN_GROUP = "service_assign_group";
    public static final String ASSIGN_MANUALLY = "task_assign_joint_group";
    public static final String INVESTIGATE = "task_investigate_joint";
    public static final String RECORD_OVERDUE = "service_record_joint_overdue";
    public static final String SUPERVISE = "task_supervise_joint";
    public static final String REMIND = "service_remind_joint";
    public static final String RECORD_OUTCOME = "service_record_joint_outcome";
    public static final String END_DONE = "end_joint_done";
    // monthly-screening
    public static final String OPEN_ROUND = "service_open_screening_round";
    public static final String END_ROUND_EXISTS = "end_round_exists";
    public static final String FILE_SCREENING = "task_file_screening";
    public static final String RECORD_SCREENING = "service_record_screening";
    public static final String REMIND_SCREENING = "service_remind_screening";
    public static final String REPORT_MISSING = "service_report_missing";
    public static final String END_SCREENING_DONE = "end_screening_done";
    public static final String TIMER_SCREENING_MISSING = "timer_screening_missing";
    public static final String XOR_PARTLY_FILED = "xor_partly_filed";
    public static final String END_UNIT_PARTLY_FILED = "end_unit_partly_filed";
    public static final String END_MISSING_REPORTED = "end_missing_reported";
    public static final String SUMMARIZE_ROUND = "service_summarize_round";
    public static final String REVIEW_SCREENING_SUMMARY = "task_review_screening_summary";
    // reminder and escalation of each deadline (issue 11)
    public static final String TIMER_JOINT_PROPOSAL_REMINDER = "timer_joint_proposal_reminder";
    public static final String TIMER_JOINT_PROPOSAL_OVERDUE = "timer_joint_proposal_overdue";
    public static final String REMIND_JOINT_PROPOSAL = "service_remind_joint_proposal";
    public static final String END_JOINT_PROPOSAL_REMINDED = "end_joint_proposal_reminded";
    public static final String ESCALATE_JOINT_PROPOSAL = "service_escalate_joint_proposal";
    public static final String END_JOINT_PROPOSAL_ESCALATED = "end_joint_proposal_escalated";
    public static final String TIMER_JOINT_APPROVAL_REMINDER = "timer_joint_approval_reminder";
    public static final String TIMER_JOINT_APPROVAL_OVERDUE = "timer_joint_approval_overdue";
    public static final String REMIND_JOINT_APPROVAL = "service_remind_joint_approval";
    public static final String END_JOINT_APPROVAL_REMINDED = "end_joint_approval_reminded";
    public static final String ESCALATE_JOINT_APPROVAL = "service_escalate_joint_approval";
    public static final String END_JOINT_APPROVAL_ESCALATED = "end_joint_approval_escalated";
    public static final String TIMER_JOINT_ASSIGNMENT_REMINDER = "timer_joint_assignment_reminder";
    public static final String TIMER_JOINT_ASSIGNMENT_OVERDUE = "timer_joint_assignment_overdue";
    public static final String REMIND_JOINT_ASSIGNMENT = "service_remind_joint_assignment";
    public static final String END_JOINT_ASSIGNMENT_REMINDED = "end_joint_assignment_reminded";
    public static final String ESCALATE_JOINT_ASSIGNMENT = "service_escalate_joint_assignment";
    public static final String END_JOINT_ASSIGNMENT_ESCALATED = "end_joint_assignment_escalated";
    public static final String TIMER_SUPERVISE_JOINT_REMINDER = "timer_supervise_joint_reminder";
    public static final String TIMER_SUPERVISE_JOINT_OVERDUE = "timer_supervise_joint_overdue";
    public static final String REMIND_SUPERVISE_JOINT = "service_remind_supervise_joint";
    public static final String END_SUPERVISE_JOINT_REMINDED = "end_supervise_joint_reminded";
    public static final String ESCALATE_SUPERVISE_JOINT = "service_escalate_supervise_joint";
    public static final String END_SUPERVISE_JOINT_ESCALATED = "end_supervise_joint_escalated";
  }

  /** Variables. */
  public static final class Var {
    private Var() {}

    public static final String JOINT_NUMBER = "jointNumber";
    public static final String SOURCE = "jointSource";
    public static final String SOURCE_LABEL = "jointSourceLabel";
    public static final String SUBJECT = "subject";
    public static final String AREA_CODE = "areaCode";
    public static final String AREA_NAME = "areaName";
    public static final String REASON = "reasonText";
    public static final String CRITERIA_RESULT = "jointCriteria";
    public static final String CRITERIA_LABELS = "criteriaLabels";
    public static final String QUALIFIES = "qualifies";
    public static final String PROPOSAL_DECISION = "proposalDecision";
    public static final String APPROVAL = "jointApproval";
    public static final String GROUP = "jointGroup";
    public static final String ASSIGNMENT_NOTE = "assignmentNote";
    public static final String OUTCOME = "jointOutcome";
    public static final String FINDINGS = "findings";
    public static final String MONEY = "moneyCollected";
    public static final String LOSSES = "lossesRecovered";
    public static final String CONTRACTS = "contractsEnded";
    // monthly-screening
    public static final String MONTH = "screeningMonth";
    public static final String UNITS = "screeningUnits";
    public static final String UNIT = "screeningUnit";
    public static final String ACTION = "screeningAction";
    public static final String ENTRY_COUNT = "screeningEntryCount";
  }
}
