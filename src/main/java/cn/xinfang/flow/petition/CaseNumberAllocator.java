package cn.xinfang.flow.petition;

import java.time.LocalDate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Hands out case numbers {@code XF-<year>-<6 digits>} from one counter row per year, inside the
 * registration's own transaction: the row lock serializes concurrent registrations for the few
 * milliseconds until they commit, and a registration that rolls back gives its number back. (A
 * separate transaction would need a second pooled connection per registration, which deadlocks the
 * pool under load.)
 */
@Component
public class CaseNumberAllocator {

  private final JdbcTemplate jdbc;
  private final InsertIfAbsent insertIfAbsent;

  CaseNumberAllocator(JdbcTemplate jdbc, InsertIfAbsent insertIfAbsent) {
    this.jdbc = jdbc;
    this.insertIfAbsent = insertIfAbsent;
  }

  public String next(LocalDate today) {
    int year = today.getYear();
    if (bump(year) == 0) {
      // the first case of the year opens its counter; a concurrent opener may win, which is fine
      insertIfAbsent.insert("SELECT COUNT(*) FROM xf_case_number_counter WHERE counter_year = ?", new Object[] {year},
          "INSERT INTO xf_case_number_counter (counter_year, last_number) VALUES (?, 0)", year);
      bump(year);
    }
    Long number = jdbc.queryForObject("SELECT last_number FROM xf_case_number_counter WHERE counter_year = ?",
        Long.class, year);
    if (number == null || number > 999_999) {
      throw new IllegalStateException("信访件编号已用尽（" + year + " 年超过 999999 件）");
    }
    return String.format("XF-%d-%06d", year, number);
  }

  private int bump(int year) {
    return jdbc.update("UPDATE xf_case_number_counter SET last_number = last_number + 1 WHERE counter_year = ?", year);
  }
}
