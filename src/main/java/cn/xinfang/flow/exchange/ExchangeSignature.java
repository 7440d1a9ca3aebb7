package cn.xinfang.flow.exchange;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a message between offices (README "上下级交换"): HMAC-SHA256 with the partner's shared
 * secret over four lines — method, path, timestamp (seconds since 1970), SHA-256 of the body — joined by
 * {@code \n}, as lower-case hex. The timestamp is checked against a replay window; the message id inside the
 * body makes a replay inside the window harmless.
 */
public final class ExchangeSignature {

  public static final String PARTNER_HEADER = "X-Xinfang-Partner";
  public static final String TIMESTAMP_HEADER = "X-Xinfang-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Xinfang-Signature";
  public static final String PATH = "/exchange/v1/messages";

  private ExchangeSignature() {}

  public static String canonical(String method, String path, String timestamp, byte[] body) {
    return method + "\n" + path + "\n" + timestamp + "\n" + sha256Hex(body);
  }

  public static String sign(String secret, String method, String path, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(
          mac.doFinal(canonical(method, path, timestamp, body).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Constant-time comparison, so that the time taken does not reveal how much of a guess was right. */
  public static boolean matches(String secret, String method, String path, String timestamp, byte[] body,
      String signature) {
    if (signature == null) {
      return false;
    }
    return MessageDigest.isEqual(sign(secret, method, path, timestamp, body).getBytes(StandardCharsets.UTF_8),
        signature.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
  }

  static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
