package cn.xinfang.flow.joint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Each of the eight criteria of processes/joint-criteria.dmn, and the case data that meets them by itself. */
class JointCriteriaTest {

  static DmnEngine dmn;
  static DmnDecision decision;

  @BeforeAll
  static void load() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("processes/joint-criteria.dmn"))) {
      decision = dmn.parseDecision(JointProcess.CRITERIA_DECISION, in);
    }
  }

  static Set<String> criteria(Map<String, Object> overrides) {
    Map<String, Object> v = new HashMap<>(JointProposals.noCriteria());
    v.putAll(overrides);
    Set<String> labels = new LinkedHashSet<>();
    dmn.evaluateDecisionTable(decision, v).forEach(r -> labels.add((String) r.getSingleEntry()));
    return labels;
  }

  @ParameterizedTest
  @CsvSource({
      "criterionUrgent, 1.", "criterionLevelSkipping, 2.", "criterionMassIncident, 3.", "criterionStillPetitioning, 4.",
      "criterionOverdueReferral, 5.", "criterionRecusal, 6.", "criterionGrassrootsRequest, 7.", "criterionLeaderFast, 8."})
  void shouldNameEachCriterionThatHolds(String criterion, String number) {
    assertThat(criteria(Map.of(criterion, true))).singleElement().asString().startsWith(number);
  }

  @Test
  void shouldCountCollectiveVisitsAndRepeatPetitionsByThemselves() {
    assertThat(criteria(Map.of("headcount", 5))).singleElement().asString().startsWith("2.");
    assertThat(criteria(Map.of("repeatPetition", true))).singleElement().asString().startsWith("4.");
    assertThat(criteria(Map.of("headcount", 4))).isEmpty();
  }

  @Test
  void shouldListEveryCriterionThatHolds() {
    assertThat(criteria(Map.of("criterionUrgent", true, "criterionRecusal", true, "headcount", 8))).hasSize(3);
    assertThat(criteria(Map.of())).isEmpty();
  }
}
