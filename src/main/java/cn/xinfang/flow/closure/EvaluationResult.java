package cn.xinfang.flow.closure;

import java.util.Set;

/** The values of {@code xf_evaluation.result} (V15) with their Chinese labels. */
public enum EvaluationResult {
  SATISFIED("满意"),
  BASICALLY_SATISFIED("基本满意"),
  UNSATISFIED("不满意"),
  /** Only from a call-back: the petitioner could not be reached. */
  UNREACHABLE("无法联系");

  public static final Set<String> VALUES = Set.of("SATISFIED", "BASICALLY_SATISFIED", "UNSATISFIED", "UNREACHABLE");

  private final String label;

  EvaluationResult(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static String labelOf(String code) {
    for (EvaluationResult r : values()) {
      if (r.name().equals(code)) {
        return r.label;
      }
    }
    return code;
  }
}
