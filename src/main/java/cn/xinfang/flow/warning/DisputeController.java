package cn.xinfang.flow.warning;

import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.system.Caller;
import cn.xinfang.flow.system.InvalidInputException;
import cn.xinfang.flow.system.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/disputes}: the month's consolidated dispute table (矛盾纠纷排查汇总表) as JSON and as an
 * Excel file for the report upward. The office, leaders, supervision and administrators see every unit;
 * a unit sees its own filing and entries.
 */
@RestController
@RequestMapping("/api/disputes")
class DisputeController {

  static final List<String> OVERSIGHT = List.of("petition-office", "leaders", "supervision", "camunda-admin");
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(CHINA);
  private static final Map<String, String> RISK = Map.of("HIGH", "高", "MEDIUM", "中", "LOW", "低");

  private final DisputeLedger disputes;
  private final OrganizationDirectory organization;
  private final Caller caller;
  private final cn.xinfang.flow.system.TrustedEngineCalls trusted;

  DisputeController(DisputeLedger disputes, OrganizationDirectory organization, Caller caller,
      cn.xinfang.flow.system.TrustedEngineCalls trusted) {
    this.trusted = trusted;
    this.disputes = disputes;
    this.organization = organization;
    this.caller = caller;
  }

  /** The latest months with a round, newest first. */
  @GetMapping
  Map<String, Object> months() {
    return Map.of("months", disputes.months(24));
  }

  @GetMapping("/{month}")
  Map<String, Object> table(@PathVariable String month, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "100") int size) {
    DisputeLedger.Round round = round(month);
    String reporter = round.reportedBy() == null ? null : trusted.call(() -> organization.displayName(round.reportedBy()));
    if (page < 0 || size < 1 || size > 500) {
      throw new InvalidInputException("size", "每页条数应在 1 到 500 之间，页码从 0 开始");
    }
    boolean all = caller.inAnyGroup(OVERSIGHT);
    List<String> mine = caller.groups();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("month", round.month());
    m.put("dueAt", round.dueAt());
    m.put("consolidatedAt", round.consolidatedAt());
    m.put("reportedAt", round.reportedAt());
    m.put("reportedBy", reporter);
    m.put("reportTo", round.reportTo());
    m.put("reportNote", round.reportNote());
    m.put("filings", disputes.filings(month).stream().filter(f -> all || mine.contains(f.unit())).map(f -> Map.of(
        "unit", f.unit(), "unitName", organization.nameOf(f.unit()), "state", state(f), "entries", f.entries())).toList());
    List<Map<String, Object>> entries = new ArrayList<>();
    for (DisputeLedger.Entry e : disputes.entries(month, size, page * size)) {
      if (all || mine.contains(e.unit())) {
        entries.add(view(e));
      }
    }
    m.put("entries", entries);
    m.put("page", page);
    m.put("size", size);
    return m;
  }

  /** The consolidated table as .xlsx (FastExcel, row by row), for the office's report upward. */
  @GetMapping("/{month}/export")
  void export(@PathVariable String month, HttpServletResponse response) throws IOException {
    caller.requireAnyGroup(OVERSIGHT, "导出矛盾纠纷排查汇总表");
    round(month);
    response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
        .filename("矛盾纠纷排查汇总表-" + month + ".xlsx", java.nio.charset.StandardCharsets.UTF_8).build().toString());
    Workbook workbook = new Workbook(response.getOutputStream(), "XinfangFlow", "1.0");
    Worksheet sheet = workbook.newWorksheet("汇总表");
    String[] headers = {"序号", "填报单位", "矛盾纠纷事项", "涉及当事人或群体", "涉及人数", "风险等级", "包案领导", "处理意见", "填报时间"};
    sheet.value(0, 0, month + " 矛盾纠纷排查汇总表");
    sheet.style(0, 0).bold().set();
    for (int c = 0; c < headers.length; c++) {
      sheet.value(1, c, headers[c]);
      sheet.style(1, c).bold().set();
    }
    AtomicInteger row = new AtomicInteger(2);
    disputes.eachEntry(month, e -> {
      int r = row.getAndIncrement();
      int c = 0;
      sheet.value(r, c++, r - 1);
      sheet.value(r, c++, organization.nameOf(e.unit()));
      sheet.value(r, c++, e.subject());
      sheet.value(r, c++, e.parties());
      sheet.value(r, c++, e.headcount());
      sheet.value(r, c++, RISK.getOrDefault(e.risk(), e.risk()));
      sheet.value(r, c++, e.ownerLeader());
      sheet.value(r, c++, e.opinion());
      sheet.value(r, c, TIME.format(e.filedAt()));
    });
    Worksheet units = workbook.newWorksheet("单位报送情况");
    units.value(0, 0, "单位");
    units.value(0, 1, "报送情况");
    units.value(0, 2, "事项数");
    int r = 1;
    for (DisputeLedger.Filing f : disputes.filings(month)) {
      units.value(r, 0, organization.nameOf(f.unit()));
      units.value(r, 1, state(f));
      units.value(r++, 2, f.entries());
    }
    workbook.finish();
  }

  private DisputeLedger.Round round(String month) {
    if (month == null || !month.matches("[0-9]{4}-(0[1-9]|1[0-2])")) {
      throw new InvalidInputException("month", "月份格式应为 年-月，如 2026-12");
    }
    return disputes.round(month).orElseThrow(() -> new NotFoundException(month + " 没有矛盾纠纷排查"));
  }

  private static String state(DisputeLedger.Filing f) {
    return f.overdue() ? "未报" : f.zero() && f.entries() == 0 ? "零报告" : "已报";
  }

  private Map<String, Object> view(DisputeLedger.Entry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("unit", e.unit());
    m.put("unitName", organization.nameOf(e.unit()));
    m.put("subject", e.subject());
    m.put("parties", e.parties());
    m.put("headcount", e.headcount());
    m.put("risk", e.risk());
    m.put("riskLabel", RISK.getOrDefault(e.risk(), e.risk()));
    m.put("ownerLeader", e.ownerLeader());
    m.put("opinion", e.opinion());
    m.put("filedAt", (Instant) e.filedAt());
    return m;
  }
}
