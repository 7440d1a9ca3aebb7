package cn.xinfang.flow.discipline;

import java.util.List;
import java.util.Set;

/**
 * Backing class of {@code processes/discipline-lead.bpmn} (问题线索处置): key, element ids, variables,
 * groups. A discipline report accepted by the office is a lead of the discipline commission, not a
 * petition: it is analysed (线索初查分析), its disposal approved by the commission's leader, and disposed
 * of in one of four ways (谈话函询, 初步核实, 暂存待查, 予以了结); a real-name reporter is told within 15
 * working days of acceptance. The reporter's identity never enters this process's variables.
 */
public final class DisciplineLeadProcess {

  private DisciplineLeadProcess() {}

  public static final String KEY = "discipline-lead";

  /** Groups of the discipline commission (organization yaml, kind DISCIPLINE). */
  public static final class Group {
    private Group() {}

    /** 纪委信访室: receives reports, tells real-name reporters how their report is handled. */
    public static final String OFFICE = "discipline-office";
    /** 纪委领导: approves disposals, is told of overdue steps, alone may reveal a reporter's identity. */
    public static final String LEADERS = "discipline-leaders";
    /** 核查组: the commission's case group; analyses leads and, by default, talks and verifies. */
    public static final String INVESTIGATION = "discipline-investigation";

    public static final Set<String> ALL = Set.of(OFFICE, LEADERS, INVESTIGATION);
    /** The only role that may see a reporter's identity, by an explicit, journaled action. */
    public static final String MAY_REVEAL = LEADERS;
  }

  /** Element ids. */
  public static final class Element {
    private Element() {}

    public static final String START = "start_discipline_lead";
    public static final String FORK_FEEDBACK = "fork_feedback";
    public static final String ANALYSE = "task_analyse_lead";
    public static final String RECORD_ANALYSIS = "service_record_analysis";
    public static final String APPROVE = "task_approve_disposal";
    public static final String RECORD_APPROVAL = "service_record_approval";
    public static final String INQUIRY = "task_talk_inquiry";
    public static final String RECORD_INQUIRY = "service_record_inquiry";
    public static final String VERIFY = "task_verify_lead";
    public static final String RECORD_VERIFICATION = "service_record_verification";
    public static final String PARK = "service_park_lead";
    public static final String PARKED_REVIEW = "timer_parked_review";
    public static final String CLOSE = "service_close_lead";
    public static final String FEEDBACK = "task_realname_feedback";
    public static final String RECORD_FEEDBACK = "service_record_feedback";
    public static final String CONCLUDE = "service_conclude_lead";
    public static final String END = "end_lead_concluded";
    public static final String TIMER_FEEDBACK_REMINDER = "timer_feedback_reminder";
    public static final String TIMER_FEEDBACK_OVERDUE = "timer_feedback_overdue";
    public static final String REMIND_FEEDBACK = "service_remind_feedback";
    public static final String ESCALATE_FEEDBACK = "service_escalate_feedback";
    public static final String TIMER_ANALYSIS_REMINDER = "timer_analysis_reminder";
    public static final String TIMER_ANALYSIS_OVERDUE = "timer_analysis_overdue";
    public static final String TIMER_APPROVAL_REMINDER = "timer_approval_reminder";
    public static final String TIMER_APPROVAL_OVERDUE = "timer_approval_overdue";
    public static final String TIMER_INQUIRY_REMINDER = "timer_inquiry_reminder";
    public static final String TIMER_INQUIRY_OVERDUE = "timer_inquiry_overdue";
    public static final String TIMER_VERIFICATION_REMINDER = "timer_verification_reminder";
    public static final String TIMER_VERIFICATION_OVERDUE = "timer_verification_overdue";
  }

  /** Variables. */
  public static final class Var {
    private Var() {}

    public static final String REAL_NAME = "realName";
    /** 实名举报（身份保密） or 匿名举报: all the process ever says about the reporter. */
    public static final String REPORTER_DISPLAY = "reporterDisplay";
    public static final String REPORTED_PERSON = "reportedPerson";
    public static final String REPORTED_UNIT = "reportedUnit";
    public static final String REPORTED_UNIT_NAME = "reportedUnitName";
    public static final String ANALYSIS = "analysisSummary";
    public static final String DISPOSAL = "disposal";
    public static final String DISPOSAL_LABEL = "disposalLabel";
    public static final String LEAD_UNIT = "leadHandlingUnit";
    public static final String INQUIRY_METHOD = "inquiryMethod";
    public static final String PLAN = "verificationPlan";
    public static final String LEAD_INVESTIGATOR = "leadInvestigator";
    public static final String SECOND_INVESTIGATOR = "secondInvestigator";
    public static final String INVESTIGATOR_NAMES = "investigatorNames";
    public static final String PARK_REASON = "parkReason";
    public static final String CLOSE_REASON = "closeReason";
    public static final String CLOSE_NOTE = "closeNote";
    public static final String APPROVAL_DECISION = "approvalDecision";
    public static final String APPROVAL_COMMENT = "approvalComment";
    public static final String APPROVED = "disposalApproved";
    public static final String INQUIRY_RESPONSE = "inquiryResponse";
    public static final String INQUIRY_CONCLUSION = "inquiryConclusion";
    public static final String REPORT = "verificationReport";
    public static final String FINDING = "verificationFinding";
    public static final String FEEDBACK_METHOD = "feedbackMethod";
    public static final String FEEDBACK_TEXT = "feedbackText";
    public static final String OUTCOME_LABEL = "leadOutcomeLabel";
    public static final String REPORTED_UNIT_OPTIONS = "reportedUnitOptions";
    public static final String LEAD_UNIT_OPTIONS = "leadUnitOptions";
    public static final String INVESTIGATOR_OPTIONS = "investigatorOptions";

    /** Variables that must never be set on this process: the reporter's identity stays in the ledger. */
    public static final List<String> FORBIDDEN = List.of("petitionerName", "petitionerPhone", "petitionerIdNumber",
        "petitionerAddress", "petitionerDisplay");
  }

  /** The four ways of disposing of a lead (检举控告工作规则; 监督执纪工作规则 第21条). */
  public enum Disposal {
    TALK("谈话函询", "HX", "谈话函询通知书"),
    VERIFY("初步核实", "CH", "初步核实方案"),
    PARK("暂存待查", "ZC", "线索暂存待查呈批表"),
    CLOSE("予以了结", "LJ", "线索予以了结呈批表");

    private final String label;
    private final String documentPrefix;
    private final String documentTitle;

    Disposal(String label, String documentPrefix, String documentTitle) {
      this.label = label;
      this.documentPrefix = documentPrefix;
      this.documentTitle = documentTitle;
    }

    public String label() {
      return label;
    }

    public String documentTitle() {
      return documentTitle;
    }

    String documentPrefix() {
      return documentPrefix;
    }

    /** Disposals that send people to talk to or verify the person reported on: the recusal check applies. */
    public boolean needsInvestigators() {
      return this == TALK || this == VERIFY;
    }

    public static Disposal of(Object value) {
      for (Disposal d : values()) {
        if (d.name().equals(value)) {
          return d;
        }
      }
      return null;
    }
  }

  /** 予以了结 reasons, after the seed's "道听途说…可不作调查". */
  public static final java.util.Map<String, String> CLOSE_REASONS = java.util.Map.of(
      "HEARSAY", "道听途说、无具体内容", "UNVERIFIABLE", "可查性很小、无法核实", "MINOR", "情节轻微、不予追究",
      "HANDLED", "已经处理、无新的事实", "OTHER", "其他");
  public static final java.util.Map<String, String> FINDINGS = java.util.Map.of(
      "SUBSTANTIATED", "问题基本属实，建议立案审查", "PARTLY", "部分属实，建议谈话提醒或诫勉", "UNFOUNDED", "问题不实，予以了结并澄清");
  public static final java.util.Map<String, String> INQUIRY_CONCLUSIONS = java.util.Map.of(
      "CLEARED", "说明属实，予以澄清了结", "EDUCATED", "批评教育、提醒谈话", "FURTHER", "说明不实，建议另行报批初步核实");
}
