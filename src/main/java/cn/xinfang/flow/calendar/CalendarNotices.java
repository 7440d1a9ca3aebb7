package cn.xinfang.flow.calendar;

import cn.xinfang.flow.notification.NotificationService;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the administrators (group {@code camunda-admin}) when holiday data is missing: the current
 * year at any time, next year from 1 November (the State Council's notice usually appears then).
 * Checked at start and by the engine's own monthly timer (the screening round opened on the 1st of
 * every month, so on 1 November and 1 December too) rather than by a scheduler of our own; one notice
 * per year, whichever node and however often it checks (the notification key is unique).
 */
@Component
public class CalendarNotices {

  private static final Logger LOG = LoggerFactory.getLogger(CalendarNotices.class);
  static final String ADMIN_GROUP = "camunda-admin";
  static final String KIND = "CALENDAR_MISSING";
  /** From this month on, next year's data is expected. */
  static final int NEXT_YEAR_FROM_MONTH = 11;

  private final CalendarStore store;
  private final NotificationService notifications;

  CalendarNotices(CalendarStore store, NotificationService notifications) {
    this.store = store;
    this.notifications = notifications;
  }

  /** @return the year a notice was sent for now, or null if none was due or it had been sent already */
  public Integer check() {
    LocalDate today = DeadlineService.today();
    int year = today.getYear();
    if (!store.hasYear(year)) {
      LOG.warn("没有 {} 年的节假日数据：期限按法定节假日计算，均为暂定。请上传国务院办公厅公布的节假日安排。", year);
      return notify(year, "没有 " + year + " 年的节假日数据：本年期限暂按法定节假日计算，未计调休，均标注为暂定。"
          + "请尽快上传国务院办公厅关于 " + year + " 年部分节假日安排的通知（PUT /api/calendar/holidays）。") ? year : null;
    }
    if (today.getMonthValue() >= NEXT_YEAR_FROM_MONTH && !store.hasYear(year + 1)) {
      LOG.warn("尚无 {} 年的节假日数据：国务院办公厅通知公布后请及时上传（PUT /api/calendar/holidays）。", year + 1);
      return notify(year + 1, "尚无 " + (year + 1) + " 年的节假日数据：落在 " + (year + 1) + " 年的期限暂按法定节假日计算，"
          + "未计调休，标注为暂定。国务院办公厅关于 " + (year + 1) + " 年部分节假日安排的通知公布后，请上传"
          + "（PUT /api/calendar/holidays，或更新节假日文件后重启），在办案件的暂定期限将自动重新计算。") ? year + 1 : null;
    }
    return null;
  }

  private boolean notify(int year, String message) {
    return notifications.notifyGroup("CALENDAR_MISSING:" + year, ADMIN_GROUP, null, KIND, message);
  }
}
