package cn.xinfang.flow.organization;

import cn.xinfang.flow.system.TransactionMemo;
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
  /** The leadership; its head is the bureau head. */
  public static final String LEADERS = "leaders";

  public record OrgUnit(String groupId, String name, UnitKind kind, String areaCode, String head, String supervisingLeader) {}

  private final JdbcTemplate jdbc;
  private final org.camunda.bpm.engine.IdentityService identity;

  OrganizationDirectory(JdbcTemplate jdbc, org.camunda.bpm.engine.IdentityService identity) {
    this.jdbc = jdbc;
    this.identity = identity;
  }

  public Optional<OrgUnit> unit(String groupId) {
    if (groupId == null) {
      return Optional.empty();
    }
    // once per transaction: a registration or escalation asks for the same units several times
    return TransactionMemo.get("org-unit:" + groupId, () -> jdbc.query(
        "SELECT * FROM xf_org_unit WHERE group_id = ?", (rs, i) -> new OrgUnit(rs.getString("group_id"),
        rs.getString("name"), UnitKind.valueOf(rs.getString("kind")), rs.getString("area_code"),
        rs.getString("head_user_id"), rs.getString("supervising_leader")), groupId).stream().findFirst());
  }

  /**
   * The group of the next higher body that decides 复查 ({@code UPPER_REVIEW}) or 复核 ({@code UPPER_REREVIEW})
   * (条例 第35、36条): the unit of that kind in the organization file. Without one, the conventional group id
   * ({@code upper-review}, {@code upper-rereview}): the task then waits in a group an administrator can fill,
   * never with the office's own leaders, who decided the case being reviewed.
   */
  public String reviewBody(String kindName) {
    UnitKind kind = UnitKind.valueOf(kindName);
    if (kind != UnitKind.UPPER_REVIEW && kind != UnitKind.UPPER_REREVIEW) {
      throw new IllegalArgumentException("不是复查/复核机关的单位类型: " + kindName);
    }
    return jdbc.queryForList("SELECT group_id FROM xf_org_unit WHERE kind = ? ORDER BY group_id", String.class,
        kind.name()).stream().findFirst()
        .orElse(kind == UnitKind.UPPER_REVIEW ? "upper-review" : "upper-rereview");
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

  /**
   * The next leader up from a leader (上一级领导): the bureau head above a deputy. The head has no one
   * above in this organization; an escalation then goes to the leadership as a group (null here).
   */
  public String superiorOf(String leader) {
    String head = headOf(LEADERS);
    return head.equals(leader) ? null : head;
  }

  /** Users of a group, as options for a form: label "姓名（单位）", value the user id. */
  public List<java.util.Map<String, String>> membersAsOptions(String... groupIds) {
    java.util.Map<String, java.util.Map<String, String>> options = new java.util.LinkedHashMap<>();
    for (String groupId : groupIds) {
      if (groupId == null) {
        continue;
      }
      String unitName = nameOf(groupId);
      for (org.camunda.bpm.engine.identity.User user : identity.createUserQuery().memberOfGroup(groupId)
          .orderByUserId().asc().list()) {
        String name = (user.getFirstName() == null ? "" : user.getFirstName())
            + (user.getLastName() == null ? "" : user.getLastName());
        options.putIfAbsent(user.getId(), java.util.Map.of("label", name + "（" + unitName + "）", "value", user.getId()));
      }
    }
    return List.copyOf(options.values());
  }

  /** The county's own area: the area of its departments (县直部门). */
  public String countyAreaCode() {
    return jdbc.queryForList("SELECT area_code FROM xf_org_unit WHERE kind = 'DEPARTMENT' AND area_code IS NOT NULL "
        + "ORDER BY group_id", String.class).stream().findFirst().orElse("000000");
  }

  public boolean isAreaCode(String code) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM xf_org_unit WHERE area_code = ?", Integer.class, code);
    return n != null && n > 0;
  }

  /** A township's name for its area; 全县 for the county's own. */
  public String areaName(String code) {
    if (code != null && code.equals(countyAreaCode())) {
      return "全县（县直部门）";
    }
    return jdbc.queryForList("SELECT name FROM xf_org_unit WHERE area_code = ? AND kind = 'TOWNSHIP'", String.class, code)
        .stream().findFirst().orElse(code);
  }

  public List<OrgUnit> jointGroups() {
    return jdbc.query("SELECT * FROM xf_org_unit WHERE kind = 'JOINT_GROUP' ORDER BY group_id",
        (rs, i) -> new OrgUnit(rs.getString("group_id"), rs.getString("name"), UnitKind.valueOf(rs.getString("kind")),
            rs.getString("area_code"), rs.getString("head_user_id"), rs.getString("supervising_leader")));
  }

  /**
   * The department or township a user registers for (单位首问): its one handling unit, unless the user also
   * sits at an office desk (reception, petition office), whose registrations stay the office's. Read from
   * the membership table, not an identity query, so it does not depend on the caller's authorizations.
   */
  public Optional<String> ownHandlingUnitOf(String userId) {
    if (userId == null) {
      return Optional.empty();
    }
    List<OrgUnit> units = jdbc.query("SELECT u.* FROM xf_org_unit u JOIN ACT_ID_MEMBERSHIP m ON m.GROUP_ID_ = u.group_id "
        + "WHERE m.USER_ID_ = ? ORDER BY u.group_id", (rs, i) -> new OrgUnit(rs.getString("group_id"), rs.getString("name"),
        UnitKind.valueOf(rs.getString("kind")), rs.getString("area_code"), rs.getString("head_user_id"),
        rs.getString("supervising_leader")), userId);
    if (units.stream().anyMatch(u -> u.kind() == UnitKind.OFFICE)) {
      return Optional.empty();
    }
    return units.stream().filter(u -> u.kind().handlesCases()).map(OrgUnit::groupId).findFirst();
  }

  public boolean isMember(String userId, String groupId) {
    return identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0;
  }

  public String displayName(String userId) {
    org.camunda.bpm.engine.identity.User user = userId == null ? null
        : identity.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return userId;
    }
    return (user.getFirstName() == null ? "" : user.getFirstName()) + (user.getLastName() == null ? "" : user.getLastName());
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
