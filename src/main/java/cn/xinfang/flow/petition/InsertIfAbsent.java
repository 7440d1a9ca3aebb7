package cn.xinfang.flow.petition;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Inserts a row unless its unique key exists: the building block that makes delegates safe to run
 * twice. The insert runs in a savepoint, because on PostgreSQL a failed statement would otherwise
 * poison the surrounding engine transaction.
 */
@Component
public class InsertIfAbsent {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate savepoint;

  InsertIfAbsent(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** @return true if this call inserted the row, false if it was already there */
  public boolean insert(String existsSql, Object[] keyArgs, String insertSql, Object... insertArgs) {
    Integer found = jdbc.queryForObject(existsSql, Integer.class, keyArgs);
    if (found != null && found > 0) {
      return false;
    }
    try {
      savepoint.executeWithoutResult(status -> jdbc.update(insertSql, insertArgs));
      return true;
    } catch (DuplicateKeyException raced) {
      return false;
    }
  }
}
