package cn.xinfang.flow.closure;

/**
 * Why a case became final (三级终结, 条例 第35、36条), stored in {@code xf_petition.final_basis}.
 * Which one applies follows from the last review step the case passed ({@code lastReviewStep}, set by
 * the reply, 复查 and 复核 steps): the window after it closed unused, or the 复核 itself.
 */
public enum FinalBasis {
  /** 复核 decided (维持): the 复核意见 is final. */
  REREVIEW("复核终结：复核意见为终结意见"),
  /** No 复查 requested within 30 days of the reply: the 处理意见 is final. */
  REVIEW_WINDOW("答复后30日内未申请复查，信访处理意见即为终结意见"),
  /** No 复核 requested within 30 days of the 复查意见: the 复查意见 is final. */
  REREVIEW_WINDOW("复查意见送达后30日内未申请复核，复查意见即为终结意见");

  private final String label;

  FinalBasis(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** From the last review step: REPLY, REVIEW or REREVIEW (see RecordStepDelegate). */
  public static FinalBasis after(Object lastReviewStep) {
    if ("REREVIEW".equals(lastReviewStep)) {
      return REREVIEW;
    }
    if ("REVIEW".equals(lastReviewStep)) {
      return REREVIEW_WINDOW;
    }
    return REVIEW_WINDOW;
  }
}
