package cn.xinfang.flow.casefile;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Flyway V16: indexes PostgreSQL needs for two searches of 案件查询 (CaseSearch) that V12's plain B-trees
 * cannot serve there; bench/search.sh measured both at 200,000 cases with and without them (README,
 * Search benchmark).
 * <ul>
 *   <li>By the beginning of a name or a number ({@code LIKE '王伟%'}, {@code LIKE 'XF-2026-00%'}): a B-tree
 *   serves a prefix LIKE only under the "C" collation; databases are usually created with another one
 *   (C.UTF-8, zh_CN.UTF-8), so {@code varchar_pattern_ops} indexes are added.
 *   <li>By words of the subject ({@code LOWER(subject) LIKE '%拖欠工资%'}): no B-tree can; {@code pg_trgm}'s
 *   GIN index of trigrams can (patterns of 3 and more characters; Chinese included).
 * </ul>
 *
 * <p>The last two are PostgreSQL's own syntax, so a Java migration rather than SQL: H2 (demo and tests)
 * has no pg_trgm nor pattern operator classes, and its demo-sized ledger needs neither. The extension is trusted (PostgreSQL 13+: a database owner may
 * create it); where the server refuses it (an older server, a role without the right, a build without
 * contrib), nothing is changed and the search works as before, only slower — with a warning saying so.
 * A Spring bean: Spring Boot hands every {@code JavaMigration} bean to Flyway.
 */
@Component
public class V16__case_search_postgres_indexes extends BaseJavaMigration {

  private static final Logger LOG = LoggerFactory.getLogger(V16__case_search_postgres_indexes.class);

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    if (!"PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
      return;
    }
    try (Statement sql = connection.createStatement()) {
      sql.execute("CREATE INDEX IF NOT EXISTS ix_xf_petition_name_prefix ON xf_petition "
          + "(petitioner_name varchar_pattern_ops)");
      sql.execute("CREATE INDEX IF NOT EXISTS ix_xf_petition_case_number_prefix ON xf_petition "
          + "(case_number varchar_pattern_ops)");
    }
    // a failed statement would abort the whole migration transaction: try within a savepoint
    Savepoint before = connection.getAutoCommit() ? null : connection.setSavepoint();
    try (Statement sql = connection.createStatement()) {
      sql.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
      sql.execute("CREATE INDEX IF NOT EXISTS ix_xf_petition_subject_trgm ON xf_petition "
          + "USING gin (LOWER(subject) gin_trgm_ops)");
    } catch (SQLException e) {
      if (before != null) {
        connection.rollback(before);
      }
      LOG.warn("案件查询：PostgreSQL 扩展 pg_trgm 不可用（{}），按信访事项词语查询不使用索引，数据量大时较慢。"
          + "可由数据库管理员执行 CREATE EXTENSION pg_trgm 后，再建索引 ix_xf_petition_subject_trgm"
          + "（见 README「Search benchmark」）。", e.getMessage());
    }
  }
}
