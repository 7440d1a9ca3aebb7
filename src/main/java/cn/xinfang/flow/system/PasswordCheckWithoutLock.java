package cn.xinfang.flow.system;

import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.stereotype.Component;

/**
 * Switches off the engine's own login lock. Camunda counts wrong passwords per user in
 * {@code ACT_ID_USER} and, after {@code loginMaxAttempts}, refuses even the right password until
 * someone edits the database; during its growing delay the right password is refused as well. That
 * lets anyone without an account lock out any account, the administrator included. Passwords are now
 * only compared; guessing is limited by {@link LoginThrottle} per client address instead. Whatever
 * lock an older version left in the table is cleared at start ({@link AdminAccess}).
 */
@Component
class PasswordCheckWithoutLock extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setIdentityProviderSessionFactory(new GenericManagerFactory(UnlockedIdentityProvider.class));
    // belt and braces: should anything still consult these, they would never lock
    configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
    configuration.setLoginDelayBase(0);
    configuration.setLoginDelayMaxTime(0);
  }

  /** The engine's database identity, with the password compared and nothing counted or locked. */
  public static class UnlockedIdentityProvider extends DbIdentityServiceProvider {

    @Override
    public boolean checkPassword(String userId, String password) {
      if (userId == null || password == null) {
        return false;
      }
      UserEntity user = findUserById(userId);
      return user != null && matchPassword(password, user);
    }

    @Override
    protected boolean isUserLocked(UserEntity user) {
      return false;
    }

    // every write below changes what a password check or a user's groups and tenants answer: the remembered
    // HTTP Basic checks (VerifiedLogins) are forgotten

    @Override
    public IdentityOperationResult saveUser(User user) {
      VerifiedLogins.identityChanged();
      return super.saveUser(user);
    }

    @Override
    public IdentityOperationResult deleteUser(String userId) {
      VerifiedLogins.identityChanged();
      return super.deleteUser(userId);
    }

    @Override
    public IdentityOperationResult saveGroup(Group group) {
      VerifiedLogins.identityChanged();
      return super.saveGroup(group);
    }

    @Override
    public IdentityOperationResult deleteGroup(String groupId) {
      VerifiedLogins.identityChanged();
      return super.deleteGroup(groupId);
    }

    @Override
    public IdentityOperationResult saveTenant(Tenant tenant) {
      VerifiedLogins.identityChanged();
      return super.saveTenant(tenant);
    }

    @Override
    public IdentityOperationResult deleteTenant(String tenantId) {
      VerifiedLogins.identityChanged();
      return super.deleteTenant(tenantId);
    }

    @Override
    public IdentityOperationResult createMembership(String userId, String groupId) {
      VerifiedLogins.identityChanged();
      return super.createMembership(userId, groupId);
    }

    @Override
    public IdentityOperationResult deleteMembership(String userId, String groupId) {
      VerifiedLogins.identityChanged();
      return super.deleteMembership(userId, groupId);
    }

    @Override
    public IdentityOperationResult createTenantUserMembership(String tenantId, String userId) {
      VerifiedLogins.identityChanged();
      return super.createTenantUserMembership(tenantId, userId);
    }

    @Override
    public IdentityOperationResult createTenantGroupMembership(String tenantId, String groupId) {
      VerifiedLogins.identityChanged();
      return super.createTenantGroupMembership(tenantId, groupId);
    }

    @Override
    public IdentityOperationResult deleteTenantUserMembership(String tenantId, String userId) {
      VerifiedLogins.identityChanged();
      return super.deleteTenantUserMembership(tenantId, userId);
    }

    @Override
    public IdentityOperationResult deleteTenantGroupMembership(String tenantId, String groupId) {
      VerifiedLogins.identityChanged();
      return super.deleteTenantGroupMembership(tenantId, groupId);
    }
  }
}
