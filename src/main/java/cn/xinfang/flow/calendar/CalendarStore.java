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

  /** The special days between two dates (inclusive), in one indexed query. */
  public Map<LocalDate, SpecialDay> specialDays(LocalDate from, LocalDate to) {
    // read once per transaction: a registration or escalation computes several deadlines over the same days
    return TransactionMemo.get("calendar:days:" + from + ":" + to, () -> Collections.unmodifiableMap(readDays(from, to)));
  }

  private Map<LocalDate, SpecialDay> readDays(LocalDate from, LocalDate to) {
    Map<LocalDate, SpecialDay> days = new HashMap<>();
    jdbc.query("SELECT calendar_day, kind, name FROM xf_calendar_day WHERE calendar_day BETWEEN ? AND ?",
        rs -> {
          LocalDate day = rs.getDate(1).toLocalDate();
          days.put(day, new SpecialDay(day, DayKind.valueOf(rs.getString(2)), rs.getString(3)));
        }, Date.valueOf(from), Date.valueOf(to));
    return days;
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

  /** Which years between two (inclusive) have uploaded or loaded holiday data. */
  public Set<Integer> yearsWithData(int from, int to) {
    return TransactionMemo.get("calendar:years:" + from + ":" + to, () -> Collections.unmodifiableSet(
        new HashSet<>(jdbc.queryForList("SELECT calendar_year FROM xf_calendar_year WHERE calendar_year BETWEEN ? AND ?",
            Integer.class, from, to))));
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
