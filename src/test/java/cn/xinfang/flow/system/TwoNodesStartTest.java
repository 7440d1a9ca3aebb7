package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xinfang.flow.XinfangFlowApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Two nodes started at the same moment on a new, empty PostgreSQL database both come up, and the
 * database then holds one engine schema, one organization, one administrator, one set of Tasklist
 * filters and one version of each diagram (the start-up lock lets one node initialize at a time).
 */
class TwoNodesStartTest {

  @Test
  void shouldStartTwoNodesTogetherOnAnEmptyDatabase() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      String url = postgres.getJdbcUrl("postgres", "postgres");
      List<ConfigurableApplicationContext> nodes = new ArrayList<>();
      ExecutorService threads = Executors.newFixedThreadPool(2);
      CountDownLatch together = new CountDownLatch(2);
      // Two Spring applications starting at once in one JVM share Logback's one logger context, and Spring Boot's
      // logging set-up of one can find the other's half done ("Unable to find Spring Environment in logger context",
      // seen once in CI). Real nodes are separate JVMs: here the nodes leave the test's logging as it is.
      String loggingSystem = System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
      try {
        List<Future<ConfigurableApplicationContext>> starting = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          starting.add(threads.submit(() -> {
            together.countDown();
            together.await();
            return new SpringApplicationBuilder(XinfangFlowApplication.class).profiles("postgres")
                .run("--server.port=0", "--spring.jmx.enabled=false", "--camunda.bpm.job-execution.enabled=false",
                    "--xinfang.organization.demo-users=true", "--POSTGRES_URL=" + url, "--POSTGRES_USER=postgres",
                    "--POSTGRES_PASSWORD=postgres", "--POSTGRES_POOL_SIZE=5",
                    "--XINFANG_ADMIN_PASSWORD=two-nodes-admin-2026");
          }));
        }
        for (Future<ConfigurableApplicationContext> node : starting) {
          // a failed start throws here, with the node's own exception as the cause
          nodes.add(node.get(5, TimeUnit.MINUTES));
        }
        for (ConfigurableApplicationContext node : nodes) {
          assertThat(node.isRunning()).isTrue();
          assertThat(((WebServerApplicationContext) node).getWebServer().getPort()).isPositive();
          assertThat(node.getBean(StartupData.class).loaded()).isTrue();
        }
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(url, "postgres", "postgres", true));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM act_id_group WHERE id_ = 'unit-hr'", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM act_id_user WHERE id_ = 'admin'", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM act_id_membership WHERE user_id_ = 'admin' "
            + "AND group_id_ = 'camunda-admin'", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM act_ru_filter", Integer.class)).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT name_) FROM act_ru_filter", Integer.class)).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM act_re_procdef WHERE key_ = 'petition-intake'",
            Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_org_unit WHERE group_id = 'unit-hr'", Integer.class))
            .isEqualTo(1);
        // the filters are readable by everybody exactly once each
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM act_ru_authorization WHERE resource_type_ = 5 AND resource_id_ <> '*'",
            Integer.class)).isEqualTo(5);
        // and the lock was given back: nobody holds it once both are up
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'", Integer.class))
            .isZero();
      } finally {
        nodes.forEach(ConfigurableApplicationContext::close);
        threads.shutdownNow();
        if (loggingSystem == null) {
          System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
        } else {
          System.setProperty(LoggingSystem.SYSTEM_PROPERTY, loggingSystem);
        }
      }
    }
  }
}
