package cn.xinfang.flow.exchange;

import java.util.Arrays;
import java.util.Optional;

/** The four messages between offices of different levels. */
public enum ExchangeKind {
  /** 交办: a case assigned down; the receiver starts a referral of its own. */
  ASSIGN("交办"),
  /** 报结: the result of an assigned case, reported up; the sender's waiting case continues. */
  REPORT("报结"),
  /** 备案: a major case filed with the level above, for its leaders' information. */
  FILE("备案"),
  /** 退回: an assigned case sent back to the assigning office, whose reroute task takes it up again. */
  RETURN("退回");

  private final String label;

  ExchangeKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  static Optional<ExchangeKind> parse(Object value) {
    return Arrays.stream(values()).filter(k -> k.name().equals(value)).findFirst();
  }
}
