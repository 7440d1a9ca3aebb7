package cn.xinfang.flow.petition;

import java.util.Arrays;
import java.util.Optional;

/** The coded values of the contract, each with the Chinese label staff read. */
public final class Vocabulary {

  private Vocabulary() {}

  /** A code with a Chinese label. */
  public interface Labelled {
    String name();

    String label();
  }

  public enum Channel implements Labelled {
    LETTER("来信"), VISIT("来访"), PHONE("来电"), ONLINE("网上信访"), EMAIL("电子邮件");

    private final String label;

    Channel(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public enum Category implements Labelled {
    DISCIPLINE("检举控告"), PERSONNEL("人事"), HEALTH("医疗卫生"), LAND("土地征收"), LABOR("劳动社保"),
    URBAN("城建住房"), LITIGATION("涉法涉诉"), OTHER("其他");

    private final String label;

    Category(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** A discipline report (检举控告): the reporter's identity is kept from the unit reported on. */
    public boolean confidential() {
      return this == DISCIPLINE;
    }
  }

  public enum SourceLevel implements Labelled {
    SELF("本级受理"), COUNTY("县级交办"), PREFECTURE("市级交办"), PROVINCE("省级交办"), CENTRAL("中央交办");

    private final String label;

    SourceLevel(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public enum AcceptanceDecision implements Labelled {
    HANDLE("本机关直接办理"), ASSIGN("交办承办单位"), REFER("转办下级单位"), FORWARD("转送其他有权机关"), REJECT("不予受理");

    private final String label;

    AcceptanceDecision(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public enum Outcome implements Labelled {
    SUPPORT("支持"), EXPLAIN("解释说明"), NOT_SUPPORT("不予支持");

    private final String label;

    Outcome(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The constant of {@code type} named {@code code}, if there is one. */
  public static <E extends Enum<E>> Optional<E> parse(Class<E> type, Object code) {
    if (!(code instanceof String s)) {
      return Optional.empty();
    }
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(s)).findFirst();
  }

  /** "LETTER 来信 · VISIT 来访 …", for error messages that say which values are allowed. */
  public static String allowed(Class<? extends Enum<?>> type) {
    StringBuilder sb = new StringBuilder();
    for (Enum<?> e : type.getEnumConstants()) {
      if (sb.length() > 0) {
        sb.append("、");
      }
      sb.append(e.name());
      if (e instanceof Labelled l) {
        sb.append("（").append(l.label()).append("）");
      }
    }
    return sb.toString();
  }
}
