package cn.xinfang.flow.system;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Puts {@link EngineDoorGuard} in front of every engine command chain, so that one rule serves
 * Tasklist, {@code /engine-rest}, our {@code /api} and any other caller of the engine's services.
 */
@Component
class EngineDoorPlugin extends AbstractProcessEnginePlugin {

  private final EngineDoorGuard guardTxRequired = new EngineDoorGuard();
  private final EngineDoorGuard guardTxRequiresNew = new EngineDoorGuard();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPreCommandInterceptorsTxRequired(with(configuration.getCustomPreCommandInterceptorsTxRequired(),
        guardTxRequired));
    configuration.setCustomPreCommandInterceptorsTxRequiresNew(
        with(configuration.getCustomPreCommandInterceptorsTxRequiresNew(), guardTxRequiresNew));
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    guardTxRequired.setConfiguration(configuration);
    guardTxRequiresNew.setConfiguration(configuration);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    // nothing: the guard is active from the first command a person sends
  }

  private static List<CommandInterceptor> with(List<CommandInterceptor> existing, CommandInterceptor guard) {
    List<CommandInterceptor> all = new ArrayList<>();
    all.add(guard); // outermost: it must see the command before any transaction or context exists
    if (existing != null) {
      all.addAll(existing);
    }
    return all;
  }
}
