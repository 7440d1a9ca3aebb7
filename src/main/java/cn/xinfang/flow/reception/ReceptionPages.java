package cn.xinfang.flow.reception;

import cn.xinfang.flow.calendar.DeadlineService;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The reception pages. {@code /reception}: the staff page (static HTML and JS in the jar, data only
 * through {@code /api/reception-days}, so the API's authorization applies). {@code /reception/public}:
 * the published schedule for the public, as the office's 挂牌 board shows it — date, time, place,
 * topics, leaders by name and title; nothing about visits or cases. Rendered here, escaped, no login.
 */
@Controller
class ReceptionPages {

  private final ReceptionLedger ledger;
  private final ReceptionSchedule schedule;

  private final cn.xinfang.flow.system.TrustedEngineCalls trusted;

  ReceptionPages(ReceptionLedger ledger, ReceptionSchedule schedule, cn.xinfang.flow.system.TrustedEngineCalls trusted) {
    this.trusted = trusted;
    this.ledger = ledger;
    this.schedule = schedule;
  }

  @GetMapping({"/reception", "/reception/"})
  String staff() {
    return "forward:/reception/reception.html";
  }

  @GetMapping(value = "/reception/public", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
  @ResponseBody
  String publicSchedule() {
    return trusted.call(this::render);
  }

  private String render() {
    StringBuilder rows = new StringBuilder();
    var today = DeadlineService.today();
    for (ReceptionLedger.Slot slot : ledger.between(today, today.plusDays(60), false, 200, 0)) {
      Map<String, Object> v = schedule.view(slot, false);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> leaders = (List<Map<String, Object>>) v.get("leaders");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> units = (List<Map<String, Object>>) v.get("units");
      rows.append("<tr><td>").append(e(slot.date() + "（" + weekday(slot.date()) + "）")).append("</td><td>")
          .append(e(slot.start() + "–" + slot.end())).append("</td><td>").append(e(v.get("kindLabel")))
          .append("</td><td>").append(e(String.join("、", leaders.stream()
              .map(l -> l.get("name") + "（" + l.get("title") + "）").toList())))
          .append(units.isEmpty() ? "" : "<br><span class=\"muted\">参加单位：" + e(String.join("、",
              units.stream().map(u -> (String) u.get("name")).toList())) + "</span>")
          .append("</td><td>").append(e(slot.place())).append("</td><td>").append(e(slot.topics() == null ? "" : slot.topics()))
          .append("</td></tr>");
    }
    return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>领导接访日安排</title>"
        + "<link rel=\"stylesheet\" href=\"/casefile/casefile.css\"></head><body>"
        + "<header class=\"bar\"><strong>领导接访日安排（今后60日）</strong></header><main><section>"
        + "<p class=\"muted\">群众可在下列时间到接访地点当面反映问题；联合接访由多位领导和有关单位共同接待。</p>"
        + (rows.length() == 0 ? "<p>近期暂无已发布的领导接访日。</p>"
            : "<table class=\"grid\"><thead><tr><th>日期</th><th>时间</th><th>方式</th><th>接访领导</th><th>地点</th>"
                + "<th>接访主题</th></tr></thead><tbody>" + rows + "</tbody></table>")
        + "</section></main></body></html>";
  }

  static String weekday(java.time.LocalDate date) {
    return "星期" + "一二三四五六日".charAt(date.getDayOfWeek().getValue() - 1);
  }

  private static String e(Object text) {
    return HtmlUtils.htmlEscape(String.valueOf(text), "UTF-8");
  }
}
