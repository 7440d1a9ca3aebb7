package cn.xinfang.flow.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each rule of processes/leader-ownership-rule.dmn, evaluated by the DMN engine as deployed. */
class OwnershipRuleTest {

  static DmnEngine dmn;
  static DmnDecision decision;

  @BeforeAll
  static void load() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("processes/leader-ownership-rule.dmn"))) {
      decision = dmn.parseDecision(OwnershipProcess.RULE_DECISION, in);
    }
  }

  static Map<String, Object> ordinary() {
    Map<String, Object> v = new HashMap<>();
    v.put("sourceLevel", "SELF");
    v.put("acceptanceDecision", "ASSIGN");
    v.put("unitKind", "DEPARTMENT");
    v.put("headcount", 1);
    v.put("repeatPetition", false);
    v.put("majorCase", false);
    return v;
  }

  static String role(Map<String, Object> overrides) {
    Map<String, Object> v = ordinary();
    v.putAll(overrides);
    DmnDecisionRuleResult row = dmn.evaluateDecisionTable(decision, v).getSingleResult();
    return (String) row.get("ownerRole");
  }

  @Test
  void shouldLetTheHeadOwnCasesFromPrefectureProvinceAndCentralLevel() {
    assertThat(role(Map.of("sourceLevel", "PREFECTURE"))).isEqualTo("HEAD");
    assertThat(role(Map.of("sourceLevel", "PROVINCE"))).isEqualTo("HEAD");
    assertThat(role(Map.of("sourceLevel", "CENTRAL", "acceptanceDecision", "REFER", "unitKind", "TOWNSHIP")))
        .isEqualTo("HEAD");
    assertThat(role(Map.of("sourceLevel", "COUNTY"))).isEqualTo("NONE");
  }

  @Test
  void shouldLetTheLeadingGroupOfficeSuperviseCasesGivenToTownships() {
    assertThat(role(Map.of("acceptanceDecision", "ASSIGN", "unitKind", "TOWNSHIP"))).isEqualTo("LEADING_GROUP_OFFICE");
    assertThat(role(Map.of("acceptanceDecision", "REFER", "unitKind", "TOWNSHIP"))).isEqualTo("LEADING_GROUP_OFFICE");
    assertThat(role(Map.of("acceptanceDecision", "HANDLE", "unitKind", "OFFICE"))).isEqualTo("NONE");
  }

  @Test
  void shouldProposeCollectiveRepeatAndMajorCasesToTheSupervisingLeader() {
    assertThat(role(Map.of("headcount", 5))).isEqualTo("SUPERVISING_LEADER");
    assertThat(role(Map.of("headcount", 4))).isEqualTo("NONE");
    assertThat(role(Map.of("repeatPetition", true))).isEqualTo("SUPERVISING_LEADER");
    assertThat(role(Map.of("majorCase", true))).isEqualTo("SUPERVISING_LEADER");
  }

  @Test
  void shouldLeaveOrdinaryCasesWithoutOwner() {
    assertThat(role(Map.of())).isEqualTo("NONE");
  }
}
