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
   * What a registration must know of the petitioner's earlier cases, read in one statement (issue 12: it was two round
   * trips per registration):
   * <ul>
   *   <li>{@code openCase}: the oldest open or replied case of the same petitioner on the same matter ({@code
   *       subject_key}), into which the registration is merged (linked_case_number);</li>
   *   <li>{@code repeatOf}: the earlier closed case this registration repeats (重复信访) — the same petitioner
   *       ({@code petitioner_key}: ID number, else name and phone) and a subject sharing most words ({@link
   *       SubjectSimilarity#SAME_FACTS}), among the petitioner's newest {@link #MAX_CASES} closed ones. A final case
   *       wins over a merely closed one, then the closer subject, then the newer case. Not looked for when an open
   *       case is found (the registration is merged, not a repeat).</li>
   * </ul>
   * Both parts walk the index on the petitioner's cases (ix_closure_petitioner_cases or ix_xf_petition_duplicate).
   * Nothing for a petitioner without a key (anonymous, no phone).
   */
  public EarlierCases earlierCases(String petitionerKey, String subjectKey, String subject) {
    if (petitionerKey == null) {
      return EarlierCases.NONE;
    }
    // each part keeps its own order and limit (and its own index); a missing subject key matches no open case
    List<EarlierRow> rows = jdbc.query(connection -> {
      var statement = connection.prepareStatement("""
          SELECT * FROM (SELECT 1 AS part, case_number, subject, status, final_at FROM xf_petition
            WHERE petitioner_key = ? AND subject_key = ? AND status IN ('OPEN', 'REPLIED')
            ORDER BY registered_at, id FETCH FIRST 1 ROWS ONLY) open_case
          UNION ALL
          SELECT * FROM (SELECT 2 AS part, case_number, subject, status, final_at FROM xf_petition
            WHERE petitioner_key = ? AND status NOT IN ('OPEN', 'REPLIED', 'LINKED')
            ORDER BY registered_at DESC, id DESC FETCH FIRST %d ROWS ONLY) closed_cases""".formatted(MAX_CASES));
      statement.setString(1, petitionerKey);
      statement.setString(2, subjectKey);
      statement.setString(3, petitionerKey);
      return statement;
    }, (rs, i) -> new EarlierRow(rs.getInt(1) == 1, rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getTimestamp(5)));
    Optional<String> open = rows.stream().filter(EarlierRow::open).map(EarlierRow::caseNumber).findFirst();
    if (open.isPresent()) {
      return new EarlierCases(open, Optional.empty());
    }
    if (subject == null) {
      return EarlierCases.NONE;
    }
    Optional<RepeatMatch> repeat = rows.stream().filter(r -> !r.open()).map(r -> new RepeatMatch(r.caseNumber(),
            r.subject(), PetitionStatus.valueOf(r.status()), r.finalAt() == null ? null : r.finalAt().toInstant(),
            SubjectSimilarity.of(subject, r.subject())))
        .filter(m -> m.similarity() >= SubjectSimilarity.SAME_FACTS)
        .min(Comparator.comparing((RepeatMatch m) -> !m.isFinal()).thenComparing(m -> -m.similarity()));
    return new EarlierCases(Optional.empty(), repeat);
  }

  private record EarlierRow(boolean open, String caseNumber, String subject, String status, Timestamp finalAt) {}

  /** The petitioner's earlier cases a registration looks at: an open one to merge into, or a closed one it repeats. */
  public record EarlierCases(Optional<String> openCase, Optional<RepeatMatch> repeatOf) {
    public static final EarlierCases NONE = new EarlierCases(Optional.empty(), Optional.empty());
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
