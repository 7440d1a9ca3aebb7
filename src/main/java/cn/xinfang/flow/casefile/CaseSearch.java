package cn.xinfang.flow.casefile;

import cn.xinfang.flow.petition.PetitionStatus;
import cn.xinfang.flow.petition.Vocabulary;
import cn.xinfang.flow.petition.Vocabulary.Category;
import cn.xinfang.flow.system.FieldProblem;
import cn.xinfang.flow.system.InvalidInputException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * 案件查询 as SQL: the caller's visibility and every filter go into one WHERE clause, so the database
 * pages and counts only what the caller may see. Identity searches (name, ID, phone) look into
 * discipline reports only for oversight: anyone else could otherwise learn from a hit that a masked
 * reporter is the person they typed.
 */
final class CaseSearch {

  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  static final int MAX_PAGE_SIZE = 100;
  private static final Pattern CASE_NUMBER = Pattern.compile("XF-\\d{4}-\\d{1,6}");
  private static final Map<String, String> SORTS = Map.of(
      "registeredAt", "p.registered_at ASC, p.case_number ASC",
      "-registeredAt", "p.registered_at DESC, p.case_number DESC",
      "caseNumber", "p.case_number ASC",
      "-caseNumber", "p.case_number DESC",
      "status", "p.status ASC, p.registered_at DESC",
      "category", "p.category ASC, p.registered_at DESC");

  record Criteria(String number, String name, String idNumber, String phone, String subject, String category,
      String unit, String status, String from, String to, Boolean overdue, Boolean mine, Integer page, Integer size,
      String sort) {}

  /** A WHERE clause (without the word) with its parameters, the ORDER BY, and the page. */
  record Query(String where, List<Object> args, String orderBy, int page, int size) {}

  private CaseSearch() {}

  static Query build(Criteria c, CaseAccess.SqlCondition visible, boolean oversight, String userId, boolean paged) {
    List<FieldProblem> problems = new ArrayList<>();
    StringBuilder where = new StringBuilder(visible.sql());
    List<Object> args = new ArrayList<>(visible.args());

    String number = blankToNull(c.number());
    if (number != null) {
      number = number.toUpperCase(Locale.ROOT);
      if (CASE_NUMBER.matcher(number).matches()) {
        where.append(" AND p.case_number = ?");
        args.add(number);
      } else {
        // a part of a number (年份 or the last digits): the prefix keeps the unique index usable
        where.append(" AND p.case_number LIKE ? ESCAPE '\\'");
        args.add(escapeLike(number) + "%");
      }
    }
    boolean identitySearch = false;
    String name = blankToNull(c.name());
    if (name != null) {
      where.append(" AND p.petitioner_name LIKE ? ESCAPE '\\'");
      args.add(escapeLike(name) + "%");
      identitySearch = true;
    }
    String idNumber = blankToNull(c.idNumber());
    if (idNumber != null) {
      if (!idNumber.matches("[0-9Xx]{15,18}")) {
        problems.add(new FieldProblem("idNumber", "身份证号须为 15 或 18 位（末位可为 X），按完整号码查询"));
      }
      where.append(" AND p.petitioner_id_number = ?");
      args.add(idNumber.toUpperCase(Locale.ROOT));
      identitySearch = true;
    }
    String phone = blankToNull(c.phone());
    if (phone != null) {
      where.append(" AND p.petitioner_phone = ?");
      args.add(phone.replace(" ", ""));
      identitySearch = true;
    }
    if (identitySearch && !oversight) {
      where.append(" AND p.confidential = FALSE");
    }
    String subject = blankToNull(c.subject());
    if (subject != null) {
      where.append(" AND LOWER(p.subject) LIKE ? ESCAPE '\\'");
      args.add("%" + escapeLike(subject.toLowerCase(Locale.ROOT)) + "%");
    }
    String category = blankToNull(c.category());
    if (category != null) {
      if (Vocabulary.parse(Category.class, category).isEmpty()) {
        problems.add(new FieldProblem("category", "类别可选：" + Vocabulary.allowed(Category.class)));
      }
      where.append(" AND p.category = ?");
      args.add(category);
    }
    String unit = blankToNull(c.unit());
    if (unit != null) {
      where.append(" AND p.handling_unit = ?");
      args.add(unit);
    }
    String status = blankToNull(c.status());
    if (status != null) {
      if (Vocabulary.parse(PetitionStatus.class, status).isEmpty()) {
        StringBuilder allowed = new StringBuilder();
        for (PetitionStatus s : PetitionStatus.values()) {
          allowed.append(allowed.isEmpty() ? "" : "、").append(s.name()).append("（").append(s.label()).append("）");
        }
        problems.add(new FieldProblem("status", "状态可选：" + allowed));
      }
      where.append(" AND p.status = ?");
      args.add(status);
    }
    LocalDate from = date(c.from(), "from", "登记日期（起）", problems);
    if (from != null) {
      where.append(" AND p.registered_at >= ?");
      args.add(Timestamp.from(from.atStartOfDay(CHINA).toInstant()));
    }
    LocalDate to = date(c.to(), "to", "登记日期（止）", problems);
    if (to != null) {
      where.append(" AND p.registered_at < ?");
      args.add(Timestamp.from(to.plusDays(1).atStartOfDay(CHINA).toInstant()));
    }
    if (from != null && to != null && to.isBefore(from)) {
      problems.add(new FieldProblem("to", "登记日期（止）不能早于（起）"));
    }
    if (Boolean.TRUE.equals(c.overdue())) {
      // overdue = the engine's overdue timer has fired for the case at least once (journal entry OVERDUE)
      where.append(" AND EXISTS (SELECT 1 FROM xf_petition_event e WHERE e.case_number = p.case_number "
          + "AND e.event_type = 'OVERDUE')");
    }
    if (Boolean.TRUE.equals(c.mine())) {
      where.append(" AND p.case_owner = ?");
      args.add(userId);
    }
    int page = c.page() == null ? 0 : c.page();
    int size = c.size() == null ? 20 : c.size();
    if (paged) {
      if (page < 0) {
        problems.add(new FieldProblem("page", "页码从 0 开始，不能为负数"));
      }
      if (size < 1 || size > MAX_PAGE_SIZE) {
        problems.add(new FieldProblem("size", "每页条数须在 1 至 " + MAX_PAGE_SIZE + " 之间"));
      }
    }
    String sort = blankToNull(c.sort()) == null ? "-registeredAt" : c.sort().strip();
    String orderBy = SORTS.get(sort);
    if (orderBy == null) {
      problems.add(new FieldProblem("sort", "排序可选：" + String.join("、", SORTS.keySet().stream().sorted().toList())
          + "（前加 - 为倒序）"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("查询条件有误", problems);
    }
    return new Query(where.toString(), args, orderBy, page, size);
  }

  private static LocalDate date(String text, String field, String label, List<FieldProblem> problems) {
    String s = blankToNull(text);
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem(field, label + "须为 年-月-日，如 2026-11-30"));
      return null;
    }
  }

  private static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
