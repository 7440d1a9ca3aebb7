package cn.xinfang.flow.system;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.variable.serializer.AbstractTypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * A business rule task (分办建议, 重大事项研判) leaves the whole decision result in the transient variable
 * {@code decisionResult} for the step's output mappings. Transient variables are never written to the database, yet the
 * engine turned that result into JSON each time (the default serialization format), only to throw the text away: 2 % of
 * a registration's Java (issue 12). Here a transient decision result keeps its object and nothing is serialized; the
 * step and its mappings read it as before. Any other value, and a decision result someone stores as a real variable,
 * is serialized by the engine as always.
 */
@Component
class TransientDecisionResults extends AbstractProcessEnginePlugin {

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    // first of all serializers, and of the default format: where several serializers can take a value, the engine
    // takes the first of the default serialization format (Spin's JSON otherwise)
    configuration.getVariableSerializers().addSerializer(new Serializer(configuration.getDefaultSerializationFormat()),
        0);
  }

  /** Keeps a transient decision result as the object it is; writes nothing (nothing transient is written). */
  static class Serializer extends AbstractTypedValueSerializer<ObjectValue> {

    static final String NAME = "xf-transient-decision-result";

    private final String dataFormat;

    Serializer(String dataFormat) {
      super(ValueType.OBJECT);
      this.dataFormat = dataFormat;
    }

    @Override
    public String getSerializationDataformat() {
      return dataFormat;
    }

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    protected boolean canWriteValue(TypedValue value) {
      Object object = value == null ? null : value.getValue();
      return value != null && value.isTransient()
          && (object instanceof DmnDecisionResult || object instanceof DmnDecisionTableResult);
    }

    @Override
    public ObjectValue convertToTypedValue(UntypedValueImpl untypedValue) {
      return Variables.objectValue(untypedValue.getValue(), untypedValue.isTransient()).create();
    }

    @Override
    public void writeValue(ObjectValue value, ValueFields valueFields) {
      // a transient variable is held as its object for the rest of the command and never stored
    }

    @Override
    public ObjectValue readValue(ValueFields valueFields, boolean deserializeValue, boolean isTransient) {
      // only a stored variable is read back, and no variable of this kind is ever stored
      return Variables.objectValue(null, isTransient).create();
    }

    @Override
    public boolean isMutableValue(ObjectValue typedValue) {
      return false;
    }
  }
}
