package cn.xinfang.flow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xinfang.flow.documents.DocumentStore.Document;
import cn.xinfang.flow.documents.DocumentStore.Kind;
import cn.xinfang.flow.intake.PetitionRequests;
import cn.xinfang.flow.organization.OrganizationDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The statutory documents, each kind issued by the step that issues it, drawn as PDF and read back
 * with PDFBox: number, 发文字号, parties, dates, the embedded CJK font; issued once per step; readable
 * by who may read the case only; the petitioner's copy without internal names; templates changed by
 * administrators apply to later documents, bad ones refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:public-documents-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
    "camunda.bpm.job-execution.enabled=false"})
class StatutoryDocumentsTest {

  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired PetitionRequests requests;
  @Autowired DocumentStore documents;
  @Autowired DocumentIssuer issuer;
  @Autowired DocumentPdf pdf;
  @Autowired OrganizationDirectory organization;
  @Autowired JdbcTemplate jdbc;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void shouldIssueEveryKindFromItsStepAndDrawItAsPdfWithTheEmbeddedFont() throws Exception {
    clock(LocalDateTime.of(2026, 3, 2, 10, 0));
    // 1. handled by the office: receipt, acceptance, decision, 复查, 复核
    String handled = register("LABOR", "拖欠工资三个月", "李文书");
    complete(handled, "task_accept_petition", Map.of("acceptanceDecision", "HANDLE", "acceptanceNote", "请耐心等待调查结果"));
    complete(handled, "task_handle_petition", Map.of("handlingAction", "REPORT", "outcome", "SUPPORT",
        "facts", "经核实某公司欠薪属实", "reasons", "依据《保障农民工工资支付条例》"));
    complete(handled, "task_send_reply", Map.of("replyDecision", "SEND", "replyMethod", "WRITTEN", "replyText", "责令限期支付"));
    requests.submit(handled, PetitionRequests.RequestType.REVIEW, "对处理意见不服");
    complete(handled, "task_decide_review", Map.of("reviewOutcome", "UPHOLD", "reviewOpinion", "原处理意见事实清楚"));
    requests.submit(handled, PetitionRequests.RequestType.REREVIEW, "仍不服");
    complete(handled, "task_decide_rereview", Map.of("rereviewOutcome", "UPHOLD", "rereviewOpinion", "复核维持"));
    // 2. rejected, 3. forwarded, 4. referred (转办函), and the urging letter of that referral
    String rejected = register("OTHER", "要求撤销法院判决", "张不受");
    complete(rejected, "task_accept_petition", Map.of("acceptanceDecision", "REJECT",
        "acceptanceNote", "已经进入诉讼程序的事项", "forwardBody", "县人民法院"));
    String forwarded = register("HEALTH", "医疗纠纷", "赵转送");
    complete(forwarded, "task_accept_petition", Map.of("acceptanceDecision", "FORWARD",
        "acceptanceNote", "该事项由卫生健康部门处理", "forwardBody", "市卫生健康委员会"));
    String referred = register("URBAN", "小区违建", "周转办");
    complete(referred, "task_accept_petition", Map.of("acceptanceDecision", "REFER", "handlingUnit", "unit-chengguan",
        "acceptanceNote", "转城关镇调查处理"));
    Document referral = kinds(referred).get(Kind.REFERRAL_LETTER);
    issuer.issue("URGING:test:" + referral.number(), Kind.URGING_LETTER, referred, "unit-chengguan",
        organization.nameOf("petition-office"), Map.of("主送单位", "城关镇", "转办函编号", referral.number(),
            "原办理期限", "2026年4月2日"));

    Map<Kind, Document> first = kinds(handled);
    assertThat(first.keySet()).containsExactlyInAnyOrder(Kind.RECEIPT, Kind.ACCEPTED, Kind.DECISION, Kind.REVIEW,
        Kind.REREVIEW);
    Map<Kind, Document> all = new HashMap<>(first);
    all.putAll(kinds(rejected));
    all.putAll(kinds(forwarded));
    all.putAll(kinds(referred));
    // every templated kind; the discipline lead's own papers (untemplated) are checked below
    assertThat(all.keySet()).containsExactlyInAnyOrderElementsOf(
        java.util.Arrays.stream(Kind.values()).filter(Kind::templated).toList());

    for (Document d : all.values()) {
      byte[] bytes = pdf.render(d, d.forPetitioner());
      try (PDDocument read = Loader.loadPDF(bytes)) {
        PDPage page1 = read.getPage(0);
        assertThat(page1.getMediaBox().getWidth()).as("A4").isCloseTo(PDRectangle.A4.getWidth(), org.assertj.core.data.Offset.offset(0.5f));
        String text = new PDFTextStripper().getText(read);
        assertThat(text).as(d.kind() + " text").contains(d.number(), d.officialNumber(), d.caseNumber(), "2026年3月2日");
        // a long title wraps: compare without the line breaks
        assertThat(text.replaceAll("\\R", "")).as(d.kind() + " title").contains(d.title());
        assertThat(embeddedFonts(read)).as(d.kind() + " fonts").isNotEmpty()
            .allSatisfy(name -> assertThat(name).contains("NotoSerifSC"));
      }
    }
    // an untemplated paper (written by its step, here the 初核 report): staff copy only, drawn the same way
    Document lead = documents.issue("LEAD:test:" + handled, Kind.LEAD_REPORT, handled, "discipline-investigation",
        "初核情况报告（" + handled + "）", number -> "初核情况报告 " + number + "\n初核结论：反映问题基本属实");
    assertThat(lead.forPetitioner()).isFalse();
    assertThat(documents.issue("LEAD:test:" + handled, Kind.LEAD_REPORT, handled, "discipline-investigation",
        "重复", number -> "重复").number()).as("issued once per key").isEqualTo(lead.number());
    try (PDDocument read = Loader.loadPDF(pdf.render(lead, false))) {
      assertThat(new PDFTextStripper().getText(read)).contains(lead.number(), lead.officialNumber(), "反映问题基本属实");
      assertThat(embeddedFonts(read)).isNotEmpty().allSatisfy(name -> assertThat(name).contains("NotoSerifSC"));
    }
    // the parties and what each kind must say
    assertThat(pdfText(first.get(Kind.RECEIPT))).contains("李文书", "拖欠工资三个月", "查询码");
    assertThat(pdfText(first.get(Kind.ACCEPTED))).contains("李文书", "受理", "60日", "请耐心等待调查结果");
    assertThat(pdfText(all.get(Kind.REJECTED))).contains("张不受", "已经进入诉讼程序的事项", "县人民法院");
    assertThat(pdfText(all.get(Kind.FORWARDED))).contains("赵转送", "市卫生健康委员会");
    assertThat(pdfText(first.get(Kind.DECISION))).contains("经核实某公司欠薪属实", "依据《保障农民工工资支付条例》",
        "支持", "30日内", "复查");
    assertThat(pdfText(first.get(Kind.REVIEW))).contains("维持", "原处理意见事实清楚", "复核");
    assertThat(pdfText(first.get(Kind.REREVIEW))).contains("复核维持");
    assertThat(pdfText(all.get(Kind.REFERRAL_LETTER))).contains("城关镇", "周转办", "小区违建");
    assertThat(pdfText(all.get(Kind.URGING_LETTER))).contains("城关镇", referral.number());
    // 复查意见书 and 复核意见书 are issued by the bodies that decided them, not the office
    assertThat(first.get(Kind.REVIEW).issuer()).isEqualTo(organization.nameOf(organization.reviewBody("UPPER_REVIEW")));

    // a picture of the decision's first page for the README
    File out = new File("target/document-decision.png");
    try (PDDocument read = Loader.loadPDF(pdf.render(first.get(Kind.DECISION), true))) {
      BufferedImage image = new PDFRenderer(read).renderImageWithDPI(0, 72);
      ImageIO.write(image, "png", out);
    }
    assertThat(out).exists();
  }

  @Test
  void shouldHaveEveryKindsNumberSequenceBeforeTheFirstDocument() {
    // created at start (petition/NumberSequences): a task's completion never creates one on a second connection
    int year = java.time.LocalDate.now(CHINA).getYear();
    for (Kind kind : Kind.values()) {
      for (int y : new int[] {year, year + 1}) {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.sequences WHERE LOWER(sequence_name) = ?",
            Integer.class, ("xf_seq_" + kind.prefix + "_" + y).toLowerCase())).as(kind + " " + y).isEqualTo(1);
      }
    }
  }

  @Test
  void shouldIssueADocumentOnceWhenItsStepRunsTwice() {
    clock(LocalDateTime.of(2026, 3, 3, 10, 0));
    String caseNumber = register("LABOR", "重复执行", "钱一次");
    DelegateExecution execution = Mockito.mock(DelegateExecution.class);
    Mockito.when(execution.getProcessBusinessKey()).thenReturn(caseNumber);
    Mockito.when(execution.getProcessInstance()).thenReturn(execution);
    Mockito.when(execution.getActivityInstanceId()).thenReturn("service_reject_petition:42");
    Mockito.when(execution.getVariable("acceptanceNote")).thenReturn("不属于信访事项");
    issuer.issue(execution, "REJECTED");
    issuer.issue(execution, "REJECTED");
    issuer.issue(execution, "RECEIPT"); // the receipt was issued at registration: still one
    assertThat(documents.forCase(caseNumber)).extracting(Document::kind).containsExactlyInAnyOrder(Kind.RECEIPT, Kind.REJECTED);
  }

  @Test
  void shouldLetOnlyWhoMayReadTheCaseDownloadAndMaskTheStaffInThePetitionersCopy() throws Exception {
    clock(LocalDateTime.of(2026, 3, 4, 10, 0));
    String caseNumber = register("URBAN", "道路积水", "孙下载");
    complete(caseNumber, "task_accept_petition", Map.of("acceptanceDecision", "ASSIGN", "handlingUnit", "unit-chengguan",
        "acceptanceNote", "交城关镇办理"));
    complete(caseNumber, "task_handle_petition", Map.of("handlingAction", "REPORT", "outcome", "EXPLAIN",
        "facts", "已疏通排水", "reasons", "属市政维护范围"));
    complete(caseNumber, "task_send_reply", Map.of("replyDecision", "SEND", "replyMethod", "WRITTEN", "replyText", "已处理"));
    Document decision = kinds(caseNumber).get(Kind.DECISION);
    String path = "/api/documents/" + decision.number() + "/pdf";
    for (String reader : List.of("office1", "reception1", "chengguan1", "supervisor1")) {
      HttpResponse<byte[]> answer = get(path, reader);
      assertThat(answer.statusCode()).as(reader).isEqualTo(200);
      assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/pdf");
    }
    assertThat(get(path, "hr1").statusCode()).as("a unit not handling the case").isEqualTo(404);
    assertThat(get("/api/documents/" + decision.number(), "hr1").statusCode()).isEqualTo(404);
    assertThat(http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode())
        .isEqualTo(401);
    // the case file lists it with its PDF link
    JsonNode file = json.readTree(new String(get("/api/cases/" + caseNumber, "chengguan1").body(), StandardCharsets.UTF_8));
    assertThat(file.path("documents").findValuesAsText("pdfHref")).contains(path);

    String staffName = organization.displayName("reception1");
    String staff = text(get(path, "office1").body());
    String petitioner = text(get(path + "?copy=petitioner", "office1").body());
    assertThat(staff).contains("承办人：" + staffName);
    assertThat(petitioner).doesNotContain(staffName).contains("承办人：" + organization.nameOf("petition-office"))
        .contains("信访人留存");
  }

  @Test
  void shouldNeverNameADisciplineReporterOnAnyCopy() throws Exception {
    clock(LocalDateTime.of(2026, 3, 5, 10, 0));
    String caseNumber = register("DISCIPLINE", "反映某干部违纪", "欧阳检举");
    for (Document d : documents.forCase(caseNumber)) {
      assertThat(pdfText(d)).doesNotContain("欧阳检举").doesNotContain("欧阳").contains("检举人");
      assertThat(text(pdf.render(d, false))).doesNotContain("欧阳");
    }
    assertThat(documents.forCase(caseNumber)).extracting(Document::kind).contains(Kind.RECEIPT);
  }

  @Test
  void shouldApplyAChangedTemplateToLaterDocumentsAndRefuseABadOne() throws Exception {
    clock(LocalDateTime.of(2026, 3, 6, 10, 0));
    String before = register("LABOR", "模板之前", "吴模板");
    Document oldReceipt = kinds(before).get(Kind.RECEIPT);

    HttpResponse<String> bad = send("PUT", "/api/admin/document-templates/RECEIPT", "admin", """
        {"title":"登记回执","addressee":"{{信访人}}","body":"您的编号 {{信访件编号}}，办理人 {{经办人}}，{{未闭合"}""");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("body", "{{经办人}}", "未闭合");
    HttpResponse<String> missing = send("PUT", "/api/admin/document-templates/REJECTED", "admin", """
        {"title":"不予受理告知书","addressee":"{{信访人}}","body":"不予受理。"}""");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("{{不予受理理由}}");
    assertThat(send("PUT", "/api/admin/document-templates/RECEIPT", "office1", """
        {"title":"登记回执","addressee":"{{信访人}}","body":"已登记 {{信访件编号}}"}""").statusCode()).isEqualTo(403);

    HttpResponse<String> changed = send("PUT", "/api/admin/document-templates/RECEIPT", "admin", """
        {"title":"信访事项登记回执（新）","addressee":"{{信访人}}","body":"来信来访已登记，编号 {{信访件编号}}，请凭查询码查询。"}""");
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(json.readTree(changed.body()).path("changed").asBoolean()).isTrue();
    try {
      String after = register("LABOR", "模板之后", "郑模板");
      assertThat(pdfText(kinds(after).get(Kind.RECEIPT))).contains("来信来访已登记，编号 " + after, "信访事项登记回执（新）");
      // issued documents keep their text
      assertThat(pdfText(documents.find(oldReceipt.number()).orElseThrow())).doesNotContain("来信来访已登记")
          .contains("信访事项：模板之前");
    } finally {
      assertThat(send("DELETE", "/api/admin/document-templates/RECEIPT", "admin", null).statusCode()).isEqualTo(200);
    }
    JsonNode list = json.readTree(send("GET", "/api/admin/document-templates", "admin", null).body());
    assertThat(list.findValuesAsText("kind")).hasSize(
        (int) java.util.Arrays.stream(Kind.values()).filter(Kind::templated).count());
    assertThat(list.get(0).path("changed").asBoolean()).isFalse();
  }

  // ------------------------------------------------------------------ helpers

  static List<String> embeddedFonts(PDDocument read) throws Exception {
    List<String> names = new ArrayList<>();
    for (PDPage page : read.getPages()) {
      for (var name : page.getResources().getFontNames()) {
        PDFont font = page.getResources().getFont(name);
        assertThat(font).isInstanceOf(PDType0Font.class);
        assertThat(font.isEmbedded()).as(font.getName() + " embedded").isTrue();
        assertThat(((PDType0Font) font).getDescendantFont().getFontDescriptor().getFontFile2()).isNotNull();
        names.add(font.getName());
      }
    }
    return names;
  }

  String pdfText(Document d) throws Exception {
    return text(pdf.render(d, d.forPetitioner()));
  }

  static String text(byte[] bytes) throws Exception {
    try (PDDocument read = Loader.loadPDF(bytes)) {
      // lines wrap where the page ends: compare the text without its line breaks
      return new PDFTextStripper().getText(read).replaceAll("\\R", "");
    }
  }

  Map<Kind, Document> kinds(String caseNumber) {
    Map<Kind, Document> map = new HashMap<>();
    documents.forCase(caseNumber).forEach(d -> map.put(d.kind(), d));
    return map;
  }

  String register(String category, String subject, String name) {
    try {
      HttpResponse<String> created = send("POST", "/api/petitions", "reception1", """
          {"channel":"VISIT","category":"%s","subject":"%s","content":"%s的详细情况","realName":true,
           "headcount":1,"sourceLevel":"SELF","petitionerName":"%s","petitionerPhone":"136%08d"}"""
          .formatted(category, subject, subject, name, Math.abs(subject.hashCode()) % 100_000_000));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      return json.readTree(created.body()).path("caseNumber").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void complete(String caseNumber, String taskKey, Map<String, Object> variables) {
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(caseNumber).taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as("open task " + taskKey + " of " + caseNumber).isNotNull();
    tasks.complete(task.getId(), variables);
  }

  static void clock(LocalDateTime beijing) {
    ClockUtil.setCurrentTime(Date.from(beijing.atZone(CHINA).toInstant()));
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  HttpResponse<byte[]> get(String path, String user) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> send(String method, String path, String user, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      b.header("Authorization", basic(user));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
  }
}
