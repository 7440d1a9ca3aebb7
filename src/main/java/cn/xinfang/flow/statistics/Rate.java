package cn.xinfang.flow.statistics;

/**
 * The rates the appraisals use (国信发〔2022〕11号 and the county's 考核办法), each DEFINED HERE ONCE: its Chinese
 * label, what it counts above and below the line, which dates decide, and the same as SQL conditions on one case
 * ({@code p} = xf_petition, {@code v} = its xf_evaluation row or nulls). {@link StatisticsQueries} sums the
 * conditions with GROUP BY; the README and the page print {@link #numerator}, {@link #denominator} and
 * {@link #dates} from here.
 *
 * <p>Every rate is over the cases REGISTERED in the chosen period (登记日期 registered_at in [from, to], Beijing
 * time), as the ledger stands when the report is made: a case registered in March and replied in May counts
 * in March's figures from May on. {@code :now} is the moment of the report (the engine's clock).
 *
 * <p>Words used below: 信访件 — a registration that was not merged into an open case (status ≠ LINKED: a merged
 * registration is a repeat visit on that case, counted there). 办结 — the reply (replied_at, 出具处理意见书), or
 * for a case archived without a reply of its own (a referral filed) its closing (closed_at):
 * {@code COALESCE(replied_at, closed_at)}. 办理期限 — handling_due_at: 60 days from acceptance (条例 第32条), moved
 * by every approved extension (at most 30 days: 90), counted afresh when 复查/复核 reopens the case; 受理期限 —
 * acceptance_due_at: 15 days from registration (条例 第23条), 5 working days for a discipline report. Both are the
 * dates the case's own timers watch (written by calendar/DeadlineService).
 */
public enum Rate {

  TIMELY_ACCEPTANCE("及时受理率",
      "按期告知受理结果的件数：受理决定（含交办、转送、不予受理）时间 accepted_at 不晚于受理期限 acceptance_due_at",
      "应告知受理结果的信访件数：已作出受理决定，或尚未决定但受理期限已过",
      "登记日期（registered_at）定期间；受理决定时间 accepted_at；受理期限 acceptance_due_at",
      "p.accepted_at IS NOT NULL AND p.accepted_at <= p.acceptance_due_at",
      "p.status <> 'LINKED' AND (p.accepted_at IS NOT NULL OR p.acceptance_due_at < :now)"),

  ON_TIME_COMPLETION("按期办结率",
      "按期办结的件数：办结时间 COALESCE(replied_at, closed_at) 不晚于办理期限 handling_due_at（60 日，经批准延期后至多 90 日）",
      "应办结的件数：已交承办单位办理（handling_unit 非空），且已办结或办理期限已过",
      "登记日期定期间；办结时间 replied_at（无答复而归档的为 closed_at）；办理期限 handling_due_at",
      "p.handling_unit IS NOT NULL AND COALESCE(p.replied_at, p.closed_at) <= p.handling_due_at",
      Rate.DUE_FOR_COMPLETION),

  REPLY("答复率",
      "已答复（办结）的件数：办结时间 COALESCE(replied_at, closed_at) 非空，不论是否逾期",
      "应办结的件数（同按期办结率的分母）：已交办理，且已办结或办理期限已过",
      "登记日期定期间；办结时间 replied_at / closed_at；办理期限 handling_due_at",
      "p.handling_unit IS NOT NULL AND COALESCE(p.replied_at, p.closed_at) IS NOT NULL",
      Rate.DUE_FOR_COMPLETION),

  REPEAT("重复信访率",
      "重复信访件数：办理中又有同一信访人就同一事项来信来访（repeat_visits > 0，含并入本件的登记），"
          + "或登记时注明为此前已办信访件的再次信访（related_case_number 非空）",
      "信访件数（本期登记且未并入在办件）",
      "登记日期定期间；重复来访计在原件上（repeat_visits，日志 REPEAT_VISIT）",
      "p.status <> 'LINKED' AND (p.repeat_visits > 0 OR p.related_case_number IS NOT NULL)",
      "p.status <> 'LINKED'"),

  PARTICIPATION("参评率",
      "已评价的办结件数：信访人本人或回访记录了 满意 / 基本满意 / 不满意（“无法联系”不算参评）",
      "已办结的件数：办结时间 COALESCE(replied_at, closed_at) 非空",
      "登记日期定期间；评价表 xf_evaluation（每件一条，来源 PETITIONER 本人 / CALLBACK 回访）",
      "p.handling_unit IS NOT NULL AND COALESCE(p.replied_at, p.closed_at) IS NOT NULL "
          + "AND v.result IN ('SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED')",
      "p.handling_unit IS NOT NULL AND COALESCE(p.replied_at, p.closed_at) IS NOT NULL"),

  SATISFACTION("满意率",
      "评价为 满意 或 基本满意 的件数",
      "参评件数：评价为 满意、基本满意 或 不满意 的件数",
      "登记日期定期间；评价表 xf_evaluation.result",
      "v.result IN ('SATISFIED', 'BASICALLY_SATISFIED')",
      "v.result IN ('SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED')");

  /** 应办结: handed to a unit, and replied (or closed) or past its handling limit. */
  private static final String DUE_FOR_COMPLETION = "p.handling_unit IS NOT NULL AND p.status <> 'LINKED' "
      + "AND (COALESCE(p.replied_at, p.closed_at) IS NOT NULL OR p.handling_due_at < :now)";

  private final String label;
  private final String numerator;
  private final String denominator;
  private final String dates;
  private final String numeratorSql;
  private final String denominatorSql;

  Rate(String label, String numerator, String denominator, String dates, String numeratorSql, String denominatorSql) {
    this.label = label;
    this.numerator = numerator;
    this.denominator = denominator;
    this.dates = dates;
    // a case counted above the line is always counted below it: the rate never exceeds 100 %
    this.numeratorSql = "(" + numeratorSql + ") AND (" + denominatorSql + ")";
    this.denominatorSql = denominatorSql;
  }

  public String label() {
    return label;
  }

  public String numerator() {
    return numerator;
  }

  public String denominator() {
    return denominator;
  }

  public String dates() {
    return dates;
  }

  /** The condition on one case, with {@code :now} for the report's moment. */
  String numeratorSql() {
    return numeratorSql;
  }

  String denominatorSql() {
    return denominatorSql;
  }

  /** The rate as a fraction (0..1), or null when nothing was due (shown as —, not as 0 % or 100 %). */
  public static Double of(long numerator, long denominator) {
    return denominator == 0 ? null : (double) numerator / denominator;
  }
}
