package cn.xinfang.flow.petition;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Inserts a row unless a row with its unique key exists: the building block that makes delegates safe to run twice
 * (a retried job, a second node). The key must be the table's primary key or a unique constraint, column for column:
 * that is what turns away a second row when two transactions insert at once.
 *
 * <p>On PostgreSQL it is one statement, {@code INSERT … ON CONFLICT (key) DO NOTHING}: a concurrent insert of the same
 * key waits for the other transaction and then inserts nothing, and no error poisons the caller's transaction. A key
 * that is not a unique constraint is refused by PostgreSQL itself ("no unique or exclusion constraint matching"), so
 * a wrong key cannot silently let duplicates in. Elsewhere (H2) a look-up first, then the insert in a savepoint, so a
 * lost race ends as "already there". On PostgreSQL that had been four round trips — look-up, savepoint, insert,
 * release — twice in every escalation (journal and notice), about an eighth of an escalation's statements (issue 12).
 */
@Component
public class InsertIfAbsent {

  private static final Pattern TABLE = Pattern.compile("^\\s*INSERT\\s+INTO\\s+(\\w+)\\s*\\(", Pattern.CASE_INSENSITIVE);
  private static final Pattern COLUMNS = Pattern.compile("\\w+(\\s*,\\s*\\w+)*");

  private final JdbcTemplate jdbc;
  private final TransactionTemplate savepoint;
  private final DatabaseKind database;

  InsertIfAbsent(JdbcTemplate jdbc, PlatformTransactionManager transactions, DatabaseKind database) {
    this.jdbc = jdbc;
    this.database = database;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * @param key the unique key's columns as the table's constraint lists them, e.g. {@code "case_number, event_key"}
   * @param keyArgs the key's values, in that order
   * @param insertSql {@code INSERT INTO table (…) VALUES (…)}
   * @return true if this call inserted the row, false if it was already there
   */
  public boolean insert(String key, Object[] keyArgs, String insertSql, Object... insertArgs) {
    Matcher table = TABLE.matcher(insertSql);
    if (!table.find() || !COLUMNS.matcher(key).matches()) {
      throw new IllegalArgumentException("not an INSERT INTO table (…) with key columns: " + key + " / " + insertSql);
    }
    String[] columns = key.split("\\s*,\\s*");
    if (columns.length != keyArgs.length) {
      throw new IllegalArgumentException("key " + key + " has " + columns.length + " columns but " + keyArgs.length
          + " values");
    }
    if (database.isPostgres()) {
      return jdbc.update(insertSql + " ON CONFLICT (" + key + ") DO NOTHING", insertArgs) == 1;
    }
    String where = String.join(" = ? AND ", columns) + " = ?";
    Integer found = jdbc.queryForObject("SELECT COUNT(*) FROM " + table.group(1) + " WHERE " + where, Integer.class,
        keyArgs);
    if (found != null && found > 0) {
      return false;
    }
    try {
      // a savepoint: a duplicate key raised inside it leaves the caller's transaction usable
      savepoint.executeWithoutResult(status -> jdbc.update(insertSql, insertArgs));
      return true;
    } catch (DuplicateKeyException raced) {
      return false;
    }
  }
}
