package cn.xinfang.flow.system;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Engine history keeps what a form was submitted with only as the variables' final values.
 *
 * <p>At history level {@code audit} the engine writes one {@code ACT_HI_DETAIL} "formField" row per
 * field of every submitted start or task form, with the value as typed, forever. A discipline
 * reporter's name, phone, ID number and address typed into the start form would stay there
 * unmasked, although the registration masks the variables in the same transaction
 * (intake.RegisterPetitionListener) and the ledger keeps the real values behind an audited action.
 * So the engine's own database history handler is wrapped and these form-field events are dropped,
 * at every door (Tasklist, {@code /engine-rest} submit-form, the Java API). Everything else the
 * engine records (instances, tasks, variables' final values, the operation log) is written as before.
 */
@Component
class HistoryPrivacy extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers = new ArrayList<>();
    // the database handler first, as the engine would place it; other custom handlers keep their order
    handlers.add(new WithoutFormFields(new DbHistoryEventHandler()));
    if (configuration.getCustomHistoryEventHandlers() != null) {
      handlers.addAll(configuration.getCustomHistoryEventHandlers());
    }
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  /** Passes every history event on except the values of submitted form fields. */
  static final class WithoutFormFields implements HistoryEventHandler {

    private final HistoryEventHandler database;

    WithoutFormFields(HistoryEventHandler database) {
      this.database = database;
    }

    @Override
    public void handleEvent(HistoryEvent event) {
      if (!(event instanceof HistoricFormPropertyEventEntity)) {
        database.handleEvent(event);
      }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      events.forEach(this::handleEvent);
    }
  }
}
