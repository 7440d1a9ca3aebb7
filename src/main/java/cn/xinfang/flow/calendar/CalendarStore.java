package cn.xinfang.flow.calendar;

import cn.xinfang.flow.calendar.HolidayFile.DayKind;
import cn.xinfang.flow.calendar.HolidayFile.SpecialDay;
import cn.xinfang.flow.system.TransactionMemo;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Holiday data in the database, shared by every node; a year is replaced whole or not at all. */
@Repository
public class CalendarStore {

  /**
   * A year's holiday data. {@code provisional}: no data stored, the statutory holidays are counted
   * (source {@code STATUTORY}) and deadlines in the year may still move.
   */
  public record YearInfo(int year, String source, String contentHash, Instant loadedAt, String loadedBy, int days,
      boolean provisional) {}

  private final JdbcTemplate jdbc;

  CalendarStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The stored holiday data of the years {@code from} to {@code to} (inclusive) at least: which of them have data, and
   * the special days of every year read so far in this transaction (a day belongs to its year, so a day past the
   * window is answered right too). Each year is read once per transaction: a registration or an escalation computes
   * several deadlines and reminders, each over a window of its own, and from October on an acceptance limit's window
   * reaches into the next year while its reminder's does not — so a window reads only the years not read yet, all of
   * them in one query (four statements per escalation before the windows shared their years, issue 12).
   */
  public StoredYears storedYears(int from, int to) {
    YearsRead memo = TransactionMemo.get("calendar:years", YearsRead::new);
    int first = from;
    int last = to;
    while (first <= last && memo.read.contains(first)) {
      first++;
    }
    while (last >= first && memo.read.contains(last)) {
      last--;
    }
    if (first <= last) {
      readYears(first, last, memo);
    }
    return new StoredYears(Collections.unmodifiableSet(new HashSet<>(memo.withData)),
        Collections.unmodifiableMap(memo.days));
  }

  /** Years with uploaded or loaded holiday data, and the special days of those years. */
  public record StoredYears(Set<Integer> withData, Map<LocalDate, SpecialDay> days) {}

  /** What one transaction has read of the calendar so far (outside a transaction: one window's). */
  private static final class YearsRead {
    final Set<Integer> read = new HashSet<>();
    final Set<Integer> withData = new HashSet<>();
    final Map<LocalDate, SpecialDay> days = new HashMap<>();
  }

  private void readYears(int from, int to, YearsRead memo) {
    // HolidayFile keeps every day in the year it is listed under, so a year's row and its days come together
    jdbc.query("SELECT y.calendar_year, d.calendar_day, d.kind, d.name FROM xf_calendar_year y "
            + "LEFT JOIN xf_calendar_day d ON d.calendar_year = y.calendar_year WHERE y.calendar_year BETWEEN ? AND ?",
        rs -> {
          if (memo.read.contains(rs.getInt(1))) {
            return; // a year between two new ones, read before
          }
          memo.withData.add(rs.getInt(1));
          Date date = rs.getDate(2);
          if (date != null) {
            LocalDate day = date.toLocalDate();
            memo.days.put(day, new SpecialDay(day, DayKind.valueOf(rs.getString(3)), rs.getString(4)));
          }
        }, from, to);
    for (int year = from; year <= to; year++) {
      memo.read.add(year);
    }
  }

  public List<YearInfo> years() {
    return jdbc.query("SELECT y.calendar_year, y.source, y.content_hash, y.loaded_at, y.loaded_by, "
            + "(SELECT COUNT(*) FROM xf_calendar_day d WHERE d.calendar_year = y.calendar_year) "
            + "FROM xf_calendar_year y ORDER BY y.calendar_year",
        (rs, i) -> new YearInfo(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
            rs.getString(5), rs.getInt(6), false));
  }

  public Optional<YearInfo> year(int year) {
    return years().stream().filter(y -> y.year() == year).findFirst();
  }

  public boolean hasYear(int year) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM xf_calendar_year WHERE calendar_year = ?", Integer.class, year);
    return n != null && n > 0;
  }

  /** Replaces the given years in one transaction: either all of them change, or none. */
  @Transactional
  public void replace(List<HolidayFile.Year> years, String source, String loadedBy) {
    TransactionMemo.forget("calendar:");
    for (HolidayFile.Year y : years) {
      jdbc.update("DELETE FROM xf_calendar_day WHERE calendar_year = ?", y.year());
      jdbc.update("DELETE FROM xf_calendar_year WHERE calendar_year = ?", y.year());
      jdbc.update("INSERT INTO xf_calendar_year (calendar_year, source, content_hash, loaded_at, loaded_by) "
          + "VALUES (?, ?, ?, ?, ?)", y.year(), source, y.contentHash(), Timestamp.from(Instant.now()), loadedBy);
      jdbc.batchUpdate("INSERT INTO xf_calendar_day (calendar_day, calendar_year, kind, name) VALUES (?, ?, ?, ?)",
          y.days().stream().map(d -> new Object[] {Date.valueOf(d.date()), y.year(), d.kind().name(), d.name()})
              .toList());
    }
  }
}
