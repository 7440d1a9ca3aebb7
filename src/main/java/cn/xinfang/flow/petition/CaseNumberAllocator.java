package cn.xinfang.flow.petition;

import java.time.LocalDate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out case numbers {@code XF-<year>-<6 digits>}. Each number is taken in a short transaction of
 * its own, so the counter row is locked for milliseconds, not for the whole registration; a
 * registration that later fails leaves a gap, which the numbering tolerates.
 */
@Component
public class CaseNumberAllocator {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;

  CaseNumberAllocator(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public String next(LocalDate today) {
    int year = today.getYear();
    Long number = null;
    for (int attempt = 0; number == null; attempt++) {
      try {
        number = ownTransaction.execute(status -> {
          if (jdbc.update("UPDATE xf_case_number_counter SET last_number = last_number + 1 WHERE counter_year = ?",
              year) == 0) {
            jdbc.update("INSERT INTO xf_case_number_counter (counter_year, last_number) VALUES (?, 1)", year);
            return 1L;
          }
          return jdbc.queryForObject("SELECT last_number FROM xf_case_number_counter WHERE counter_year = ?",
              Long.class, year);
        });
      } catch (DuplicateKeyException raced) {
        // another registration opened the year at the same moment; its row exists now, so bump it
        if (attempt >= 3) {
          throw raced;
        }
      }
    }
    if (number > 999_999) {
      throw new IllegalStateException("信访件编号已用尽（" + year + " 年超过 999999 件）");
    }
    return String.format("XF-%d-%06d", year, number);
  }
}
