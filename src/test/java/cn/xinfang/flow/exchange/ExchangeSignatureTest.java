package cn.xinfang.flow.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The signature as README "上下级交换" documents it, with the README's example numbers. */
class ExchangeSignatureTest {

  static final String SECRET = "county-chengguan-shared-secret-0123456789";
  static final byte[] BODY = ("{\"messageId\":\"5f0c6c1e-8a37-3d39-9b1a-0c2f8e7d4a10\",\"kind\":\"REPORT\",\"from\":\"chengguan\","
      + "\"sentAt\":\"2026-03-20T10:00:00+08:00\",\"caseNumber\":\"XF-2026-000042\",\"replyTo\":\"XF-2026-000007\","
      + "\"payload\":{\"outcome\":\"EXPLAIN\",\"facts\":\"经核实，补偿款已拨付\",\"reasons\":\"依据征地补偿安置方案\"}}")
      .getBytes(StandardCharsets.UTF_8);

  @Test
  void shouldSignMethodPathTimestampAndBodyDigestAsTheReadmeShows() {
    assertThat(ExchangeSignature.sha256Hex(BODY))
        .isEqualTo("78c15f1469f6cbd6ca18c374eca8637820ee545eb1777f1ce003929a3c0f0ebb");
    assertThat(ExchangeSignature.canonical("POST", ExchangeSignature.PATH, "1773972000", BODY))
        .isEqualTo("POST\n/exchange/v1/messages\n1773972000\n"
            + "78c15f1469f6cbd6ca18c374eca8637820ee545eb1777f1ce003929a3c0f0ebb");
    assertThat(ExchangeSignature.sign(SECRET, "POST", ExchangeSignature.PATH, "1773972000", BODY))
        .isEqualTo("0549e7d91cfcfd2fdbb95f4337f4c4e44996f7843949d97caa08484af4bff42e");
  }

  @Test
  void shouldRefuseAnyChangeToWhatIsSigned() {
    String good = ExchangeSignature.sign(SECRET, "POST", ExchangeSignature.PATH, "1773972000", BODY);
    assertThat(ExchangeSignature.matches(SECRET, "POST", ExchangeSignature.PATH, "1773972000", BODY, good)).isTrue();
    assertThat(ExchangeSignature.matches(SECRET, "POST", ExchangeSignature.PATH, "1773972000", BODY, good.toUpperCase()))
        .isTrue(); // hex is hex
    byte[] changed = BODY.clone();
    changed[changed.length - 3] = 'X';
    assertThat(ExchangeSignature.matches(SECRET, "POST", ExchangeSignature.PATH, "1773972000", changed, good)).isFalse();
    assertThat(ExchangeSignature.matches(SECRET, "POST", ExchangeSignature.PATH, "1773972001", BODY, good)).isFalse();
    assertThat(ExchangeSignature.matches(SECRET, "PUT", ExchangeSignature.PATH, "1773972000", BODY, good)).isFalse();
    assertThat(ExchangeSignature.matches(SECRET + "x", "POST", ExchangeSignature.PATH, "1773972000", BODY, good)).isFalse();
    assertThat(ExchangeSignature.matches(SECRET, "POST", ExchangeSignature.PATH, "1773972000", BODY, null)).isFalse();
  }
}
