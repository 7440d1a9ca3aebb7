package cn.xinfang.flow.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code /actuator/prometheus}: administrators only, and the figures are those of the database. */
// Spring Boot's tests switch metrics export off unless asked: the Prometheus endpoint is what is tested here
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:metrics-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
    "camunda.bpm.job-execution.enabled=false",
    "xinfang.metrics.refresh=PT1H"})
class OperationsMetricsTest {

  @LocalServerPort int port;
  @Autowired OperationsMetrics metrics;
  @Autowired TaskService tasks;
  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void shouldCountOpenCasesRegistrationsAndOverdueTasksPerUnit() throws Exception {
    metrics.refreshNow();
    double openBefore = metrics.figure("openCases");
    double registeredBefore = metrics.figure("registrationsToday");

    assertThat(register("指标一").statusCode()).isEqualTo(201);
    assertThat(register("指标二").statusCode()).isEqualTo(201);
    metrics.refreshNow();
    assertThat(metrics.figure("openCases")).isEqualTo(openBefore + 2);
    assertThat(metrics.figure("registrationsToday")).isEqualTo(registeredBefore + 2);

    // sixty days on, the acceptance tasks of petition-office are overdue
    Task accept = tasks.createTaskQuery().taskCandidateGroup("petition-office").list().get(0);
    ClockUtil.setCurrentTime(Date.from(accept.getDueDate().toInstant().plusSeconds(60)));
    metrics.refreshNow();
    HttpResponse<String> scrape = get("/actuator/prometheus", "admin:demo");
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body())
        .contains("xinfang_cases_open " + (int) (openBefore + 2) + ".0")
        .containsPattern("xinfang_tasks_overdue\\{unit=\"petition-office\"} [1-9]")
        .contains("xinfang_jobs_backlog", "xinfang_jobs_failed", "xinfang_escalations_today");
  }

  @Test
  void shouldShowTheFiguresToAdministratorsOnly() throws Exception {
    assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
    HttpResponse<String> clerk = get("/actuator/prometheus", "office1:demo");
    assertThat(clerk.statusCode()).isEqualTo(403);
    assertThat(clerk.body()).contains("camunda-admin").doesNotContain("xinfang_cases_open");
    // the load balancer's probes need no login
    assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> register(String subject) throws Exception {
    String body = """
        {"channel":"ONLINE","category":"LABOR","subject":"%s","content":"某公司拖欠工资","realName":false,"headcount":1,
         "sourceLevel":"SELF"}""".formatted(subject + Instant.now().toEpochMilli());
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/petitions"))
        .header("Content-Type", "application/json").header("Authorization", basic("reception1:demo"))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String credentials) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    if (credentials != null) {
      request.header("Authorization", basic(credentials));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String credentials) {
    return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }
}
