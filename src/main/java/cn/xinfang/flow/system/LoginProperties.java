package cn.xinfang.flow.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Numbers of the login throttle ({@code xinfang.security.login.*}). Per (address, account) a person who
 * mistypes gets a few free tries; per address the budget is larger because an office behind one NAT
 * address has many people. Delays double from the first delay up to the maximum, and a quiet period of
 * {@code forget-after} starts the count from zero: nothing is ever locked for good.
 */
@ConfigurationProperties("xinfang.security.login")
public record LoginProperties(
    @DefaultValue("5") int accountFreeFailures,
    @DefaultValue("1s") Duration accountFirstDelay,
    @DefaultValue("5m") Duration accountMaxDelay,
    @DefaultValue("20") int addressFreeFailures,
    @DefaultValue("1s") Duration addressFirstDelay,
    @DefaultValue("15m") Duration addressMaxDelay,
    @DefaultValue("1h") Duration forgetAfter,
    @DefaultValue("10000") int maxEntries) {

  public LoginProperties {
    if (accountFreeFailures < 1 || addressFreeFailures < 1 || maxEntries < 100) {
      throw new IllegalArgumentException("xinfang.security.login：免延迟失败次数至少为 1，max-entries 至少为 100"
          + " / free failures must be at least 1 and max-entries at least 100");
    }
  }
}
