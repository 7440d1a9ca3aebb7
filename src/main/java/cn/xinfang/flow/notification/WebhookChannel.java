package cn.xinfang.flow.notification;

import cn.xinfang.flow.system.OutboundHttp;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Notices as a JSON POST to one configured address ({@code xinfang.notify.webhook.url}): a robot of
 * 政务钉钉 or 企业微信, or an SMS gateway, behind a small adapter if its format differs. The body carries a
 * plain {@code text} as such robots expect, plus the notice's fields; the {@code Idempotency-Key}
 * header is the notice key, and with {@code xinfang.notify.webhook.secret} set, {@code X-Xinfang-Signature}
 * is the HMAC-SHA256 of the body. Any answer but 2xx is a failure and is retried.
 */
@Component
class WebhookChannel implements NotificationChannel {

  private final String url;
  private final String secret;
  private final ObjectMapper json = new ObjectMapper();
  private final OutboundHttp http = new OutboundHttp(Duration.ofSeconds(5));

  WebhookChannel(@Value("${xinfang.notify.webhook.url:}") String url,
      @Value("${xinfang.notify.webhook.secret:}") String secret) {
    this.url = url;
    this.secret = secret;
  }

  @Override
  public String name() {
    return "WEBHOOK";
  }

  @Override
  public boolean enabled() {
    return !url.isBlank();
  }

  @Override
  public String deliver(Notice notice, List<Recipient> recipients) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("msgtype", "text");
    body.put("text", Map.of("content", "【信访流程】" + notice.message()));
    body.put("key", notice.key());
    body.put("kind", notice.kind());
    body.put("caseNumber", notice.caseNumber());
    body.put("message", notice.message());
    body.put("recipientGroup", notice.group());
    body.put("recipientUser", notice.user());
    body.put("recipients", recipients.stream().map(Recipient::userId).toList());
    body.put("createdAt", notice.createdAt().toString());
    byte[] bytes = json.writeValueAsBytes(body);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json; charset=UTF-8").header("Idempotency-Key", notice.key())
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    if (!secret.isBlank()) {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      request.header("X-Xinfang-Signature", "sha256=" + HexFormat.of().formatHex(mac.doFinal(bytes)));
    }
    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() / 100 != 2) {
      String text = answer.body() == null ? "" : answer.body();
      throw new IllegalStateException("Webhook 返回 " + answer.statusCode() + "："
          + (text.length() > 200 ? text.substring(0, 200) : text));
    }
    return url.replaceAll("\\?.*", "");
  }
}
