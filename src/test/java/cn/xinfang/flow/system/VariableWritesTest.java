package cn.xinfang.flow.system;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.junit.jupiter.api.Test;

/** A value the variable already holds is not written again; a missing flag reads as "no" and is not created for it. */
class VariableWritesTest {

  final VariableScope scope = mock(VariableScope.class);

  @Test
  void shouldWriteAVariableOnlyWhenItsValueChanges() {
    when(scope.getVariable("handlingUnitName")).thenReturn("县人力资源和社会保障局");
    VariableWrites.setIfChanged(scope, "handlingUnitName", "县人力资源和社会保障局");
    verify(scope, never()).setVariable("handlingUnitName", "县人力资源和社会保障局");

    VariableWrites.setIfChanged(scope, "handlingUnitName", "县卫生健康局");
    verify(scope).setVariable("handlingUnitName", "县卫生健康局");

    // a missing variable is created for a value, not for null
    VariableWrites.setIfChanged(scope, "suggestedUnitName", null);
    verify(scope, never()).setVariable("suggestedUnitName", null);
    VariableWrites.setIfChanged(scope, "suggestedUnitName", "（无建议）");
    verify(scope).setVariable("suggestedUnitName", "（无建议）");
  }

  @Test
  void shouldKeepNoVariableForANoThatWasNeverAYes() {
    VariableWrites.setFlag(scope, "acceptanceDueProvisional", false);
    verify(scope, never()).setVariable("acceptanceDueProvisional", false);

    VariableWrites.setFlag(scope, "acceptanceDueProvisional", true);
    verify(scope).setVariable("acceptanceDueProvisional", true);

    // a yes turned no is written (an old case may also hold an explicit false, which is left as it is)
    when(scope.getVariable("referralDueProvisional")).thenReturn(true);
    VariableWrites.setFlag(scope, "referralDueProvisional", false);
    verify(scope).setVariable("referralDueProvisional", false);
    when(scope.getVariable("objectionDueProvisional")).thenReturn(false);
    VariableWrites.setFlag(scope, "objectionDueProvisional", false);
    verify(scope, never()).setVariable("objectionDueProvisional", false);
  }
}
