package cn.xinfang.flow.exchange;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * 上下级交换: who this office is to its partners and which partner offices (the county above a township,
 * the city above a county, the townships below) it exchanges 交办 / 报结 / 备案 / 退回 with.
 *
 * @param selfId our id as the partners have configured us
 * @param selfLevel what a case we assign down is to the receiver (its 来源层级: COUNTY, PREFECTURE, …)
 * @param partners the partner offices; an office not listed here is refused
 * @param replayWindow how far a message's timestamp may be from our clock (replay protection)
 * @param retryDelay the pause between two delivery attempts of one message
 * @param attempts delivery attempts before a message is left to the administrators as an incident
 */
@ConfigurationProperties("xinfang.exchange")
public record ExchangeProperties(
    @DefaultValue("self") String selfId,
    @DefaultValue("COUNTY") String selfLevel,
    @DefaultValue List<Partner> partners,
    @DefaultValue("PT5M") Duration replayWindow,
    @DefaultValue("PT10M") Duration retryDelay,
    @DefaultValue("8") int attempts) {

  /**
   * One partner office.
   *
   * @param id the partner's id (header {@code X-Xinfang-Partner} of its messages)
   * @param name shown to staff (来文机关, 备案 list)
   * @param baseUrl where its service runs, e.g. {@code https://xinfang.qiaotou.example.cn}
   * @param secret the shared HMAC-SHA256 key, agreed with the partner (at least 32 characters)
   * @param upper true for the level above: it may 交办 to us and receives our 备案
   * @param units our handling units whose cases are worked in this partner's system: a referral to one of
   *     them is sent there as 交办 instead of becoming a task here
   * @param receivedBy the staff member recorded as first receiver (首问) of a case this partner assigns to us
   */
  public record Partner(String id, String name, String baseUrl, String secret, @DefaultValue("false") boolean upper,
      @DefaultValue List<String> units, @DefaultValue("admin") String receivedBy) {}

  public Optional<Partner> partner(String id) {
    return id == null ? Optional.empty() : partners.stream().filter(p -> id.equals(p.id())).findFirst();
  }

  /** The partner whose system works this unit's cases, if the unit is not worked here. */
  public Optional<Partner> serving(String unit) {
    return unit == null ? Optional.empty() : partners.stream().filter(p -> p.units().contains(unit)).findFirst();
  }

  public List<Partner> upperPartners() {
    return partners.stream().filter(Partner::upper).toList();
  }
}
