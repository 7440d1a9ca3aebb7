package cn.xinfang.flow.closure;

import cn.xinfang.flow.petition.InsertIfAbsent;
import cn.xinfang.flow.petition.PetitionLedger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The one evaluation of a case ({@code xf_evaluation}, V15): written by the petitioner on their page
 * (source PETITIONER) or by the case owner's call-back (CALLBACK), whichever comes first. Never
 * overwritten: the insert is insert-if-absent on the primary key.
 */
@Repository
public class Evaluations {

  public static final String CALLBACK = "CALLBACK";
  public static final String PETITIONER = "PETITIONER";

  public record Evaluation(String caseNumber, String source, String result, String comment, String handlingUnit,
      String recordedBy, Instant recordedAt) {

    public String resultLabel() {
      return EvaluationResult.labelOf(result);
    }

    public String sourceLabel() {
      return PETITIONER.equals(source) ? "信访人自行评价" : "电话回访";
    }
  }

  private final JdbcTemplate jdbc;
  private final InsertIfAbsent insertIfAbsent;

  Evaluations(JdbcTemplate jdbc, InsertIfAbsent insertIfAbsent) {
    this.jdbc = jdbc;
    this.insertIfAbsent = insertIfAbsent;
  }

  public Optional<Evaluation> find(String caseNumber) {
    return jdbc.query("SELECT case_number, source, result, comment, handling_unit, recorded_by, recorded_at "
            + "FROM xf_evaluation WHERE case_number = ?", (rs, i) -> new Evaluation(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()),
        caseNumber).stream().findFirst();
  }

  /** @return true if this call stored the evaluation, false if the case had one already (kept as it was) */
  public boolean recordIfAbsent(String caseNumber, String source, String result, String comment, String handlingUnit,
      String recordedBy) {
    return insertIfAbsent.insert("case_number", new Object[] {caseNumber},
        "INSERT INTO xf_evaluation (case_number, source, result, comment, handling_unit, recorded_by, recorded_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)",
        caseNumber, source, result, comment, handlingUnit, recordedBy, Timestamp.from(PetitionLedger.now()));
  }
}
