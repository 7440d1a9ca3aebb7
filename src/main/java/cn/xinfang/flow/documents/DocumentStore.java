package cn.xinfang.flow.documents;

import cn.xinfang.flow.petition.CaseNumberAllocator;
import cn.xinfang.flow.petition.PetitionLedger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Documents the flows issue (转办函 ZB-…, 督办函 DB-…), numbered and kept as issued. Issuing is
 * idempotent by key: the same letter asked for twice (a retried job) is the same document.
 */
@Repository
public class DocumentStore {

  public enum Kind {
    REFERRAL_LETTER("ZB", "转办函"), URGING_LETTER("DB", "督办函"),
    // 问题线索处置 (discipline-lead; names fit xf_document.kind, 16 characters): the disposal's paper, approved by the commission's leader, and the 初核 report
    LEAD_INQUIRY("HX", "谈话函询通知书"), LEAD_VERIFY_PLAN("CH", "初步核实方案"), LEAD_PARKED("ZC", "线索暂存待查呈批表"),
    LEAD_CLOSED("LJ", "线索予以了结呈批表"), LEAD_REPORT("CB", "初核情况报告");

    final String prefix;
    final String label;

    Kind(String prefix, String label) {
      this.prefix = prefix;
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public record Document(String number, Kind kind, String caseNumber, String unit, String title, String body,
      Instant issuedAt) {}

  private final JdbcTemplate jdbc;
  private final CaseNumberAllocator numbers;

  DocumentStore(JdbcTemplate jdbc, CaseNumberAllocator numbers) {
    this.jdbc = jdbc;
    this.numbers = numbers;
  }

  /** Issues a document once per key; a second call with the same key returns the first document. */
  public Document issue(String key, Kind kind, String caseNumber, String unit, String title, BodyWriter body) {
    Optional<Document> existing = byKey(key);
    if (existing.isPresent()) {
      return existing.get();
    }
    String number = numbers.next(kind.prefix, PetitionLedger.now().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate());
    String text = body.write(number);
    jdbc.update("INSERT INTO xf_document (doc_number, doc_key, kind, case_number, unit, title, body, issued_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", number, key, kind.name(), caseNumber, unit, title, text,
        Timestamp.from(PetitionLedger.now()));
    return new Document(number, kind, caseNumber, unit, title, text, PetitionLedger.now());
  }

  /** Writes a document's text once its number is known (the number appears in the text). */
  @FunctionalInterface
  public interface BodyWriter {
    String write(String number);
  }

  public Optional<Document> find(String number) {
    return jdbc.query("SELECT * FROM xf_document WHERE doc_number = ?", (rs, i) -> map(rs), number).stream().findFirst();
  }

  public List<Document> forCase(String caseNumber) {
    return jdbc.query("SELECT * FROM xf_document WHERE case_number = ? ORDER BY issued_at, doc_number",
        (rs, i) -> map(rs), caseNumber);
  }

  private Optional<Document> byKey(String key) {
    return jdbc.query("SELECT * FROM xf_document WHERE doc_key = ?", (rs, i) -> map(rs), key).stream().findFirst();
  }

  private static Document map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Document(rs.getString("doc_number"), Kind.valueOf(rs.getString("kind")), rs.getString("case_number"),
        rs.getString("unit"), rs.getString("title"), rs.getString("body"), rs.getTimestamp("issued_at").toInstant());
  }
}
