package cn.xinfang.flow.statistics;

import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.system.Caller;
import cn.xinfang.flow.system.FieldProblem;
import cn.xinfang.flow.system.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who sees which figures, in the style of casefile/CaseAccess: the office (信访室), leaders, supervision (督办组)
 * and administrators see every unit and the whole county; a handling unit sees only its own cases. Decided
 * before any SQL runs, and the choice goes into the query's WHERE, so nothing of another unit is counted.
 */
@Component
class StatisticsAccess {

  /** The same groups as casefile/CaseAccess.OVERSIGHT: they see every case, so every figure. */
  static final Set<String> OVERSIGHT = Set.of("petition-office", "leaders", "supervision", "camunda-admin");

  /** A refusal of the figures of a unit not one's own (403). */
  static class Refused extends RuntimeException {
    final String field;

    Refused(String field, String message) {
      super(message);
      this.field = field;
    }
  }

  private final Caller caller;
  private final OrganizationDirectory organization;

  StatisticsAccess(Caller caller, OrganizationDirectory organization) {
    this.caller = caller;
    this.organization = organization;
  }

  boolean oversight() {
    return caller.inAnyGroup(OVERSIGHT);
  }

  /**
   * The units to count for a request: null for all (oversight without {@code unit}), else the list. An unknown
   * unit is a bad parameter (400); a unit not the caller's own is refused (403).
   */
  List<String> unitsFor(String requested) {
    if (requested != null) {
      if (organization.unit(requested).isEmpty()) {
        throw new InvalidInputException("统计参数有误", List.of(new FieldProblem("unit",
            "没有编号为「" + requested + "」的单位，请从单位列表中选择（如 unit-hr），或留空查看全部")));
      }
      if (!oversight() && !caller.groups().contains(requested)) {
        throw new Refused("unit", "您只能查看本单位的统计，无权查看「" + organization.nameOf(requested) + "」的统计");
      }
      return List.of(requested);
    }
    if (oversight()) {
      return null;
    }
    List<String> own = ownUnits();
    if (own.isEmpty()) {
      throw new Refused(null, "统计分析只对信访室、领导、督办组和承办单位开放");
    }
    return own;
  }

  /** The units the caller may pick: every unit that handles cases for oversight, else the caller's own. */
  List<Map<String, String>> pickable() {
    List<Map<String, String>> units = new ArrayList<>();
    if (oversight()) {
      organization.unit(OrganizationDirectory.PETITION_OFFICE)
          .ifPresent(u -> units.add(Map.of("id", u.groupId(), "name", u.name())));
      organization.handlingUnits().forEach(u -> units.add(Map.of("id", u.groupId(), "name", u.name())));
    } else {
      ownUnits().forEach(u -> units.add(Map.of("id", u, "name", organization.nameOf(u))));
    }
    return units;
  }

  private List<String> ownUnits() {
    return caller.groups().stream().filter(organization::canHandleCases).sorted().toList();
  }
}
