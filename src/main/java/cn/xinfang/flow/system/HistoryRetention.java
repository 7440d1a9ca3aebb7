package cn.xinfang.flow.system;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The history retention of every process, from one setting ({@code xinfang.history.retention-days}) instead of
 * the value written in each diagram: the office's archive rules decide how long a case's history is kept, not
 * whoever last edited a diagram. New deployments (including Camunda Modeler's) take it when parsed; definitions
 * already deployed are updated at start. The nightly history cleanup removes what has outlived it.
 */
@Component
class HistoryRetention extends AbstractProcessEnginePlugin implements StartupTask {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryRetention.class);

  private final int retentionDays;
  private final RepositoryService repository;
  private final JdbcTemplate jdbc;

  HistoryRetention(@Value("${xinfang.history.retention-days:3650}") int retentionDays,
      @Lazy RepositoryService repository, JdbcTemplate jdbc) {
    if (retentionDays < 1) {
      throw new IllegalArgumentException("xinfang.history.retention-days 须为正整数（天），现为 " + retentionDays);
    }
    this.retentionDays = retentionDays;
    this.repository = repository;
    this.jdbc = jdbc;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl engine) {
    List<BpmnParseListener> listeners = engine.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
        : new ArrayList<>(engine.getCustomPostBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        processDefinition.setHistoryTimeToLive(retentionDays);
      }
    });
    engine.setCustomPostBPMNParseListeners(listeners);
  }

  @Override
  public int order() {
    return 40;
  }

  @Override
  public String description() {
    return "History retention";
  }

  @Override
  public void load() {
    // Only the definitions whose retention differs, found by SQL: the engine's process definition query parses
    // the diagram of every version it lists (for its documentation), which took half a second of every start
    // (issue 12). The change itself goes through the engine, which records it in the operation log.
    List<String> differing = jdbc.queryForList("SELECT ID_ FROM ACT_RE_PROCDEF WHERE HISTORY_TTL_ IS NULL "
        + "OR HISTORY_TTL_ <> ? ORDER BY ID_", String.class, retentionDays);
    for (String id : differing) {
      repository.updateProcessDefinitionHistoryTimeToLive(id, retentionDays);
    }
    if (!differing.isEmpty()) {
      LOG.info("History retention {} days set on {} process definitions", retentionDays, differing.size());
    }
  }
}
