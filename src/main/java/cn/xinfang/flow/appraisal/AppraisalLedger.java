package cn.xinfang.flow.appraisal;

import cn.xinfang.flow.petition.InsertIfAbsent;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.system.TrustedEngineCalls;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The appraisal ledger (年度考核计分): what each unit was charged, per case and reason. Points come
 * from the decision table {@code processes/appraisal-points.dmn}. A charge is written once per key
 * (case, reason, deadline), so a retried or repeated job never charges twice.
 */
@Repository
public class AppraisalLedger {

  public static final String DECISION_KEY = "appraisal-points";

  public record Entry(String unit, String caseNumber, int year, String reason, String reasonLabel, int points,
      String detail, Instant createdAt) {}

  private final JdbcTemplate jdbc;
  private final InsertIfAbsent insertIfAbsent;
  private final DecisionService decisions;
  private final TrustedEngineCalls trusted;

  AppraisalLedger(JdbcTemplate jdbc, InsertIfAbsent insertIfAbsent, DecisionService decisions, TrustedEngineCalls trusted) {
    this.jdbc = jdbc;
    this.insertIfAbsent = insertIfAbsent;
    this.decisions = decisions;
    this.trusted = trusted;
  }

  /** @return true if this call charged the unit, false if the same charge existed */
  public boolean charge(String key, String unit, String caseNumber, String reason, String detail) {
    int points = points(reason);
    int year = PetitionLedger.now().atZone(ZoneId.of("Asia/Shanghai")).getYear();
    return insertIfAbsent.insert("entry_key", new Object[] {key},
        "INSERT INTO xf_appraisal_entry (entry_key, unit, case_number, appraisal_year, reason, points, detail, created_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        key, unit, caseNumber, year, reason, points, detail, Timestamp.from(PetitionLedger.now()));
  }

  public int points(String reason) {
    return ((Number) row(reason).get("points")).intValue();
  }

  public String label(String reason) {
    return String.valueOf(row(reason).get("label"));
  }

  private Map<String, Object> row(String reason) {
    DmnDecisionTableResult result = trusted.call(() -> decisions.evaluateDecisionTableByKey(DECISION_KEY,
        Variables.putValue("reason", reason)));
    if (result.isEmpty()) {
      throw new IllegalStateException("考核计分表 " + DECISION_KEY + " 中没有事由 " + reason + " 的分值，请在决策表中补上这一行");
    }
    return result.getSingleResult().getEntryMap();
  }

  /** One unit's entries of one year (uses ix_xf_appraisal_unit_year), newest first, at most {@code limit}. */
  public List<Entry> entries(String unit, int year, int limit, int offset) {
    return jdbc.query("SELECT unit, case_number, appraisal_year, reason, points, detail, created_at FROM xf_appraisal_entry "
            + "WHERE unit = ? AND appraisal_year = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
        (rs, i) -> new Entry(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(4),
            rs.getInt(5), rs.getString(6), rs.getTimestamp(7).toInstant()), unit, year, limit, offset);
  }

  public record Totals(int entries, int points) {}

  public Totals totals(String unit, int year) {
    return jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(points), 0) FROM xf_appraisal_entry "
        + "WHERE unit = ? AND appraisal_year = ?", (rs, i) -> new Totals(rs.getInt(1), rs.getInt(2)), unit, year);
  }
}
