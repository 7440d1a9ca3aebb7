package cn.xinfang.flow.joint;

import cn.xinfang.flow.petition.InsertIfAbsent;
import cn.xinfang.flow.petition.PetitionLedger;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The joint-investigation ledger (联查台账) and the monthly screening registers. */
@Repository
class JointLedger {

  private final JdbcTemplate jdbc;
  private final InsertIfAbsent insertIfAbsent;

  JointLedger(JdbcTemplate jdbc, InsertIfAbsent insertIfAbsent) {
    this.jdbc = jdbc;
    this.insertIfAbsent = insertIfAbsent;
  }

  private static Timestamp now() {
    return Timestamp.from(PetitionLedger.now());
  }

  void propose(String jointNumber, String caseNumber, String subject, String areaCode, String source) {
    jdbc.update("INSERT INTO xf_joint_case (joint_number, case_number, subject, area_code, source, status, proposed_at) "
        + "VALUES (?, ?, ?, ?, ?, 'PROPOSED', ?)", jointNumber, caseNumber, subject, areaCode, source, now());
  }

  void criteria(String jointNumber, String criteria, boolean qualifies) {
    jdbc.update("UPDATE xf_joint_case SET criteria = ?, status = ? WHERE joint_number = ?", criteria,
        qualifies ? "PROPOSED" : "NOT_QUALIFIED", jointNumber);
  }

  void status(String jointNumber, String status) {
    jdbc.update("UPDATE xf_joint_case SET status = ? WHERE joint_number = ?", status, jointNumber);
  }

  void assign(String jointNumber, String group) {
    jdbc.update("UPDATE xf_joint_case SET status = 'INVESTIGATING', joint_group = ?, "
        + "approved_at = COALESCE(approved_at, ?) WHERE joint_number = ?", group, now(), jointNumber);
  }

  void approve(String jointNumber) {
    jdbc.update("UPDATE xf_joint_case SET approved_at = COALESCE(approved_at, ?) WHERE joint_number = ?", now(), jointNumber);
  }

  void conclude(String jointNumber, String outcome, BigDecimal money, BigDecimal losses, int contracts, boolean onTime) {
    jdbc.update("UPDATE xf_joint_case SET status = 'CONCLUDED', outcome = ?, money_collected = ?, losses_recovered = ?, "
        + "contracts_ended = ?, on_time = ?, concluded_at = ? WHERE joint_number = ?", outcome, money, losses, contracts,
        onTime, now(), jointNumber);
  }

  /** Cases each group is investigating now (uses ix_xf_joint_case_group). */
  int load(String group) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM xf_joint_case WHERE joint_group = ? AND status = 'INVESTIGATING'",
        Integer.class, group);
    return n == null ? 0 : n;
  }

  /** A year's figures: cases taken up (approved in the year), by outcome, amounts recovered. */
  Map<String, Object> summary(int year) {
    ZoneId china = ZoneId.of("Asia/Shanghai");
    Timestamp from = Timestamp.from(LocalDate.of(year, 1, 1).atStartOfDay(china).toInstant());
    Timestamp to = Timestamp.from(LocalDate.of(year + 1, 1, 1).atStartOfDay(china).toInstant());
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("year", year);
    jdbc.query("SELECT COUNT(*), SUM(CASE WHEN status = 'CONCLUDED' THEN 1 ELSE 0 END), "
            + "COALESCE(SUM(money_collected), 0), COALESCE(SUM(losses_recovered), 0), COALESCE(SUM(contracts_ended), 0), "
            + "SUM(CASE WHEN on_time THEN 1 ELSE 0 END) "
            + "FROM xf_joint_case WHERE approved_at >= ? AND approved_at < ?", rs -> {
          figures.put("takenUp", rs.getInt(1));
          figures.put("concluded", rs.getInt(2));
          figures.put("moneyCollected", rs.getBigDecimal(3));
          figures.put("lossesRecovered", rs.getBigDecimal(4));
          figures.put("contractsEnded", rs.getInt(5));
          figures.put("concludedOnTime", rs.getInt(6));
        }, from, to);
    Map<String, Integer> byOutcome = new LinkedHashMap<>();
    for (String outcome : new String[] {"CASE_OPENED", "PETITION_CLOSED", "VERIFYING"}) {
      byOutcome.put(outcome, 0);
    }
    jdbc.query("SELECT outcome, COUNT(*) FROM xf_joint_case WHERE approved_at >= ? AND approved_at < ? "
        + "AND outcome IS NOT NULL GROUP BY outcome", rs -> {
          byOutcome.put(rs.getString(1), rs.getInt(2));
        }, from, to);
    figures.put("byOutcome", byOutcome);
    Map<String, Integer> proposals = new LinkedHashMap<>();
    jdbc.query("SELECT status, COUNT(*) FROM xf_joint_case WHERE proposed_at >= ? AND proposed_at < ? GROUP BY status",
        rs -> {
          proposals.put(rs.getString(1), rs.getInt(2));
        }, from, to);
    figures.put("proposalsByStatus", proposals);
    return figures;
  }

  // ---------------------------------------------------------------- monthly screening

  /** @return true if this call opened the month's round, false if it was open already */
  boolean openRound(String month, java.util.Date due) {
    return insertIfAbsent.insert("screening_month", new Object[] {month},
        "INSERT INTO xf_screening_round (screening_month, opened_at, due_at) VALUES (?, ?, ?)", month, now(),
        new Timestamp(due.getTime()));
  }

  void fileReport(String month, String unit, boolean zero, boolean newEntry) {
    insertIfAbsent.insert("screening_month, unit",
        new Object[] {month, unit},
        "INSERT INTO xf_screening_report (screening_month, unit, zero_report, entry_count, filed_at) VALUES (?, ?, ?, 0, ?)",
        month, unit, false, now());
    if (zero) {
      jdbc.update("UPDATE xf_screening_report SET zero_report = (entry_count = 0), filed_at = ? "
          + "WHERE screening_month = ? AND unit = ?", now(), month, unit);
    }
    if (newEntry) {
      jdbc.update("UPDATE xf_screening_report SET entry_count = entry_count + 1, filed_at = ? "
          + "WHERE screening_month = ? AND unit = ?", now(), month, unit);
    }
  }

  /** One unit's filing in a month's round (汇总): zero report, number of entries. */
  record UnitReport(String unit, boolean zero, int entries) {}

  List<UnitReport> reports(String month) {
    return jdbc.query("SELECT unit, zero_report, entry_count FROM xf_screening_report WHERE screening_month = ? ORDER BY unit",
        (rs, i) -> new UnitReport(rs.getString(1), rs.getBoolean(2), rs.getInt(3)), month);
  }

  /** Entries of a month's round proposed to the joint office that meet a criterion (not ended as not qualified). */
  int proposedEntries(String month) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM xf_screening_entry e JOIN xf_joint_case j "
        + "ON j.joint_number = e.joint_number WHERE e.screening_month = ? AND j.status <> 'NOT_QUALIFIED'",
        Integer.class, month);
    return n == null ? 0 : n;
  }

  boolean addEntry(String key, String month, String unit, String caseNumber, String subject, String area, String reason) {
    return insertIfAbsent.insert("entry_key", new Object[] {key},
        "INSERT INTO xf_screening_entry (entry_key, screening_month, unit, case_number, subject, area_code, reason, created_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", key, month, unit, caseNumber, subject, area, reason, now());
  }

  void entryProposed(String key, String criteria, String jointNumber) {
    jdbc.update("UPDATE xf_screening_entry SET criteria = ?, joint_number = ? WHERE entry_key = ?", criteria, jointNumber, key);
  }
}
