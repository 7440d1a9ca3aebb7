package cn.xinfang.flow.petition;

import java.util.Locale;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Whether the ledger lives on PostgreSQL (one statement where H2 needs two): asked once, on first use. */
@Component
class DatabaseKind {

  private final JdbcTemplate jdbc;
  private volatile Boolean postgres;

  DatabaseKind(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  boolean isPostgres() {
    Boolean pg = postgres;
    if (pg == null) {
      // the connection the caller's transaction already holds: never a second one from the pool
      pg = jdbc.execute((ConnectionCallback<Boolean>) c ->
          c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres"));
      postgres = pg;
    }
    return Boolean.TRUE.equals(pg);
  }
}
