package cn.xinfang.flow.documents;

import cn.xinfang.flow.casefile.CaseAccess;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.system.Caller;
import cn.xinfang.flow.system.NotFoundException;
import java.util.List;
import java.util.Set;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Issued documents: {@code GET /api/documents/ZB-2026-000001} is a printable page (the link in the
 * task form opens it in the same Tasklist login), {@code GET /api/documents/ZB-2026-000001/pdf} the
 * PDF in the official layout ({@code ?copy=petitioner}: the petitioner's copy, without internal names),
 * {@code GET /api/documents?caseNumber=} lists a case's. Whoever may read the case (casefile/CaseAccess:
 * oversight, the case owner, the unit handling it) may read its documents, and a unit a letter is
 * addressed to may read that letter; anyone else gets 404, as if the document did not exist.
 */
@RestController
@RequestMapping("/api/documents")
class DocumentController {

  static final Set<String> OVERSIGHT = Set.of("petition-office", "leaders", "supervision", "camunda-admin");

  private final DocumentStore documents;
  private final DocumentPdf pdf;
  private final PetitionLedger ledger;
  private final CaseAccess access;
  private final Caller caller;

  DocumentController(DocumentStore documents, DocumentPdf pdf, PetitionLedger ledger, CaseAccess access, Caller caller) {
    this.documents = documents;
    this.pdf = pdf;
    this.ledger = ledger;
    this.access = access;
    this.caller = caller;
  }

  @GetMapping(value = "/{number}", produces = MediaType.TEXT_HTML_VALUE)
  String print(@PathVariable String number) {
    DocumentStore.Document d = readable(number);
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>")
        .append(HtmlUtils.htmlEscape(d.title())).append("</title><style>")
        .append("body{font-family:'SimSun','Songti SC','Noto Serif CJK SC','WenQuanYi Micro Hei',serif;max-width:42em;")
        .append("margin:2em auto;line-height:1.9;font-size:16pt}h1{text-align:center;font-size:22pt;letter-spacing:.1em}")
        .append(".no{text-align:center;margin-bottom:2em}.date{text-align:right;margin-top:3em}")
        .append(".pdf{font-size:11pt}@media print{body{margin:0}.pdf{display:none}}</style></head><body>")
        .append("<p class=\"pdf\"><a href=\"/api/documents/").append(HtmlUtils.htmlEscape(d.number()))
        .append("/pdf\">下载 PDF（公文格式）</a></p>")
        .append("<h1>").append(HtmlUtils.htmlEscape(d.kind().label())).append("</h1>")
        .append("<p class=\"no\">").append(HtmlUtils.htmlEscape(d.officialNumber())).append("（")
        .append(HtmlUtils.htmlEscape(d.number())).append("）</p>");
    if (d.addressee() != null) {
      html.append("<p>").append(HtmlUtils.htmlEscape(d.addressee())).append("：</p>");
    }
    // the body is plain text, escaped here where it becomes HTML (typed subjects and names show as typed);
    // letters issued before 2026-12 carried ** emphasis marks, which are dropped
    for (String paragraph : d.body().split("\n\n")) {
      html.append("<p>").append(HtmlUtils.htmlEscape(paragraph.replace("**", "")).replace("\n", "<br>")).append("</p>");
    }
    if (d.issuer() != null) {
      html.append("<p class=\"date\">").append(HtmlUtils.htmlEscape(d.issuer())).append("</p>");
    }
    html.append("<p class=\"date\">").append(DocumentIssuer.day(d.issuedAt())).append("</p></body></html>");
    return html.toString();
  }

  @GetMapping("/{number}/pdf")
  ResponseEntity<byte[]> pdf(@PathVariable String number, @RequestParam(required = false) String copy) {
    DocumentStore.Document d = readable(number);
    return pdfAnswer(d, pdf.render(d, "petitioner".equals(copy)));
  }

  /** A PDF answer: a download named after the document, never cached by a shared proxy. */
  static ResponseEntity<byte[]> pdfAnswer(DocumentStore.Document d, byte[] bytes) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(d.kind().label() + "-" + d.number() + ".pdf", java.nio.charset.StandardCharsets.UTF_8).build().toString())
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .body(bytes);
  }

  record Listed(String number, String officialNumber, String kind, String kindLabel, String title, String unit,
      String issuedAt, String pdf) {}

  @GetMapping
  List<Listed> list(@RequestParam String caseNumber) {
    return documents.forCase(caseNumber).stream().filter(this::visible)
        .map(d -> new Listed(d.number(), d.officialNumber(), d.kind().name(), d.kind().label(), d.title(), d.unit(),
            d.issuedAt().toString(), "/api/documents/" + d.number() + "/pdf"))
        .toList();
  }

  private DocumentStore.Document readable(String number) {
    return documents.find(number).filter(this::visible)
        .orElseThrow(() -> new NotFoundException("没有编号为 " + number + " 的文书，或您无权查看"));
  }

  private boolean visible(DocumentStore.Document d) {
    if (caller.inAnyGroup(OVERSIGHT) || (d.unit() != null && caller.groups().contains(d.unit()))) {
      return true;
    }
    return ledger.find(d.caseNumber()).filter(access::mayRead).isPresent();
  }
}
