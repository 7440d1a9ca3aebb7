package cn.xinfang.flow.reception;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xinfang.flow.calendar.DeadlineService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code /api/reception-days}, the pages {@code /reception} and {@code /reception/public}, and
 * {@code /api/disputes} over HTTP: who may publish, Chinese problems naming the field, the public board
 * without a login, the month per leader, the consolidated dispute table and its Excel file.
 * (Same context as PetitionApiTest.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:petition-api-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
    "camunda.bpm.job-execution.enabled=false"})
class ReceptionApiTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  @Test
  void shouldPublishShowAndCancelAReceptionDayForTheOfficeOnly() throws Exception {
    String day = DeadlineService.today().plusDays(20).toString();
    String body = """
        {"receptionDate":"%s","startTime":"09:00","endTime":"11:30","place":"县信访局接待大厅",
         "topics":"征地拆迁<script>","leaders":["deputy2","head"],"units":["unit-land"]}""".formatted(day);
    assertThat(send("POST", "/api/reception-days", "reception1:demo", body).statusCode()).isEqualTo(403);

    HttpResponse<String> created = send("POST", "/api/reception-days", "office1:demo", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode slot = json.readTree(created.body());
    assertThat(created.headers().firstValue("Location")).hasValue("/api/reception-days/" + slot.path("id").asLong());
    assertThat(slot.path("kindLabel").asText()).isEqualTo("联合接访");
    assertThat(slot.path("leaders").get(0).path("name").asText()).isEqualTo("孙海燕");
    assertThat(slot.path("leaders").get(0).path("title").asText()).isEqualTo("副局长（分管联查）");
    assertThat(slot.path("leaders").get(0).path("receiving").asBoolean()).isTrue();
    assertThat(slot.path("units").get(0).path("name").asText()).isEqualTo("县自然资源局");

    // the same leader again at an overlapping time: refused, in Chinese, naming the field
    HttpResponse<String> overlap = send("POST", "/api/reception-days", "admin:demo", body.replace("09:00", "10:00")
        .replace("\"deputy2\",\"head\"", "\"deputy2\""));
    assertThat(overlap.statusCode()).isEqualTo(400);
    assertThat(overlap.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    JsonNode problem = json.readTree(overlap.body());
    assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("leaders");
    assertThat(problem.path("errors").get(0).path("message").asText()).contains("孙海燕", "时段重叠");
    JsonNode notALeader = json.readTree(send("POST", "/api/reception-days", "office1:demo",
        body.replace("\"deputy2\",\"head\"", "\"hr1\"").replace(day, "2020-01-01")).body());
    assertThat(notALeader.findValuesAsText("field")).containsExactly("receptionDate", "leaders");

    JsonNode list = json.readTree(send("GET", "/api/reception-days?to=" + DeadlineService.today().plusDays(30),
        "hr1:demo", null).body());
    assertThat(list.path("canPublish").asBoolean()).isFalse();
    assertThat(list.path("receptionDays").findValuesAsText("receptionDate")).contains(day);
    assertThat(send("GET", "/api/reception-days?size=0", "hr1:demo", null).statusCode()).isEqualTo(400);
    JsonNode options = json.readTree(send("GET", "/api/reception-days/options", "office1:demo", null).body());
    assertThat(options.path("leaders").findValuesAsText("userId")).containsExactlyInAnyOrder("head", "deputy1", "deputy2");

    // the public board: no login, names and titles, text escaped, no visit counts
    HttpResponse<String> board = http.send(HttpRequest.newBuilder(URI.create(base() + "/reception/public")).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(board.statusCode()).isEqualTo(200);
    assertThat(board.body()).contains("领导接访日安排", "孙海燕（副局长（分管联查））", "县自然资源局", "征地拆迁&lt;script&gt;")
        .doesNotContain("<script>", "已接待");
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base() + "/reception")).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(page.body()).contains("领导接访日与联合接访", "/reception/reception.js");

    long id = slot.path("id").asLong();
    assertThat(json.readTree(send("POST", "/api/reception-days/" + id + "/cancel", "office1:demo", null).body())
        .path("statusLabel").asText()).isEqualTo("已取消");
    assertThat(send("POST", "/api/reception-days/" + id + "/cancel", "office1:demo", null).statusCode()).isEqualTo(409);
    assertThat(send("GET", "/api/reception-days/999999", "office1:demo", null).statusCode()).isEqualTo(404);

    JsonNode month = json.readTree(send("GET", "/api/reception-days/leader-month?month=2026-12", "head:demo", null).body());
    assertThat(month.path("month").asText()).isEqualTo("2026-12");
    assertThat(month.path("leaders").isArray()).isTrue();
    assertThat(send("GET", "/api/reception-days/leader-month?month=12月", "head:demo", null).statusCode()).isEqualTo(400);
  }

  @Test
  void shouldShowTheConsolidatedDisputeTableAndExportItForTheOffice() throws Exception {
    jdbc.update("DELETE FROM xf_dispute_entry WHERE dispute_month = '2025-11'");
    jdbc.update("DELETE FROM xf_dispute_filing WHERE dispute_month = '2025-11'");
    jdbc.update("DELETE FROM xf_dispute_round WHERE dispute_month = '2025-11'");
    jdbc.update("INSERT INTO xf_dispute_round (dispute_month, due_at, opened_at) VALUES ('2025-11', ?, ?)",
        java.sql.Timestamp.valueOf("2025-11-25 23:59:59"), java.sql.Timestamp.valueOf("2025-11-01 08:30:00"));
    jdbc.update("INSERT INTO xf_dispute_entry (entry_key, dispute_month, unit, subject, parties, headcount, risk_level, "
        + "owner_leader, opinion, filed_by, filed_at) VALUES ('api-1', '2025-11', 'unit-chengguan', '土地承包费分配争议', "
        + "'村民代表', 40, 'HIGH', '曹勇（城关镇镇长）', '镇综治办牵头，一个月内调处', 'chengguan1', ?)",
        java.sql.Timestamp.valueOf("2025-11-20 10:00:00"));
    jdbc.update("INSERT INTO xf_dispute_entry (entry_key, dispute_month, unit, subject, parties, headcount, risk_level, "
        + "owner_leader, opinion, filed_by, filed_at) VALUES ('api-2', '2025-11', 'unit-hr', '社保断缴', '企业职工', 12, "
        + "'MEDIUM', '朱文（人社局局长）', '督促企业补缴', 'hr1', ?)", java.sql.Timestamp.valueOf("2025-11-21 10:00:00"));
    jdbc.update("INSERT INTO xf_dispute_filing (dispute_month, unit, zero_report, entry_count, overdue, filed_at) "
        + "VALUES ('2025-11', 'unit-chengguan', FALSE, 1, FALSE, ?), ('2025-11', 'unit-hr', FALSE, 1, FALSE, ?), "
        + "('2025-11', 'unit-shanxia', FALSE, 0, TRUE, NULL)", java.sql.Timestamp.valueOf("2025-11-20 10:00:00"),
        java.sql.Timestamp.valueOf("2025-11-21 10:00:00"));

    JsonNode all = json.readTree(send("GET", "/api/disputes/2025-11", "office1:demo", null).body());
    assertThat(all.path("entries").findValuesAsText("subject")).containsExactly("土地承包费分配争议", "社保断缴");
    assertThat(all.path("filings").findValuesAsText("state")).containsExactly("已报", "已报", "未报");
    JsonNode own = json.readTree(send("GET", "/api/disputes/2025-11", "hr1:demo", null).body());
    assertThat(own.path("entries").findValuesAsText("subject")).containsExactly("社保断缴");
    assertThat(send("GET", "/api/disputes/2025-11/export", "hr1:demo", null).statusCode()).isEqualTo(403);
    assertThat(send("GET", "/api/disputes/2025-13", "office1:demo", null).statusCode()).isEqualTo(400);
    assertThat(send("GET", "/api/disputes/2019-01", "office1:demo", null).statusCode()).isEqualTo(404);

    HttpResponse<byte[]> xlsx = http.send(request("GET", "/api/disputes/2025-11/export", "office1:demo", null).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(xlsx.statusCode()).isEqualTo(200);
    assertThat(xlsx.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("spreadsheetml"));
    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      List<Row> rows = workbook.getFirstSheet().read();
      assertThat(rows.get(1).getCellText(6)).isEqualTo("包案领导");
      assertThat(rows.get(1).getCellText(7)).isEqualTo("处理意见");
      assertThat(rows).hasSize(4);
      assertThat(rows.get(2).getCellText(1)).isEqualTo("城关镇");
      assertThat(rows.get(2).getCellText(5)).isEqualTo("高");
      assertThat(rows.get(2).getCellText(6)).isEqualTo("曹勇（城关镇镇长）");
      assertThat(rows.get(3).getCellText(7)).isEqualTo("督促企业补缴");
      List<Row> units = workbook.getSheets().toList().get(1).read();
      assertThat(units.get(3).getCellText(0)).isEqualTo("山下乡");
      assertThat(units.get(3).getCellText(1)).isEqualTo("未报");
    }
  }

  String base() {
    return "http://localhost:" + port;
  }

  HttpRequest.Builder request(String method, String path, String credentials, String body) {
    return HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
  }

  HttpResponse<String> send(String method, String path, String credentials, String body) throws Exception {
    return http.send(request(method, path, credentials, body).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
