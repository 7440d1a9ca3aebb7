package cn.xinfang.flow.system;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.juel.FeelEngineFactoryImpl;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.FeelEngine.UnaryTests$;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.context.VariableProvider.CompositeVariableProvider;
import org.camunda.feel.context.VariableProvider.StaticVariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import camundajar.impl.scala.collection.immutable.Map.Map1;
import camundajar.impl.scala.runtime.BoxesRunTime;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;
import org.springframework.stereotype.Component;

/**
 * Decision tables evaluated without parsing their FEEL again. Camunda's FEEL integration parses the text of every
 * input entry and output entry at every evaluation: a registration evaluates two decision tables (分办建议, 重大事项研判) of
 * a dozen rules each, and parsing their cells took seven eighths of the time (133 µs against 16 µs per
 * registration, {@code bench/feel.sh}; a few per cent of a warm registration's Java, issue 12). Here each distinct
 * text is parsed once per node and the parsed expression — an immutable syntax tree, which the FEEL engine
 * evaluates without changing it — is evaluated as the engine's own {@link ScalaFeelEngine} would evaluate the text:
 * the same FEEL engine (functions, value mappers, Spin), the same variables, the same errors.
 *
 * <p>What is remembered is only the parse of a text of a deployed decision table, never a value of a case; the same
 * text always parses to the same tree, so a node may keep it. A text that does not parse is not remembered (the
 * evaluation fails as before). Kept per node and bounded: when more than {@link #LIMIT} texts of one kind are
 * remembered (years of redeployed tables), the memory starts again.
 *
 * <p>Only when the engine uses its current FEEL engine (not {@code dmnFeelEnableLegacyBehavior}, not a FEEL engine
 * configured by someone else).
 */
@Component
class ParsedFeel extends AbstractProcessEnginePlugin {

  static final int LIMIT = 5_000;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
    if (dmn == null) {
      dmn = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
      configuration.setDmnEngineConfiguration(dmn);
    }
    if (dmn.getFeelEngineFactory() == null && dmn.getFeelEngine() == null) {
      DefaultDmnEngineConfiguration built = dmn;
      // the engine hands its settings (custom functions, the legacy switch, which a property plugin may set after
      // this one) to the DMN configuration after preInit: read them when the DMN engine asks for its FEEL engine
      dmn.setFeelEngineFactory(() -> built.isEnableFeelLegacyBehavior()
          ? new FeelEngineFactoryImpl().createInstance()
          : new Engine(built.getFeelCustomFunctionProviders()));
    }
  }

  /** The engine's FEEL engine, evaluating remembered parses. */
  static final class Engine extends ScalaFeelEngine {

    private final Map<String, ParsedExpression> expressions = new ConcurrentHashMap<>();
    private final Map<String, ParsedExpression> unaryTests = new ConcurrentHashMap<>();

    Engine(List<FeelCustomFunctionProvider> functionProviders) {
      super(functionProviders);
    }

    @Override
    public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
      ParsedExpression parsed = parsed(expressions, expression, feelEngine::parseExpression);
      CustomContext context = new CustomContext() {
        @Override
        public VariableProvider variableProvider() {
          return new ContextVariableWrapper(variableContext);
        }
      };
      @SuppressWarnings("unchecked")
      T value = (T) value(feelEngine.eval(parsed, context));
      return value;
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variableContext) {
      ParsedExpression parsed = parsed(unaryTests, expression, feelEngine::parseUnaryTests);
      // the unary test reads its input through the FEEL engine's input variable, named as the DMN input names it
      StaticVariableProvider input = new StaticVariableProvider(
          new Map1<>(UnaryTests$.MODULE$.inputVariable(), inputVariable));
      ContextVariableWrapper variables = new ContextVariableWrapper(variableContext);
      CustomContext context = new CustomContext() {
        @Override
        public VariableProvider variableProvider() {
          return new CompositeVariableProvider(toScalaList(input, variables));
        }
      };
      return BoxesRunTime.unboxToBoolean(value(feelEngine.eval(parsed, context)));
    }

    int remembered() {
      return expressions.size() + unaryTests.size();
    }

    private static ParsedExpression parsed(Map<String, ParsedExpression> memory, String text,
        Function<String, Either<Failure, ParsedExpression>> parser) {
      ParsedExpression parsed = memory.get(text);
      if (parsed == null) {
        parsed = (ParsedExpression) value(parser.apply(text));
        if (memory.size() >= LIMIT) {
          memory.clear();
        }
        memory.put(text, parsed);
      }
      return parsed;
    }

    /** The value on the right, or the FEEL engine's failure as the exception Camunda's integration throws. */
    private static Object value(Either<?, ?> result) {
      if (result instanceof Right<?, ?> right) {
        return right.value();
      }
      Failure failure = (Failure) ((Left<?, ?>) result).value();
      throw LOGGER.evaluationException(failure.message());
    }
  }
}
