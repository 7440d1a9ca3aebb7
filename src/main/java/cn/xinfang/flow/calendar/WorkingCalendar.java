package cn.xinfang.flow.calendar;

import cn.xinfang.flow.calendar.HolidayFile.DayKind;
import cn.xinfang.flow.calendar.HolidayFile.SpecialDay;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Which days are working days, and where a limit ends, by the rules of 民法典 arts. 201-203 and the
 * State Council's holiday notices:
 * <ul>
 *   <li>the day of receipt is not counted;</li>
 *   <li>a limit in days or months whose last day is not a working day ends on the next working day;</li>
 *   <li>a limit in working days skips weekends and holidays and counts adjusted working days (调休);</li>
 *   <li>a month ends on the same date of the next month, or that month's last day.</li>
 * </ul>
 * Each computation reads the special days of its window in one query; nothing is cached, so an
 * administrator's new holiday data applies on every node at once. A year without holiday data counts
 * its statutory holidays ({@link StatutoryHolidays}) and is <em>provisional</em>: its 调休 swaps are not
 * known yet, so a limit that ends in or runs through it may still move.
 */
@Component
public class WorkingCalendar {

  private final CalendarStore store;

  WorkingCalendar(CalendarStore store) {
    this.store = store;
  }

  /** One window of the calendar, read once. */
  public final class View {
    private final Map<LocalDate, SpecialDay> special;
    private final Set<Integer> provisionalYears = new HashSet<>();

    View(LocalDate from, LocalDate to) {
      CalendarStore.StoredYears stored = store.storedYears(from.getYear(), to.getYear());
      // a copy: the store's map is shared in the transaction; whole years, so a day past the window is still right
      this.special = new HashMap<>(stored.days());
      for (int year = from.getYear(); year <= to.getYear(); year++) {
        if (!stored.withData().contains(year)) {
          provisionalYears.add(year);
          StatutoryHolidays.of(year).forEach(d -> special.putIfAbsent(d.date(), d));
        }
      }
    }

    /** True for a day of a year without holiday data: counted on the statutory holidays only. */
    public boolean isProvisional(LocalDate day) {
      return provisionalYears.contains(day.getYear());
    }

    /** True if any day after {@code start} up to {@code lastDay} is provisional. */
    public boolean isProvisional(LocalDate start, LocalDate lastDay) {
      for (int year = start.plusDays(1).getYear(); year <= lastDay.getYear(); year++) {
        if (provisionalYears.contains(year)) {
          return true;
        }
      }
      return false;
    }

    public boolean isWorkingDay(LocalDate day) {
      SpecialDay s = special.get(day);
      if (s != null) {
        return s.kind() == DayKind.WORKDAY;
      }
      return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    public SpecialDay special(LocalDate day) {
      return special.get(day);
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

  public View view(LocalDate from, LocalDate to) {
    return new View(from, to);
  }

  public boolean isWorkingDay(LocalDate day) {
    return view(day, day).isWorkingDay(day);
  }

  /** A limit's last day, and whether a year without holiday data could still move it. */
  public record Due(LocalDate lastDay, boolean provisional) {}

  /** The last day of a limit of {@code amount} units counted from {@code start} (start itself not counted). */
  public LocalDate lastDay(LocalDate start, int amount, TimeUnit unit) {
    return due(start, amount, unit).lastDay();
  }

  /** {@link #lastDay}, with whether it is provisional. */
  public Due due(LocalDate start, int amount, TimeUnit unit) {
    // a window wide enough for the limit plus the longest run of holidays after it
    int span = switch (unit) {
      case DAYS -> amount;
      case WORKING_DAYS -> amount * 2 + 14;
      case MONTHS -> amount * 31;
      case DAY_OF_MONTH -> 62;
    } + 40;
    View view = view(start.minusDays(14), start.plusDays(span));
    LocalDate lastDay = switch (unit) {
      case DAYS -> view.nextWorkingDayFrom(start.plusDays(amount));
      case MONTHS -> view.nextWorkingDayFrom(start.plusMonths(amount));
      case DAY_OF_MONTH -> {
        // "the 20th": of this month, or of the next when this month's has passed; a holiday moves it on
        LocalDate day = start.withDayOfMonth(Math.min(amount, start.lengthOfMonth()));
        if (day.isBefore(start)) {
          LocalDate next = start.plusMonths(1);
          day = next.withDayOfMonth(Math.min(amount, next.lengthOfMonth()));
        }
        yield view.nextWorkingDayFrom(day);
      }
      case WORKING_DAYS -> {
        LocalDate day = start;
        for (int counted = 0; counted < amount; ) {
          day = day.plusDays(1);
          if (view.isWorkingDay(day)) {
            counted++;
          }
        }
        yield day;
      }
    };
    return new Due(lastDay, view.isProvisional(start, lastDay));
  }

  /** The unit a limit is counted in. */
  public enum TimeUnit {
    DAYS, WORKING_DAYS, MONTHS,
    /** A fixed day of the month (月度摸排: the 20th), moved to the next working day. */
    DAY_OF_MONTH
  }
}
