package cn.xinfang.flow.casefile;

import cn.xinfang.flow.intake.IdentityMasking;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.PetitionStatus;
import cn.xinfang.flow.petition.Vocabulary;
import cn.xinfang.flow.system.Caller;
import cn.xinfang.flow.system.FieldProblem;
import cn.xinfang.flow.system.InvalidInputException;
import cn.xinfang.flow.system.TrustedEngineCalls;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * 案件查询 ({@code GET /api/cases}) and its export to Excel for the 台账
 * ({@code GET /api/cases/export}). Only cases the caller may see, decided in SQL.
 */
@RestController
@RequestMapping("/api/cases")
class CaseSearchController {

  /** An export larger than this ({@code xinfang.cases.export-cap}, 50,000 by default) is refused with a message to narrow the search. */
  private final int exportCap;
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
      .withZone(CaseSearch.CHINA);
  private static final String SELECT = "SELECT p.case_number, p.registered_at, p.subject, p.category, p.channel, "
      + "p.petitioner_name, p.petitioner_phone, p.confidential, p.status, p.handling_unit, p.case_owner, p.closed_at, "
      + "(SELECT COUNT(*) FROM xf_petition_event e WHERE e.case_number = p.case_number AND e.event_type = 'OVERDUE') "
      + "AS overdue_count FROM xf_petition p WHERE ";

  private final JdbcTemplate jdbc;
  private final CaseAccess access;
  private final Caller caller;
  private final OrganizationDirectory organization;
  private final TransactionTemplate readOnly;
  private final TrustedEngineCalls trusted;

  CaseSearchController(JdbcTemplate jdbc, CaseAccess access, Caller caller, OrganizationDirectory organization,
      PlatformTransactionManager transactions, TrustedEngineCalls trusted,
      @Value("${xinfang.cases.export-cap:50000}") int exportCap) {
    this.trusted = trusted;
    this.exportCap = exportCap;
    this.jdbc = jdbc;
    this.access = access;
    this.caller = caller;
    this.organization = organization;
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
  }

  @GetMapping
  Map<String, Object> search(@ModelAttribute CaseSearch.Criteria criteria) {
    CaseSearch.Query q = CaseSearch.build(criteria, access.visibleInSql(), access.oversight(), caller.userId(), true);
    Long total = jdbc.queryForObject("SELECT COUNT(*) FROM xf_petition p WHERE " + q.where(), Long.class,
        q.args().toArray());
    List<Object> args = new ArrayList<>(q.args());
    args.add(q.size());
    args.add((long) q.page() * q.size());
    Map<String, String> names = new HashMap<>();
    List<Map<String, Object>> rows = jdbc.query(SELECT + q.where() + " ORDER BY " + q.orderBy() + " LIMIT ? OFFSET ?",
        (rs, i) -> row(rs, names), args.toArray());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("total", total);
    answer.put("page", q.page());
    answer.put("size", q.size());
    answer.put("pages", total == null ? 0 : (total + q.size() - 1) / q.size());
    answer.put("items", rows);
    return answer;
  }

  /** The whole result as .xlsx, written row by row as the database delivers them. */
  @GetMapping("/export")
  void export(@ModelAttribute CaseSearch.Criteria criteria, HttpServletResponse response) throws IOException {
    CaseSearch.Query q = CaseSearch.build(criteria, access.visibleInSql(), access.oversight(), caller.userId(), false);
    Long total = jdbc.queryForObject("SELECT COUNT(*) FROM xf_petition p WHERE " + q.where(), Long.class,
        q.args().toArray());
    if (total != null && total > exportCap) {
      throw new InvalidInputException("导出条数超过上限", List.of(new FieldProblem("(query)", "查询结果共 " + total
          + " 件，超过一次导出的上限 " + exportCap + " 件。请缩小条件（如登记日期范围、类别或承办单位）后分批导出")));
    }
    String fileName = "信访台账-" + java.time.LocalDate.now(CaseSearch.CHINA) + ".xlsx";
    response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename(fileName, java.nio.charset.StandardCharsets.UTF_8).build().toString());
    OutputStream out = response.getOutputStream();
    Workbook workbook = new Workbook(out, "XinfangFlow", "1.0");
    Worksheet sheet = workbook.newWorksheet("台账");
    String[] headers = {"信访件编号", "登记时间", "信访事项", "类别", "渠道", "信访人", "联系电话", "状态", "承办单位",
        "首问接待人", "曾逾期", "办结时间"};
    for (int c = 0; c < headers.length; c++) {
      sheet.value(0, c, headers[c]);
      sheet.style(0, c).bold().set();
    }
    AtomicInteger r = new AtomicInteger(1);
    Map<String, String> names = new HashMap<>();
    JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
    // PostgreSQL sends rows in batches only inside a transaction with a fetch size; H2 ignores both
    streaming.setFetchSize(500);
    streaming.setMaxRows(exportCap);
    readOnly.executeWithoutResult(status -> streaming.query(SELECT + q.where() + " ORDER BY " + q.orderBy(),
        (RowCallbackHandler) rs -> {
          Map<String, Object> row = row(rs, names);
          int i = r.getAndIncrement();
          int c = 0;
          sheet.value(i, c++, (String) row.get("caseNumber"));
          sheet.value(i, c++, DATE_TIME.format((java.time.Instant) row.get("registeredAt")));
          sheet.value(i, c++, (String) row.get("subject"));
          sheet.value(i, c++, (String) row.get("categoryLabel"));
          sheet.value(i, c++, (String) row.get("channelLabel"));
          sheet.value(i, c++, (String) row.get("petitioner"));
          sheet.value(i, c++, (String) row.get("petitionerPhone"));
          sheet.value(i, c++, (String) row.get("statusLabel"));
          sheet.value(i, c++, (String) row.get("handlingUnitName"));
          sheet.value(i, c++, (String) row.get("caseOwnerName"));
          sheet.value(i, c++, Boolean.TRUE.equals(row.get("overdue")) ? "是" : "否");
          sheet.value(i, c, row.get("closedAt") == null ? "" : DATE_TIME.format((java.time.Instant) row.get("closedAt")));
          if (i % 1000 == 0) {
            try {
              sheet.flush();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        }, q.args().toArray()));
    workbook.finish();
  }

  /** One result row, masked as the case file masks it; names of units and users looked up once per request. */
  private Map<String, Object> row(ResultSet rs, Map<String, String> names) throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    boolean secret = rs.getBoolean("confidential");
    String name = rs.getString("petitioner_name");
    String phone = rs.getString("petitioner_phone");
    String unit = rs.getString("handling_unit");
    String owner = rs.getString("case_owner");
    row.put("caseNumber", rs.getString("case_number"));
    row.put("registeredAt", rs.getTimestamp("registered_at").toInstant());
    row.put("subject", rs.getString("subject"));
    row.put("category", rs.getString("category"));
    row.put("categoryLabel", CaseFileController.label(Vocabulary.Category.class, rs.getString("category")));
    row.put("channelLabel", CaseFileController.label(Vocabulary.Channel.class, rs.getString("channel")));
    row.put("petitioner", name == null ? "匿名" : secret ? IdentityMasking.name(name) : name);
    row.put("petitionerPhone", secret ? IdentityMasking.phone(phone) : phone);
    row.put("confidential", secret);
    row.put("status", rs.getString("status"));
    row.put("statusLabel", PetitionStatus.valueOf(rs.getString("status")).label());
    row.put("handlingUnit", unit);
    row.put("handlingUnitName", unit == null ? null : names.computeIfAbsent("g:" + unit, k -> organization.nameOf(unit)));
    // a clerk may not query other users in the engine's identity, but may read a colleague's name here
    row.put("caseOwnerName", names.computeIfAbsent("u:" + owner, k -> trusted.call(() -> organization.displayName(owner))));
    row.put("overdue", rs.getLong("overdue_count") > 0);
    java.sql.Timestamp closed = rs.getTimestamp("closed_at");
    row.put("closedAt", closed == null ? null : closed.toInstant());
    row.put("href", "/cases/" + rs.getString("case_number"));
    return row;
  }

}
