package cn.xinfang.flow.petition;

import cn.xinfang.flow.system.TransactionMemo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The petition ledger (台账): one row per case plus its journal. Writes join the engine's
 * transaction, so a case's ledger row and its process state commit or roll back together.
 */
@Repository
public class PetitionLedger {

  /** The actor of a journal step no person took: a timer, the engine closing a case. */
  public static final String SYSTEM = "system";
  /** The memo key of a case registered in this transaction ({@link #registeredInThisTransaction}). */
  private static final String REGISTERED = "petition:registered:";

  private final JdbcTemplate jdbc;
  private final InsertIfAbsent insertIfAbsent;

  PetitionLedger(JdbcTemplate jdbc, InsertIfAbsent insertIfAbsent) {
    this.jdbc = jdbc;
    this.insertIfAbsent = insertIfAbsent;
  }

  /** The engine's clock, so that tests which move it see consistent ledger times. */
  public static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /**
   * A new case's row, with what the registration knows of it at once: the query code's hash and the acceptance
   * deadline (null where the case has none), in the one insert instead of an insert and two updates (issue 12).
   */
  public void insert(Petition p, String petitionerKey, String subjectKey, QueryCodes.Issued queryCode,
      Instant acceptanceDueAt) {
    jdbc.update("""
        INSERT INTO xf_petition (case_number, process_instance_id, channel, category, subject, content, real_name,
          headcount, source_level, petitioner_name, petitioner_phone, petitioner_id_number, petitioner_address,
          petitioner_key, subject_key, related_case_number, linked_case_number, case_owner, status, confidential,
          major_case, repeat_visits, registered_at, query_code_hash, query_code_issued_at, acceptance_due_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)""",
        p.caseNumber(), p.processInstanceId(), p.channel(), p.category(), p.subject(), p.content(), p.realName(),
        p.headcount(), p.sourceLevel(), p.petitionerName(), p.petitionerPhone(), p.petitionerIdNumber(),
        p.petitionerAddress(), petitionerKey, subjectKey, p.relatedCaseNumber(), p.linkedCaseNumber(), p.caseOwner(),
        p.status().name(), p.confidential(), p.majorCase(), Timestamp.from(p.registeredAt()),
        queryCode == null ? null : queryCode.hash(), queryCode == null ? null : Timestamp.from(queryCode.issuedAt()),
        acceptanceDueAt == null ? null : Timestamp.from(acceptanceDueAt));
    TransactionMemo.put(REGISTERED + p.caseNumber(), p);
  }

  /**
   * The case as this transaction registered it, without reading it again: the registration's own receipt is written
   * from it, and the API's answer (one round trip less each, issue 12). Only the fields given at registration are to
   * be read from it — none of them changes in the registering transaction but the status, and a status change forgets
   * it; empty for a case registered in another transaction.
   */
  public Optional<Petition> registeredInThisTransaction(String caseNumber) {
    return TransactionMemo.find(REGISTERED + caseNumber);
  }

  public Optional<Petition> find(String caseNumber) {
    return jdbc.query("SELECT * FROM xf_petition WHERE case_number = ?", PetitionLedger::map, caseNumber)
        .stream().findFirst();
  }

  public void recordAcceptance(String caseNumber, String decision, String handlingUnit) {
    jdbc.update("UPDATE xf_petition SET acceptance_decision = ?, handling_unit = ?, accepted_at = ? WHERE case_number = ?",
        decision, handlingUnit, Timestamp.from(now()), caseNumber);
  }

  /** A deadline the statistics measure against (统计分析: 及时受理率, 按期办结率), kept beside the case's variables. */
  public enum DueDate {
    ACCEPTANCE("acceptance_due_at"), HANDLING("handling_due_at");

    private final String column;

    DueDate(String column) {
      this.column = column;
    }
  }

  /** The deadline as it now stands; written again whenever it moves (an extension, a reopened case), so idempotent. */
  public void recordDueAt(String caseNumber, DueDate which, Instant dueAt) {
    jdbc.update("UPDATE xf_petition SET " + which.column + " = ? WHERE case_number = ?",
        dueAt == null ? null : Timestamp.from(dueAt), caseNumber);
  }

  public void recordOutcome(String caseNumber, String outcome) {
    jdbc.update("UPDATE xf_petition SET outcome = ? WHERE case_number = ?", outcome, caseNumber);
  }

  public void markReplied(String caseNumber) {
    TransactionMemo.forget(REGISTERED + caseNumber);
    jdbc.update("UPDATE xf_petition SET status = 'REPLIED', replied_at = ? WHERE case_number = ?",
        Timestamp.from(now()), caseNumber);
  }

  /** 复查/复核 revoked or changed the reply: the case is handled again, the earlier reply no longer stands. */
  public void reopen(String caseNumber) {
    TransactionMemo.forget(REGISTERED + caseNumber);
    jdbc.update("UPDATE xf_petition SET status = 'OPEN', replied_at = NULL WHERE case_number = ?", caseNumber);
  }

  public void markMajor(String caseNumber) {
    jdbc.update("UPDATE xf_petition SET major_case = TRUE WHERE case_number = ?", caseNumber);
  }

  /** Ends the case in the ledger: forwarded, rejected or archived. */
  public void close(String caseNumber, PetitionStatus status) {
    TransactionMemo.forget(REGISTERED + caseNumber);
    jdbc.update("UPDATE xf_petition SET status = ?, closed_at = ? WHERE case_number = ?", status.name(),
        Timestamp.from(now()), caseNumber);
  }

  /** Which extension counter of the case: the handling limit (条例 第32条) or the referral letter's month. */
  public enum Extension {
    HANDLING("extended_days"), REFERRAL("referral_extended_days");

    private final String column;

    Extension(String column) {
      this.column = column;
    }
  }

  /** Days of extension granted so far; 0 for an unknown case. */
  public int extendedDays(String caseNumber, Extension kind) {
    return jdbc.query("SELECT " + kind.column + " FROM xf_petition WHERE case_number = ?", (rs, i) -> rs.getInt(1),
        caseNumber).stream().findFirst().orElse(0);
  }

  /**
   * Days the case's handling limit has been extended, wherever granted: by the unit head on the
   * intake's 调查处理 or on the referral letter. 条例 第32条 allows 30 days in total, not 30 per path.
   */
  public int totalExtendedDays(String caseNumber) {
    int total = 0;
    for (Extension kind : Extension.values()) {
      total += extendedDays(caseNumber, kind);
    }
    return total;
  }

  /**
   * Grants an extension once per journal key (a retried job adds nothing twice) and returns the case's
   * total afterwards.
   */
  public int grantExtension(String caseNumber, Extension kind, String eventKey, String type, String actor, String detail,
      int days) {
    if (recordEvent(caseNumber, eventKey, type, actor, detail)) {
      jdbc.update("UPDATE xf_petition SET " + kind.column + " = " + kind.column + " + ? WHERE case_number = ?", days,
          caseNumber);
    }
    return extendedDays(caseNumber, kind);
  }

  /** Counts a repeat visit once per visit key; returns the case's count afterwards. */
  public int countRepeatVisit(String caseNumber, String visitKey, String actor, String note) {
    if (recordEvent(caseNumber, "REPEAT_VISIT:" + visitKey, "REPEAT_VISIT", actor, note)) {
      jdbc.update("UPDATE xf_petition SET repeat_visits = repeat_visits + 1 WHERE case_number = ?", caseNumber);
    }
    Integer count = jdbc.queryForObject("SELECT repeat_visits FROM xf_petition WHERE case_number = ?", Integer.class,
        caseNumber);
    return count == null ? 0 : count;
  }

  /**
   * Writes a journal entry once: a second call with the same key (a retried job, a second node)
   * writes nothing and answers false.
   */
  public boolean recordEvent(String caseNumber, String eventKey, String type, String actor, String detail) {
    return insertIfAbsent.insert("case_number, event_key",
        new Object[] {caseNumber, eventKey},
        "INSERT INTO xf_petition_event (case_number, event_key, event_type, actor, detail, occurred_at) "
            + "VALUES (?, ?, ?, ?, ?, ?)",
        caseNumber, eventKey, type, actor, truncate(detail, 4000), Timestamp.from(now()));
  }

  /**
   * The first journal entry of a case registered in this very transaction: no entry can exist yet, so a plain
   * insert, without {@link #recordEvent}'s look-up and savepoint (three round trips fewer per registration).
   */
  public void recordFirstEvent(String caseNumber, String eventKey, String type, String actor, String detail) {
    jdbc.update("INSERT INTO xf_petition_event (case_number, event_key, event_type, actor, detail, occurred_at) "
        + "VALUES (?, ?, ?, ?, ?, ?)", caseNumber, eventKey, type, actor, truncate(detail, 4000), Timestamp.from(now()));
  }

  public record PetitionEvent(String eventType, String actor, String detail, Instant occurredAt) {}

  public List<PetitionEvent> events(String caseNumber) {
    return jdbc.query("SELECT event_type, actor, detail, occurred_at FROM xf_petition_event WHERE case_number = ? "
            + "ORDER BY occurred_at, id", (rs, i) -> new PetitionEvent(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getTimestamp(4).toInstant()), caseNumber);
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static Petition map(ResultSet rs, int row) throws SQLException {
    return new Petition(rs.getString("case_number"), rs.getString("process_instance_id"), rs.getString("channel"),
        rs.getString("category"), rs.getString("subject"), rs.getString("content"), rs.getBoolean("real_name"),
        rs.getInt("headcount"), rs.getString("source_level"), rs.getString("petitioner_name"),
        rs.getString("petitioner_phone"), rs.getString("petitioner_id_number"), rs.getString("petitioner_address"),
        rs.getString("related_case_number"), rs.getString("linked_case_number"), rs.getString("case_owner"),
        PetitionStatus.valueOf(rs.getString("status")), rs.getBoolean("confidential"), rs.getBoolean("major_case"),
        rs.getInt("repeat_visits"), rs.getString("acceptance_decision"), rs.getString("handling_unit"),
        rs.getString("outcome"), instant(rs, "registered_at"), instant(rs, "accepted_at"), instant(rs, "replied_at"),
        instant(rs, "closed_at"));
  }
}
