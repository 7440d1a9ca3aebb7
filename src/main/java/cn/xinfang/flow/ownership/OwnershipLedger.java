package cn.xinfang.flow.ownership;

import cn.xinfang.flow.petition.InsertIfAbsent;
import cn.xinfang.flow.petition.PetitionLedger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Who owns which case (领导包案台账), for the leader's own list and for reports. */
@Repository
class OwnershipLedger {

  record Owned(String caseNumber, String processInstanceId, String ownerLeader, String ownerRole, String reason,
      String responsiblePerson, String plan, Instant deadline, String status, Instant startedAt) {}

  private final JdbcTemplate jdbc;
  private final InsertIfAbsent insertIfAbsent;

  OwnershipLedger(JdbcTemplate jdbc, InsertIfAbsent insertIfAbsent) {
    this.jdbc = jdbc;
    this.insertIfAbsent = insertIfAbsent;
  }

  /** Records the owner; a case has one owner at a time, so a second start for the same case changes nothing. */
  boolean start(String caseNumber, String processInstanceId, String owner, String role, String reason) {
    // a case signed off earlier and petitioned again is owned afresh
    jdbc.update("DELETE FROM xf_ownership WHERE case_number = ? AND status = 'SIGNED_OFF'", caseNumber);
    return insertIfAbsent.insert("case_number", new Object[] {caseNumber},
        "INSERT INTO xf_ownership (case_number, process_instance_id, owner_leader, owner_role, reason, status, started_at) "
            + "VALUES (?, ?, ?, ?, ?, 'PLANNING', ?)", caseNumber, processInstanceId, owner, role, reason,
        Timestamp.from(PetitionLedger.now()));
  }

  void plan(String caseNumber, String responsible, String plan, Date deadline) {
    jdbc.update("UPDATE xf_ownership SET responsible_person = ?, handling_plan = ?, deadline_at = ?, status = 'ACTIVE' "
        + "WHERE case_number = ?", responsible, plan, new Timestamp(deadline.getTime()), caseNumber);
  }

  void signOff(String caseNumber) {
    jdbc.update("UPDATE xf_ownership SET status = 'SIGNED_OFF', signed_off_at = ? WHERE case_number = ?",
        Timestamp.from(PetitionLedger.now()), caseNumber);
  }

  /** The leader's cases still owned, by deadline (uses ix_xf_ownership_owner), one page. */
  List<Owned> activeOf(String leader, int limit, int offset) {
    return jdbc.query("SELECT * FROM xf_ownership WHERE owner_leader = ? AND status <> 'SIGNED_OFF' "
            + "ORDER BY deadline_at NULLS FIRST, started_at LIMIT ? OFFSET ?",
        (rs, i) -> new Owned(rs.getString("case_number"), rs.getString("process_instance_id"),
            rs.getString("owner_leader"), rs.getString("owner_role"), rs.getString("reason"),
            rs.getString("responsible_person"), rs.getString("handling_plan"),
            rs.getTimestamp("deadline_at") == null ? null : rs.getTimestamp("deadline_at").toInstant(),
            rs.getString("status"), rs.getTimestamp("started_at").toInstant()), leader, limit, offset);
  }
}
