package cn.xinfang.flow.calendar;

import cn.xinfang.flow.system.StartupTask;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Loads the holiday file at start: a year the database lacks is added, a year that came from a file
 * and changed in it is replaced, a year an administrator uploaded is left as uploaded. A bad file
 * is refused with its problems in the log and the database keeps what it had. Runs before the web
 * server accepts requests ({@link cn.xinfang.flow.system.StartupData}), so no deadline is computed
 * without the holidays.
 */
@Component
class CalendarLoader implements StartupTask {

  private static final Logger LOG = LoggerFactory.getLogger(CalendarLoader.class);

  private final CalendarStore store;
  private final Resource file;

  CalendarLoader(CalendarStore store, @Value("${xinfang.calendar.holidays-file}") Resource file) {
    this.store = store;
    this.file = file;
  }

  @Override
  public int order() {
    return 30;
  }

  @Override
  public String description() {
    return "Holiday calendar";
  }

  @Override
  public void load() {
    List<HolidayFile.Year> years;
    try (InputStream in = file.getInputStream()) {
      years = HolidayFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      LOG.error("节假日文件无法读取 {}：{}；继续使用数据库中的节假日数据", file.getDescription(), e.getMessage());
      return;
    } catch (InvalidCalendarException e) {
      LOG.error("节假日文件 {} 有误，未载入，继续使用数据库中的节假日数据：{}", file.getDescription(), e.getMessage());
      return;
    }
    for (HolidayFile.Year year : years) {
      var stored = store.year(year.year());
      if (stored.isEmpty() || ("FILE".equals(stored.get().source())
          && !stored.get().contentHash().equals(year.contentHash()))) {
        try {
          store.replace(List.of(year), "FILE", file.getDescription());
          LOG.info("Holiday data for {} loaded from {}", year.year(), file.getDescription());
        } catch (DataIntegrityViolationException raced) {
          LOG.info("Holiday data for {} was loaded by another node at the same moment", year.year());
        }
      }
    }
    int nextYear = LocalDate.now(DeadlineService.CHINA).getYear() + 1;
    if (!store.hasYear(LocalDate.now(DeadlineService.CHINA).getYear())) {
      LOG.warn("没有 {} 年的节假日数据：期限只跳过周末。请上传国务院办公厅公布的节假日安排。",
          LocalDate.now(DeadlineService.CHINA).getYear());
    } else if (!store.hasYear(nextYear) && LocalDate.now(DeadlineService.CHINA).getMonthValue() >= 11) {
      LOG.warn("尚无 {} 年的节假日数据：国务院办公厅通知公布后请及时上传（PUT /api/calendar/holidays）。", nextYear);
    }
  }
}
