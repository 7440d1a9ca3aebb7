package cn.xinfang.flow.organization;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Read side of the org chart for diagrams and code: {@code ${organization.headOf(handlingUnit)}}.
 * Reads the database each time (no node-local cache), so every node sees the same chart.
 */
@Component("organization")
public class OrganizationDirectory {

  /** The office that handles a case itself (HANDLE) and whose head stands in when a unit has none. */
  public static final String PETITION_OFFICE = "petition-office";

  public record OrgUnit(String groupId, String name, UnitKind kind, String areaCode, String head, String supervisingLeader) {}

  private final JdbcTemplate jdbc;

  OrganizationDirectory(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<OrgUnit> unit(String groupId) {
    if (groupId == null) {
      return Optional.empty();
    }
    return jdbc.query("SELECT * FROM xf_org_unit WHERE group_id = ?", (rs, i) -> new OrgUnit(rs.getString("group_id"),
        rs.getString("name"), UnitKind.valueOf(rs.getString("kind")), rs.getString("area_code"),
        rs.getString("head_user_id"), rs.getString("supervising_leader")), groupId).stream().findFirst();
  }

  /** The head (main leader) of a unit; the petition office's head where the unit is unknown. */
  public String headOf(String groupId) {
    return unit(groupId).map(OrgUnit::head)
        .or(() -> unit(PETITION_OFFICE).map(OrgUnit::head))
        .orElseThrow(() -> new IllegalStateException("组织机构中没有单位 " + groupId + "，也没有信访室负责人"));
  }

  /** The leader who supervises a unit (分管领导); the bureau head where none is named. */
  public String supervisingLeaderOf(String groupId) {
    return unit(groupId).map(OrgUnit::supervisingLeader).filter(l -> l != null && !l.isBlank())
        .orElseGet(() -> headOf(PETITION_OFFICE));
  }

  public String nameOf(String groupId) {
    return unit(groupId).map(OrgUnit::name).orElse(groupId);
  }

  /** True for a group that may be given a case to handle: a department, a township or the petition office. */
  public boolean canHandleCases(String groupId) {
    return unit(groupId).map(u -> u.kind().handlesCases() || PETITION_OFFICE.equals(u.groupId())).orElse(false);
  }

  public List<OrgUnit> handlingUnits() {
    return jdbc.query("SELECT * FROM xf_org_unit WHERE kind IN ('DEPARTMENT', 'TOWNSHIP') ORDER BY group_id",
        (rs, i) -> new OrgUnit(rs.getString("group_id"), rs.getString("name"), UnitKind.valueOf(rs.getString("kind")),
            rs.getString("area_code"), rs.getString("head_user_id"), rs.getString("supervising_leader")));
  }
}
