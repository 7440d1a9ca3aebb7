package cn.xinfang.flow.exchange;

import cn.xinfang.flow.system.Caller;
import cn.xinfang.flow.system.InvalidInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 上下级交换 API. {@code POST /exchange/v1/messages} is where partner offices deliver 交办 / 报结 / 备案 /
 * 退回: it lies outside {@code /api} because its caller is another office's system, authenticated by the
 * message's HMAC signature with the secret agreed for that partner, not a person's login. The lists for staff
 * ({@code /api/exchange/...}) take the usual login.
 */
@RestController
class ExchangeController {

  private static final Logger LOG = LoggerFactory.getLogger(ExchangeController.class);
  private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{8,64}");
  private static final Set<String> FILING_READERS = Set.of("leaders", "petition-office", "camunda-admin");

  private final ExchangeProperties properties;
  private final ExchangeInbox inbox;
  private final ExchangeOutbox outbox;
  private final ObjectMapper json;
  private final JdbcTemplate jdbc;
  private final Caller caller;

  ExchangeController(ExchangeProperties properties, ExchangeInbox inbox, ExchangeOutbox outbox, ObjectMapper json,
      JdbcTemplate jdbc, Caller caller) {
    this.properties = properties;
    this.inbox = inbox;
    this.outbox = outbox;
    this.json = json;
    this.jdbc = jdbc;
    this.caller = caller;
  }

  @PostMapping(path = ExchangeSignature.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> receive(HttpServletRequest request, @RequestBody(required = false) byte[] body) throws Exception {
    byte[] bytes = body == null ? new byte[0] : body;
    String partnerId = request.getHeader(ExchangeSignature.PARTNER_HEADER);
    var partner = properties.partner(partnerId).orElse(null);
    if (partner == null || partner.secret() == null || partner.secret().isBlank()) {
      LOG.warn("Exchange message refused: unknown partner {}", partnerId);
      return refuse(HttpStatus.FORBIDDEN, "未登记的交换对象",
          "发送方 " + ExchangeSignature.PARTNER_HEADER + "「" + partnerId + "」不在本机关的 xinfang.exchange.partners 中");
    }
    String timestamp = request.getHeader(ExchangeSignature.TIMESTAMP_HEADER);
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException | NullPointerException e) {
      return refuse(HttpStatus.UNAUTHORIZED, "签名无效", ExchangeSignature.TIMESTAMP_HEADER + " 应为 1970 年以来的秒数");
    }
    long skew = Math.abs(ClockUtil.getCurrentTime().getTime() / 1000 - seconds);
    if (skew > properties.replayWindow().toSeconds()) {
      return refuse(HttpStatus.UNAUTHORIZED, "签名无效", "时间戳与本机时间相差 " + skew + " 秒，超出允许的 "
          + properties.replayWindow().toSeconds() + " 秒（请核对双方服务器时间）");
    }
    if (!ExchangeSignature.matches(partner.secret(), request.getMethod(), ExchangeSignature.PATH, timestamp, bytes,
        request.getHeader(ExchangeSignature.SIGNATURE_HEADER))) {
      LOG.warn("Exchange message from {} refused: bad signature", partnerId);
      return refuse(HttpStatus.UNAUTHORIZED, "签名无效", ExchangeSignature.SIGNATURE_HEADER
          + " 与按共享密钥计算的 HMAC-SHA256 不符（方法、路径、时间戳、正文摘要，见 README「上下级交换」）");
    }
    Map<String, Object> message = parse(bytes);
    if (!partnerId.equals(message.get("from"))) {
      throw new InvalidInputException("from", "消息正文的 from 应与 " + ExchangeSignature.PARTNER_HEADER + " 相同");
    }
    ExchangeInbox.Receipt receipt = inbox.receive(partner, message, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("messageId", receipt.messageId());
    answer.put("kind", receipt.kind());
    answer.put("status", "ACCEPTED");
    answer.put("duplicate", receipt.duplicate());
    answer.put("caseNumber", receipt.caseNumber());
    return ResponseEntity.ok(answer);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> parse(byte[] bytes) {
    Map<String, Object> message;
    try {
      message = json.readValue(bytes, Map.class);
    } catch (Exception e) {
      throw new InvalidInputException("body", "消息正文不是有效的 JSON 对象");
    }
    if (!(message.get("messageId") instanceof String id) || !MESSAGE_ID.matcher(id).matches()) {
      throw new InvalidInputException("messageId", "messageId 必填，8–64 位字母、数字或 ._:-");
    }
    if (ExchangeKind.parse(message.get("kind")).isEmpty()) {
      throw new InvalidInputException("kind", "kind 应为 ASSIGN（交办）、REPORT（报结）、FILE（备案）或 RETURN（退回）");
    }
    return message;
  }

  private static ResponseEntity<ProblemDetail> refuse(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  /** The outbox for administrators: where each message stands, attempts and the last error. */
  @GetMapping(path = "/api/exchange/outbox", produces = MediaType.APPLICATION_JSON_VALUE)
  List<ExchangeOutbox.Sent> outbox(@RequestParam(required = false) String status,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    caller.requireAnyGroup(Set.of("camunda-admin"), "exchange-outbox");
    if (status != null && !Set.of("PENDING", "DELIVERED", "FAILED").contains(status)) {
      throw new InvalidInputException("status", "status 应为 PENDING、DELIVERED 或 FAILED");
    }
    return outbox.list(status, Math.max(page, 0), Math.min(Math.max(size, 1), 200));
  }

  /** One 备案 from below as the leaders see it. */
  record Filing(String partnerId, String partnerName, String caseNumber, String subject, Instant receivedAt) {}

  /** 备案 received from the offices below, newest first: for the leaders and the petition office. */
  @GetMapping(path = "/api/exchange/filings", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Filing> filings(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    caller.requireAnyGroup(FILING_READERS, "exchange-filings");
    int limit = Math.min(Math.max(size, 1), 200);
    return jdbc.query("SELECT partner_id, remote_case_number, subject, received_at FROM xf_exchange_inbox "
        + "WHERE kind = 'FILE' ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?",
        (rs, i) -> new Filing(rs.getString(1), properties.partner(rs.getString(1)).map(p -> p.name()).orElse(null),
            rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()), limit, (long) Math.max(page, 0) * limit);
  }
}
