package cn.xinfang.flow.documents;

import cn.xinfang.flow.petition.Petition;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.system.Caller;
import cn.xinfang.flow.system.NotFoundException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Issued documents: {@code GET /api/documents/ZB-2026-000001} is a printable page (the link in the
 * task form opens it in the same Tasklist login), {@code GET /api/documents?caseNumber=} lists a case's.
 * The office, leaders, supervision, the case owner and the unit the document is addressed to may read it.
 */
@RestController
@RequestMapping("/api/documents")
class DocumentController {

  static final Set<String> OVERSIGHT = Set.of("petition-office", "leaders", "supervision", "camunda-admin");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日").withZone(ZoneId.of("Asia/Shanghai"));

  private final DocumentStore documents;
  private final PetitionLedger ledger;
  private final Caller caller;

  DocumentController(DocumentStore documents, PetitionLedger ledger, Caller caller) {
    this.documents = documents;
    this.ledger = ledger;
    this.caller = caller;
  }

  @GetMapping(value = "/{number}", produces = MediaType.TEXT_HTML_VALUE)
  String print(@PathVariable String number) {
    DocumentStore.Document d = documents.find(number).filter(this::visible)
        .orElseThrow(() -> new NotFoundException("没有编号为 " + number + " 的文书，或您无权查看"));
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>")
        .append(HtmlUtils.htmlEscape(d.title())).append("</title><style>")
        .append("body{font-family:'SimSun','Songti SC','Noto Serif CJK SC','WenQuanYi Micro Hei',serif;max-width:42em;")
        .append("margin:2em auto;line-height:1.9;font-size:16pt}h1{text-align:center;font-size:22pt;letter-spacing:.3em}")
        .append(".no{text-align:center;margin-bottom:2em}.date{text-align:right;margin-top:3em}")
        .append("@media print{body{margin:0}}</style></head><body>")
        .append("<h1>").append(HtmlUtils.htmlEscape(d.kind().label())).append("</h1>")
        .append("<p class=\"no\">").append(HtmlUtils.htmlEscape(d.number())).append("</p>");
    // the body is plain text, escaped here where it becomes HTML (typed subjects and names show as typed);
    // letters issued before 2026-12 carried ** emphasis marks, which are dropped
    for (String paragraph : d.body().split("\n\n")) {
      html.append("<p>").append(HtmlUtils.htmlEscape(paragraph.replace("**", "")).replace("\n", "<br>")).append("</p>");
    }
    html.append("<p class=\"date\">").append(DATE.format(d.issuedAt())).append("</p></body></html>");
    return html.toString();
  }

  record Listed(String number, String kind, String kindLabel, String title, String unit, String issuedAt) {}

  @GetMapping
  List<Listed> list(@RequestParam String caseNumber) {
    return documents.forCase(caseNumber).stream().filter(this::visible)
        .map(d -> new Listed(d.number(), d.kind().name(), d.kind().label(), d.title(), d.unit(), d.issuedAt().toString()))
        .toList();
  }

  private boolean visible(DocumentStore.Document d) {
    if (caller.inAnyGroup(OVERSIGHT) || (d.unit() != null && caller.groups().contains(d.unit()))) {
      return true;
    }
    return ledger.find(d.caseNumber()).map(Petition::caseOwner).filter(caller.userId()::equals).isPresent();
  }
}
