package cn.xinfang.flow.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xinfang.flow.petition.QueryCodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The case file, attachments, receipt and search over HTTP, as the pages and other systems call them:
 * who sees what (owner, oversight, handling unit, outsider), masking, upload limits, SQL-level
 * visibility of searches, the Excel export read back, and the 查询码 stored only as a hash. Run on H2
 * ({@link CaseFileApiTest}) and on PostgreSQL ({@link CaseFilePostgresTest}): the SQL, the binary column
 * and the indexes must work on both. Subclasses set {@code xinfang.cases.export-cap=3}.
 */
abstract class CaseFileApiContract {

  /** A one-pixel PNG. */
  static final byte[] PNG = Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
  /** A minimal, valid one-page PDF. */
  static final byte[] PDF = ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
      + "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
      + "trailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired QueryCodes queryCodes;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();
  static int serial = 0;

  // ---- the case file and who may see it

  @Test
  void shouldShowTheWholeCaseFileToOwnerOversightAndUnitButNotToOthers() throws Exception {
    String n = register("reception1", "LABOR", "case-file-" + tag(), "张三", phone(), null);
    for (String reader : List.of("reception1", "office1", "head", "supervisor1")) {
      assertThat(get("/api/cases/" + n, reader).statusCode()).as(reader).isEqualTo(200);
    }
    for (String outsider : List.of("hr1", "reception2", "jointlead1")) {
      HttpResponse<String> refused = get("/api/cases/" + n, outsider);
      assertThat(refused.statusCode()).as(outsider).isEqualTo(404);
      assertThat(refused.body()).doesNotContain("张三").contains("无权查看");
    }
    // the handling unit sees the case once it handles it
    jdbc.update("UPDATE xf_petition SET handling_unit = 'unit-hr' WHERE case_number = ?", n);
    JsonNode file = json.readTree(get("/api/cases/" + n, "hr1").body());
    assertThat(file.path("content").asText()).isEqualTo("某公司拖欠工资三个月，要求支付");
    assertThat(file.path("petitionerName").asText()).isEqualTo("张三");
    assertThat(file.path("handlingUnitName").asText()).isEqualTo("县人力资源和社会保障局");
    assertThat(file.path("caseOwnerName").asText()).isEqualTo("王芳");
    JsonNode registered = file.path("timeline").get(0);
    assertThat(registered.path("what").asText()).isEqualTo("登记");
    assertThat(registered.path("actorName").asText()).isEqualTo("王芳");
    // the acceptance deadline the intake stored, with its state
    List<String> deadlines = new ArrayList<>();
    file.path("deadlines").forEach(d -> deadlines.add(d.path("name").asText() + "/" + d.path("state").asText()));
    assertThat(deadlines).anyMatch(d -> d.startsWith("受理告知/"));
    assertThat(deadlines).allMatch(d -> d.endsWith("/RUNNING") || d.endsWith("/PASSED") || d.endsWith("/OVERDUE"));
  }

  @Test
  void shouldShowAUnitsOwnFirstVisitCaseToThatUnitAndTheOfficeButNotToAnotherUnit() throws Exception {
    // 单位首问: hr1 of the human resources bureau registers the bureau's own case
    String n = register("hr1", "LABOR", "unit-first-" + tag(), "赵六", phone(), null);
    for (String reader : List.of("hr1", "office1", "head")) {
      assertThat(get("/api/cases/" + n, reader).statusCode()).as(reader).isEqualTo(200);
    }
    JsonNode file = json.readTree(get("/api/cases/" + n, "hr1").body());
    List<String> steps = new ArrayList<>();
    file.path("timeline").forEach(e -> steps.add(e.path("what").asText()));
    assertThat(steps).contains("登记", "单位首问");
    for (String outsider : List.of("chengguan1", "land1", "reception2")) {
      HttpResponse<String> refused = get("/api/cases/" + n, outsider);
      assertThat(refused.statusCode()).as(outsider).isEqualTo(404);
      assertThat(refused.body()).doesNotContain("赵六").contains("无权查看");
      assertThat(numbers(outsider, "number=" + n)).as(outsider).isEmpty();
    }
    assertThat(numbers("hr1", "number=" + n)).containsExactly(n);
  }

  @Test
  void shouldMaskADisciplineReportersIdentityForEveryone() throws Exception {
    String id = idNumber("33010219900101123");
    String n = register("reception1", "DISCIPLINE", "举报-" + tag(), "王小明", "13812345678", id);
    for (String reader : List.of("reception1", "office1", "head")) {
      JsonNode file = json.readTree(get("/api/cases/" + n, reader).body());
      assertThat(file.path("confidential").asBoolean()).isTrue();
      assertThat(file.path("petitionerName").asText()).isEqualTo("王**");
      assertThat(file.path("petitionerPhone").asText()).isEqualTo("138****5678");
      assertThat(file.path("petitionerIdNumber").asText()).isEqualTo("3301**********" + id.substring(14));
      assertThat(file.path("petitionerAddress").asText()).isEqualTo("（保密）");
      assertThat(file.toString()).doesNotContain("王小明").doesNotContain("13812345678").doesNotContain(id);
    }
  }

  @Test
  void shouldListRepeatCasesBothWaysButOnlyThoseTheCallerMaySee() throws Exception {
    String first = register("reception1", "LABOR", "重复件甲-" + tag(), "蒋五", phone(), null);
    String body = body("LABOR", "重复件乙-" + tag(), "蒋五", phone(), null)
        .replace("\"petitionerAddress\"", "\"relatedCaseNumber\":\"" + first + "\",\"petitionerAddress\"");
    HttpResponse<String> r = post("/api/petitions", "reception2", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String repeat = json.readTree(r.body()).path("caseNumber").asText();

    JsonNode ofRepeat = json.readTree(get("/api/cases/" + repeat, "office1").body()).path("linkedCases");
    assertThat(ofRepeat).hasSize(1);
    assertThat(ofRepeat.get(0).path("caseNumber").asText()).isEqualTo(first);
    assertThat(ofRepeat.get(0).path("relation").asText()).isEqualTo("本件为该件的重复信访");
    JsonNode ofFirst = json.readTree(get("/api/cases/" + first, "office1").body()).path("linkedCases");
    assertThat(ofFirst.get(0).path("caseNumber").asText()).isEqualTo(repeat);
    assertThat(ofFirst.get(0).path("relation").asText()).isEqualTo("该件为本件的重复信访");
    // reception1 owns the first case only: the repeat registered by reception2 is not named to them
    assertThat(json.readTree(get("/api/cases/" + first, "reception1").body()).path("linkedCases")).isEmpty();
  }

  // ---- attachments

  @Test
  void shouldAcceptARealPngAndPdfAndLetOnlyReadersDownloadThem() throws Exception {
    String n = register("reception1", "LABOR", "附件-" + tag(), "李四", phone(), null);
    HttpResponse<String> png = upload(n, "reception1", "照片.png", PNG);
    assertThat(png.statusCode()).as(png.body()).isEqualTo(201);
    JsonNode stored = json.readTree(png.body());
    assertThat(stored.path("mediaType").asText()).isEqualTo("image/png");
    assertThat(stored.path("size").asLong()).isEqualTo(PNG.length);
    // the type comes from the content: a PDF uploaded without extension gets one
    HttpResponse<String> pdf = upload(n, "office1", "来信扫描件", PDF);
    assertThat(pdf.statusCode()).as(pdf.body()).isEqualTo(201);
    assertThat(json.readTree(pdf.body()).path("fileName").asText()).isEqualTo("来信扫描件.pdf");
    assertThat(upload(n, "office1", "报告.docx", office("word/document.xml")).statusCode()).isEqualTo(201);
    assertThat(upload(n, "office1", "台账.xlsx", office("xl/workbook.xml")).statusCode()).isEqualTo(201);

    String href = stored.path("href").asText();
    HttpResponse<byte[]> download = http.send(request(href, "reception1").GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(PNG);
    assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));

    assertThat(get(href, "hr1").statusCode()).isEqualTo(404);
    assertThat(get("/api/cases/" + n + "/attachments", "hr1").statusCode()).isEqualTo(404);
    assertThat(upload(n, "hr1", "x.png", PNG).statusCode()).isEqualTo(404);

    JsonNode file = json.readTree(get("/api/cases/" + n, "office1").body());
    assertThat(file.path("attachments")).hasSize(4);
    List<String> journal = new ArrayList<>();
    file.path("timeline").forEach(t -> journal.add(t.path("what").asText() + "|" + t.path("actorName").asText() + "|"
        + t.path("detail").asText()));
    assertThat(journal).contains("上传附件|王芳|照片.png（" + PNG.length + " 字节）", "上传附件|张伟|来信扫描件.pdf（" + PDF.length + " 字节）");
  }

  @Test
  void shouldRefuseAProgramRenamedPdfAndAZipThatIsNoOfficeFileAndStoreNothing() throws Exception {
    String n = register("reception1", "LABOR", "附件类型-" + tag(), "赵六", phone(), null);
    byte[] exe = new byte[512];
    exe[0] = 'M';
    exe[1] = 'Z';
    HttpResponse<String> program = upload(n, "reception1", "发票.pdf", exe);
    assertThat(program.statusCode()).isEqualTo(415);
    assertThat(program.body()).contains("PDF、JPG、PNG").contains("改扩展名无效");
    assertThat(upload(n, "reception1", "报告.docx", office("other/thing.xml")).statusCode()).isEqualTo(415);
    HttpResponse<String> empty = upload(n, "reception1", "空.pdf", new byte[0]);
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("文件是空的");
    assertNothingStored(n);
  }

  @Test
  void shouldRefuseAFileOfTwentyMegabytesAndOneByteAndStoreNothing() throws Exception {
    String n = register("reception1", "LABOR", "大附件-" + tag(), "钱七", phone(), null);
    byte[] big = new byte[20 * 1024 * 1024 + 1];
    System.arraycopy(PDF, 0, big, 0, PDF.length);
    HttpResponse<String> refused = upload(n, "reception1", "大文件.pdf", big);
    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(refused.body()).contains("20 MB");
    assertNothingStored(n);
    // exactly 20 MB is allowed
    HttpResponse<String> limit = upload(n, "reception1", "刚好.pdf", Arrays.copyOf(big, 20 * 1024 * 1024));
    assertThat(limit.statusCode()).as(limit.body()).isEqualTo(201);
  }

  @Test
  void shouldNotLetAWebappLoginChangeAnythingWithoutTheSessionToken() throws Exception {
    // no Basic credentials and no login: an upload is refused before it reaches the case
    HttpRequest anonymous = HttpRequest.newBuilder(uri("/api/cases/XF-2026-000001/attachments"))
        .header("Content-Type", "multipart/form-data; boundary=x").POST(HttpRequest.BodyPublishers.ofString("--x--")).build();
    assertThat(http.send(anonymous, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
  }

  @Test
  void shouldServeATasklistClerkWithTheWebappLoginAloneAndShowTheQueryCodeOnce() throws Exception {
    java.net.CookieManager cookies = new java.net.CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    String xsrf = webappLogin(browser, cookies, "reception1");
    // the Tasklist start form: the answer is the new instance, its business key the case number
    String variables = """
        {"variables": {"channel": {"value": "VISIT", "type": "String"}, "category": {"value": "LABOR", "type": "String"},
         "subject": {"value": "窗口登记%s", "type": "String"}, "content": {"value": "拖欠工资", "type": "String"},
         "realName": {"value": true, "type": "Boolean"}, "headcount": {"value": 1, "type": "Integer"},
         "sourceLevel": {"value": "SELF", "type": "String"}, "petitionerName": {"value": "窗口来访人", "type": "String"},
         "petitionerPhone": {"value": "%s", "type": "String"}}}
        """.formatted(tag(), phone());
    HttpResponse<String> started = browser.send(HttpRequest.newBuilder(
            uri("/camunda/api/engine/engine/default/process-definition/key/petition-intake/submit-form"))
        .header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrf)
        .POST(HttpRequest.BodyPublishers.ofString(variables, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String n = json.readTree(started.body()).path("businessKey").asText();
    assertThat(n).matches("XF-\\d{4}-\\d{6}");

    // the receipt page, opened next with the same login, shows the query code once
    JsonNode receipt = json.readTree(browser.send(HttpRequest.newBuilder(uri("/api/cases/" + n + "/receipt")).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body());
    String code = receipt.path("queryCode").asText();
    assertThat(code).hasSize(10);
    assertThat(queryCodes.matches(n, code)).isTrue();
    JsonNode again = json.readTree(browser.send(HttpRequest.newBuilder(uri("/api/cases/" + n + "/receipt")).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body());
    assertThat(again.has("queryCode")).isFalse();
    assertThat(again.path("caseNumber").asText()).isEqualTo(n);

    // the pages themselves are served from the jar
    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(uri("/cases/" + n)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("卷宗").contains("/casefile/case.js");

    // an upload with the login alone needs the session's token (GET /api/me), so another site cannot forge one
    HttpResponse<String> forged = sessionUpload(browser, n, null);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("刷新页面");
    assertNothingStored(n);
    String token = json.readTree(browser.send(HttpRequest.newBuilder(uri("/api/me")).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body()).path("csrfToken").asText();
    assertThat(token).isNotBlank();
    HttpResponse<String> uploaded = sessionUpload(browser, n, token);
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    assertThat(jdbc.queryForObject("SELECT uploaded_by FROM xf_attachment WHERE case_number = ?", String.class, n))
        .isEqualTo("reception1");
  }

  String webappLogin(HttpClient browser, java.net.CookieManager cookies, String user) throws Exception {
    browser.send(HttpRequest.newBuilder(uri("/camunda/app/tasklist/default/")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(java.net.HttpCookie::getValue).findFirst().orElse("");
    HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default"))
        .header("X-XSRF-TOKEN", "Fetch").GET().build(), HttpResponse.BodyHandlers.ofString());
    return page.headers().firstValue("X-XSRF-TOKEN").orElse(cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN")).map(java.net.HttpCookie::getValue).findFirst().orElse(token));
  }

  HttpResponse<String> sessionUpload(HttpClient browser, String n, String token) throws Exception {
    String boundary = "----xf" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.png\"\r\n"
        + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(PNG);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder b = HttpRequest.newBuilder(uri("/api/cases/" + n + "/attachments"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (token != null) {
      b.header("X-XSRF-TOKEN", token);
    }
    return browser.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  // ---- receipt and query code

  @Test
  void shouldGiveTheQueryCodeOnceAndKeepOnlyASaltedHash() throws Exception {
    HttpResponse<String> registered = post("/api/petitions", "reception1", body("LABOR", "回执-" + tag(), "孙八", phone(), null));
    JsonNode answer = json.readTree(registered.body());
    String n = answer.path("caseNumber").asText();
    String code = answer.path("queryCode").asText();
    assertThat(code).hasSize(10).matches("[ACDEFGHJKMNPQRTUVWXY34679]+");
    assertThat(answer.path("receipt").asText()).isEqualTo("/cases/" + n + "/receipt");
    String stored = jdbc.queryForObject("SELECT query_code_hash FROM xf_petition WHERE case_number = ?", String.class, n);
    assertThat(stored).startsWith("pbkdf2-sha256$").doesNotContain(code);
    assertThat(queryCodes.matches(n, code)).isTrue();
    assertThat(queryCodes.matches(n, code.toLowerCase())).isTrue();
    assertThat(queryCodes.matches(n, "ACDEFGHJKM")).isFalse();

    JsonNode receipt = json.readTree(get("/api/cases/" + n + "/receipt", "reception1").body());
    assertThat(receipt.path("caseNumber").asText()).isEqualTo(n);
    assertThat(receipt.path("office").asText()).isEqualTo("信访室");
    assertThat(receipt.has("queryCode")).as("shown only to whoever registered, once").isFalse();
    assertThat(receipt.path("queryCodeIssuedAt").isNull()).isFalse();

    // a lost receipt: the unit may read the case but not hand out codes; outsiders do not learn it exists
    jdbc.update("UPDATE xf_petition SET handling_unit = 'unit-hr' WHERE case_number = ?", n);
    assertThat(post("/api/cases/" + n + "/query-code", "hr1", null).statusCode()).isEqualTo(403);
    assertThat(post("/api/cases/" + n + "/query-code", "health1", null).statusCode()).isEqualTo(404);
    HttpResponse<String> reissued = post("/api/cases/" + n + "/query-code", "reception1", null);
    assertThat(reissued.statusCode()).isEqualTo(201);
    String second = json.readTree(reissued.body()).path("queryCode").asText();
    assertThat(queryCodes.matches(n, second)).isTrue();
    assertThat(queryCodes.matches(n, code)).as("the old code stops working").isFalse();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_petition_event WHERE case_number = ? "
        + "AND event_type = 'QUERY_CODE_REISSUED' AND actor = 'reception1'", Integer.class, n)).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_petition_event WHERE case_number = ? AND detail LIKE ?",
        Integer.class, n, "%" + second + "%")).isZero();
  }

  // ---- search

  @Test
  void shouldFindCasesByEachFilterAndOnlyThoseTheCallerMaySee() throws Exception {
    String t = tag();
    String idNumber = idNumber("11010519850315002");
    String phone = phone();
    String a = register("reception1", "LABOR", "欠薪" + t, "周一" + t, phone, idNumber);
    String b = register("reception1", "HEALTH", "医疗纠纷" + t, "吴二" + t, phone(), null);
    String c = register("reception2", "LAND", "征地补偿" + t, "郑三" + t, phone(), null);
    jdbc.update("UPDATE xf_petition SET handling_unit = 'unit-hr' WHERE case_number = ?", a);
    jdbc.update("UPDATE xf_petition SET status = 'REPLIED' WHERE case_number = ?", b);
    jdbc.update("INSERT INTO xf_petition_event (case_number, event_key, event_type, detail, occurred_at) "
        + "VALUES (?, 'OVERDUE:test', 'OVERDUE', '受理告知逾期', CURRENT_TIMESTAMP)", c);

    assertThat(numbers("office1", "number=" + a)).containsExactly(a);
    assertThat(numbers("office1", "name=" + enc("周一" + t))).containsExactly(a);
    assertThat(numbers("office1", "idNumber=" + idNumber)).containsExactly(a);
    assertThat(numbers("office1", "phone=" + phone)).containsExactly(a);
    assertThat(numbers("office1", "subject=" + enc(t))).containsExactlyInAnyOrder(a, b, c);
    assertThat(numbers("office1", "subject=" + enc(t) + "&category=HEALTH")).containsExactly(b);
    assertThat(numbers("office1", "subject=" + enc(t) + "&unit=unit-hr")).containsExactly(a);
    assertThat(numbers("office1", "subject=" + enc(t) + "&status=REPLIED")).containsExactly(b);
    assertThat(numbers("office1", "subject=" + enc(t) + "&overdue=true")).containsExactly(c);
    String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
    assertThat(numbers("office1", "subject=" + enc(t) + "&from=" + today + "&to=" + today)).hasSize(3);
    assertThat(numbers("office1", "subject=" + enc(t) + "&to=2000-01-01")).isEmpty();
    assertThat(numbers("office1", "subject=" + enc(t) + "&sort=caseNumber")).containsExactly(a, b, c);
    assertThat(numbers("office1", "subject=" + enc(t) + "&sort=-caseNumber")).containsExactly(c, b, a);

    // 我登记的: the owner sees their own cases without holding any task; another clerk does not see them
    assertThat(numbers("reception1", "subject=" + enc(t))).containsExactlyInAnyOrder(a, b);
    assertThat(numbers("reception1", "subject=" + enc(t) + "&mine=true")).containsExactlyInAnyOrder(a, b);
    assertThat(numbers("reception2", "subject=" + enc(t))).containsExactly(c);
    // a unit sees what it handles, and the total counts only that (visibility is in the SQL, not a filter after paging)
    JsonNode unit = search("hr1", "subject=" + enc(t) + "&size=1");
    assertThat(unit.path("total").asLong()).isEqualTo(1);
    assertThat(numbers("hr1", "")).allSatisfy(n -> assertThat(jdbc.queryForObject(
        "SELECT handling_unit FROM xf_petition WHERE case_number = ?", String.class, n)).isEqualTo("unit-hr"));
  }

  @Test
  void shouldNotLetAnIdentitySearchRevealADisciplineReporter() throws Exception {
    String t = tag();
    String n = register("reception1", "DISCIPLINE", "举报线索" + t, "冯九" + t, phone(), null);
    jdbc.update("UPDATE xf_petition SET handling_unit = 'unit-hr' WHERE case_number = ?", n);
    // the unit and the registering clerk see the case, but not by the reporter's name
    assertThat(numbers("hr1", "subject=" + enc(t))).containsExactly(n);
    assertThat(numbers("hr1", "name=" + enc("冯九" + t))).isEmpty();
    assertThat(numbers("reception1", "name=" + enc("冯九" + t))).isEmpty();
    // oversight may
    assertThat(numbers("office1", "name=" + enc("冯九" + t))).containsExactly(n);
    JsonNode row = search("office1", "name=" + enc("冯九" + t)).path("items").get(0);
    assertThat(row.path("petitioner").asText()).isEqualTo("冯" + "*".repeat(("冯九" + t).length() - 1));
  }

  @Test
  void shouldPageWithinBoundsAndNameBadConditions() throws Exception {
    String t = tag();
    for (int i = 0; i < 3; i++) {
      register("reception1", "OTHER", "分页" + t + "-" + i, "陈" + i, phone(), null);
    }
    JsonNode first = search("office1", "subject=" + enc(t) + "&size=2&page=0&sort=caseNumber");
    JsonNode second = search("office1", "subject=" + enc(t) + "&size=2&page=1&sort=caseNumber");
    assertThat(first.path("total").asLong()).isEqualTo(3);
    assertThat(first.path("pages").asLong()).isEqualTo(2);
    assertThat(first.path("items")).hasSize(2);
    assertThat(second.path("items")).hasSize(1);
    for (String bad : List.of("size=0", "size=101", "page=-1", "sort=petitionerName", "category=FOOD", "from=2026-13-01",
        "status=DONE", "idNumber=123")) {
      HttpResponse<String> refused = get("/api/cases?" + bad, "office1");
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      String field = bad.substring(0, bad.indexOf('='));
      assertThat(json.readTree(refused.body()).path("errors").get(0).path("field").asText()).as(bad).isEqualTo(field);
    }
  }

  @Test
  void shouldExportTheResultToExcelAndRefuseMoreThanTheCap() throws Exception {
    String t = tag();
    String a = register("reception1", "LABOR", "导出" + t + "甲", "褚一", phone(), null);
    String b = register("reception1", "DISCIPLINE", "导出" + t + "乙", "卫二", "13912345678", null);
    HttpResponse<byte[]> xlsx = http.send(request("/api/cases/export?sort=caseNumber&subject=" + enc(t), "office1").GET()
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(xlsx.statusCode()).isEqualTo(200);
    assertThat(xlsx.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("spreadsheetml"));
    List<List<String>> rows = new ArrayList<>();
    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      try (var stream = workbook.getFirstSheet().openStream()) {
        stream.forEach((Row r) -> {
          List<String> cells = new ArrayList<>();
          for (int i = 0; i < r.getCellCount(); i++) {
            cells.add(r.getCellText(i));
          }
          rows.add(cells);
        });
      }
    }
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).startsWith("信访件编号", "登记时间", "信访事项");
    assertThat(rows.get(1).get(0)).isEqualTo(a);
    assertThat(rows.get(1).get(5)).isEqualTo("褚一");
    assertThat(rows.get(2).get(0)).isEqualTo(b);
    assertThat(rows.get(2).get(5)).isEqualTo("卫*");
    assertThat(rows.get(2).get(6)).isEqualTo("139****5678");

    // more than the cap (3 in this test): refused with a message that says how to narrow it
    register("reception1", "LABOR", "导出" + t + "丙", "蒋三", phone(), null);
    register("reception1", "LABOR", "导出" + t + "丁", "沈四", phone(), null);
    HttpResponse<String> tooMany = get("/api/cases/export?subject=" + enc(t), "office1");
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(tooMany.body()).contains("共 4 件").contains("上限 3 件").contains("缩小条件");
  }

  // ---- helpers

  void assertNothingStored(String n) {
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_attachment WHERE case_number = ?", Integer.class, n)).isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_petition_event WHERE case_number = ? AND event_type = "
        + "'ATTACHMENT_ADDED'", Integer.class, n)).isZero();
  }

  List<String> numbers(String user, String query) throws Exception {
    List<String> numbers = new ArrayList<>();
    search(user, query + "&size=100").path("items").forEach(i -> numbers.add(i.path("caseNumber").asText()));
    return numbers;
  }

  JsonNode search(String user, String query) throws Exception {
    HttpResponse<String> r = get("/api/cases?" + query, user);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }

  String register(String user, String category, String subject, String name, String phone, String idNumber)
      throws Exception {
    HttpResponse<String> r = post("/api/petitions", user, body(category, subject, name, phone, idNumber));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json.readTree(r.body()).path("caseNumber").asText();
  }

  static String body(String category, String subject, String name, String phone, String idNumber) {
    return """
        {"channel":"VISIT","category":"%s","subject":"%s","content":"某公司拖欠工资三个月，要求支付","realName":true,
         "headcount":1,"sourceLevel":"SELF","petitionerName":"%s","petitionerPhone":"%s"%s,
         "petitionerAddress":"城关镇人民路 1 号"}
        """.formatted(category, subject, name, phone, idNumber == null ? "" : ",\"petitionerIdNumber\":\"" + idNumber + "\"");
  }

  /** A valid 18-digit ID number: the 17 digits given and their check digit (GB 11643). */
  static String idNumber(String first17) {
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * weights[i];
    }
    return first17 + "10X98765432".charAt(sum % 11);
  }

  static synchronized String phone() {
    serial++;
    return "137" + String.format("%08d", (System.nanoTime() / 1000 % 100000) * 1000 + serial % 1000);
  }

  static String tag() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** A zip with Office's content-types entry and the given part. */
  static byte[] office(String part) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (String name : List.of("[Content_Types].xml", part)) {
        zip.putNextEntry(new ZipEntry(name));
        zip.write("<?xml version=\"1.0\"?><x/>".getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  HttpResponse<String> upload(String n, String user, String fileName, byte[] content) throws Exception {
    String boundary = "----xf" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return http.send(request("/api/cases/" + n + "/attachments", user)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> get(String path, String user) throws Exception {
    return http.send(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> post(String path, String user, String body) throws Exception {
    return http.send(request(path, user).header("Content-Type", "application/json")
        .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpRequest.Builder request(String path, String user) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization",
        "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
