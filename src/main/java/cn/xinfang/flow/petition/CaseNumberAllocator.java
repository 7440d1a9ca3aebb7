package cn.xinfang.flow.petition;

import java.time.LocalDate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Hands out numbers {@code <PREFIX>-<year>-<6 digits>}: case numbers (XF), referral letters (ZB),
 * urging letters (DB). One counter row per kind and year, bumped inside the caller's transaction:
 * the row lock serializes concurrent registrations for the few milliseconds until they commit, and a
 * registration that rolls back gives its number back. (A separate transaction would need a second
 * pooled connection per registration, which deadlocks the pool under load.)
 */
@Component
public class CaseNumberAllocator {

  public static final String CASE = "XF";

  private final JdbcTemplate jdbc;
  private final InsertIfAbsent insertIfAbsent;

  CaseNumberAllocator(JdbcTemplate jdbc, InsertIfAbsent insertIfAbsent) {
    this.jdbc = jdbc;
    this.insertIfAbsent = insertIfAbsent;
  }

  public String next(LocalDate today) {
    return next(CASE, today);
  }

  public String next(String kind, LocalDate today) {
    int year = today.getYear();
    if (bump(kind, year) == 0) {
      // the first number of the year opens its counter; a concurrent opener may win, which is fine
      insertIfAbsent.insert("SELECT COUNT(*) FROM xf_number_counter WHERE kind = ? AND counter_year = ?",
          new Object[] {kind, year},
          "INSERT INTO xf_number_counter (kind, counter_year, last_number) VALUES (?, ?, 0)", kind, year);
      bump(kind, year);
    }
    Long number = jdbc.queryForObject("SELECT last_number FROM xf_number_counter WHERE kind = ? AND counter_year = ?",
        Long.class, kind, year);
    if (number == null || number > 999_999) {
      throw new IllegalStateException("编号已用尽（" + kind + " " + year + " 年超过 999999 号）");
    }
    return String.format("%s-%d-%06d", kind, year, number);
  }

  private int bump(String kind, int year) {
    return jdbc.update("UPDATE xf_number_counter SET last_number = last_number + 1 WHERE kind = ? AND counter_year = ?",
        kind, year);
  }
}
