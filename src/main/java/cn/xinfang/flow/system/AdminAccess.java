package cn.xinfang.flow.system;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How an administrator always gets back in. At every start the login locks an older version left in
 * {@code ACT_ID_USER} are cleared (the engine no longer sets them, see {@link PasswordCheckWithoutLock}).
 * With {@code XINFANG_ADMIN_RESET=true} the administrator ({@code XINFANG_ADMIN_USER}, default
 * {@code admin}) is created if missing, given the password {@code XINFANG_ADMIN_PASSWORD} and put back
 * into {@code camunda-admin}. The reset is an explicit start option rather than applied at every start,
 * so that a password changed later in Camunda Admin is not silently reverted by a forgotten variable.
 */
@Component
class AdminAccess implements StartupTask {

  private static final Logger LOG = LoggerFactory.getLogger(AdminAccess.class);

  private final IdentityService identity;
  private final JdbcTemplate jdbc;
  private final String tablePrefix;
  private final boolean reset;
  private final String adminId;
  private final String password;

  AdminAccess(ProcessEngine engine, JdbcTemplate jdbc,
      @Value("${xinfang.security.admin.reset:false}") boolean reset,
      @Value("${xinfang.security.admin.user:admin}") String adminId,
      @Value("${xinfang.security.admin.password:}") String password) {
    this.identity = engine.getIdentityService();
    this.jdbc = jdbc;
    String prefix = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseTablePrefix();
    this.tablePrefix = prefix == null ? "" : prefix;
    this.reset = reset;
    this.adminId = adminId;
    this.password = password;
  }

  @Override
  public int order() {
    // after the organization, which creates the camunda-admin group and its permissions
    return 20;
  }

  @Override
  public String description() {
    return "Administrator access";
  }

  @Override
  public void load() {
    int unlocked = jdbc.update("UPDATE " + tablePrefix + "ACT_ID_USER SET ATTEMPTS_ = 0, LOCK_EXP_TIME_ = NULL "
        + "WHERE ATTEMPTS_ > 0 OR LOCK_EXP_TIME_ IS NOT NULL");
    if (unlocked > 0) {
      LOG.info("已解除旧版本留下的 {} 个账户登录锁定 / cleared the engine login lock of {} users", unlocked, unlocked);
    }
    if (reset) {
      resetAdministrator();
    }
  }

  private void resetAdministrator() {
    AdminPasswordRule.check(password, "xinfang.security.admin.password");
    User user = identity.createUserQuery().userId(adminId).singleResult();
    if (user == null) {
      user = identity.newUser(adminId);
      user.setFirstName("系统");
      user.setLastName("管理员");
      user.setEmail(adminId + "@xinfang.local");
    }
    user.setPassword(password);
    identity.saveUser(user);
    if (identity.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
      Group group = identity.newGroup(Groups.CAMUNDA_ADMIN);
      group.setName("系统管理员");
      group.setType(Groups.GROUP_TYPE_SYSTEM);
      identity.saveGroup(group);
    }
    if (identity.createUserQuery().userId(adminId).memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
      identity.createMembership(adminId, Groups.CAMUNDA_ADMIN);
    }
    identity.unlockUser(adminId);
    LOG.warn("管理员 {} 的密码已按 XINFANG_ADMIN_PASSWORD 重置。确认能登录后请去掉 XINFANG_ADMIN_RESET。"
        + " / The password of administrator {} was reset from XINFANG_ADMIN_PASSWORD; remove XINFANG_ADMIN_RESET"
        + " once you have logged in.", adminId, adminId);
  }
}
