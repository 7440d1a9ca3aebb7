package cn.xinfang.flow.statistics;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** 统计分析 on a real PostgreSQL (the production profile): the same SQL, the V17 migration and its back-fill. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "xinfang.organization.demo-users=true", "camunda.bpm.job-execution.enabled=false"})
@ActiveProfiles("postgres")
class StatisticsPostgresTest extends StatisticsApiContract {

  /** Started before the Spring context (which needs its URL) and stopped when the JVM ends, after the context. */
  static EmbeddedPostgres postgres;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws Exception {
    if (postgres == null) {
      postgres = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          postgres.close();
        } catch (Exception ignored) {
          // the JVM is ending anyway
        }
      }));
    }
    registry.add("POSTGRES_URL", () -> postgres.getJdbcUrl("postgres", "postgres"));
    registry.add("POSTGRES_USER", () -> "postgres");
    registry.add("POSTGRES_PASSWORD", () -> "postgres");
    // the postgres profile refuses to start with the shipped default administrator password
    registry.add("XINFANG_ADMIN_PASSWORD", () -> "pg-statistics-admin-2026");
  }
}
