package cn.xinfang.flow.statistics;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The 统计分析 page: static HTML and JS in the jar, ECharts from its webjar (no CDN). Like the case file pages,
 * the data and so the authorization come only through {@code /api/statistics}; the Tasklist login is enough.
 */
@Controller
class StatisticsPages {

  @GetMapping({"/statistics", "/statistics/"})
  String page() {
    return "forward:/statistics/index.html";
  }
}
