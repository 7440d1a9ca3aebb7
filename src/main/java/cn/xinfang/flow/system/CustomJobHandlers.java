package cn.xinfang.flow.system;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;

/**
 * Adds one of our job handlers (notice delivery, inter-office delivery) to the engine's, keeping those other
 * plugins registered: deliveries run as engine jobs so that retries, locking between nodes and incidents are the
 * engine's, not a scheduler of ours.
 */
public final class CustomJobHandlers {

  private CustomJobHandlers() {}

  public static void add(ProcessEngineConfigurationImpl configuration, JobHandler<?> handler) {
    List<JobHandler> handlers = new ArrayList<>();
    if (configuration.getCustomJobHandlers() != null) {
      handlers.addAll(configuration.getCustomJobHandlers());
    }
    handlers.add(handler);
    configuration.setCustomJobHandlers(handlers);
  }
}
