package cn.xinfang.flow.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * Which days are working days, and where a limit ends. The day of receipt is not counted; a limit
 * whose last day is not a working day moves to the next working day (民法典 第201-203条).
 */
@Component
public class WorkingCalendar {

  public boolean isWorkingDay(LocalDate day) {
    return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
  }

  /** The last day of a limit of {@code amount} units counted from {@code start} (excluded). */
  public LocalDate lastDay(LocalDate start, int amount, DeadlinePolicy.TimeUnit unit) {
    return switch (unit) {
      case DAYS -> nextWorkingDayFrom(start.plusDays(amount));
      case MONTHS -> nextWorkingDayFrom(start.plusMonths(amount));
      case WORKING_DAYS -> {
        LocalDate day = start;
        for (int counted = 0; counted < amount; ) {
          day = day.plusDays(1);
          if (isWorkingDay(day)) {
            counted++;
          }
        }
        yield day;
      }
    };
  }

  public LocalDate nextWorkingDayFrom(LocalDate day) {
    LocalDate d = day;
    while (!isWorkingDay(d)) {
      d = d.plusDays(1);
    }
    return d;
  }

  public LocalDate previousWorkingDayFrom(LocalDate day) {
    LocalDate d = day;
    while (!isWorkingDay(d)) {
      d = d.minusDays(1);
    }
    return d;
  }
}
