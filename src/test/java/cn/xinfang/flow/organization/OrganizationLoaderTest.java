package cn.xinfang.flow.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Loading the organization again (every start of every node) restores what the file says and writes nothing
 * else: the stored groups, users, memberships and grants are read in a few queries and compared (issue 12),
 * and the per-task authorizations of open cases are neither read nor touched.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:organization-loader-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
    "camunda.bpm.job-execution.enabled=false", "xinfang.organization.demo-users=true"})
class OrganizationLoaderTest {

  @Autowired OrganizationLoader loader;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired RuntimeService runtime;
  @Autowired JdbcTemplate jdbc;

  @Test
  void shouldRestoreWhatTheFileSaysAndLeaveEverythingElse() {
    register();
    long taskGrants = authorizations.createAuthorizationQuery().resourceType(Resources.TASK).count();
    assertThat(taskGrants).isPositive();

    // an administrator's changes the file contradicts
    Authorization tasklist = authorizations.createAuthorizationQuery().groupIdIn("unit-hr")
        .resourceType(Resources.APPLICATION).resourceId("tasklist").singleResult();
    authorizations.deleteAuthorization(tasklist.getId());
    identity.deleteMembership("hr1", "unit-hr");
    User hr1 = identity.createUserQuery().userId("hr1").singleResult();
    String surname = hr1.getFirstName();
    hr1.setFirstName("改名");
    identity.saveUser(hr1);

    loader.load();

    Authorization restored = authorizations.createAuthorizationQuery().groupIdIn("unit-hr")
        .resourceType(Resources.APPLICATION).resourceId("tasklist").singleResult();
    assertThat(restored.isPermissionGranted(Permissions.ACCESS)).isTrue();
    assertThat(identity.createUserQuery().userId("hr1").memberOfGroup("unit-hr").count()).isEqualTo(1);
    assertThat(identity.createUserQuery().userId("hr1").singleResult().getFirstName()).isEqualTo(surname);
    assertThat(authorizations.createAuthorizationQuery().resourceType(Resources.TASK).count()).isEqualTo(taskGrants);

    // a load with nothing to change writes nothing: no user saved again, no grant changed
    Map<String, Object> before = revisions();
    loader.load();
    assertThat(revisions()).isEqualTo(before);
  }

  private Map<String, Object> revisions() {
    return Map.of(
        "users", jdbc.queryForList("SELECT ID_, REV_ FROM ACT_ID_USER ORDER BY ID_"),
        "grants", jdbc.queryForList("SELECT ID_, REV_, PERMS_ FROM ACT_RU_AUTHORIZATION ORDER BY ID_"),
        "memberships", jdbc.queryForObject("SELECT COUNT(*) FROM ACT_ID_MEMBERSHIP", Long.class));
  }

  private void register() {
    identity.setAuthentication("reception1", List.of("reception"));
    try {
      runtime.startProcessInstanceByKey("petition-intake", Map.of("channel", "VISIT", "category", "LABOR",
          "subject", "组织机构重新载入", "content", "拖欠工资", "realName", true, "headcount", 1, "sourceLevel", "SELF",
          "petitionerName", "测试人", "petitionerPhone", "13700007777"));
    } finally {
      identity.clearAuthentication();
    }
  }
}
