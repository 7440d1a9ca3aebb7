package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionResultEntriesImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionResultImpl;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.junit.jupiter.api.Test;

/** A transient decision result is held as its object; everything else is left to the engine's serializers. */
class TransientDecisionResultsTest {

  private final TransientDecisionResults.Serializer serializer = new TransientDecisionResults.Serializer(
      "application/json");
  private final DmnDecisionResult result = new DmnDecisionResultImpl(List.of(new DmnDecisionResultEntriesImpl()));

  @Test
  void shouldHoldATransientDecisionResultWithoutWritingIt() {
    UntypedValueImpl transientResult = (UntypedValueImpl) Variables.untypedValue(result, true);
    assertThat(serializer.canHandle(transientResult)).isTrue();
    ObjectValue held = serializer.convertToTypedValue(transientResult);
    assertThat(held.getValue()).isSameAs(result);
    assertThat(held.isTransient()).isTrue();
    assertThat(held.isDeserialized()).isTrue();
    ValueFields fields = mock(ValueFields.class);
    serializer.writeValue(held, fields);
    verifyNoInteractions(fields);
    assertThat(serializer.isMutableValue(held)).isFalse();
  }

  @Test
  void shouldLeaveStoredDecisionResultsAndOtherTransientValuesToTheEngine() {
    assertThat(serializer.canHandle(Variables.untypedValue(result, false))).isFalse();
    assertThat(serializer.canHandle(Variables.objectValue(result).create())).isFalse();
    assertThat(serializer.canHandle(Variables.untypedValue("信访件", true))).isFalse();
    assertThat(serializer.canHandle(Variables.stringValue("信访件", true))).isFalse();
  }
}
