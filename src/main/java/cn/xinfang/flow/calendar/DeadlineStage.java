package cn.xinfang.flow.calendar;

/**
 * The deadlines the flows keep in process variables. Each stage stores its computed due date and
 * reminder time under its own names ({@code handlingDueAt}, {@code handlingRemindAt}), so a running
 * case keeps the deadline it was given even when the policy changes later. The amounts come from
 * the policy table, row {@link #name()} (the acceptance of a discipline report uses its own row).
 */
public enum DeadlineStage {
  ACCEPTANCE("acceptance", "受理告知"),
  HANDLING("handling", "调查处理"),
  REVIEW_REQUEST("reviewRequest", "复查申请期"),
  REVIEW("review", "复查"),
  REREVIEW_REQUEST("rereviewRequest", "复核申请期"),
  REREVIEW("rereview", "复核"),
  /** 回访: the case owner calls the petitioner back after the reply and records the evaluation. */
  CALLBACK("callback", "回访"),
  /** 转办件: the unit investigates and reports within one month. */
  REFERRAL("referral", "转办件办理"),
  /** Counted from the referral's due date: still overdue after it, the supervising leader is escalated to. */
  REFERRAL_ESCALATION("referralEscalation", "转办件逾期督办"),
  /** The unit may object that the case is not its business within this limit after receiving the letter. */
  OBJECTION("objection", "异议期"),
  /** 包案调处: the date the owning leader fixed (not from the policy); escalated when passed. */
  OWNERSHIP("ownership", "包案调处", DeadlineStage.OWNERSHIP_MAX),
  /** The responsible person's next progress report (进展报告), on the policy's rhythm. */
  OWNERSHIP_REPORT("ownershipReport", "进展报告"),
  /** 月度摸排: counted from the 1st, the register is due on the 20th. */
  SCREENING("screening", "月度摸排填报"),
  /** 矛盾纠纷排查表: counted from the 1st, each unit's table is due on the 25th. */
  DISPUTE_SCREENING("disputeScreening", "矛盾纠纷排查填报"),
  /** The petition office reports the consolidated dispute table upward. */
  DISPUTE_REPORT("disputeReport", "上报矛盾纠纷排查汇总表"),
  /** 联查调查: the joint group's deadline from approval. */
  JOINT_INVESTIGATION("jointInvestigation", "联查调查"),

  // 问题线索处置 (discipline-lead): each step of a discipline lead has its own row.
  DISCIPLINE_ANALYSIS("disciplineAnalysis", "线索初查分析"),
  DISCIPLINE_APPROVAL("disciplineApproval", "审批处置意见"),
  DISCIPLINE_INQUIRY("disciplineInquiry", "谈话函询"),
  DISCIPLINE_VERIFICATION("disciplineVerification", "初步核实"),
  /** 暂存待查: when a parked lead is analysed again; a waiting period, not a task. */
  DISCIPLINE_PARKED("disciplineParked", "暂存待查复查"),
  /** Counted from acceptance (the lead's start): the real-name reporter is told how the lead is handled. */
  REALNAME_FEEDBACK("realnameFeedback", "实名反馈"),

  // Supervision (督办) tasks: each level has the SUPERVISION row's days; missed, it goes one level up.
  SUPERVISE_ACCEPTANCE("superviseAcceptance", "受理逾期督办", DeadlineStage.SUPERVISION),
  SUPERVISE_HANDLING("superviseHandling", "办理逾期督办", DeadlineStage.SUPERVISION),
  SUPERVISE_REFERRAL("superviseReferral", "督办逾期转办件", DeadlineStage.SUPERVISION),
  LEADER_ESCALATION("leaderEscalation", "分管领导督办", DeadlineStage.SUPERVISION),
  SUPERVISE_OWNERSHIP("superviseOwnership", "上级领导督办包案", DeadlineStage.SUPERVISION),
  SUPERVISE_JOINT("superviseJoint", "联查逾期督办", DeadlineStage.SUPERVISION),

  // The office's own reviews, approvals and assignments: the OFFICE_DECISION row, afresh at each visit.
  REFERRAL_REVIEW("referralReview", "审结转办件报告", DeadlineStage.OFFICE_DECISION),
  REFERRAL_EXTENSION_DECISION("referralExtensionDecision", "审批转办件延期", DeadlineStage.OFFICE_DECISION),
  REFERRAL_REROUTE("referralReroute", "处理单位异议", DeadlineStage.OFFICE_DECISION),
  JOINT_PROPOSAL("jointProposal", "填写拟办单", DeadlineStage.OFFICE_DECISION),
  JOINT_APPROVAL("jointApproval", "审批拟办单", DeadlineStage.OFFICE_DECISION),
  JOINT_ASSIGNMENT("jointAssignment", "指定联查组", DeadlineStage.OFFICE_DECISION),
  OWNERSHIP_PLAN("ownershipPlan", "明确包案方案", DeadlineStage.OFFICE_DECISION),
  OWNERSHIP_READING("ownershipReading", "阅示进展报告", DeadlineStage.OFFICE_DECISION);

  /** Row of the policy with the longest ownership deadline a leader may fix, in days, and its reminder. */
  public static final String OWNERSHIP_MAX = "OWNERSHIP_MAX";
  /** Row of the policy for every level of a supervision task (督办). */
  public static final String SUPERVISION = "SUPERVISION";
  /** Row of the policy for the office's internal reviews, approvals and assignments. */
  public static final String OFFICE_DECISION = "OFFICE_DECISION";



  /** Row of the policy for the acceptance of a discipline report (检举控告), 5 working days. */
  public static final String DISCIPLINE_ACCEPTANCE = "DISCIPLINE_ACCEPTANCE";
  /** Row of the policy with the longest extension of the handling deadline, in days. */
  public static final String EXTENSION = "EXTENSION";

  private final String variablePrefix;
  private final String label;
  private final String policyRow;

  DeadlineStage(String variablePrefix, String label) {
    this(variablePrefix, label, null);
  }

  DeadlineStage(String variablePrefix, String label, String policyRow) {
    this.variablePrefix = variablePrefix;
    this.label = label;
    this.policyRow = policyRow;
  }

  /** The row of the policy table this stage's amounts come from (several stages may share one). */
  public String policyRow() {
    return policyRow != null ? policyRow : name();
  }

  /** A supervision task: escalated one level up when its deadline is missed. */
  public boolean isSupervision() {
    return SUPERVISION.equals(policyRow);
  }

  /** How many times the case has been escalated in this supervision (0: at the first level). */
  public String levelVariable() {
    return variablePrefix + "Level";
  }

  /** Who supervises at each level, lowest first ("" for the team as a group). */
  public String chainVariable() {
    return variablePrefix + "Chain";
  }

  public String dueVariable() {
    return variablePrefix + "DueAt";
  }

  public String remindVariable() {
    return variablePrefix + "RemindAt";
  }

  /** True while the due date was counted through a year without holiday data (see {@link StatutoryHolidays}). */
  public String provisionalVariable() {
    return variablePrefix + "DueProvisional";
  }

  /**
   * How the due date was counted ({@code 2026-12-01 1 MONTHS}, {@code @REFERRAL 10 DAYS}, {@code … +30}), to count it
   * again when holiday data arrives; written only for a provisional deadline (only those are counted again; a recount
   * that confirms one leaves its basis, which nothing reads then).
   */
  public String basisVariable() {
    return variablePrefix + "DueBasis";
  }

  public String label() {
    return label;
  }

  /** Waiting windows are the petitioner's time, not a task's: not shown as a task deadline. */
  public boolean isTaskDeadline() {
    // a supervision task's own deadline is the supervisor's, not the case's: the case keeps showing its own
    return this != REVIEW_REQUEST && this != REREVIEW_REQUEST && this != REFERRAL_ESCALATION && this != OBJECTION
        && this != OWNERSHIP && this != DISCIPLINE_PARKED && !isSupervision();
  }

  /** The stage whose due date this one is counted from; null: counted from today. */
  public DeadlineStage countedFrom() {
    return this == REFERRAL_ESCALATION ? REFERRAL : null;
  }

  public static DeadlineStage of(Object name) {
    for (DeadlineStage s : values()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("未知的时限环节: " + name + "（请检查流程图中 deadlineStage 的取值）");
  }
}
