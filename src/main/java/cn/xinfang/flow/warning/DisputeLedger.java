package cn.xinfang.flow.warning;

import cn.xinfang.flow.petition.InsertIfAbsent;
import cn.xinfang.flow.petition.PetitionLedger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/** The month's dispute tables (矛盾纠纷排查表): round, each unit's filing, each entry, the report upward. */
@Repository
public class DisputeLedger {

  public record Entry(long id, String month, String unit, String subject, String parties, int headcount, String risk,
      String ownerLeader, String opinion, String filedBy, Instant filedAt) {}

  public record Filing(String unit, boolean zero, int entries, boolean overdue, Instant filedAt) {}

  public record Round(String month, Instant dueAt, Instant consolidatedAt, Instant reportedAt, String reportedBy,
      String reportTo, String reportNote) {}

  private final JdbcTemplate jdbc;
  private final InsertIfAbsent insertIfAbsent;

  DisputeLedger(JdbcTemplate jdbc, InsertIfAbsent insertIfAbsent) {
    this.jdbc = jdbc;
    this.insertIfAbsent = insertIfAbsent;
  }

  /** @return true if this call opened the month's round (a second timer run for the month gets false) */
  public boolean openRound(String month, Date dueAt) {
    return insertIfAbsent.insert("dispute_month", new Object[] {month},
        "INSERT INTO xf_dispute_round (dispute_month, due_at, opened_at) VALUES (?, ?, ?)", month,
        new Timestamp(dueAt.getTime()), Timestamp.from(PetitionLedger.now()));
  }

  /** One entry, once per key (a retried step adds nothing). */
  public boolean addEntry(String key, String month, String unit, String subject, String parties, int headcount,
      String risk, String ownerLeader, String opinion, String filedBy) {
    boolean added = insertIfAbsent.insert("entry_key", new Object[] {key},
        "INSERT INTO xf_dispute_entry (entry_key, dispute_month, unit, subject, parties, headcount, risk_level, "
            + "owner_leader, opinion, filed_by, filed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        key, month, unit, subject, parties, headcount, risk, ownerLeader, opinion, filedBy,
        Timestamp.from(PetitionLedger.now()));
    if (added) {
      file(month, unit, false);
    }
    return added;
  }

  /** The unit's filing: a zero report, or one more entry counted. */
  public void file(String month, String unit, boolean zero) {
    Timestamp now = Timestamp.from(PetitionLedger.now());
    boolean inserted = insertIfAbsent.insert("dispute_month, unit", new Object[] {month, unit},
        "INSERT INTO xf_dispute_filing (dispute_month, unit, zero_report, entry_count, overdue, filed_at) "
            + "VALUES (?, ?, ?, ?, FALSE, ?)", month, unit, zero, zero ? 0 : 1, now);
    if (!inserted) {
      jdbc.update("UPDATE xf_dispute_filing SET entry_count = (SELECT COUNT(*) FROM xf_dispute_entry e "
          + "WHERE e.dispute_month = ? AND e.unit = ?), zero_report = ?, filed_at = ? WHERE dispute_month = ? AND unit = ?",
          month, unit, zero, now, month, unit);
    }
  }

  /** A unit that let the 25th pass without filing: recorded so the table shows it as 未报. */
  public void markOverdue(String month, String unit) {
    insertIfAbsent.insert("dispute_month, unit",
        new Object[] {month, unit},
        "INSERT INTO xf_dispute_filing (dispute_month, unit, zero_report, entry_count, overdue, filed_at) "
            + "VALUES (?, ?, FALSE, 0, TRUE, NULL)", month, unit);
  }

  public List<Filing> filings(String month) {
    return jdbc.query("SELECT * FROM xf_dispute_filing WHERE dispute_month = ? ORDER BY unit",
        (rs, i) -> new Filing(rs.getString("unit"), rs.getBoolean("zero_report"), rs.getInt("entry_count"),
            rs.getBoolean("overdue"), rs.getTimestamp("filed_at") == null ? null : rs.getTimestamp("filed_at").toInstant()),
        month);
  }

  /** The month's entries, unit by unit, in the order filed; {@code limit} rows from {@code offset}. */
  public List<Entry> entries(String month, int limit, int offset) {
    return jdbc.query("SELECT * FROM xf_dispute_entry WHERE dispute_month = ? ORDER BY unit, id LIMIT ? OFFSET ?",
        (rs, i) -> entry(rs), month, limit, offset);
  }

  /** Every entry of the month, row by row (the Excel export). */
  public void eachEntry(String month, java.util.function.Consumer<Entry> row) {
    jdbc.query("SELECT * FROM xf_dispute_entry WHERE dispute_month = ? ORDER BY unit, id",
        (RowCallbackHandler) rs -> row.accept(entry(rs)), month);
  }

  public int entryCount(String month) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM xf_dispute_entry WHERE dispute_month = ?", Integer.class, month);
    return n == null ? 0 : n;
  }

  public int highRiskCount(String month) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM xf_dispute_entry WHERE dispute_month = ? AND risk_level = 'HIGH'",
        Integer.class, month);
    return n == null ? 0 : n;
  }

  public void consolidated(String month) {
    jdbc.update("UPDATE xf_dispute_round SET consolidated_at = ? WHERE dispute_month = ? AND consolidated_at IS NULL",
        Timestamp.from(PetitionLedger.now()), month);
  }

  /** @return true the first time the round is reported upward */
  public boolean reported(String month, String by, String to, String note) {
    return jdbc.update("UPDATE xf_dispute_round SET reported_at = ?, reported_by = ?, report_to = ?, report_note = ? "
        + "WHERE dispute_month = ? AND reported_at IS NULL", Timestamp.from(PetitionLedger.now()), by, to, note, month) == 1;
  }

  public Optional<Round> round(String month) {
    return jdbc.query("SELECT * FROM xf_dispute_round WHERE dispute_month = ?", (rs, i) -> new Round(
        rs.getString("dispute_month"), rs.getTimestamp("due_at").toInstant(),
        rs.getTimestamp("consolidated_at") == null ? null : rs.getTimestamp("consolidated_at").toInstant(),
        rs.getTimestamp("reported_at") == null ? null : rs.getTimestamp("reported_at").toInstant(),
        rs.getString("reported_by"), rs.getString("report_to"), rs.getString("report_note")), month).stream().findFirst();
  }

  public List<String> months(int limit) {
    return jdbc.queryForList("SELECT dispute_month FROM xf_dispute_round ORDER BY dispute_month DESC LIMIT ?",
        String.class, limit);
  }

  private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Entry(rs.getLong("id"), rs.getString("dispute_month"), rs.getString("unit"), rs.getString("subject"),
        rs.getString("parties"), rs.getInt("headcount"), rs.getString("risk_level"), rs.getString("owner_leader"),
        rs.getString("opinion"), rs.getString("filed_by"), rs.getTimestamp("filed_at").toInstant());
  }
}
