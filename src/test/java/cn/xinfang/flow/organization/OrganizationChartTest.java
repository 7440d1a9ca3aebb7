package cn.xinfang.flow.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** The demo organization names the next higher bodies for 复查/复核, and a file may name only one of each. */
class OrganizationChartTest {

  @Test
  void shouldNameTheReviewAndReReviewBodiesOfTheDemoOrganization() {
    OrganizationChart chart = OrganizationChart.read(new ClassPathResource("organization/demo-organization.yaml"));
    assertThat(chart.units()).filteredOn(u -> u.kind() == UnitKind.UPPER_REVIEW)
        .extracting(OrganizationChart.Unit::id, OrganizationChart.Unit::head).containsExactly(
            org.assertj.core.groups.Tuple.tuple("upper-review", "review1"));
    assertThat(chart.units()).filteredOn(u -> u.kind() == UnitKind.UPPER_REREVIEW)
        .extracting(OrganizationChart.Unit::id, OrganizationChart.Unit::head).containsExactly(
            org.assertj.core.groups.Tuple.tuple("upper-rereview", "rereview1"));
    assertThat(chart.users()).filteredOn(p -> p.id().equals("review1")).singleElement()
        .satisfies(p -> assertThat(p.groups()).containsExactly("upper-review"));
    assertThat(chart.users()).filteredOn(p -> p.id().equals("rereview1")).singleElement()
        .satisfies(p -> assertThat(p.groups()).containsExactly("upper-rereview"));
  }

  @Test
  void shouldRefuseTwoReviewBodies() {
    OrganizationChart demo = OrganizationChart.read(new ClassPathResource("organization/demo-organization.yaml"));
    List<OrganizationChart.Unit> units = new ArrayList<>(demo.units());
    units.add(new OrganizationChart.Unit("upper-review-2", "另一复查机关", UnitKind.UPPER_REVIEW, null, "review1", null));
    OrganizationChart twice = new OrganizationChart(demo.name(), demo.areaCode(), units, demo.users());
    assertThat(twice.problems()).contains("类型 UPPER_REVIEW 的单位只能有一个: upper-review",
        "类型 UPPER_REVIEW 的单位只能有一个: upper-review-2");
    assertThat(demo.problems()).isEmpty();
  }
}
