package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The FEEL engine that parses each text once ({@link ParsedFeel}) decides exactly as Camunda's own: every decision
 * table shipped in {@code processes/}, evaluated for the combinations of the values its rules name (and values no
 * rule names, and none), gives the same rows or the same error with both engines.
 */
class ParsedFeelTest {

  static DmnEngine stock;
  static DmnEngine parsedOnce;
  static ParsedFeel.Engine feel;

  @BeforeAll
  static void engines() {
    stock = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    feel = new ParsedFeel.Engine(List.of());
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.setFeelEngineFactory(() -> feel);
    parsedOnce = configuration.buildEngine();
  }

  @Test
  void shouldDecideEveryShippedTableAsCamundasOwnFeelEngineDoes() throws Exception {
    File[] files = new File("processes").listFiles((dir, name) -> name.endsWith(".dmn"));
    assertThat(files).isNotEmpty();
    int compared = 0;
    for (File file : files) {
      DmnModelInstance model = Dmn.readModelFromFile(file);
      for (DecisionTable table : model.getModelElementsByType(DecisionTable.class)) {
        String decisionId = ((org.camunda.bpm.model.dmn.instance.Decision) table.getParentElement()).getId();
        DmnDecision mine = parse(parsedOnce, file, decisionId);
        DmnDecision theirs = parse(stock, file, decisionId);
        for (Map<String, Object> variables : combinations(table)) {
          assertThat(outcome(parsedOnce, mine, variables))
              .as("%s %s %s", file.getName(), decisionId, variables)
              .isEqualTo(outcome(stock, theirs, variables));
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThan(100);
    // each distinct text of those tables was parsed once, however often it was evaluated
    int remembered = feel.remembered();
    assertThat(remembered).isPositive().isLessThan(compared);
  }

  @Test
  void shouldRefuseATextThatIsNotFeelWithTheEnginesMessageAndNotRememberIt() {
    var context = Variables.createVariables().putValue("x", 1).asVariableContext();
    int before = feel.remembered();
    assertThatThrownBy(() -> feel.evaluateSimpleUnaryTests(">= >= 5", "x", context))
        .isInstanceOf(FeelException.class)
        .hasMessageContaining("failed to parse expression '>= >= 5'");
    assertThatThrownBy(() -> feel.evaluateSimpleExpression("x +", context))
        .isInstanceOf(FeelException.class)
        .hasMessageContaining("failed to parse expression 'x +'");
    assertThat(feel.remembered()).isEqualTo(before);
    // the same text as input test and as expression (one no shipped table has): two parses, one of each kind
    var other = Variables.createVariables().putValue("x", 4711).asVariableContext();
    assertThat(feel.evaluateSimpleUnaryTests("4711", "x", other)).isTrue();
    assertThat((Object) feel.evaluateSimpleExpression("4711", other)).isEqualTo(4711L);
    assertThat(feel.remembered()).isEqualTo(before + 2);
  }

  @Test
  void shouldLeaveTheLegacyFeelEngineToWhoeverSwitchesItOn() {
    for (boolean legacy : new boolean[] {false, true}) {
      var engine = new org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration();
      new ParsedFeel().preInit(engine);
      // as the engine does after every plugin's preInit, from its own setting
      DefaultDmnEngineConfiguration dmn = engine.getDmnEngineConfiguration().enableFeelLegacyBehavior(legacy);
      dmn.buildEngine();
      assertThat(dmn.getFeelEngine()).as("legacy " + legacy).isInstanceOf(
          legacy ? org.camunda.bpm.dmn.feel.impl.juel.FeelEngineImpl.class : ParsedFeel.Engine.class);
    }
  }

  private static DmnDecision parse(DmnEngine engine, File file, String decisionId) throws Exception {
    try (InputStream in = new FileInputStream(file)) {
      return engine.parseDecision(decisionId, in);
    }
  }

  /** The rows chosen, or the error: what a process would see. */
  private static Object outcome(DmnEngine engine, DmnDecision decision, Map<String, Object> variables) {
    try {
      return engine.evaluateDecision(decision, variables).getResultList();
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  /** Every combination of the values the rules name for each input, plus one they do not and no value at all. */
  private static List<Map<String, Object>> combinations(DecisionTable table) {
    List<String> names = new ArrayList<>();
    List<List<Object>> values = new ArrayList<>();
    List<Input> inputs = new ArrayList<>(table.getInputs());
    for (int i = 0; i < inputs.size(); i++) {
      Input input = inputs.get(i);
      names.add(input.getInputExpression().getText().getTextContent().trim());
      String type = input.getInputExpression().getTypeRef();
      Set<Object> candidates = new LinkedHashSet<>();
      if ("boolean".equals(type)) {
        candidates.add(true);
        candidates.add(false);
      } else if ("integer".equals(type) || "long".equals(type) || "double".equals(type)) {
        for (int n : new int[] {0, 1, 2, 4, 5, 6, 10, 50, 100}) {
          candidates.add(n);
        }
      } else {
        for (Rule rule : table.getRules()) {
          InputEntry entry = new ArrayList<>(rule.getInputEntries()).get(i);
          Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(entry.getTextContent());
          while (quoted.find()) {
            candidates.add(quoted.group(1));
          }
        }
        candidates.add("NOT_NAMED_BY_ANY_RULE");
      }
      candidates.add(null);
      values.add(new ArrayList<>(candidates));
    }
    List<Map<String, Object>> result = new ArrayList<>();
    result.add(new LinkedHashMap<>());
    for (int i = 0; i < names.size(); i++) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> partial : result) {
        for (Object value : values.get(i)) {
          Map<String, Object> combined = new LinkedHashMap<>(partial);
          combined.put(names.get(i), value);
          next.add(combined);
        }
      }
      result = next;
    }
    // a table of many inputs: a fixed sample of its combinations (the same in every run)
    if (result.size() > 3_000) {
      java.util.Collections.shuffle(result, new java.util.Random(12));
      result = result.subList(0, 3_000);
    }
    return result;
  }
}
