package cn.xinfang.flow.documents;

import cn.xinfang.flow.petition.CaseNumberAllocator;
import cn.xinfang.flow.petition.InsertIfAbsent;
import cn.xinfang.flow.petition.PetitionLedger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The statutory documents the flows issue (登记回执 … 督办函), numbered per kind and year
 * ({@code SL-2026-000001}) and kept as issued: the PDF is drawn from the stored text, so it is the
 * same every time it is opened, whatever happens to the templates later. Issuing is idempotent by
 * key: the same document asked for twice (a retried job, a listener run again) is the same document.
 */
@Repository
public class DocumentStore {

  /** Who a document is addressed to: the petitioner (offered on the petitioner's page) or a unit. */
  public enum Audience { PETITIONER, UNIT }

  public enum Kind {
    RECEIPT("DJ", "登记回执", "信登", Audience.PETITIONER),
    ACCEPTED("SL", "受理告知书", "信受", Audience.PETITIONER),
    REJECTED("BSL", "不予受理告知书", "信不受", Audience.PETITIONER),
    FORWARDED("ZS", "转送告知书", "信转送", Audience.PETITIONER),
    DECISION("YJ", "信访处理意见书", "信处", Audience.PETITIONER),
    REVIEW("FC", "复查意见书", "信复查", Audience.PETITIONER),
    REREVIEW("FH", "复核意见书", "信复核", Audience.PETITIONER),
    REFERRAL_LETTER("ZB", "转办函", "信转办", Audience.UNIT),
    URGING_LETTER("DB", "督办函", "信督", Audience.UNIT),
    // 问题线索处置 (discipline-lead; names fit xf_document.kind, 16 characters): the disposal's paper, approved by
    // the commission's leader, and the 初核 report. Internal papers of the commission: written by the lead's own
    // steps from the analysis and approval, so they have no administrators' template and never reach the petitioner.
    LEAD_INQUIRY("HX", "谈话函询通知书", "纪函询", Audience.UNIT, false),
    LEAD_VERIFY_PLAN("CH", "初步核实方案", "纪初核", Audience.UNIT, false),
    LEAD_PARKED("ZC", "线索暂存待查呈批表", "纪暂存", Audience.UNIT, false),
    LEAD_CLOSED("LJ", "线索予以了结呈批表", "纪了结", Audience.UNIT, false),
    LEAD_REPORT("CB", "初核情况报告", "纪核报", Audience.UNIT, false);

    final String prefix;
    final String label;
    /** 机关代字 of the 发文字号 (GB/T 9704 7.2.4): 信受〔2026〕12号. */
    final String code;
    final Audience audience;
    /** Whether the text comes from an administrators' template (documents/templates/KIND.txt). */
    final boolean templated;

    Kind(String prefix, String label, String code, Audience audience) {
      this(prefix, label, code, audience, true);
    }

    Kind(String prefix, String label, String code, Audience audience, boolean templated) {
      this.prefix = prefix;
      this.label = label;
      this.code = code;
      this.audience = audience;
      this.templated = templated;
    }

    public boolean templated() {
      return templated;
    }

    public String label() {
      return label;
    }

    public Audience audience() {
      return audience;
    }

    /** The 发文字号 printed under the red line, from the stored number: SL-2026-000012 → 信受〔2026〕12号. */
    public String officialNumber(String number) {
      String[] parts = number.split("-");
      return code + "〔" + parts[1] + "〕" + Long.parseLong(parts[2]) + "号";
    }
  }

  /**
   * A document as issued. {@code body} is the staff copy; {@code publicBody} the petitioner's copy
   * (internal names replaced), only for documents addressed to the petitioner.
   */
  public record Document(String number, Kind kind, String caseNumber, String unit, String title, String body,
      Instant issuedAt, String addressee, String issuer, String publicBody) {

    public String officialNumber() {
      return kind.officialNumber(number);
    }

    public boolean forPetitioner() {
      return kind.audience == Audience.PETITIONER;
    }
  }

  /** What a template (or a delegate) writes once the number is known. */
  public record Text(String title, String addressee, String issuer, String body, String publicBody) {}

  private final JdbcTemplate jdbc;
  private final CaseNumberAllocator numbers;
  private final InsertIfAbsent inserts;

  DocumentStore(JdbcTemplate jdbc, CaseNumberAllocator numbers, InsertIfAbsent inserts) {
    this.jdbc = jdbc;
    this.numbers = numbers;
    this.inserts = inserts;
  }

  /** Issues a document once per key; a second call with the same key returns the first document. */
  public Document issue(String key, Kind kind, String caseNumber, String unit, TextWriter writer) {
    // The registration receipt is issued in the transaction that created its case, so none can exist yet: it goes
    // straight to an insert that leaves an existing row alone (one round trip less per registration, issue 12). Every
    // other kind is looked up first, as a step that runs again (an urging letter's cycle) must not take a new number.
    boolean newCase = kind == Kind.RECEIPT;
    if (!newCase) {
      Optional<Document> existing = byKey(key);
      if (existing.isPresent()) {
        return existing.get();
      }
    }
    Instant now = PetitionLedger.now();
    String number = numbers.next(kind.prefix, now.atZone(ZoneId.of("Asia/Shanghai")).toLocalDate());
    Text text = writer.write(number, now);
    if (!inserts.insert("doc_key", new Object[] {key}, "INSERT INTO xf_document (doc_number, doc_key, kind, "
            + "case_number, unit, title, body, issued_at, addressee, issuer, audience, public_body) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", number, key, kind.name(), caseNumber, unit, text.title(),
        text.body(), Timestamp.from(now), text.addressee(), text.issuer(), kind.audience.name(),
        kind.audience == Audience.PETITIONER ? text.publicBody() : null)) {
      // another transaction issued it meanwhile (two nodes on one step) or, for a receipt, there was one after all:
      // that one stands, and the number just taken stays unused — a gap, as a rollback leaves one
      return byKey(key).orElseThrow();
    }
    return new Document(number, kind, caseNumber, unit, text.title(), text.body(), now, text.addressee(),
        text.issuer(), kind.audience == Audience.PETITIONER ? text.publicBody() : null);
  }

  /**
   * Issues a document whose text a step writes itself (the untemplated kinds): staff copy only, no addressee,
   * issued in the office's name.
   */
  public Document issue(String key, Kind kind, String caseNumber, String unit, String title, BodyWriter body) {
    return issue(key, kind, caseNumber, unit, (number, at) -> new Text(title, null, null, body.write(number), null));
  }

  /** Writes the body of an untemplated document once its number is known (the number appears in the text). */
  @FunctionalInterface
  public interface BodyWriter {
    String write(String number);
  }

  /** Writes a document's text once its number and date are known (both appear in the text). */
  @FunctionalInterface
  public interface TextWriter {
    Text write(String number, Instant issuedAt);
  }

  public Optional<Document> find(String number) {
    return jdbc.query("SELECT * FROM xf_document WHERE doc_number = ?", (rs, i) -> map(rs), number).stream().findFirst();
  }

  public List<Document> forCase(String caseNumber) {
    return jdbc.query("SELECT * FROM xf_document WHERE case_number = ? ORDER BY issued_at, doc_number",
        (rs, i) -> map(rs), caseNumber);
  }

  /** The notices addressed to the petitioner of a case, for the petitioner's page. */
  public List<Document> forPetitioner(String caseNumber) {
    return jdbc.query("SELECT * FROM xf_document WHERE case_number = ? AND audience = 'PETITIONER' "
        + "ORDER BY issued_at, doc_number", (rs, i) -> map(rs), caseNumber);
  }

  private Optional<Document> byKey(String key) {
    return jdbc.query("SELECT * FROM xf_document WHERE doc_key = ?", (rs, i) -> map(rs), key).stream().findFirst();
  }

  private static Document map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Document(rs.getString("doc_number"), Kind.valueOf(rs.getString("kind")), rs.getString("case_number"),
        rs.getString("unit"), rs.getString("title"), rs.getString("body"), rs.getTimestamp("issued_at").toInstant(),
        rs.getString("addressee"), rs.getString("issuer"), rs.getString("public_body"));
  }
}
