package cn.xinfang.flow.calendar;

import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long each stage may take and when to remind, from configuration ({@code xinfang.deadlines.*}),
 * with the statutory limits of the 2022 信访工作条例 as defaults.
 *
 * @param rules per stage: amount, unit and reminder days before the due date
 */
@ConfigurationProperties("xinfang.deadlines")
public record DeadlinePolicy(Map<DeadlineStage, Rule> rules, Integer maxExtensionDays) {

  public record Rule(int amount, TimeUnit unit, int remindDaysBefore) {}

  public enum TimeUnit {
    DAYS, WORKING_DAYS, MONTHS
  }

  public DeadlinePolicy {
    Map<DeadlineStage, Rule> merged = new EnumMap<>(DeadlineStage.class);
    merged.put(DeadlineStage.ACCEPTANCE, new Rule(15, TimeUnit.DAYS, 3));   // 条例 第23条
    merged.put(DeadlineStage.HANDLING, new Rule(60, TimeUnit.DAYS, 10));    // 条例 第32条
    merged.put(DeadlineStage.REVIEW_REQUEST, new Rule(30, TimeUnit.DAYS, 0)); // 条例 第35条
    merged.put(DeadlineStage.REVIEW, new Rule(30, TimeUnit.DAYS, 5));
    merged.put(DeadlineStage.REREVIEW_REQUEST, new Rule(30, TimeUnit.DAYS, 0)); // 条例 第36条
    merged.put(DeadlineStage.REREVIEW, new Rule(30, TimeUnit.DAYS, 5));
    if (rules != null) {
      merged.putAll(rules);
    }
    rules = Map.copyOf(merged);
    maxExtensionDays = maxExtensionDays == null ? 30 : maxExtensionDays; // 条例 第32条：延长不超过30日
  }

  public Rule rule(DeadlineStage stage) {
    return rules.get(stage);
  }
}
