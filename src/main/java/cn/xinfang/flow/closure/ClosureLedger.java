package cn.xinfang.flow.closure;

import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.petition.PetitionStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The ledger's side of final closure (三级终结) and repeat petitions (重复信访), columns of V20:
 * {@code final_at}/{@code final_basis}, {@code repeat_of_case_number}/{@code repeat_of_final}.
 * Writes join the engine's transaction, like {@link PetitionLedger}.
 */
@Repository
public class ClosureLedger {

  /** How many of a petitioner's cases the repeat check and the profile read at most (newest first). */
  static final int MAX_CASES = 200;

  private final JdbcTemplate jdbc;

  ClosureLedger(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Marks the case final once; a second call (a retried job) keeps the first time and basis. */
  public boolean recordFinal(String caseNumber, FinalBasis basis) {
    return jdbc.update("UPDATE xf_petition SET final_at = ?, final_basis = ? WHERE case_number = ? AND final_at IS NULL",
        Timestamp.from(PetitionLedger.now()), basis.name(), caseNumber) == 1;
  }

  /** An earlier case of the same petitioner on the same facts. */
  public record RepeatMatch(String caseNumber, String subject, PetitionStatus status, Instant finalAt, double similarity) {

    public boolean isFinal() {
      return finalAt != null;
    }

    /** What the clerk sees: 疑似重复信访：XF-… (已终结). */
    public String label() {
      return "疑似重复信访：" + caseNumber + "「" + subject + "」（" + (isFinal() ? "已终结" : status.label()) + "）";
    }
  }

  /**
   * The earlier closed case this registration repeats, if any: the same petitioner ({@code petitioner_key}:
   * ID number, else name and phone) and a subject sharing most words ({@link SubjectSimilarity#SAME_FACTS}).
   * Open cases are not looked at here: registration merges those (linked_case_number). A final case wins
   * over a merely closed one, then the closer subject, then the newer case.
   */
  public Optional<RepeatMatch> findRepeatOf(String petitionerKey, String subject) {
    if (petitionerKey == null || subject == null) {
      return Optional.empty();
    }
    List<RepeatMatch> candidates = jdbc.query(connection -> {
      var statement = connection.prepareStatement("SELECT case_number, subject, status, final_at FROM xf_petition "
          + "WHERE petitioner_key = ? AND status NOT IN ('OPEN', 'REPLIED', 'LINKED') ORDER BY registered_at DESC, id DESC");
      statement.setString(1, petitionerKey);
      statement.setMaxRows(MAX_CASES);
      return statement;
    }, (rs, i) -> {
      Timestamp finalAt = rs.getTimestamp(4);
      return new RepeatMatch(rs.getString(1), rs.getString(2), PetitionStatus.valueOf(rs.getString(3)),
          finalAt == null ? null : finalAt.toInstant(), SubjectSimilarity.of(subject, rs.getString(2)));
    });
    return candidates.stream().filter(m -> m.similarity() >= SubjectSimilarity.SAME_FACTS)
        .min(Comparator.comparing((RepeatMatch m) -> !m.isFinal()).thenComparing(m -> -m.similarity()));
  }

  /** Stores the match found at registration on the new case (same transaction as its insert). */
  public void markRepeatOf(String caseNumber, RepeatMatch match) {
    jdbc.update("UPDATE xf_petition SET repeat_of_case_number = ?, repeat_of_final = ? WHERE case_number = ?",
        match.caseNumber(), match.isFinal(), caseNumber);
  }

  /** Final closure and repeat columns of one case, for the case file. */
  public record Closure(Instant finalAt, String finalBasis, String repeatOfCaseNumber, boolean repeatOfFinal,
      String petitionerKey) {

    public String finalBasisLabel() {
      return finalBasis == null ? null : FinalBasis.valueOf(finalBasis).label();
    }
  }

  public Optional<Closure> closure(String caseNumber) {
    return jdbc.query("SELECT final_at, final_basis, repeat_of_case_number, repeat_of_final, petitioner_key "
        + "FROM xf_petition WHERE case_number = ?", (rs, i) -> {
          Timestamp t = rs.getTimestamp(1);
          return new Closure(t == null ? null : t.toInstant(), rs.getString(2), rs.getString(3), rs.getBoolean(4),
              rs.getString(5));
        }, caseNumber).stream().findFirst();
  }

  /** One case of a petitioner's profile. */
  public record ProfileCase(String caseNumber, String subject, String category, String channel, String sourceLevel,
      PetitionStatus status, boolean confidential, Instant registeredAt, Instant finalAt, String repeatOfCaseNumber,
      int repeatVisits, String petitionerName) {}

  /**
   * The petitioner's cases, newest first, at most {@link #MAX_CASES} (ix_closure_petitioner_cases);
   * confidential ones (检举控告) only when {@code withConfidential}.
   */
  public List<ProfileCase> casesOf(String petitionerKey, boolean withConfidential) {
    return jdbc.query(connection -> {
      var statement = connection.prepareStatement("SELECT case_number, subject, category, channel, source_level, status, "
          + "confidential, registered_at, final_at, repeat_of_case_number, repeat_visits, petitioner_name "
          + "FROM xf_petition WHERE petitioner_key = ?" + (withConfidential ? "" : " AND confidential = FALSE")
          + " ORDER BY registered_at DESC, id DESC");
      statement.setString(1, petitionerKey);
      statement.setMaxRows(MAX_CASES);
      return statement;
    }, (rs, i) -> {
      Timestamp f = rs.getTimestamp(9);
      return new ProfileCase(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
          PetitionStatus.valueOf(rs.getString(6)), rs.getBoolean(7), rs.getTimestamp(8).toInstant(),
          f == null ? null : f.toInstant(), rs.getString(10), rs.getInt(11), rs.getString(12));
    });
  }
}
