package cn.xinfang.flow.warning;

/**
 * Backing class of {@code processes/dispute-screening.bpmn} (月度矛盾纠纷排查, 信访苗头排查): every unit
 * fills its dispute table (矛盾纠纷排查表) by the 25th, the petition office consolidates the tables and
 * reports them upward. Keys, element ids and variable names; code and tests use these names.
 */
public final class DisputeProcess {

  private DisputeProcess() {}

  public static final String KEY = "dispute-screening";
  /** Business key prefix: {@code PC-2026-12} (排查). */
  public static final String BUSINESS_KEY_PREFIX = "PC-";

  /** Element ids. */
  public static final class Element {
    private Element() {}

    public static final String START = "start_dispute_screening";
    public static final String OPEN_ROUND = "service_open_dispute_round";
    public static final String END_ROUND_EXISTS = "end_dispute_round_exists";
    public static final String SUB_UNITS = "sub_unit_dispute";
    public static final String FILL = "task_fill_dispute_table";
    public static final String TIMER_REMINDER = "timer_dispute_reminder";
    public static final String TIMER_OVERDUE = "timer_dispute_overdue";
    public static final String REMIND = "service_remind_dispute";
    public static final String XOR_PARTLY_FILED = "xor_dispute_partly_filed";
    public static final String END_PARTLY_FILED = "end_dispute_partly_filed";
    public static final String REPORT_MISSING = "service_report_dispute_missing";
    public static final String END_MISSING = "end_dispute_missing";
    public static final String RECORD_ENTRY = "service_record_dispute_entry";
    public static final String END_UNIT_FILED = "end_unit_dispute_filed";
    public static final String CONSOLIDATE = "service_consolidate_disputes";
    public static final String REPORT_UPWARD = "task_report_disputes_upward";
    public static final String TIMER_REPORT_REMINDER = "timer_dispute_report_reminder";
    public static final String TIMER_REPORT_OVERDUE = "timer_dispute_report_overdue";
    public static final String REMIND_REPORT = "service_remind_dispute_report";
    public static final String ESCALATE_REPORT = "service_escalate_dispute_report";
    public static final String RECORD_REPORT = "service_record_dispute_report";
    public static final String END_REPORTED = "end_disputes_reported";
  }

  /** Variables. */
  public static final class Var {
    private Var() {}

    public static final String UNITS = "disputeUnits";
    public static final String UNIT = "disputeUnit";
    public static final String UNIT_NAME = "disputeUnitName";
    public static final String MONTH_LABEL = "disputeMonthLabel";
    public static final String DUE_LABEL = "disputeDueLabel";
    public static final String ROUND_ALREADY_OPEN = "disputeRoundAlreadyOpen";
    public static final String ENTRY_COUNT = "disputeEntryCount";
    public static final String ACTION = "disputeAction";
    public static final String SUBJECT = "disputeSubject";
    public static final String PARTIES = "disputeParties";
    public static final String HEADCOUNT = "disputeHeadcount";
    public static final String RISK = "disputeRisk";
    public static final String OWNER_LEADER = "disputeOwnerLeader";
    public static final String OPINION = "disputeOpinion";
    public static final String MORE = "disputeMoreEntries";
    public static final String REPORT_TO = "disputeReportTo";
    public static final String REPORT_NOTE = "disputeReportNote";
    /** Figures of the consolidated table, for the office's form. */
    public static final String UNIT_COUNT = "disputeUnitCount";
    public static final String FILED_COUNT = "disputeFiledCount";
    public static final String ZERO_COUNT = "disputeZeroCount";
    public static final String MISSING_COUNT = "disputeMissingCount";
    public static final String MISSING_UNITS = "disputeMissingUnits";
    public static final String ENTRY_TOTAL = "disputeEntryTotal";
    public static final String HIGH_RISK_COUNT = "disputeHighRiskCount";
    public static final String EXPORT_LINK = "disputeExportLink";
  }

  /** The entry fields a unit fills per dispute; cleared for the next entry. */
  static final String[] ENTRY_FIELDS = {Var.SUBJECT, Var.PARTIES, Var.RISK, Var.OWNER_LEADER, Var.OPINION};
}
