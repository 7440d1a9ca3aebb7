package cn.xinfang.flow.petition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The H2 path of {@link InsertIfAbsent} (PostgreSQL's is in PostgresIntegrationTest), and calls it refuses. */
class InsertIfAbsentTest {

  final DriverManagerDataSource db = new DriverManagerDataSource("jdbc:h2:mem:insert-if-absent-test;DB_CLOSE_DELAY=-1");
  final JdbcTemplate jdbc = new JdbcTemplate(db);
  final DataSourceTransactionManager transactions = new DataSourceTransactionManager(db);
  final InsertIfAbsent inserts = new InsertIfAbsent(jdbc, transactions, new DatabaseKind(jdbc));
  static final String INSERT = "INSERT INTO t (a, b, note) VALUES (?, ?, ?)";

  @BeforeEach
  void table() {
    jdbc.execute("DROP ALL OBJECTS");
    jdbc.execute("CREATE TABLE t (a VARCHAR(10), b INT, note VARCHAR(10), CONSTRAINT pk_t PRIMARY KEY (a, b))");
  }

  @Test
  void shouldInsertOncePerKeyAndKeepTheTransactionUsable() {
    Object[] result = new TransactionTemplate(transactions).execute(s -> new Object[] {
        inserts.insert("a, b", new Object[] {"x", 1}, INSERT, "x", 1, "first"),
        inserts.insert("a, b", new Object[] {"x", 1}, INSERT, "x", 1, "second"),
        inserts.insert("a, b", new Object[] {"x", 2}, INSERT, "x", 2, "other"),
        jdbc.queryForObject("SELECT COUNT(*) FROM t", Integer.class)});
    assertThat(result).containsExactly(true, false, true, 2);
    assertThat(jdbc.queryForObject("SELECT note FROM t WHERE a = 'x' AND b = 1", String.class)).isEqualTo("first");
  }

  @Test
  void shouldRefuseAKeyWhoseValuesDoNotMatchItsColumnsOrAStatementThatIsNoInsert() {
    assertThatThrownBy(() -> inserts.insert("a, b", new Object[] {"x"}, INSERT, "x", 1, "n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 columns but 1 values");
    assertThatThrownBy(() -> inserts.insert("a", new Object[] {"x"}, "UPDATE t SET note = ?", "n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an INSERT INTO table");
    assertThatThrownBy(() -> inserts.insert("a; DROP TABLE t", new Object[] {"x"}, INSERT, "x", 1, "n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM t", Integer.class)).isZero();
  }
}
