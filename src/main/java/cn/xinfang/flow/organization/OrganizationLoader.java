package cn.xinfang.flow.organization;

import cn.xinfang.flow.system.TransactionMemo;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import cn.xinfang.flow.system.StartupTask;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the org chart into the engine's identity (groups, users, memberships), our unit table,
 * the permissions of each kind of group and the Tasklist filters. Runs at every start and only adds
 * or updates: it never deletes what an administrator created in Camunda Admin. It runs before the web
 * server accepts requests ({@link cn.xinfang.flow.system.StartupData}); on PostgreSQL one node at a time
 * (the start-up lock). Everything is written in one transaction: a first start creates a few hundred
 * rows (groups, users, memberships, grants, filters), and a commit each cost half a second of the start
 * (issue 12). Should another writer still get in between (an administrator in Camunda Admin on a running
 * node), the unique-key clash or OptimisticLockingException rolls the load back and StartupData runs the
 * whole (idempotent) load again, which then finds the other writer's row.
 */
@Component
class OrganizationLoader implements StartupTask {

  private static final Logger LOG = LoggerFactory.getLogger(OrganizationLoader.class);
  /** Processes the offices may start from Tasklist: registration desks register, the petition office also refers. */
  static final List<String> REGISTRATION_PROCESSES = List.of("petition-intake", "petition-request");
  static final List<String> OFFICE_PROCESSES = List.of("petition-referral");
  /** The resource types {@link #grantStaffPermissions} grants on. */
  private static final List<Resource> STAFF_RESOURCES = List.of(Resources.APPLICATION, Resources.PROCESS_DEFINITION,
      Resources.DECISION_DEFINITION, Resources.PROCESS_INSTANCE);

  private final OrganizationProperties properties;
  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final JdbcTemplate jdbc;
  private final TasklistFilters filters;
  private final TransactionTemplate transaction;

  OrganizationLoader(OrganizationProperties properties, IdentityService identity, AuthorizationService authorizations,
      JdbcTemplate jdbc, TasklistFilters filters, PlatformTransactionManager transactions) {
    this.transaction = new TransactionTemplate(transactions);
    this.properties = properties;
    this.identity = identity;
    this.authorizations = authorizations;
    this.jdbc = jdbc;
    this.filters = filters;
  }

  @Override
  public int order() {
    return 10;
  }

  @Override
  public String description() {
    return "Organization";
  }

  /**
   * What the database holds, read at once (a few queries) instead of one query per group, user, membership and
   * grant: the load compares and writes only what differs. It took half a second of every start (issue 12).
   */
  private Map<String, Group> groups;
  private Map<String, User> users;
  private Set<String> memberships;
  private Map<String, Authorization> grants;

  private void readWhatIsStored(OrganizationChart chart) {
    groups = identity.createGroupQuery().list().stream().collect(Collectors.toMap(Group::getId, Function.identity()));
    users = identity.createUserQuery().list().stream().collect(Collectors.toMap(User::getId, Function.identity()));
    memberships = new HashSet<>(jdbc.queryForList("SELECT USER_ID_ || '/' || GROUP_ID_ FROM ACT_ID_MEMBERSHIP",
        String.class));
    String[] units = chart.units().stream().map(OrganizationChart.Unit::id).toArray(String[]::new);
    grants = new HashMap<>();
    // by the resource types granted here: a unit's group also holds one TASK row per open task (tens of thousands)
    List<Authorization> stored = new ArrayList<>(
        authorizations.createAuthorizationQuery().groupIdIn(OrganizationChart.ADMIN_GROUP).list());
    for (Resource type : STAFF_RESOURCES) {
      stored.addAll(authorizations.createAuthorizationQuery().groupIdIn(units).resourceType(type).list());
    }
    for (Authorization a : stored) {
      grants.put(grantKey(a.getGroupId(), a.getResourceType(), a.getResourceId()), a);
    }
  }

  private static String grantKey(String groupId, int resourceType, String resourceId) {
    return groupId + "/" + resourceType + "/" + resourceId;
  }

  @Override
  public synchronized void load() {
    try {
      transaction.executeWithoutResult(status -> loadChart());
    } finally {
      // the snapshot served this load only: nothing of it is kept in the node's memory
      groups = null;
      users = null;
      memberships = null;
      grants = null;
    }
  }

  private void loadChart() {
    OrganizationChart chart = OrganizationChart.read(properties.file());
    readWhatIsStored(chart);
    ensureGroup(OrganizationChart.ADMIN_GROUP, "系统管理员", "SYSTEM");
    for (OrganizationChart.Unit unit : chart.units()) {
      ensureGroup(unit.id(), unit.name(), "WORKFLOW");
      upsertUnit(unit);
      grantStaffPermissions(unit);
    }
    grantAdminPermissions();
    if (properties.demoUsers()) {
      for (OrganizationChart.Person person : chart.users()) {
        ensureUser(person, "demo");
      }
    } else {
      // real users get a random password; the administrator sets theirs in Camunda Admin
      for (OrganizationChart.Person person : chart.users()) {
        ensureUser(person, null);
      }
    }
    filters.ensureFilters();
    LOG.info("Organization '{}' loaded: {} units, {} users (demo passwords: {})", chart.name(), chart.units().size(),
        chart.users().size(), properties.demoUsers());
  }

  private void ensureGroup(String id, String name, String type) {
    Group existing = groups.get(id);
    if (existing != null && name.equals(existing.getName()) && type.equals(existing.getType())) {
      return;
    }
    Group group = existing != null ? existing : identity.newGroup(id);
    group.setName(name);
    group.setType(type);
    identity.saveGroup(group);
  }

  private void ensureUser(OrganizationChart.Person person, String demoPassword) {
    User user = users.get(person.id());
    boolean created = user == null;
    if (created) {
      user = identity.newUser(person.id());
      user.setPassword(demoPassword != null ? demoPassword : randomPassword());
    }
    String email = person.email() != null ? person.email() : person.id() + "@xinfang.local";
    // an unchanged user is not written again (a write also forgets every remembered login, VerifiedLogins)
    if (created || !Objects.equals(user.getFirstName(), person.surname())
        || !Objects.equals(user.getLastName(), person.givenName()) || !Objects.equals(user.getEmail(), email)) {
      user.setFirstName(person.surname());
      user.setLastName(person.givenName());
      user.setEmail(email);
      identity.saveUser(user);
    }
    for (String groupId : person.groups() == null ? List.<String>of() : person.groups()) {
      if (!memberships.contains(person.id() + "/" + groupId)) {
        identity.createMembership(person.id(), groupId);
        memberships.add(person.id() + "/" + groupId);
      }
    }
  }

  private void upsertUnit(OrganizationChart.Unit unit) {
    TransactionMemo.forget("org-unit:");
    int updated = jdbc.update("UPDATE xf_org_unit SET name = ?, kind = ?, area_code = ?, head_user_id = ?, "
        + "supervising_leader = ? WHERE group_id = ?", unit.name(), unit.kind().name(), unit.areaCode(), unit.head(),
        unit.supervisingLeader(), unit.id());
    if (updated == 0) {
      jdbc.update("INSERT INTO xf_org_unit (group_id, name, kind, area_code, head_user_id, "
          + "supervising_leader) VALUES (?, ?, ?, ?, ?, ?)", unit.id(), unit.name(), unit.kind().name(), unit.areaCode(),
          unit.head(), unit.supervisingLeader());
    }
  }

  /** Every staff group: Tasklist, read the diagrams; registration desks also start petitions. */
  private void grantStaffPermissions(OrganizationChart.Unit unit) {
    grant(unit.id(), Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(unit.id(), Resources.PROCESS_DEFINITION, "*", Permissions.READ);
    grant(unit.id(), Resources.DECISION_DEFINITION, "*", Permissions.READ);
    if (unit.kind() == UnitKind.LEADERSHIP) {
      // a leader may take ownership of any open case (领导包案)
      grant(unit.id(), Resources.PROCESS_DEFINITION, "leader-ownership", Permissions.READ, Permissions.CREATE_INSTANCE);
      grant(unit.id(), Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    }
    if (unit.kind() == UnitKind.JOINT_OFFICE) {
      // the joint office proposes cases for joint investigation (联查)
      grant(unit.id(), Resources.PROCESS_DEFINITION, "joint-investigation", Permissions.READ, Permissions.CREATE_INSTANCE);
      grant(unit.id(), Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    }
    if (unit.kind().handlesCases()) {
      // a department or township registers its own first-visit cases (单位首问, issue 16): petition-intake only
      grant(unit.id(), Resources.PROCESS_DEFINITION, "petition-intake", Permissions.READ,
          Permissions.CREATE_INSTANCE);
      grant(unit.id(), Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    }
    if (unit.kind() == UnitKind.OFFICE) {
      for (String key : REGISTRATION_PROCESSES) {
        grant(unit.id(), Resources.PROCESS_DEFINITION, key, Permissions.READ, Permissions.CREATE_INSTANCE);
      }
      if (OrganizationDirectory.PETITION_OFFICE.equals(unit.id())) {
        for (String key : OFFICE_PROCESSES) {
          grant(unit.id(), Resources.PROCESS_DEFINITION, key, Permissions.READ, Permissions.CREATE_INSTANCE);
        }
      }
      grant(unit.id(), Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    }
  }

  /** Administrators are in the engine's admin group too; explicit grants keep the webapps' menus complete. */
  private void grantAdminPermissions() {
    for (Resources resource : Resources.values()) {
      grant(OrganizationChart.ADMIN_GROUP, resource, "*", Permissions.ALL);
    }
  }

  private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    boolean read = OrganizationChart.ADMIN_GROUP.equals(groupId) || STAFF_RESOURCES.contains(resource);
    Authorization existing = read ? grants.get(grantKey(groupId, resource.resourceType(), resourceId))
        : authorizations.createAuthorizationQuery().groupIdIn(groupId).resourceType(resource).resourceId(resourceId)
            .singleResult();
    Authorization auth = existing;
    boolean changed = existing == null;
    if (auth == null) {
      auth = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      auth.setGroupId(groupId);
      auth.setResource(resource);
      auth.setResourceId(resourceId);
    }
    for (Permission permission : permissions) {
      if (!auth.isPermissionGranted(permission)) {
        auth.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizations.saveAuthorization(auth);
      // a unit of two kinds is granted the same resource twice: the second grant adds to this one
      grants.put(grantKey(groupId, resource.resourceType(), resourceId), auth);
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().encodeToString(bytes);
  }
}
