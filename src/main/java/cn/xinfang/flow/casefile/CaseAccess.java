package cn.xinfang.flow.casefile;

import cn.xinfang.flow.petition.Petition;
import cn.xinfang.flow.system.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who may see a case: its owner (首问责任人, who registered it), the oversight groups, and the unit
 * handling it. The same rule as {@code GET /api/petitions/{n}}, once as a test on a loaded case and
 * once as SQL for searches, so that a search never loads a case the caller may not see.
 */
@Component
public class CaseAccess {

  /** Groups that see every case in the ledger (as intake.PetitionApiController.OVERSIGHT). */
  static final Set<String> OVERSIGHT = Set.of("petition-office", "leaders", "supervision", "camunda-admin");
  /** Groups that register and re-issue receipts at the window. */
  static final Set<String> DESKS = Set.of("reception", "petition-office", "leaders", "camunda-admin");

  private final Caller caller;

  CaseAccess(Caller caller) {
    this.caller = caller;
  }

  boolean oversight() {
    return caller.inAnyGroup(OVERSIGHT);
  }

  public boolean mayRead(Petition p) {
    return caller.userId().equals(p.caseOwner()) || oversight()
        || (p.handlingUnit() != null && caller.groups().contains(p.handlingUnit()))
        || (p.confidential() && discipline());
  }

  /** The discipline commission's groups see the discipline leads (检举控告件), and only those beyond their own. */
  boolean discipline() {
    return caller.inAnyGroup(cn.xinfang.flow.discipline.DisciplineLeadProcess.Group.ALL);
  }

  /** Who works the case may add to it: the same people, as long as the case is not closed for good. */
  boolean mayUpload(Petition p) {
    return mayRead(p);
  }

  /** A condition on {@code xf_petition p} with its parameters; everything for oversight. */
  SqlCondition visibleInSql() {
    if (oversight()) {
      return new SqlCondition("1 = 1", List.of());
    }
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("(p.case_owner = ?");
    args.add(caller.userId());
    List<String> groups = caller.groups();
    if (!groups.isEmpty()) {
      sql.append(" OR p.handling_unit IN (").append(String.join(", ", groups.stream().map(g -> "?").toList())).append(")");
      args.addAll(groups);
    }
    if (discipline()) {
      sql.append(" OR p.confidential = TRUE");
    }
    sql.append(")");
    return new SqlCondition(sql.toString(), args);
  }

  record SqlCondition(String sql, List<Object> args) {}
}
