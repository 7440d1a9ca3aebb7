package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * HTTP Basic checks remembered for a while (VerifiedLogins, issue 12) never outlive a change: a new password, a
 * removed membership or a removed user applies to the very next request on {@code /api} and {@code /engine-rest};
 * a wrong password is never let in by a remembered right one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:verified-logins;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
    "camunda.bpm.job-execution.enabled=false",
    "xinfang.security.verified-login-ttl=10m"})
class VerifiedLoginsTest {

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();
  final List<String> made = new ArrayList<>();

  @AfterEach
  void removeUsers() {
    made.forEach(identity::deleteUser);
  }

  @Test
  void shouldApplyANewPasswordAtOnceThoughTheOldOneWasJustRemembered() throws Exception {
    user("clerk-pw", "Old-Password-1", "reception");
    for (int i = 0; i < 3; i++) {
      assertThat(me("clerk-pw", "Old-Password-1").statusCode()).isEqualTo(200);
      assertThat(engineRest("clerk-pw", "Old-Password-1")).isEqualTo(200);
    }
    assertThat(me("clerk-pw", "wrong").statusCode()).as("a wrong password beside a remembered right one").isEqualTo(401);
    assertThat(engineRest("clerk-pw", "wrong")).isEqualTo(401);

    User u = identity.createUserQuery().userId("clerk-pw").singleResult();
    u.setPassword("New-Password-2");
    identity.saveUser(u);

    assertThat(me("clerk-pw", "Old-Password-1").statusCode()).as("old password on /api").isEqualTo(401);
    assertThat(engineRest("clerk-pw", "Old-Password-1")).as("old password on /engine-rest").isEqualTo(401);
    assertThat(me("clerk-pw", "New-Password-2").statusCode()).isEqualTo(200);
    assertThat(engineRest("clerk-pw", "New-Password-2")).isEqualTo(200);
  }

  @Test
  void shouldApplyARemovedMembershipAndARemovedUserAtOnce() throws Exception {
    user("clerk-grp", "Group-Password-1", "reception");
    assertThat(groups("clerk-grp", "Group-Password-1")).contains("reception");
    assertThat(groups("clerk-grp", "Group-Password-1")).contains("reception");

    identity.deleteMembership("clerk-grp", "reception");
    assertThat(groups("clerk-grp", "Group-Password-1")).as("groups right after the membership went")
        .doesNotContain("reception");

    identity.createMembership("clerk-grp", "reception");
    assertThat(groups("clerk-grp", "Group-Password-1")).contains("reception");

    identity.deleteUser("clerk-grp");
    made.remove("clerk-grp");
    assertThat(me("clerk-grp", "Group-Password-1").statusCode()).isEqualTo(401);
    assertThat(engineRest("clerk-grp", "Group-Password-1")).isEqualTo(401);
  }

  private void user(String id, String password, String group) {
    User u = identity.newUser(id);
    u.setPassword(password);
    u.setFirstName("测试");
    identity.saveUser(u);
    identity.createMembership(id, group);
    made.add(id);
  }

  private List<String> groups(String user, String password) throws Exception {
    HttpResponse<String> answer = me(user, password);
    assertThat(answer.statusCode()).isEqualTo(200);
    List<String> groups = new ArrayList<>();
    for (JsonNode g : json.readTree(answer.body()).get("groups")) {
      groups.add(g.asText());
    }
    return groups;
  }

  private HttpResponse<String> me(String user, String password) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/me"))
        .header("Authorization", basic(user, password)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private int engineRest(String user, String password) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/task?maxResults=1"))
        .header("Authorization", basic(user, password)).GET().build(), HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
