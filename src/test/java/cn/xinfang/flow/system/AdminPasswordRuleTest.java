package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xinfang.flow.XinfangFlowApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The {@code postgres} profile does not start with the shipped administrator password (or none): it
 * stops before touching the database, naming the variable to set. No database is needed to show it.
 */
class AdminPasswordRuleTest {

  @Test
  void shouldRefuseToStartThePostgresProfileWithTheDefaultPassword() {
    assertThatThrownBy(() -> start())
        .hasStackTraceContaining("拒绝启动")
        .hasStackTraceContaining("Refusing to start")
        .hasStackTraceContaining("XINFANG_ADMIN_PASSWORD")
        .hasStackTraceContaining("change-me-now");
  }

  @Test
  void shouldRefuseToStartThePostgresProfileWithABlankOrShortPassword() {
    assertThatThrownBy(() -> start("--XINFANG_ADMIN_PASSWORD=")).hasStackTraceContaining("XINFANG_ADMIN_PASSWORD")
        .hasStackTraceContaining("为空");
    assertThatThrownBy(() -> start("--XINFANG_ADMIN_PASSWORD=short")).hasStackTraceContaining("少于 8 个字符");
  }

  @Test
  void shouldRefuseAResetRequestWithoutAUsablePassword() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(XinfangFlowApplication.class)
        .run("--server.port=0", "--spring.jmx.enabled=false", "--XINFANG_ADMIN_RESET=true",
            "--spring.datasource.url=jdbc:h2:mem:reset-refused"))
        .hasStackTraceContaining("XINFANG_ADMIN_PASSWORD");
  }

  @Test
  void shouldAcceptARealPassword() {
    assertThatCode(() -> AdminPasswordRule.check("Verwaltung-2026!", "test")).doesNotThrowAnyException();
  }

  private static void start(String... extra) {
    String[] args = new String[extra.length + 3];
    args[0] = "--server.port=0";
    args[1] = "--spring.jmx.enabled=false";
    // nothing listens there: the refusal must come before any connection is tried
    args[2] = "--POSTGRES_URL=jdbc:postgresql://127.0.0.1:9/none";
    System.arraycopy(extra, 0, args, 3, extra.length);
    new SpringApplicationBuilder(XinfangFlowApplication.class).profiles("postgres").run(args).close();
  }
}
