package cn.xinfang.flow.casefile;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The pages of the case file, search and receipt: static HTML and JS in the jar (no CDN) that read
 * {@code /api/cases}; the data, and so the authorization, comes only through the API. The Tasklist
 * login is enough: the API takes it for these pages' calls.
 */
@Controller
class CasePages {

  @GetMapping({"/cases", "/cases/"})
  String search() {
    return "forward:/casefile/search.html";
  }

  @GetMapping("/cases/{caseNumber}")
  String caseFile() {
    return "forward:/casefile/case.html";
  }

  @GetMapping("/cases/{caseNumber}/receipt")
  String receipt() {
    return "forward:/casefile/receipt.html";
  }
}
