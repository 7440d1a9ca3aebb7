package cn.xinfang.flow.statistics;

import cn.xinfang.flow.statistics.StatisticsQueries.Figures;
import cn.xinfang.flow.statistics.StatisticsQueries.RateFigure;
import cn.xinfang.flow.statistics.StatisticsQueries.Report;
import cn.xinfang.flow.statistics.StatisticsQueries.UnitRow;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The report as the monthly 信访情况统计表 the office files: a title row (office and period), two header rows
 * grouped as on the paper form (受理 / 办理 / 重复信访 / 评价 / 督办 / 考核), one row per unit, the 合计 row, the
 * rates as percentages (cells formatted 0.0%, the value a fraction; — where nothing was due), and the
 * definitions underneath. A second sheet has the period table (按月/季/年).
 */
final class StatisticsExcel {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm")
      .withZone(StatisticsQueries.CHINA);

  /** Header groups: {group title, first column, last column}; columns 0..4 and the single ones span both rows. */
  static final String[] COLUMNS = {"序号", "单位", "所属区域", "登记件次", "信访件数",
      "应告知受理件", "按期告知件", "及时受理率",
      "应办结件", "按期办结件", "按期办结率", "已答复件", "答复率",
      "重复信访件", "重复信访率",
      "已办结件", "参评件", "参评率", "满意件", "满意率", "不满意件",
      "逾期件", "督办升级件",
      "考核扣分记录", "考核计分"};
  private static final Object[][] GROUPS = {{"受理", 5, 7}, {"办理", 8, 12}, {"重复信访", 13, 14}, {"评价", 15, 20},
      {"督办", 21, 22}, {"考核", 23, 24}};
  static final int HEADER_ROWS = 4;

  private StatisticsExcel() {}

  static void write(Report report, String office, String scope, OutputStream out) throws IOException {
    Workbook workbook = new Workbook(out, "XinfangFlow", "1.0");
    Worksheet sheet = workbook.newWorksheet("信访情况统计表");
    int last = COLUMNS.length - 1;
    sheet.value(0, 0, office + "信访情况统计表");
    sheet.range(0, 0, 0, last).merge();
    sheet.range(0, 0, 0, last).style().bold().fontSize(16).horizontalAlignment("center").set();
    sheet.value(1, 0, "统计期间：" + DAY.format(report.from()) + "至" + DAY.format(report.to()) + "（按登记日期）　范围："
        + scope + "　制表：" + office + "　制表时间：" + TIME.format(report.generatedAt()));
    sheet.range(1, 0, 1, last).merge();
    header(sheet);
    int r = HEADER_ROWS;
    int n = 1;
    for (UnitRow u : report.byUnit()) {
      sheet.value(r, 0, n++);
      sheet.value(r, 1, u.unitName());
      sheet.value(r, 2, u.areaName());
      row(sheet, r, u.figures(), false);
      r++;
    }
    sheet.value(r, 0, "合计");
    sheet.range(r, 0, r, 2).merge();
    row(sheet, r, report.total(), true);
    r += 2;
    sheet.value(r++, 0, "注：各率均以本期登记（登记日期在统计期间内）的信访件计，按制表时的台账状态统计。");
    for (Rate rate : Rate.values()) {
      sheet.value(r++, 0, rate.label() + " = " + rate.numerator() + " ÷ " + rate.denominator() + "。日期：" + rate.dates());
    }
    sheet.value(r, 0, "逾期件：日志中有“逾期”记录的信访件；督办升级件：日志中有“督办升级”记录的信访件；考核计分：统计期间内记入考核台账的分值。");
    sheet.width(0, 6);
    sheet.width(1, 28);
    sheet.width(2, 18);
    for (int c = 3; c <= last; c++) {
      sheet.width(c, 11);
    }

    Worksheet periods = workbook.newWorksheet("按" + report.period().label());
    String[] heads = {"期间", "登记件次", "信访件数", "及时受理率", "按期办结率", "答复率", "重复信访率", "参评率", "满意率",
        "不满意件", "逾期件", "督办升级件", "考核计分"};
    for (int c = 0; c < heads.length; c++) {
      periods.value(0, c, heads[c]);
      periods.style(0, c).bold().horizontalAlignment("center").set();
    }
    int pr = 1;
    for (StatisticsQueries.PeriodRow p : report.byPeriod()) {
      Figures f = p.figures();
      int c = 0;
      periods.value(pr, c++, p.label());
      periods.value(pr, c++, f.registrations());
      periods.value(pr, c++, f.cases());
      for (Rate rate : Rate.values()) {
        percent(periods, pr, c++, f.rates().get(rate));
      }
      periods.value(pr, c++, f.unsatisfied());
      periods.value(pr, c++, f.overdue());
      periods.value(pr, c++, f.escalated());
      periods.value(pr, c, f.appraisalPoints());
      pr++;
    }
    periods.width(0, 16);
    workbook.finish();
  }

  private static void header(Worksheet sheet) {
    for (int c = 0; c < COLUMNS.length; c++) {
      boolean grouped = false;
      for (Object[] g : GROUPS) {
        grouped |= c >= (int) g[1] && c <= (int) g[2];
      }
      if (grouped) {
        sheet.value(3, c, COLUMNS[c]);
      } else {
        sheet.value(2, c, COLUMNS[c]);
        sheet.range(2, c, 3, c).merge();
      }
    }
    for (Object[] g : GROUPS) {
      sheet.value(2, (int) g[1], (String) g[0]);
      sheet.range(2, (int) g[1], 2, (int) g[2]).merge();
    }
    sheet.range(2, 0, 3, COLUMNS.length - 1).style().bold().horizontalAlignment("center").verticalAlignment("center")
        .wrapText(true).borderStyle("thin").set();
  }

  private static void row(Worksheet sheet, int r, Figures f, boolean bold) {
    // the row's borders first: the percentage cells set their number format over them
    var style = sheet.range(r, 0, r, COLUMNS.length - 1).style().borderStyle("thin");
    if (bold) {
      style = style.bold();
    }
    style.set();
    int c = 3;
    sheet.value(r, c++, f.registrations());
    sheet.value(r, c++, f.cases());
    RateFigure acceptance = f.rates().get(Rate.TIMELY_ACCEPTANCE);
    sheet.value(r, c++, acceptance.denominator());
    sheet.value(r, c++, acceptance.numerator());
    percent(sheet, r, c++, acceptance);
    RateFigure onTime = f.rates().get(Rate.ON_TIME_COMPLETION);
    RateFigure reply = f.rates().get(Rate.REPLY);
    sheet.value(r, c++, onTime.denominator());
    sheet.value(r, c++, onTime.numerator());
    percent(sheet, r, c++, onTime);
    sheet.value(r, c++, reply.numerator());
    percent(sheet, r, c++, reply);
    RateFigure repeat = f.rates().get(Rate.REPEAT);
    sheet.value(r, c++, repeat.numerator());
    percent(sheet, r, c++, repeat);
    RateFigure participation = f.rates().get(Rate.PARTICIPATION);
    RateFigure satisfaction = f.rates().get(Rate.SATISFACTION);
    sheet.value(r, c++, participation.denominator());
    sheet.value(r, c++, participation.numerator());
    percent(sheet, r, c++, participation);
    sheet.value(r, c++, satisfaction.numerator());
    percent(sheet, r, c++, satisfaction);
    sheet.value(r, c++, f.unsatisfied());
    sheet.value(r, c++, f.overdue());
    sheet.value(r, c++, f.escalated());
    sheet.value(r, c++, f.appraisalEntries());
    sheet.value(r, c, f.appraisalPoints());
  }

  private static void percent(Worksheet sheet, int r, int c, RateFigure figure) {
    if (figure.rate() == null) {
      sheet.value(r, c, "—");
      sheet.style(r, c).horizontalAlignment("center").set();
    } else {
      sheet.value(r, c, figure.rate());
      sheet.style(r, c).format("0.0%").set();
    }
  }

  static String day(LocalDate d) {
    return DAY.format(d);
  }
}
