package cn.xinfang.flow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class HolidayFileTest {

  @Test
  void shouldReadTheShippedFileForTwoYears() throws IOException {
    String text = new ClassPathResource("calendar/holidays.yaml").getContentAsString(StandardCharsets.UTF_8);
    List<HolidayFile.Year> years = HolidayFile.parse(text);
    assertThat(years).extracting(HolidayFile.Year::year).containsExactly(2025, 2026);
    HolidayFile.Year y2026 = years.get(1);
    assertThat(y2026.days()).filteredOn(d -> d.kind() == HolidayFile.DayKind.HOLIDAY).hasSize(3 + 9 + 3 + 5 + 3 + 3 + 7);
    assertThat(y2026.days()).filteredOn(d -> d.kind() == HolidayFile.DayKind.WORKDAY)
        .extracting(HolidayFile.SpecialDay::date).contains(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 10, 10));
  }

  @Test
  void shouldAcceptJson() {
    List<HolidayFile.Year> years = HolidayFile.parse("""
        {"years":[{"year":2027,"holidays":[{"name":"元旦","from":"2027-01-01","to":"2027-01-03"}],
                   "workdays":[{"name":"元旦调休","date":"2027-01-04"}]}]}""");
    assertThat(years.get(0).days()).hasSize(4);
  }

  @Test
  void shouldRefuseABadFileListingEveryProblem() {
    String bad = """
        years:
          - year: 2027
            holidays:
              - { name: 元旦, from: 2027/01/01, to: 2027-01-01 }
              - { name: 春节, from: 2027-02-06, to: 2027-02-12 }
            workdays:
              - { name: 春节调休, date: 2027-02-07 }
              - { name: 错年, date: 2028-01-02 }
          - year: 2027
            holidays: []
        """;
    assertThatThrownBy(() -> HolidayFile.parse(bad))
        .isInstanceOf(InvalidCalendarException.class)
        .hasMessageContaining("2027/01/01").hasMessageContaining("YYYY-MM-DD")
        .hasMessageContaining("2027-02-07 既是「春节」（假日），又是「春节调休」（上班日）")
        .hasMessageContaining("2028-01-02（错年）不在 2027 年内")
        .hasMessageContaining("2027 年出现了两次");
  }

  @Test
  void shouldRefuseSomethingThatIsNotAHolidayFile() {
    assertThatThrownBy(() -> HolidayFile.parse("hello: [")).isInstanceOf(InvalidCalendarException.class)
        .hasMessageContaining("YAML");
    assertThatThrownBy(() -> HolidayFile.parse("holidays: []")).isInstanceOf(InvalidCalendarException.class)
        .hasMessageContaining("years");
  }
}
