package cn.xinfang.flow.system;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
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
  }
}
