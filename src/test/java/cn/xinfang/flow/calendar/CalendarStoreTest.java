package cn.xinfang.flow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xinfang.flow.calendar.HolidayFile.DayKind;
import cn.xinfang.flow.calendar.HolidayFile.SpecialDay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 12: the working calendar reads the whole years a window touches once per transaction — the windows of one
 * registration or escalation share that read — and answers exactly what the stored holiday data says.
 */
class CalendarStoreTest {

  final DriverManagerDataSource db = new DriverManagerDataSource("jdbc:h2:mem:calendar-store-test;DB_CLOSE_DELAY=-1");
  final AtomicInteger reads = new AtomicInteger();
  final JdbcTemplate jdbc = new JdbcTemplate(db) {
    @Override
    public void query(String sql, RowCallbackHandler rch, Object... args) {
      reads.incrementAndGet();
      super.query(sql, rch, args);
    }
  };
  final CalendarStore store = new CalendarStore(jdbc);
  final WorkingCalendar calendar = new WorkingCalendar(store);
  final TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db));

  @BeforeEach
  void schema() throws Exception {
    jdbc.execute("DROP ALL OBJECTS");
    jdbc.execute(Files.readString(Path.of("src/main/resources/db/migration/V2__working_calendar.sql")));
    store.replace(List.of(new HolidayFile.Year(2026, List.of(
        new SpecialDay(LocalDate.of(2026, 10, 1), DayKind.HOLIDAY, "国庆节"),
        new SpecialDay(LocalDate.of(2026, 10, 8), DayKind.HOLIDAY, "国庆节"),
        new SpecialDay(LocalDate.of(2026, 10, 10), DayKind.WORKDAY, "国庆节调休")))), "FILE", "test");
    reads.set(0);
  }

  @Test
  void shouldReadTheYearsOfSeveralWindowsOnceInATransaction() {
    tx.executeWithoutResult(s -> {
      var september = calendar.view(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30));
      var october = calendar.view(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31));
      assertThat(reads).hasValue(1);
      assertThat(october.isWorkingDay(LocalDate.of(2026, 10, 8))).isFalse();
      assertThat(october.isWorkingDay(LocalDate.of(2026, 10, 10))).as("a Saturday worked").isTrue();
      // the September window answers a day after it from the year's data too
      assertThat(september.nextWorkingDayFrom(LocalDate.of(2026, 10, 8))).isEqualTo(LocalDate.of(2026, 10, 9));
      assertThat(september.isProvisional(LocalDate.of(2026, 9, 15))).isFalse();
    });
    tx.executeWithoutResult(s -> calendar.view(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30)));
    assertThat(reads).as("the next transaction reads again").hasValue(2);
  }

  @Test
  void shouldReadEachYearOnceWhenWindowsReachIntoDifferentYears() {
    tx.executeWithoutResult(s -> {
      // an acceptance limit counted from November: its window reaches into January, its reminder's does not
      var due = calendar.view(LocalDate.of(2026, 11, 18), LocalDate.of(2027, 2, 24));
      var reminder = calendar.view(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 20));
      var next = calendar.view(LocalDate.of(2027, 1, 5), LocalDate.of(2027, 3, 1));
      assertThat(reads).as("2026 and 2027 in one query, then nothing new").hasValue(1);
      assertThat(reminder.isProvisional(LocalDate.of(2026, 12, 1))).isFalse();
      assertThat(reminder.nextWorkingDayFrom(LocalDate.of(2026, 10, 8))).isEqualTo(LocalDate.of(2026, 10, 9));
      assertThat(due.isProvisional(LocalDate.of(2027, 1, 4))).as("2027 has no data here").isTrue();
      assertThat(next.special(LocalDate.of(2027, 1, 1))).isNotNull(); // 元旦, statutory
      var later = calendar.view(LocalDate.of(2027, 12, 1), LocalDate.of(2028, 1, 31));
      assertThat(reads).as("only 2028 was not read yet").hasValue(2);
      assertThat(later.isProvisional(LocalDate.of(2028, 1, 10))).isTrue();
      assertThat(later.isProvisional(LocalDate.of(2027, 12, 10))).isTrue();
    });
  }

  @Test
  void shouldCountAYearWithoutDataOnTheStatutoryHolidaysAndSeeAnUploadInTheSameTransaction() {
    tx.executeWithoutResult(s -> {
      var window = calendar.view(LocalDate.of(2026, 12, 20), LocalDate.of(2027, 1, 20));
      assertThat(window.isProvisional(LocalDate.of(2027, 1, 1))).isTrue();
      assertThat(window.isProvisional(LocalDate.of(2026, 12, 31))).isFalse();
      assertThat(window.special(LocalDate.of(2027, 1, 1))).isNotNull(); // 元旦, statutory
      store.replace(List.of(new HolidayFile.Year(2027, List.of(
          new SpecialDay(LocalDate.of(2027, 1, 4), DayKind.HOLIDAY, "元旦")))), "API", "admin");
      var after = calendar.view(LocalDate.of(2026, 12, 20), LocalDate.of(2027, 1, 20));
      assertThat(after.isProvisional(LocalDate.of(2027, 1, 1))).isFalse();
      assertThat(after.isWorkingDay(LocalDate.of(2027, 1, 4))).isFalse();
      assertThat(after.isWorkingDay(LocalDate.of(2027, 1, 1))).as("the uploaded year replaces the statutory days")
          .isTrue();
    });
  }
}
