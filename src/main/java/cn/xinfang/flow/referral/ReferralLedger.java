package cn.xinfang.flow.referral;

import cn.xinfang.flow.petition.InsertIfAbsent;
import cn.xinfang.flow.petition.PetitionLedger;
import java.sql.Timestamp;
import java.util.Date;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The referrals of the ledger: one row per referral letter, with its unit, deadline and state. */
@Repository
class ReferralLedger {

  private final JdbcTemplate jdbc;
  private final InsertIfAbsent insertIfAbsent;

  ReferralLedger(JdbcTemplate jdbc, InsertIfAbsent insertIfAbsent) {
    this.jdbc = jdbc;
    this.insertIfAbsent = insertIfAbsent;
  }

  void open(String letterNumber, String caseNumber, String unit, String request, Date due) {
    insertIfAbsent.insert("letter_number", new Object[] {letterNumber},
        "INSERT INTO xf_referral (letter_number, case_number, handling_unit, request_text, due_at, status, issued_at) "
            + "VALUES (?, ?, ?, ?, ?, 'OPEN', ?)", letterNumber, caseNumber, unit, request,
        new Timestamp(due.getTime()), Timestamp.from(PetitionLedger.now()));
  }

  void status(String letterNumber, String status) {
    String column = switch (status) {
      case "REPORTED" -> ", reported_at = ?";
      case "FILED" -> ", filed_at = ?";
      default -> "";
    };
    if (column.isEmpty()) {
      jdbc.update("UPDATE xf_referral SET status = ? WHERE letter_number = ?", status, letterNumber);
    } else {
      jdbc.update("UPDATE xf_referral SET status = ?" + column + " WHERE letter_number = ?", status,
          Timestamp.from(PetitionLedger.now()), letterNumber);
    }
  }

  void returned(String letterNumber, Date newDue) {
    jdbc.update("UPDATE xf_referral SET status = 'OPEN', returned_count = returned_count + 1, due_at = ? "
        + "WHERE letter_number = ?", new Timestamp(newDue.getTime()), letterNumber);
  }

  void due(String letterNumber, Date newDue) {
    jdbc.update("UPDATE xf_referral SET due_at = ? WHERE letter_number = ?", new Timestamp(newDue.getTime()), letterNumber);
  }
}
