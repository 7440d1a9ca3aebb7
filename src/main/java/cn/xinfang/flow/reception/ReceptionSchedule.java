package cn.xinfang.flow.reception;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.organization.OrganizationChart;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.organization.OrganizationProperties;
import cn.xinfang.flow.system.FieldProblem;
import cn.xinfang.flow.system.InvalidInputException;
import cn.xinfang.flow.system.UserText;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Publishing the reception schedule: what a slot must say (date not past, a time window, a place, leaders
 * who are leaders, units that exist) and that no leader is booked twice at once; and the slot as the API
 * and the pages show it (leaders with name and title, as on the 挂牌 board).
 */
@Service
public class ReceptionSchedule {

  /** What a caller sends to publish a slot. */
  public record Request(String receptionDate, String startTime, String endTime, String place, String topics,
      List<String> leaders, List<String> units) {}

  private final ReceptionLedger ledger;
  private final OrganizationDirectory organization;
  private final ObjectProvider<OrganizationProperties> orgFile;
  private volatile Map<String, String> titles;

  ReceptionSchedule(ReceptionLedger ledger, OrganizationDirectory organization,
      ObjectProvider<OrganizationProperties> orgFile) {
    this.ledger = ledger;
    this.organization = organization;
    this.orgFile = orgFile;
  }

  public long publish(Request r, String by) {
    List<FieldProblem> problems = new ArrayList<>();
    LocalDate date = null;
    if (r.receptionDate() == null || r.receptionDate().isBlank()) {
      problems.add(new FieldProblem("receptionDate", "请填写接访日期（如 2026-12-03）"));
    } else {
      try {
        date = LocalDate.parse(r.receptionDate().strip());
        if (date.isBefore(DeadlineService.today())) {
          problems.add(new FieldProblem("receptionDate", "接访日期 " + date + " 已过，不能发布过去的接访日"));
        }
      } catch (DateTimeParseException e) {
        problems.add(new FieldProblem("receptionDate", "接访日期格式应为 年-月-日，如 2026-12-03"));
      }
    }
    LocalTime start = time(r.startTime(), "startTime", "开始时间", problems);
    LocalTime end = time(r.endTime(), "endTime", "结束时间", problems);
    if (start != null && end != null && !end.isAfter(start)) {
      problems.add(new FieldProblem("endTime", "结束时间应晚于开始时间"));
    }
    String place = text(r.place(), "place", "接访地点", 200, true, problems);
    String topics = text(r.topics(), "topics", "接访主题", 1000, false, problems);
    List<String> leaders = r.leaders() == null ? List.of() : r.leaders().stream()
        .map(l -> l == null ? "" : l.strip()).toList();
    if (leaders.isEmpty()) {
      problems.add(new FieldProblem("leaders", "请至少选择一位接访领导（第一位为主接访领导）"));
    }
    for (String leader : leaders) {
      if (leader.isEmpty() || !organization.isMember(leader, OrganizationDirectory.LEADERS)) {
        problems.add(new FieldProblem("leaders", "「" + leader + "」不是领导（领导组成员），不能安排接访"));
      }
    }
    if (leaders.stream().distinct().count() < leaders.size()) {
      problems.add(new FieldProblem("leaders", "同一位领导在一个接访日中只能列一次"));
    }
    List<String> units = r.units() == null ? List.of() : r.units().stream().map(u -> u == null ? "" : u.strip()).toList();
    for (String unit : units) {
      if (!organization.canHandleCases(unit)) {
        problems.add(new FieldProblem("units", "「" + unit + "」不是可参加联合接访的单位（部门、乡镇或信访室）"));
      }
    }
    if (problems.isEmpty()) {
      for (String leader : leaders) {
        for (ReceptionLedger.Slot other : ledger.overlapping(leader, date, start, end)) {
          problems.add(new FieldProblem("leaders", organization.displayName(leader) + " 在 " + other.date() + " "
              + other.start() + "–" + other.end() + " 已安排接访（第 " + other.id() + " 号，" + other.place()
              + "），时段重叠"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("接访日安排有误，未发布", problems);
    }
    return ledger.publish(date, start, end, place, topics, leaders, units.stream().distinct().toList(), by);
  }

  /** A slot as JSON: leaders by name and title, units by name. */
  public Map<String, Object> view(ReceptionLedger.Slot s, boolean withVisits) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("receptionDate", s.date().toString());
    m.put("startTime", s.start().toString());
    m.put("endTime", s.end().toString());
    m.put("place", s.place());
    m.put("topics", s.topics());
    m.put("kind", s.kind());
    m.put("kindLabel", s.joint() ? "联合接访" : "领导接访");
    m.put("status", s.status());
    m.put("statusLabel", "PUBLISHED".equals(s.status()) ? "已发布" : "已取消");
    List<Map<String, Object>> leaders = new ArrayList<>();
    for (int i = 0; i < s.leaders().size(); i++) {
      String id = s.leaders().get(i);
      leaders.add(Map.of("userId", id, "name", organization.displayName(id), "title", titleOf(id), "receiving", i == 0));
    }
    m.put("leaders", leaders);
    m.put("units", s.units().stream().map(u -> Map.of("groupId", u, "name", organization.nameOf(u))).toList());
    if (withVisits) {
      m.put("visits", ledger.visitsOf(s.id()));
      m.put("publishedBy", organization.displayName(s.publishedBy()));
    }
    return m;
  }

  /** The month per leader as JSON. */
  public Map<String, Object> month(YearMonth month) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ReceptionLedger.LeaderMonth row : ledger.month(month)) {
      rows.add(Map.of("leader", row.leader(), "name", organization.displayName(row.leader()), "title", titleOf(row.leader()),
          "visitsReceived", row.visits(), "casesOwned", row.owned(), "casesResolved", row.resolved()));
    }
    return Map.of("month", month.toString(), "leaders", rows);
  }

  /** The title from the org chart (职务), as the 挂牌 board shows it; 领导 where the chart names none. */
  public String titleOf(String userId) {
    Map<String, String> known = titles;
    if (known == null) {
      known = new java.util.HashMap<>();
      OrganizationProperties props = orgFile.getIfAvailable();
      if (props != null && props.file() != null) {
        for (OrganizationChart.Person p : OrganizationChart.read(props.file()).users()) {
          if (p.title() != null) {
            known.put(p.id(), p.title());
          }
        }
      }
      titles = known;
    }
    return known.getOrDefault(userId, "领导");
  }

  private static LocalTime time(String value, String field, String label, List<FieldProblem> problems) {
    if (value == null || value.isBlank()) {
      problems.add(new FieldProblem(field, "请填写" + label + "（如 09:00）"));
      return null;
    }
    try {
      return LocalTime.parse(value.strip());
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem(field, label + "格式应为 时:分，如 09:00"));
      return null;
    }
  }

  private static String text(String value, String field, String label, int max, boolean required,
      List<FieldProblem> problems) {
    if (value == null || UserText.isBlank(value)) {
      if (required) {
        problems.add(new FieldProblem(field, "请填写" + label));
      }
      return null;
    }
    if (UserText.length(value) > max) {
      problems.add(new FieldProblem(field, label + "不能超过 " + max + " 字"));
    } else if (UserText.problem(value) != null) {
      problems.add(new FieldProblem(field, label + UserText.problem(value)));
    }
    return value.strip();
  }
}
