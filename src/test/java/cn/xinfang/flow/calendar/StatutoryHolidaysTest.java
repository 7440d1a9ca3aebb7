package cn.xinfang.flow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xinfang.flow.calendar.HolidayFile.DayKind;
import cn.xinfang.flow.calendar.HolidayFile.SpecialDay;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The statutory holidays of a year without uploaded data (全国年节及纪念日放假办法, 2024 amendment),
 * against almanac dates and against the State Council's notices for 2025 and 2026.
 */
class StatutoryHolidaysTest {

  /** 除夕, 清明, 端午, 中秋 as printed in the almanac (农历) for each year. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "2027, 2027-02-05, 2027-04-05, 2027-06-09, 2027-09-15",
      "2028, 2028-01-25, 2028-04-04, 2028-05-28, 2028-10-03",
      "2029, 2029-02-12, 2029-04-04, 2029-06-16, 2029-09-22",
      "2030, 2030-02-02, 2030-04-05, 2030-06-05, 2030-09-12"})
  void shouldPlaceTheLunarHolidaysAndQingmingOnTheirAlmanacDates(int year, LocalDate eve, LocalDate qingming,
      LocalDate dragonBoat, LocalDate midAutumn) {
    Map<LocalDate, String> days = names(year);
    // 春节: 4 days from 除夕 to 正月初三
    for (int i = 0; i < 4; i++) {
      assertThat(days).containsEntry(eve.plusDays(i), "春节");
    }
    assertThat(days.get(eve.minusDays(1))).as("the day before 除夕").isNotEqualTo("春节");
    assertThat(days).containsEntry(qingming, "清明节").containsEntry(dragonBoat, "端午节");
    assertThat(days.get(midAutumn)).as("中秋 %s", midAutumn).contains("中秋节");
    assertThat(days).containsEntry(LocalDate.of(year, 1, 1), "元旦")
        .containsEntry(LocalDate.of(year, 5, 1), "劳动节").containsEntry(LocalDate.of(year, 5, 2), "劳动节")
        .containsEntry(LocalDate.of(year, 10, 1), "国庆节");
    assertThat(days.get(LocalDate.of(year, 10, 3))).startsWith("国庆节");
    assertThat(StatutoryHolidays.of(year)).allMatch(d -> d.kind() == DayKind.HOLIDAY && d.date().getYear() == year);
  }

  @Test
  void shouldMakeUpAHolidayThatFallsOnAWeekendOnTheNextFreeWeekday() {
    Map<LocalDate, String> days = names(2027);
    // 春节 2027: Friday 5 to Monday 8 February; Saturday and Sunday are made up on Tuesday and Wednesday
    assertThat(days).containsEntry(LocalDate.of(2027, 2, 9), "春节补假").containsEntry(LocalDate.of(2027, 2, 10), "春节补假");
    // 劳动节 on Saturday 1 and Sunday 2 May: Monday 3 and Tuesday 4
    assertThat(days).containsEntry(LocalDate.of(2027, 5, 3), "劳动节补假").containsEntry(LocalDate.of(2027, 5, 4), "劳动节补假");
    assertThat(days).containsEntry(LocalDate.of(2027, 10, 4), "国庆节补假").containsEntry(LocalDate.of(2027, 10, 5), "国庆节补假");
    // 13 statutory days, 6 of them on a weekend
    assertThat(days).hasSize(19);
    // 2028: 中秋 is Tuesday 3 October, a 国庆 day already; with Sunday 1 October, two days are made up
    Map<LocalDate, String> y2028 = names(2028);
    assertThat(y2028).containsEntry(LocalDate.of(2028, 10, 3), "国庆节、中秋节")
        .containsEntry(LocalDate.of(2028, 10, 4), "国庆节补假").containsEntry(LocalDate.of(2028, 10, 5), "中秋节补假");
  }

  /** The statutory days (and their make-up days) must be holidays in the notices actually published. */
  @ParameterizedTest
  @ValueSource(ints = {2025, 2026})
  void shouldBeASubsetOfThePublishedHolidaysOf2025And2026(int year) throws Exception {
    String shipped;
    try (InputStream in = getClass().getResourceAsStream("/calendar/holidays.yaml")) {
      shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Set<LocalDate> published = HolidayFile.byYear(HolidayFile.parse(shipped)).get(year).days().stream()
        .filter(d -> d.kind() == DayKind.HOLIDAY).map(SpecialDay::date).collect(Collectors.toSet());
    List<LocalDate> statutory = StatutoryHolidays.of(year).stream().map(SpecialDay::date).toList();
    assertThat(statutory).hasSizeGreaterThanOrEqualTo(13);
    assertThat(published).containsAll(statutory);
  }

  private static Map<LocalDate, String> names(int year) {
    return StatutoryHolidays.of(year).stream().collect(Collectors.toMap(SpecialDay::date, SpecialDay::name));
  }
}
