package cn.xinfang.flow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notices reach people: under the bell for the right people only, by e-mail (a real SMTP server,
 * GreenMail) and by webhook (a local HTTP server), each exactly once even when a delivery job runs
 * again, a failing delivery retried and, when it keeps failing, left to the administrators as an
 * incident without a notice about the notice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:notice-delivery-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "spring.mail.host=127.0.0.1",
    "spring.mail.port=3025",
    "xinfang.notify.mail.from=xinfang@example.gov.cn"})
class NoticeDeliveryTest {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

  static HttpServer hook;
  static final List<String> hookBodies = new CopyOnWriteArrayList<>();
  static final List<String> hookKeys = new CopyOnWriteArrayList<>();
  static final AtomicInteger failuresToGive = new AtomicInteger();

  @DynamicPropertySource
  static void webhook(DynamicPropertyRegistry registry) throws Exception {
    hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext("/hook", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      int status = failuresToGive.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200;
      if (status == 200) {
        hookBodies.add(new String(body, StandardCharsets.UTF_8));
        hookKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    hook.start();
    registry.add("xinfang.notify.webhook.url", () -> "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");
  }

  @AfterAll
  static void stopHook() {
    hook.stop(0);
  }

  @LocalServerPort int port;
  @Autowired NotificationService notifications;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  final ObjectMapper json = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();
  static int counter;

  @BeforeEach
  void addresses() {
    hookBodies.clear();
    hookKeys.clear();
    failuresToGive.set(0);
    email("hr1", "hr1@example.gov.cn");
    email("hrhead", "hrhead@example.gov.cn");
  }

  @AfterEach
  void clock() {
    ClockUtil.reset();
  }

  @Test
  void shouldMailAndPostEachNoticeOnceToTheGroupsMembers() throws Exception {
    String key = notice("unit-hr", "REMINDER", "信访件 XF-2026-000321 的办理时限将于 2026-12-10 届满，请抓紧办理。");
    List<Job> jobs = deliveryJobs(id(key));
    assertThat(jobs).hasSize(2);
    jobs.forEach(job -> management.executeJob(job.getId()));

    MimeMessage[] mails = smtp.getReceivedMessages();
    // one message to the sender with the two colleagues in BCC: GreenMail keeps a copy per recipient
    assertThat(mails).hasSize(3);
    assertThat(java.util.Arrays.stream(mails).map(m -> header(m, "Message-ID")).distinct()).hasSize(1);
    assertThat(smtp.getReceivedMessagesForDomain("example.gov.cn")).hasSize(3);
    assertThat(mails[0].getSubject()).contains("催办").contains("XF-2026-000321");
    assertThat((String) mails[0].getContent()).contains("办理时限将于 2026-12-10 届满");
    assertThat(hookBodies).hasSize(1);
    JsonNode posted = json.readTree(hookBodies.get(0));
    assertThat(posted.path("text").path("content").asText()).contains("XF-2026-000321");
    assertThat(posted.path("recipients").toString()).contains("hr1").contains("hrhead").doesNotContain("land1");
    assertThat(hookKeys).containsExactly(key);

    // the same delivery again (a re-acquired job, a second node): nothing is sent twice
    long id = id(key);
    again(id, "MAIL");
    again(id, "WEBHOOK");
    deliveryJobs(id).forEach(job -> management.executeJob(job.getId()));
    assertThat(smtp.getReceivedMessages()).hasSize(3);
    assertThat(hookBodies).hasSize(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification_delivery WHERE notification_id = ?",
        Integer.class, id)).isEqualTo(2);
    // and the same notice key again creates neither a notice nor a delivery
    assertThat(transaction(() -> notifications.notifyGroup(key, "unit-hr", null, "REMINDER", "再次"))).isFalse();
    assertThat(deliveryJobs(id)).isEmpty();
  }

  @Test
  void shouldRetryAFailingWebhookAndLeaveALastingFailureToTheAdministrators() {
    failuresToGive.set(1);
    String key = notice("unit-hr", "OVERDUE", "信访件 XF-2026-000322 办理已逾期，已转督办。");
    Job first = deliveryJob(id(key), "WEBHOOK");
    management.executeJob(first.getId()); // the gateway answers 503: the next attempt waits ten minutes
    assertThat(hookBodies).isEmpty();
    Job second = deliveryJob(id(key), "WEBHOOK");
    assertThat(second.getId()).isNotEqualTo(first.getId());
    assertThat(second.getDuedate()).isCloseTo(new java.util.Date(System.currentTimeMillis() + 600_000), 60_000);
    ClockUtil.setCurrentTime(new java.util.Date(second.getDuedate().getTime() + 1000));
    management.executeJob(second.getId());
    assertThat(hookBodies).hasSize(1);
    assertThat(hookKeys).containsExactly(key);
    assertThat(deliveryJobs(id(key)).stream().filter(j -> ((org.camunda.bpm.engine.impl.persistence.entity.JobEntity) j)
        .getJobHandlerConfigurationRaw().contains("WEBHOOK")).toList()).isEmpty();

    failuresToGive.set(100);
    String lasting = notice("unit-hr", "OVERDUE", "信访件 XF-2026-000323 办理已逾期。");
    long notices = jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification", Long.class);
    Job job = deliveryJob(id(lasting), "WEBHOOK");
    for (int attempt = 1; attempt < NoticeDeliveryJobHandler.ATTEMPTS; attempt++) {
      management.executeJob(job.getId());
      job = deliveryJob(id(lasting), "WEBHOOK");
      ClockUtil.setCurrentTime(new java.util.Date(job.getDuedate().getTime() + 1000));
    }
    Job last = job;
    assertThatThrownBy(() -> management.executeJob(last.getId())).hasMessageContaining("503");
    assertThat(management.createJobQuery().jobId(last.getId()).singleResult().getRetries()).isZero();
    assertThat(engine.getRuntimeService().createIncidentQuery().configuration(last.getId()).count()).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification", Long.class))
        .as("no notice about a notice that cannot be delivered").isEqualTo(notices);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification_delivery WHERE notification_id = ? "
        + "AND channel = 'WEBHOOK'", Integer.class, id(lasting))).isZero();
  }

  @Test
  void shouldShowEachPersonTheirGroupsNoticesUnderTheBellOnly() throws Exception {
    String key = notice("unit-hr", "REFERRAL", "新交办：信访件 XF-2026-000324 请于一个月内办结。");
    long id = id(key);
    JsonNode hr1 = get("/api/notifications", "hr1:demo");
    assertThat(hr1.path("unread").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(hr1.path("items").toString()).contains("XF-2026-000324").contains("新交办");
    assertThat(get("/api/notifications", "land1:demo").path("items").toString()).doesNotContain("XF-2026-000324");

    assertThat(post("/api/notifications/" + id + "/read", "land1:demo").statusCode()).isEqualTo(404);
    long before = hr1.path("unread").asLong();
    HttpResponse<String> read = post("/api/notifications/" + id + "/read", "hr1:demo");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(json.readTree(read.body()).path("unread").asLong()).isEqualTo(before - 1);
    // read per person: the colleague still has it unread
    assertThat(get("/api/notifications?unreadOnly=true", "hrhead:demo").path("items").toString())
        .contains("XF-2026-000324");
    assertThat(get("/api/notifications?unreadOnly=true", "hr1:demo").path("items").toString())
        .doesNotContain("XF-2026-000324");
    assertThat(send("GET", "/api/notifications?size=100000", "hr1:demo").statusCode()).isEqualTo(400);
  }

  // ---------------------------------------------------------------------------------------------

  String notice(String group, String kind, String message) {
    String key = "TEST:" + (++counter) + ":" + System.nanoTime();
    var number = java.util.regex.Pattern.compile("XF-\\d{4}-\\d{6}").matcher(message);
    String caseNumber = number.find() ? number.group() : null;
    assertThat(transaction(() -> notifications.notifyGroup(key, group, caseNumber, kind, message))).isTrue();
    return key;
  }

  <T> T transaction(java.util.function.Supplier<T> action) {
    return new TransactionTemplate(transactions).execute(status -> action.get());
  }

  long id(String key) {
    return jdbc.queryForObject("SELECT id FROM xf_notification WHERE notification_key = ?", Long.class, key);
  }

  List<Job> deliveryJobs(long notificationId) {
    return management.createJobQuery().list().stream().filter(j -> {
      var entity = (org.camunda.bpm.engine.impl.persistence.entity.JobEntity) j;
      return NoticeDeliveryJobHandler.TYPE.equals(entity.getJobHandlerType())
          && entity.getJobHandlerConfigurationRaw().startsWith(notificationId + ":");
    }).toList();
  }

  Job deliveryJob(long notificationId, String channel) {
    return deliveryJobs(notificationId).stream().filter(j -> ((org.camunda.bpm.engine.impl.persistence.entity.JobEntity) j)
        .getJobHandlerConfigurationRaw().contains(":" + channel)).findFirst().orElseThrow();
  }

  void again(long id, String channel) {
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> {
          NoticeDeliveryJobHandler.schedule(context, id, channel, 1, null);
          return null;
        });
  }

  static String header(MimeMessage message, String name) {
    try {
      return message.getHeader(name, ",");
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  void email(String userId, String address) {
    User user = identity.createUserQuery().userId(userId).singleResult();
    user.setEmail(address);
    identity.saveUser(user);
  }

  JsonNode get(String path, String credentials) throws Exception {
    HttpResponse<String> response = send("GET", path, credentials);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  HttpResponse<String> post(String path, String credentials) throws Exception {
    return send("POST", path, credentials);
  }

  HttpResponse<String> send(String method, String path, String credentials) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }
}
