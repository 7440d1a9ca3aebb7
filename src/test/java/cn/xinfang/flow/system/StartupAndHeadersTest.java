package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fresh database: organization, users, filters and holidays are loaded before the web port opens,
 * readiness is UP, Camunda's setup page is refused, and {@code /api} and {@code /engine-rest} answers
 * (errors included) carry the security headers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:startup-headers;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
    "camunda.bpm.job-execution.enabled=false"})
@Import(StartupAndHeadersTest.Watchers.class)
class StartupAndHeadersTest {

  /** What the database held at two moments of the start. */
  static final Map<String, Integer> AT_LAST_STARTUP_TASK = new ConcurrentHashMap<>();
  static final Map<String, Integer> WHEN_PORT_OPENED = new ConcurrentHashMap<>();

  /**
   * Imported, not annotated: a {@code @TestConfiguration} would also be picked up by the component scan
   * of the nodes other tests start with SpringApplicationBuilder.
   */
  static class Watchers {

    /**
     * Runs after every loader of the service (order 1000) and notes whether the web server has been
     * started yet (Spring Boot's "webServerStartStop" lifecycle binds the port). Asking the web server
     * for its port here would not do: Tomcat would add a default connector on 8080.
     */
    @Bean
    StartupTask lastStartupTask(ConfigurableApplicationContext context, JdbcTemplate jdbc) {
      return new StartupTask() {
        @Override
        public int order() {
          return 1000;
        }

        @Override
        public String description() {
          return "test watcher";
        }

        @Override
        public void load() {
          SmartLifecycle webServer = (SmartLifecycle) context.getBeanFactory().getSingleton("webServerStartStop");
          AT_LAST_STARTUP_TASK.put("webServerRunning", webServer.isRunning() ? 1 : 0);
          AT_LAST_STARTUP_TASK.put("portOpenedBefore", WHEN_PORT_OPENED.isEmpty() ? 0 : 1);
          AT_LAST_STARTUP_TASK.putAll(counts(jdbc));
        }
      };
    }

    @Bean
    ApplicationListener<ServletWebServerInitializedEvent> portWatcher(JdbcTemplate jdbc) {
      return event -> {
        WHEN_PORT_OPENED.put("port", event.getWebServer().getPort());
        WHEN_PORT_OPENED.putAll(counts(jdbc));
      };
    }

    static Map<String, Integer> counts(JdbcTemplate jdbc) {
      return Map.of(
          "admin", jdbc.queryForObject("SELECT COUNT(*) FROM ACT_ID_USER WHERE ID_ = 'admin'", Integer.class),
          "adminMembership", jdbc.queryForObject(
              "SELECT COUNT(*) FROM ACT_ID_MEMBERSHIP WHERE USER_ID_ = 'admin' AND GROUP_ID_ = 'camunda-admin'", Integer.class),
          "filters", jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_FILTER", Integer.class),
          "units", jdbc.queryForObject("SELECT COUNT(*) FROM xf_org_unit", Integer.class),
          "holidayYears", jdbc.queryForObject("SELECT COUNT(*) FROM xf_calendar_year", Integer.class));
    }
  }

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired StartupData startupData;
  final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

  @Test
  void shouldLoadEverythingBeforeTheWebPortOpens() {
    assertThat(AT_LAST_STARTUP_TASK.get("webServerRunning")).as("web server running while loading").isZero();
    assertThat(AT_LAST_STARTUP_TASK.get("portOpenedBefore")).as("port opened before loading ended").isZero();
    assertThat(WHEN_PORT_OPENED.get("port")).isEqualTo(port);
    assertThat(WHEN_PORT_OPENED.get("admin")).isEqualTo(1);
    assertThat(WHEN_PORT_OPENED.get("adminMembership")).isEqualTo(1);
    assertThat(WHEN_PORT_OPENED.get("filters")).isEqualTo(5);
    assertThat(WHEN_PORT_OPENED.get("units")).isGreaterThan(10);
    assertThat(WHEN_PORT_OPENED.get("holidayYears")).isGreaterThan(0);
    assertThat(AT_LAST_STARTUP_TASK).containsAllEntriesOf(Map.of("admin", 1, "filters", 5));
  }

  @Test
  void shouldReportReadyOnlyWithTheDataLoaded() throws Exception {
    HttpResponse<String> readiness = send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).GET());
    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(readiness.body()).contains("\"status\":\"UP\"");
    assertThat(startupData.loaded()).isTrue();
    assertThat(identity.createUserQuery().userId("admin").count()).isEqualTo(1);
  }

  @Test
  void shouldNeverOfferTheSetupPage() throws Exception {
    // a session and CSRF token as the admin app would have, so that only the block can refuse
    HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/camunda/app/tasklist/default/")).GET());
    String token = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    HttpResponse<String> create = send(HttpRequest.newBuilder(uri("/camunda/api/admin/setup/default/user/create"))
        .header("Content-Type", "application/json").header("X-XSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofString("""
            {"profile":{"id":"intruder","firstName":"I","lastName":"N","email":"i@n.x"},
             "credentials":{"password":"intruder-pass"}}""")));
    assertThat(create.statusCode()).isEqualTo(403);
    assertThat(create.body()).contains("初始化管理员页面已停用");
    assertThat(identity.createUserQuery().userId("intruder").count()).isZero();

    HttpResponse<String> setupPage = send(HttpRequest.newBuilder(uri("/camunda/app/admin/default/setup/")).GET());
    assertThat(setupPage.statusCode()).isEqualTo(403);
    assertThat(send(HttpRequest.newBuilder(uri("/camunda/app/admin/default/")).GET()).statusCode())
        .as("the admin app itself still opens").isEqualTo(200);
  }

  @Test
  void shouldSendSecurityHeadersOnCaseDataAndOnErrors() throws Exception {
    HttpResponse<String> ok = send(HttpRequest.newBuilder(uri("/api/calendar/years"))
        .header("Authorization", basic("reception1:demo")).GET());
    HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/api/calendar/years")).GET());
    HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/api/documents/ZB-2026-999999"))
        .header("Authorization", basic("office1:demo")).header("Accept", "text/html").GET());
    HttpResponse<String> engineRest = send(HttpRequest.newBuilder(uri("/engine-rest/task")).GET());
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(engineRest.statusCode()).isEqualTo(401);
    for (HttpResponse<String> response : new HttpResponse[] {ok, anonymous, missing, engineRest}) {
      var headers = response.headers();
      assertThat(headers.firstValue("X-Content-Type-Options")).as(response.uri().toString()).hasValue("nosniff");
      assertThat(headers.firstValue("Cache-Control")).as(response.uri().toString()).hasValue("no-store");
      assertThat(headers.firstValue("Content-Security-Policy")).as(response.uri().toString())
          .hasValueSatisfying(csp -> assertThat(csp).startsWith("default-src 'none'").contains("frame-ancestors"));
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static String basic(String credentials) {
    return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }
}
