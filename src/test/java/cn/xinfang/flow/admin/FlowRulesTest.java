package cn.xinfang.flow.admin;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xinfang.flow.organization.OrganizationChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * The deployment rules on the files as shipped (they must pass: they are deployed at every start) and
 * on broken variants of them, without an engine; the HTTP refusals are in FlowAdministrationTest.
 */
class FlowRulesTest {

  Map<String, byte[]> shipped = new TreeMap<>();
  Set<String> groups = new HashSet<>();
  final FlowRules.Deployed nothingDeployed = new FlowRules.Deployed() {
    public byte[] latestProcess(String key) { return null; }
    public byte[] latestDecision(String key) { return null; }
    public byte[] latestForm(String key) { return null; }
    public boolean groupExists(String groupId) { return groups.contains(groupId); }
  };

  @BeforeEach
  void load() throws IOException {
    for (String dir : List.of("processes", "forms")) {
      try (Stream<Path> files = Files.list(Path.of(dir))) {
        for (Path f : files.toList()) {
          shipped.put(dir + "/" + f.getFileName(), Files.readAllBytes(f));
        }
      }
    }
    OrganizationChart.read(new ClassPathResource("organization/demo-organization.yaml")).units()
        .forEach(u -> groups.add(u.id()));
  }

  @Test
  void shouldPassTheShippedFilesDeployedTogether() {
    List<FlowRules.Finding> findings = new FlowRules(false).check(shipped, nothingDeployed);
    assertThat(findings.stream().filter(FlowRules.Finding::error).map(FlowRules.Finding::line)).isEmpty();
  }

  @Test
  void shouldDeriveWhatTheCodeAddressesFromTheBackingClasses() {
    assertThat(FlowRules.keysOf(cn.xinfang.flow.intake.IntakeProcess.class))
        .containsExactlyInAnyOrder("petition-intake", "petition-request");
    assertThat(FlowRules.constants(cn.xinfang.flow.intake.IntakeProcess.class, "Element"))
        .contains("task_accept_petition", "timer_acceptance_overdue");
    assertThat(FlowRules.constants(cn.xinfang.flow.intake.IntakeProcess.class, "Message"))
        .containsExactlyInAnyOrder("RepeatVisit", "ReviewRequested", "ReReviewRequested");
  }

  @Test
  void shouldNameTheRuleAndElementOfEachBrokenVariant() {
    assertRefused("processes/petition-intake.bpmn", "\"timer_acceptance_overdue\"", "\"timer_x\"",
        "元素 timer_acceptance_overdue", "不可删除或改 id");
    assertRefused("processes/petition-intake.bpmn", "\"form-accept-petition\"", "\"form-missing\"",
        "task_accept_petition", "表单 form-missing");
    assertRefused("processes/petition-intake.bpmn", "candidateGroups=\"petition-office\"",
        "candidateGroups=\"no-such-office\"", "候选组 no-such-office", "不存在");
    assertRefused("processes/petition-intake.bpmn", "name=\"RepeatVisit\"", "name=\"RepeatVisit2\"",
        "元素 RepeatVisit", "消息不可删除或改名");
    assertRefused("processes/petition-handling-unit.dmn", "<text>\"unit-hr\"</text>", "<text></text>",
        "rule_unit_personnel", "没有给出承办单位");
    assertRefused("processes/petition-handling-unit.dmn", "\"unit-hr\"", "\"unit-nowhere\"",
        "rule_unit_personnel", "承办单位 unit-nowhere");
    assertRefused("processes/deadline-policy.dmn", "\"HANDLING\"", "\"HANDLING_X\"", "deadline-policy",
        "缺少环节 HANDLING");
    assertRefused("processes/petition-referral.bpmn", "camunda:historyTimeToLive=\"", "camunda:ttlGone=\"",
        "petition-referral", "historyTimeToLive");
  }

  @Test
  void shouldReadTheStagesFromTheFileAsWrittenWhateverItsQuoting() {
    // the check reads the diagram's own text (not the model serialized again): either quote, escaped quotes
    assertThat(FlowRules.stages("<camunda:inputParameter name='deadlineStage' >HANDLING </camunda:inputParameter>"
        + "<userTask camunda:dueDate='${deadlines.due(execution, &apos;ACCEPTANCE&apos;)}'/>"
        + "<userTask camunda:dueDate=\"${deadlines.due(execution, &#39;REFERRAL&#39;)}\"/>", false))
        .containsExactly("ACCEPTANCE", "REFERRAL", "HANDLING");
    assertThat(FlowRules.stages("<camunda:inputParameter name=\"deadlineStage\">HANDLING</camunda:inputParameter>"
        + "<userTask camunda:dueDate=\"${deadlines.due(execution, 'ACCEPTANCE')}\"/>", true))
        .as("only the stages a deadline is counted for").containsExactly("ACCEPTANCE");
    assertRefused("processes/discipline-lead.bpmn", "<camunda:inputParameter name=\"deadlineStage\">DISCIPLINE_ANALYSIS<",
        "<camunda:inputParameter name='deadlineStage'>NO_SUCH_STAGE<", "时限环节 NO_SUCH_STAGE 不存在");
  }

  @Test
  void shouldWarnOrRefuseAUserTaskWithoutADeadlineRule() {
    String bpmn = minimal("<userTask id=\"task_x\" name=\"办理\" camunda:formRef=\"form-accept-petition\" "
        + "camunda:candidateGroups=\"petition-office\"/>");
    Map<String, byte[]> files = new TreeMap<>(Map.of("x.bpmn", bpmn.getBytes(StandardCharsets.UTF_8),
        "forms/form-accept-petition.form", shipped.get("forms/form-accept-petition.form")));
    List<FlowRules.Finding> warned = new FlowRules(false).check(files, nothingDeployed);
    assertThat(warned).singleElement().satisfies(f -> {
      assertThat(f.error()).isFalse();
      assertThat(f.line()).contains("task_x（办理）").contains("时限规则");
    });
    assertThat(new FlowRules(true).check(files, nothingDeployed)).singleElement()
        .satisfies(f -> assertThat(f.error()).isTrue());
    String documented = minimal("<userTask id=\"task_x\" name=\"办理\" camunda:formRef=\"form-accept-petition\" "
        + "camunda:candidateGroups=\"petition-office\"><documentation>无法定时限：随到随办</documentation>"
        + "<extensionElements><camunda:properties><camunda:property name=\"deadline\" value=\"none\"/>"
        + "</camunda:properties></extensionElements></userTask>");
    files.put("x.bpmn", documented.getBytes(StandardCharsets.UTF_8));
    assertThat(new FlowRules(true).check(files, nothingDeployed)).isEmpty();
  }

  @Test
  void shouldRefuseAFileTheSchemaDoesNotAllowAndSayWhereAndWhy() {
    // validated once, against the model API's own schema: an element the schema does not know, two elements with
    // one id, text that is not XML; each names the file and what is wrong (not only the kind of exception)
    assertRefused("processes/petition-request.bpmn", "<bpmn:sequenceFlow ", "<bpmn:noSuchElement/><bpmn:sequenceFlow ",
        "文件无法解析", "noSuchElement");
    assertRefused("processes/petition-request.bpmn", "<bpmn:sequenceFlow id=\"flow_request_registered\"",
        "<bpmn:sequenceFlow id=\"petition-request\"", "文件无法解析", "petition-request");
    assertRefused("processes/petition-major-case.dmn", "<decision ", "<decision <", "文件无法解析", "第 ");
    // an external entity is never read
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>"
        + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" targetNamespace=\"&e;\"/>";
    List<FlowRules.Finding> findings = new FlowRules(false)
        .check(Map.of("x.bpmn", xxe.getBytes(StandardCharsets.UTF_8)), nothingDeployed);
    assertThat(findings).singleElement().satisfies(f -> assertThat(f.line()).contains("文件无法解析"));
  }

  @Test
  void shouldFindTheElementsOfAFileByIdAsTheModelApiDoes() {
    // the checks parse without the schema's typing and mark the ids themselves: the lookups must find the same elements
    byte[] xml = shipped.get("processes/petition-intake.bpmn");
    var ours = ModelReader.bpmn(xml);
    var api = org.camunda.bpm.model.bpmn.Bpmn.readModelFromStream(new java.io.ByteArrayInputStream(xml));
    List<String> ids = api.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.BaseElement.class).stream()
        .map(org.camunda.bpm.model.bpmn.instance.BaseElement::getId).filter(java.util.Objects::nonNull).toList();
    assertThat(ids).hasSizeGreaterThan(100);
    for (String id : ids) {
      org.camunda.bpm.model.xml.instance.ModelElementInstance found = ours.getModelElementById(id);
      org.camunda.bpm.model.xml.instance.ModelElementInstance expected = api.getModelElementById(id);
      assertThat(found).as(id).isNotNull();
      assertThat(found.getElementType().getTypeName()).isEqualTo(expected.getElementType().getTypeName());
    }
    var table = ModelReader.dmn(shipped.get("processes/deadline-policy.dmn"));
    org.camunda.bpm.model.xml.instance.ModelElementInstance decision = table.getModelElementById("deadline-policy");
    assertThat(decision).isInstanceOf(org.camunda.bpm.model.dmn.instance.Decision.class);
  }

  private static String minimal(String task) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        + "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"t\"><process id=\"probe\" "
        + "isExecutable=\"true\" camunda:historyTimeToLive=\"1\">" + task + "</process></definitions>";
  }

  private void assertRefused(String file, String from, String to, String... expected) {
    String text = new String(shipped.get(file), StandardCharsets.UTF_8);
    assertThat(text).as("%s holds %s", file, from).contains(from);
    Map<String, byte[]> broken = new TreeMap<>(shipped);
    broken.put(file, text.replace(from, to).getBytes(StandardCharsets.UTF_8));
    List<String> errors = new FlowRules(false).check(broken, nothingDeployed).stream()
        .filter(FlowRules.Finding::error).map(FlowRules.Finding::line).toList();
    assertThat(errors).as("%s: %s → %s", file, from, to).anySatisfy(line -> assertThat(line).contains(expected));
  }
}
