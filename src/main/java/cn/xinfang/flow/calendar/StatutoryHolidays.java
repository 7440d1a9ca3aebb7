package cn.xinfang.flow.calendar;

import cn.xinfang.flow.calendar.HolidayFile.DayKind;
import cn.xinfang.flow.calendar.HolidayFile.SpecialDay;
import com.nlf.calendar.Lunar;
import com.nlf.calendar.Solar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public holidays the law itself fixes (全国年节及纪念日放假办法, as amended 2024, in force from
 * 2025), for a year whose State Council notice has not been uploaded yet:
 * <ul>
 *   <li>元旦 1 January; 春节 4 days, 除夕 (the last day of the 12th lunar month) to 正月初三; 清明节 on the
 *       Qingming solar term; 劳动节 1-2 May; 端午节 5/5 lunar; 中秋节 15/8 lunar; 国庆节 1-3 October;</li>
 *   <li>art. 6: a holiday of all citizens that falls on a Saturday or Sunday is made up on a working
 *       day — here the first weekday after it that is not a holiday already (the same when two
 *       holidays fall on one day, as 中秋 on 1 October).</li>
 * </ul>
 * The lunar dates and the solar term come from the lunar library's astronomical conversion (its
 * own holiday tables stop at 2023 and are not used). Only the 调休 swaps (weekend days worked, bridge
 * days off) are left out: they exist only in each year's notice, so a deadline counted on these days
 * is provisional.
 */
public final class StatutoryHolidays {

  private static final Map<Integer, List<SpecialDay>> CACHE = new ConcurrentHashMap<>();

  private StatutoryHolidays() {}

  /** The year's statutory holidays and their make-up days, in date order. */
  public static List<SpecialDay> of(int year) {
    return CACHE.computeIfAbsent(year, StatutoryHolidays::compute);
  }

  private static List<SpecialDay> compute(int year) {
    List<SpecialDay> statutory = new ArrayList<>();
    statutory.add(day(LocalDate.of(year, 1, 1), "元旦"));
    // 春节 starts on 除夕, the day before 正月初一, whether the 12th month has 29 or 30 days
    LocalDate newYear = solar(Lunar.fromYmd(year, 1, 1).getSolar());
    for (int i = -1; i <= 2; i++) {
      statutory.add(day(newYear.plusDays(i), "春节"));
    }
    statutory.add(day(qingming(year), "清明节"));
    statutory.add(day(LocalDate.of(year, 5, 1), "劳动节"));
    statutory.add(day(LocalDate.of(year, 5, 2), "劳动节"));
    statutory.add(day(solar(Lunar.fromYmd(year, 5, 5).getSolar()), "端午节"));
    for (int d = 1; d <= 3; d++) {
      statutory.add(day(LocalDate.of(year, 10, d), "国庆节"));
    }
    statutory.add(day(solar(Lunar.fromYmd(year, 8, 15).getSolar()), "中秋节"));
    Map<LocalDate, SpecialDay> days = new TreeMap<>();
    List<SpecialDay> needMakeUp = new ArrayList<>();
    for (SpecialDay d : statutory) {
      SpecialDay same = days.get(d.date());
      if (same != null) {
        // two holidays on one day (中秋 on a 国庆 day): one day off for both, the other made up
        days.put(d.date(), day(d.date(), same.name() + "、" + d.name()));
        needMakeUp.add(d);
      } else {
        days.put(d.date(), d);
        if (isWeekend(d.date())) {
          needMakeUp.add(d);
        }
      }
    }
    needMakeUp.sort(java.util.Comparator.comparing(SpecialDay::date));
    for (SpecialDay d : needMakeUp) {
      LocalDate makeUp = d.date().plusDays(1);
      while (isWeekend(makeUp) || days.containsKey(makeUp)) {
        makeUp = makeUp.plusDays(1);
      }
      days.put(makeUp, day(makeUp, d.name() + "补假"));
    }
    return List.copyOf(days.values());
  }

  /** The Qingming solar term (4 or 5 April): the moment the sun reaches 15°, as a Beijing date. */
  private static LocalDate qingming(int year) {
    // the solar-term table of a lunar year runs from the previous winter to the next: look it up
    // from a day in April so that 清明 is this year's
    Solar term = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable().get("清明");
    LocalDate day = solar(term);
    if (day.getYear() != year) {
      throw new IllegalStateException("清明节气计算有误：" + year + " 年得到 " + day);
    }
    return day;
  }

  private static LocalDate solar(Solar s) {
    return LocalDate.of(s.getYear(), s.getMonth(), s.getDay());
  }

  private static SpecialDay day(LocalDate date, String name) {
    return new SpecialDay(date, DayKind.HOLIDAY, name);
  }

  private static boolean isWeekend(LocalDate d) {
    return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
  }
}
