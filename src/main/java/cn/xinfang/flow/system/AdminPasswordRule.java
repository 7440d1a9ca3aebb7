package cn.xinfang.flow.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the administrator password that configuration would give is the shipped
 * default ({@code change-me-now}), blank or shorter than 8 characters: in the {@code postgres} profile
 * (which creates the first administrator from {@code XINFANG_ADMIN_PASSWORD}) and whenever
 * {@code XINFANG_ADMIN_RESET=true} asks for the password to be applied. Checked before any bean is
 * made, so a refused start has not yet created the administrator with the default password.
 */
@Component
class AdminPasswordRule implements BeanFactoryPostProcessor, EnvironmentAware {

  private static final Logger LOG = LoggerFactory.getLogger(AdminPasswordRule.class);
  static final String SHIPPED_DEFAULT = "change-me-now";
  static final int MIN_LENGTH = 8;

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
    if (environment.getProperty("camunda.bpm.admin-user.id") != null) {
      check(environment.getProperty("camunda.bpm.admin-user.password"), "camunda.bpm.admin-user.password");
    }
    if (environment.getProperty("xinfang.security.admin.reset", Boolean.class, false)) {
      check(environment.getProperty("xinfang.security.admin.password"), "xinfang.security.admin.password");
    }
  }

  static void check(String password, String property) {
    String[] problem = password == null || password.isBlank() ? new String[] {"为空", "is blank"}
        : SHIPPED_DEFAULT.equals(password) ? new String[] {"仍是默认值 change-me-now", "is still the default change-me-now"}
        : password.length() < MIN_LENGTH
            ? new String[] {"少于 " + MIN_LENGTH + " 个字符", "is shorter than " + MIN_LENGTH + " characters"}
        : null;
    if (problem == null) {
      return;
    }
    String message = "拒绝启动：管理员密码" + problem[0] + "。请设置环境变量 XINFANG_ADMIN_PASSWORD（至少 " + MIN_LENGTH
        + " 个字符，不能是 change-me-now）后重新启动。 / Refusing to start: the administrator password " + problem[1]
        + ". Set the environment variable XINFANG_ADMIN_PASSWORD (at least " + MIN_LENGTH
        + " characters, not change-me-now) and start again. (" + property + ")";
    LOG.error(message);
    throw new IllegalStateException(message);
  }
}
