package cn.xinfang.flow.organization;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The organization file: units (groups with kind, area and head) and the people in them. */
public record OrganizationChart(String name, String areaCode, List<Unit> units, List<Person> users) {

  /** The engine's administrators group; always present, never listed as a unit. */
  public static final String ADMIN_GROUP = "camunda-admin";

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,63}");
  private static final Pattern AREA = Pattern.compile("[0-9]{6,12}");

  public record Unit(String id, String name, UnitKind kind, String areaCode, String head, String supervisingLeader) {}

  public record Person(String id, String name, String title, String email, List<String> groups) {
    /** Surname first, as Chinese names are written; the engine shows "first last". */
    String surname() {
      return name.substring(0, 1);
    }

    String givenName() {
      return name.length() > 1 ? name.substring(1) : "";
    }
  }

  public OrganizationChart {
    units = units == null ? List.of() : List.copyOf(units);
    users = users == null ? List.of() : List.copyOf(users);
  }

  /** Reads and checks an organization file; a bad file is refused whole with every problem listed. */
  public static OrganizationChart read(Resource resource) {
    Object tree;
    try (InputStream in = resource.getInputStream()) {
      tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    } catch (IOException e) {
      throw new InvalidOrganizationException("组织机构文件无法读取: " + resource.getDescription() + " (" + e.getMessage() + ")");
    } catch (RuntimeException e) {
      throw new InvalidOrganizationException("组织机构文件不是有效的 YAML: " + e.getMessage());
    }
    OrganizationChart chart;
    try {
      chart = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .convertValue(tree, OrganizationChart.class);
    } catch (IllegalArgumentException e) {
      throw new InvalidOrganizationException("组织机构文件结构有误: " + e.getMessage());
    }
    List<String> problems = chart.problems();
    if (!problems.isEmpty()) {
      throw new InvalidOrganizationException("组织机构文件 " + resource.getDescription() + " 有误:\n- " + String.join("\n- ", problems));
    }
    return chart;
  }

  List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (name == null || name.isBlank()) {
      problems.add("缺少机构名称 name");
    }
    Set<String> groupIds = new HashSet<>();
    Set<String> userIds = new HashSet<>();
    for (Person p : users) {
      if (p.id() == null || !ID.matcher(p.id()).matches()) {
        problems.add("用户标识不合规（小写字母开头，字母数字和连字符）: " + p.id());
      } else if (!userIds.add(p.id())) {
        problems.add("用户标识重复: " + p.id());
      }
      if (p.name() == null || p.name().isBlank()) {
        problems.add("用户 " + p.id() + " 缺少姓名 name");
      }
    }
    for (Unit u : units) {
      if (u.id() == null || !ID.matcher(u.id()).matches()) {
        problems.add("单位标识不合规: " + u.id());
        continue;
      }
      if (!groupIds.add(u.id())) {
        problems.add("单位标识重复: " + u.id());
      }
      if (u.kind() == null) {
        problems.add("单位 " + u.id() + " 缺少类型 kind");
      } else if ((u.kind() == UnitKind.UPPER_REVIEW || u.kind() == UnitKind.UPPER_REREVIEW)
          && units.stream().filter(o -> o.kind() == u.kind()).count() > 1) {
        // one body decides: two units of the kind would leave it to chance which one gets the case
        problems.add("类型 " + u.kind() + " 的单位只能有一个: " + u.id());
      } else if (u.kind().handlesCases()) {
        if (!u.id().startsWith("unit-")) {
          problems.add("承办单位标识须以 unit- 开头: " + u.id());
        }
        if (u.areaCode() == null || !AREA.matcher(u.areaCode()).matches()) {
          problems.add("承办单位 " + u.id() + " 须有 6 至 12 位数字的区划代码 areaCode");
        }
      }
      if (u.name() == null || u.name().isBlank()) {
        problems.add("单位 " + u.id() + " 缺少名称 name");
      }
      if (u.head() == null || !userIds.contains(u.head())) {
        problems.add("单位 " + u.id() + " 的负责人 head 须是 users 中的用户: " + u.head());
      }
      if (u.supervisingLeader() != null && !userIds.contains(u.supervisingLeader())) {
        problems.add("单位 " + u.id() + " 的分管领导不是 users 中的用户: " + u.supervisingLeader());
      }
    }
    for (Person p : users) {
      for (String g : p.groups() == null ? List.<String>of() : p.groups()) {
        if (!groupIds.contains(g) && !ADMIN_GROUP.equals(g)) {
          problems.add("用户 " + p.id() + " 所属单位不存在: " + g);
        }
      }
    }
    return problems;
  }
}
