package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A stranger guessing passwords for {@code admin} and {@code office1} on every door that checks a
 * password ({@code /api}, {@code /engine-rest}, the Tasklist login form) slows down their own address
 * only: the real users log in at once from another address, and from the stranger's address once the
 * (here: 3-second) delay has passed. Client addresses come from {@code X-Forwarded-For}, as behind the
 * reverse proxy the README describes ({@code server.forward-headers-strategy=native}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:login-lockout;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
    "camunda.bpm.job-execution.enabled=false",
    "server.forward-headers-strategy=native",
    "xinfang.security.login.account-free-failures=3",
    "xinfang.security.login.account-first-delay=3s",
    "xinfang.security.login.account-max-delay=4s",
    "xinfang.security.login.address-free-failures=8",
    "xinfang.security.login.address-first-delay=3s",
    "xinfang.security.login.address-max-delay=4s",
    "xinfang.security.login.forget-after=60s"})
class LoginLockoutTest {

  enum Door { API, ENGINE_REST, WEBAPP_LOGIN }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessEngine engine;
  @Autowired IdentityService identity;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void shouldKeepTheRealUsersInWhileAStrangerGuessesOnEveryDoor() throws Exception {
    int n = 10;
    for (Door door : Door.values()) {
      n++;
      String stranger = "203.0.113." + n;
      String colleague = "198.51.100." + n;
      long retryAfter = 0;
      for (String account : List.of("admin", "office1")) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          HttpResponse<String> guess = login(door, stranger, account, "guess" + i);
          statuses.add(guess.statusCode());
          if (guess.statusCode() == 429) {
            retryAfter = Math.max(retryAfter, assertThrottled(guess));
          }
        }
        assertThat(statuses).as("%s %s", door, account).containsExactly(401, 401, 401, 429, 429, 429);
      }
      // while the stranger's address waits, the right password is not even tried from there...
      assertThat(login(door, stranger, "admin", "demo").statusCode()).as("%s from the stranger's address", door)
          .isEqualTo(429);
      // ...but nobody else is stopped: the same accounts log in at once from another address
      assertThat(login(door, colleague, "admin", "demo").statusCode()).as("%s admin elsewhere", door).isEqualTo(200);
      assertThat(login(door, colleague, "office1", "demo").statusCode()).as("%s office1 elsewhere", door).isEqualTo(200);

      Thread.sleep(retryAfter * 1000 + 300);
      assertThat(login(door, stranger, "admin", "demo").statusCode()).as("%s after the delay", door).isEqualTo(200);
      assertThat(login(door, stranger, "office1", "demo").statusCode()).as("%s after the delay", door).isEqualTo(200);
    }
    // the engine's own lock never counted any of it
    for (Map<String, Object> row : jdbc.queryForList(
        "SELECT ID_, ATTEMPTS_, LOCK_EXP_TIME_ FROM ACT_ID_USER WHERE ID_ IN ('admin', 'office1')")) {
      assertThat(row.get("ATTEMPTS_")).as("attempts of %s", row.get("ID_")).isIn(null, 0);
      assertThat(row.get("LOCK_EXP_TIME_")).as("lock of %s", row.get("ID_")).isNull();
    }
  }

  @Test
  void shouldCountGuessesAtOneDoorForEveryDoor() throws Exception {
    String stranger = "203.0.113.77";
    for (int i = 0; i < 3; i++) {
      assertThat(login(Door.API, stranger, "head", "guess" + i).statusCode()).isEqualTo(401);
    }
    assertThat(login(Door.ENGINE_REST, stranger, "head", "guess").statusCode()).isEqualTo(429);
    assertThat(login(Door.WEBAPP_LOGIN, stranger, "head", "guess").statusCode()).isEqualTo(429);
    assertThat(login(Door.API, stranger, "Head", "guess").statusCode()).as("names compare without case").isEqualTo(429);
  }

  @Test
  void shouldIgnoreAndClearTheEngineLockAnOlderVersionLeft() throws Exception {
    // what Camunda's lock left behind after ten wrong passwords: locked for good
    jdbc.update("UPDATE ACT_ID_USER SET ATTEMPTS_ = 10, LOCK_EXP_TIME_ = ? WHERE ID_ = 'supervisor1'",
        Timestamp.from(Instant.now().plus(1, ChronoUnit.DAYS)));
    assertThat(login(Door.API, "192.0.2.50", "supervisor1", "demo").statusCode()).isEqualTo(200);
    assertThat(login(Door.ENGINE_REST, "192.0.2.50", "supervisor1", "demo").statusCode()).isEqualTo(200);

    new AdminAccess(engine, jdbc, false, "admin", "").load();
    assertThat(jdbc.queryForMap("SELECT ATTEMPTS_, LOCK_EXP_TIME_ FROM ACT_ID_USER WHERE ID_ = 'supervisor1'"))
        .containsEntry("ATTEMPTS_", 0).containsEntry("LOCK_EXP_TIME_", null);
  }

  @Test
  void shouldResetTheAdministratorFromTheStartOptionOnly() throws Exception {
    new AdminAccess(engine, jdbc, true, "rescue", "Neues-Passwort-2026").load();
    assertThat(login(Door.API, "192.0.2.60", "rescue", "Neues-Passwort-2026").statusCode()).isEqualTo(200);
    assertThat(identity.createUserQuery().userId("rescue").memberOfGroup("camunda-admin").count()).isEqualTo(1);
    // a second run with the same option is harmless; without the option the password stays
    new AdminAccess(engine, jdbc, true, "rescue", "Neues-Passwort-2026").load();
    new AdminAccess(engine, jdbc, false, "rescue", "something-else-1").load();
    assertThat(identity.checkPassword("rescue", "Neues-Passwort-2026")).isTrue();

    assertThatThrownBy(() -> new AdminAccess(engine, jdbc, true, "rescue2", "change-me-now").load())
        .hasMessageContaining("XINFANG_ADMIN_PASSWORD");
    assertThat(identity.createUserQuery().userId("rescue2").count()).isZero();
  }

  @Test
  void shouldNotOfferAPasswordCheckThatBypassesTheThrottle() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String basic = "Basic " + Base64.getEncoder().encodeToString("office1:demo".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> verify = http.send(request("/engine-rest/identity/verify", "192.0.2.70")
        .header("Authorization", basic).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"demo\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(verify.statusCode()).isEqualTo(403);
    assertThat(verify.body()).doesNotContain("authenticated").contains("密码校验");
  }

  private long assertThrottled(HttpResponse<String> response) throws Exception {
    long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 4L);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.path("status").asInt()).isEqualTo(429);
    assertThat(problem.path("title").asText()).isEqualTo("登录尝试过多");
    assertThat(problem.path("message").asText()).contains("秒后再试");
    return retryAfter;
  }

  private HttpResponse<String> login(Door door, String address, String user, String password) throws Exception {
    HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return switch (door) {
      case API -> http.send(request("/api/calendar/years", address).header("Authorization", basic).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      case ENGINE_REST -> http.send(request("/engine-rest/process-definition/count", address)
          .header("Authorization", basic).GET().build(), HttpResponse.BodyHandlers.ofString());
      case WEBAPP_LOGIN -> {
        // as the Tasklist login page does: open the app (session and CSRF token), then post the form
        HttpResponse<String> page = http.send(request("/camunda/app/tasklist/default/", address).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        String token = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
        yield http.send(request("/camunda/api/admin/auth/user/default/login/tasklist", address)
            .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
      }
    };
  }

  private HttpRequest.Builder request(String path, String address) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("X-Forwarded-For", address);
  }
}
