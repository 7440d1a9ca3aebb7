package cn.xinfang.flow.casefile;

import cn.xinfang.flow.calendar.DeadlineStage;
import cn.xinfang.flow.documents.DocumentStore;
import cn.xinfang.flow.intake.IdentityMasking;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.Petition;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.petition.PetitionLedger.PetitionEvent;
import cn.xinfang.flow.petition.QueryCodes;
import cn.xinfang.flow.petition.Vocabulary;
import cn.xinfang.flow.system.Caller;
import cn.xinfang.flow.system.NotFoundException;
import cn.xinfang.flow.system.TrustedEngineCalls;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The case file (卷宗) as JSON: the whole petition, attachments, the journal as a timeline, every
 * deadline with its state, linked cases and documents issued; and the registration receipt (登记回执)
 * with its 查询码. Who may not see a case gets 404, as for {@code GET /api/petitions/{n}}.
 */
@RestController
@RequestMapping("/api/cases")
class CaseFileController {

  private static final Map<String, String> EVENT_LABELS = Map.ofEntries(
      Map.entry("REGISTERED", "登记"), Map.entry("UNIT_FIRST_VISIT", "单位首问"),
      Map.entry("ESCALATED_TO_OFFICE", "报县信访局"), Map.entry("ACCEPTED", "受理分办"), Map.entry("REJECTED", "不予受理"),
      Map.entry("FORWARDED", "转送"), Map.entry("REFERRED", "转办"), Map.entry("OUTCOME", "处理意见"),
      Map.entry("REPLIED", "答复信访人"), Map.entry("ARCHIVED", "归档"), Map.entry("REVIEWED", "复查"),
      Map.entry("REREVIEWED", "复核"), Map.entry("REPEAT_VISIT", "重复来访"), Map.entry("OVERDUE", "逾期"),
      Map.entry("REMINDER", "催办"), Map.entry("FILED_UPWARD", "上报备案"), Map.entry("OWNED", "领导包案"),
      Map.entry("OWNERSHIP_PROPOSED", "拟包案"), Map.entry("OWNERSHIP_PLANNED", "包案计划"),
      Map.entry("OWNERSHIP_READ", "阅示进展"), Map.entry("OWNERSHIP_SIGNED_OFF", "包案销号"),
      Map.entry("JOINT_PROPOSED", "提请联查"), Map.entry("JOINT_CONCLUDED", "联查结论"),
      Map.entry("REFERRAL_REPORTED", "转办件报告"), Map.entry("REFERRAL_RETURNED", "转办件退回"),
      Map.entry("REFERRAL_FILED", "转办件办结"), Map.entry("EXTENSION_REFUSED", "延期未获批准"),
      Map.entry("REFERRAL_EXTENSION_REFUSED", "转办延期未获批准"), Map.entry("ATTACHMENT_ADDED", "上传附件"),
      Map.entry("QUERY_CODE_REISSUED", "重新出具查询码"), Map.entry("REVIEW_REQUESTED", "申请复查"),
      Map.entry("EVALUATED", "信访人评价"), Map.entry("FINAL", "信访事项终结"),
      Map.entry("REPEAT_PETITION", "重复信访"), Map.entry("NOT_REACCEPTED", "不再受理"), Map.entry("CALLBACK", "电话回访"),
      Map.entry("CALLBACK_SKIPPED", "无需回访"), Map.entry("UNSATISFIED_NOTIFIED", "不满意通报"),
      Map.entry("RECEPTION_DAY", "领导接访日接待"), Map.entry("EARLY_WARNING", "苗头预警"),
      // 问题线索处置 (discipline-lead)
      Map.entry("LEAD_OPENED", "转为问题线索"), Map.entry("LEAD_ANALYSED", "线索初查分析"),
      Map.entry("LEAD_APPROVED", "批准处置意见"), Map.entry("LEAD_RETURNED", "处置意见退回"),
      Map.entry("LEAD_INQUIRY", "谈话函询"), Map.entry("LEAD_VERIFIED", "初步核实"), Map.entry("LEAD_PARKED", "暂存待查"),
      Map.entry("LEAD_CLOSED", "予以了结"), Map.entry("REALNAME_FEEDBACK", "实名反馈"),
      Map.entry("REPORTER_REVEALED", "查看检举人身份"), Map.entry("LEAD_CONCLUDED", "线索处置办结"));

  private final PetitionLedger ledger;
  private final CaseAccess access;
  private final Caller caller;
  private final AttachmentStore attachments;
  private final DocumentStore documents;
  private final OrganizationDirectory organization;
  private final QueryCodes queryCodes;
  private final TrustedEngineCalls trusted;
  private final HistoryService history;
  private final TaskService tasks;
  private final ManagementService management;
  private final RepositoryService repository;
  private final JdbcTemplate jdbc;
  private final cn.xinfang.flow.closure.CaseClosureView closureView;

  CaseFileController(PetitionLedger ledger, CaseAccess access, Caller caller, AttachmentStore attachments,
      DocumentStore documents, OrganizationDirectory organization, QueryCodes queryCodes, TrustedEngineCalls trusted,
      HistoryService history, TaskService tasks, ManagementService management, RepositoryService repository,
      JdbcTemplate jdbc, cn.xinfang.flow.closure.CaseClosureView closureView) {
    this.closureView = closureView;
    this.ledger = ledger;
    this.access = access;
    this.caller = caller;
    this.attachments = attachments;
    this.documents = documents;
    this.organization = organization;
    this.queryCodes = queryCodes;
    this.trusted = trusted;
    this.history = history;
    this.tasks = tasks;
    this.management = management;
    this.repository = repository;
    this.jdbc = jdbc;
  }

  /** The case if the caller may see it; otherwise 404, so that an outsider does not learn it exists. */
  Petition readable(String caseNumber) {
    return ledger.find(caseNumber).filter(access::mayRead)
        .orElseThrow(() -> new NotFoundException("没有编号为 " + caseNumber + " 的信访件，或您无权查看"));
  }

  @GetMapping("/{caseNumber}")
  Map<String, Object> caseFile(@PathVariable String caseNumber) {
    Petition p = readable(caseNumber);
    // names of colleagues: a clerk may not query other users in the engine's identity, but may read their names here
    return trusted.call(() -> caseFile(p));
  }

  private Map<String, Object> caseFile(Petition p) {
    String caseNumber = p.caseNumber();
    Map<String, Object> view = petition(p);
    view.put("attachments", attachments.forCase(caseNumber).stream().map(a -> attachment(a)).toList());
    view.put("timeline", ledger.events(caseNumber).stream().map(this::timelineEntry).toList());
    view.put("deadlines", deadlines(caseNumber, p));
    view.put("linkedCases", linkedCases(p));
    view.put("documents", documents.forCase(caseNumber).stream().map(d -> {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("number", d.number());
      doc.put("kind", d.kind().label());
      doc.put("title", d.title());
      doc.put("unitName", d.unit() == null ? null : organization.nameOf(d.unit()));
      doc.put("issuedAt", d.issuedAt());
      doc.put("href", "/api/documents/" + d.number());
      doc.put("pdfHref", "/api/documents/" + d.number() + "/pdf");
      doc.put("officialNumber", d.officialNumber());
      doc.put("forPetitioner", d.forPetitioner());
      return doc;
    }).toList());
    // final closure, repeat petition, the evaluation and the link to the petitioner's profile (closure feature)
    view.putAll(closureView.forCase(p, access.oversight()));
    view.put("mayUpload", access.mayUpload(p));
    view.put("mayReissueQueryCode", mayReissue(p));
    // the audited reveal (discipline.ReporterIdentityController): offered to the named role only
    view.put("mayRevealReporter", p.confidential() && p.petitionerName() != null
        && caller.groups().contains(cn.xinfang.flow.discipline.DisciplineLeadProcess.Group.MAY_REVEAL));
    return view;
  }

  /** 登记回执: what the petitioner takes home. The 查询码 appears once, to the clerk who registered the case. */
  @GetMapping("/{caseNumber}/receipt")
  Map<String, Object> receipt(@PathVariable String caseNumber, HttpServletRequest request) {
    Petition p = readable(caseNumber);
    Map<String, Object> receipt = new LinkedHashMap<>();
    receipt.put("caseNumber", p.caseNumber());
    receipt.put("registeredAt", p.registeredAt());
    receipt.put("subject", p.subject());
    receipt.put("channelLabel", label(Vocabulary.Channel.class, p.channel()));
    receipt.put("office", organization.nameOf(OrganizationDirectory.PETITION_OFFICE));
    receipt.put("receivedBy", trusted.call(() -> organization.displayName(p.caseOwner())));
    receipt.put("petitioner", shownName(p));
    receipt.put("followUp", "凭信访件编号和查询码可查询办理进展。依《信访工作条例》，信访部门自收到之日起 15 日内告知"
        + "是否受理；受理后一般 60 日内办结并书面答复。");
    queryCodes.takeFromSession(request.getSession(false), caseNumber).ifPresent(code -> receipt.put("queryCode", code));
    receipt.put("queryCodeIssuedAt", jdbc.queryForObject(
        "SELECT query_code_issued_at FROM xf_petition WHERE case_number = ?", java.sql.Timestamp.class, caseNumber));
    receipt.put("mayReissueQueryCode", mayReissue(p));
    return receipt;
  }

  /** A lost receipt: a new 查询码 replaces the old one (which stops working); journaled. */
  @PostMapping("/{caseNumber}/query-code")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> reissueQueryCode(@PathVariable String caseNumber) {
    Petition p = readable(caseNumber);
    if (!mayReissue(p)) {
      throw new org.camunda.bpm.engine.AuthorizationException(caller.userId(), "重新出具查询码", "petition", caseNumber);
    }
    return Map.of("caseNumber", caseNumber, "queryCode", queryCodes.reissue(caseNumber, caller.userId()));
  }

  /** The window that registered it, or the desks. A handling unit does not hand out codes. */
  private boolean mayReissue(Petition p) {
    return caller.userId().equals(p.caseOwner()) || caller.inAnyGroup(CaseAccess.DESKS);
  }

  private Map<String, Object> petition(Petition p) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("caseNumber", p.caseNumber());
    view.put("status", p.status().name());
    view.put("statusLabel", p.status().label());
    view.put("channel", p.channel());
    view.put("channelLabel", label(Vocabulary.Channel.class, p.channel()));
    view.put("category", p.category());
    view.put("categoryLabel", label(Vocabulary.Category.class, p.category()));
    view.put("sourceLevel", p.sourceLevel());
    view.put("sourceLevelLabel", label(Vocabulary.SourceLevel.class, p.sourceLevel()));
    view.put("subject", p.subject());
    view.put("content", p.content());
    view.put("realName", p.realName());
    view.put("headcount", p.headcount());
    // masked exactly as GET /api/petitions/{n}: a discipline reporter's identity stays in the ledger
    boolean secret = p.confidential();
    view.put("confidential", secret);
    view.put("petitionerName", secret ? IdentityMasking.name(p.petitionerName()) : p.petitionerName());
    view.put("petitionerPhone", secret ? IdentityMasking.phone(p.petitionerPhone()) : p.petitionerPhone());
    view.put("petitionerIdNumber", IdentityMasking.idNumber(p.petitionerIdNumber()));
    view.put("petitionerAddress", secret ? IdentityMasking.confidentialAddress(p.petitionerAddress()) : p.petitionerAddress());
    view.put("caseOwner", p.caseOwner());
    view.put("caseOwnerName", organization.displayName(p.caseOwner()));
    view.put("handlingUnit", p.handlingUnit());
    view.put("handlingUnitName", p.handlingUnit() == null ? null : organization.nameOf(p.handlingUnit()));
    view.put("acceptanceDecision", p.acceptanceDecision());
    view.put("acceptanceDecisionLabel", label(Vocabulary.AcceptanceDecision.class, p.acceptanceDecision()));
    view.put("outcome", p.outcome());
    view.put("outcomeLabel", label(Vocabulary.Outcome.class, p.outcome()));
    view.put("majorCase", p.majorCase());
    view.put("repeatVisits", p.repeatVisits());
    view.put("registeredAt", p.registeredAt());
    view.put("acceptedAt", p.acceptedAt());
    view.put("repliedAt", p.repliedAt());
    view.put("closedAt", p.closedAt());
    return view;
  }

  static String shownName(Petition p) {
    if (p.petitionerName() == null) {
      return "匿名";
    }
    return p.confidential() ? IdentityMasking.name(p.petitionerName()) : p.petitionerName();
  }

  static Map<String, Object> attachment(AttachmentStore.Attachment a) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", a.id());
    view.put("fileName", a.fileName());
    view.put("mediaType", a.mediaType());
    view.put("size", a.size());
    view.put("uploadedBy", a.uploadedBy());
    view.put("uploadedAt", a.uploadedAt());
    view.put("href", "/api/cases/" + a.caseNumber() + "/attachments/" + a.id());
    return view;
  }

  private Map<String, Object> timelineEntry(PetitionEvent e) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("at", e.occurredAt());
    entry.put("type", e.eventType());
    entry.put("what", EVENT_LABELS.getOrDefault(e.eventType(), e.eventType()));
    entry.put("actor", e.actor());
    entry.put("actorName", e.actor() == null ? "系统" : organization.displayName(e.actor()));
    entry.put("detail", e.detail());
    return entry;
  }

  /**
   * Every deadline of the case: the due dates the flows stored per stage (kept in history, so a
   * closed stage still shows), each marked open while a task or timer of the case still waits for
   * it, plus every open task's own due date.
   */
  private List<Map<String, Object>> deadlines(String caseNumber, Petition p) {
    Instant now = PetitionLedger.now();
    {
      List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
          .processInstanceBusinessKey(caseNumber).list();
      List<Map<String, Object>> rows = new ArrayList<>();
      if (instances.isEmpty()) {
        return rows;
      }
      String[] ids = instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
      List<Task> openTasks = tasks.createTaskQuery().processInstanceBusinessKey(caseNumber).list();
      List<Job> timers = new ArrayList<>();
      for (String id : ids) {
        timers.addAll(management.createJobQuery().processInstanceId(id).timers().list());
      }
      Set<Long> waiting = new java.util.HashSet<>();
      openTasks.stream().filter(t -> t.getDueDate() != null).forEach(t -> waiting.add(t.getDueDate().getTime()));
      timers.stream().filter(j -> j.getDuedate() != null).forEach(j -> waiting.add(j.getDuedate().getTime()));

      Map<String, DeadlineStage> byVariable = new HashMap<>();
      for (DeadlineStage stage : DeadlineStage.values()) {
        byVariable.put(stage.dueVariable(), stage);
        byVariable.put(stage.remindVariable(), stage);
      }
      Map<DeadlineStage, Date> due = new LinkedHashMap<>();
      Map<DeadlineStage, Date> remind = new HashMap<>();
      for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery().processInstanceIdIn(ids)
          .variableNameIn(byVariable.keySet().toArray(String[]::new)).list()) {
        DeadlineStage stage = byVariable.get(v.getName());
        if (v.getValue() instanceof Date d) {
          (v.getName().equals(stage.dueVariable()) ? due : remind).put(stage, d);
        }
      }
      boolean closed = p.closedAt() != null;
      due.forEach((stage, d) -> {
        Date r = remind.get(stage);
        boolean open = !closed && (waiting.contains(d.getTime()) || (r != null && waiting.contains(r.getTime())));
        rows.add(deadline("STAGE", stage.label(), d, open, now));
      });
      for (Task t : openTasks) {
        if (t.getDueDate() != null) {
          Map<String, Object> row = deadline("TASK", "待办：" + t.getName(), t.getDueDate(), true, now);
          row.put("assignee", t.getAssignee() == null ? null : organization.displayName(t.getAssignee()));
          rows.add(row);
        }
      }
      for (Job timer : timers) {
        String name = timerName(timer);
        if (name != null && timer.getDuedate() != null) {
          rows.add(deadline("TIMER", "定时：" + name, timer.getDuedate(), true, now));
        }
      }
      rows.sort(Comparator.comparing(r -> (Date) r.get("due")));
      return rows;
    }
  }

  private String timerName(Job timer) {
    if (timer.getJobDefinitionId() == null) {
      return null;
    }
    JobDefinition definition = management.createJobDefinitionQuery().jobDefinitionId(timer.getJobDefinitionId())
        .singleResult();
    if (definition == null || definition.getActivityId() == null) {
      return null;
    }
    FlowElement element = repository.getBpmnModelInstance(timer.getProcessDefinitionId())
        .getModelElementById(definition.getActivityId());
    return element == null || element.getName() == null ? definition.getActivityId() : element.getName();
  }

  private static Map<String, Object> deadline(String kind, String name, Date due, boolean open, Instant now) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("kind", kind);
    row.put("name", name);
    row.put("due", due);
    long hours = Duration.between(now, due.toInstant()).toHours();
    String state;
    String stateLabel;
    if (!open) {
      state = "PASSED";
      stateLabel = "已过此阶段";
    } else if (hours < 0) {
      state = "OVERDUE";
      stateLabel = "已逾期 " + Math.max(1, (-hours + 23) / 24) + " 天";
    } else {
      state = "RUNNING";
      stateLabel = hours < 24 ? "今日到期" : "剩余 " + (hours / 24) + " 天";
    }
    row.put("state", state);
    row.put("stateLabel", stateLabel);
    return row;
  }

  /** The case it was merged into or repeats, and the cases that point at it — only those the caller may see. */
  private List<Map<String, Object>> linkedCases(Petition p) {
    CaseAccess.SqlCondition visible = access.visibleInSql();
    List<Object> args = new ArrayList<>(visible.args());
    args.add(p.caseNumber());
    args.add(p.caseNumber());
    args.add(p.linkedCaseNumber() == null ? "-" : p.linkedCaseNumber());
    args.add(p.relatedCaseNumber() == null ? "-" : p.relatedCaseNumber());
    return jdbc.query("SELECT p.case_number, p.subject, p.status, p.registered_at, p.linked_case_number, "
        + "p.related_case_number FROM xf_petition p WHERE " + visible.sql()
        + " AND (p.linked_case_number = ? OR p.related_case_number = ? OR p.case_number = ? OR p.case_number = ?) "
        + "ORDER BY p.registered_at", (rs, i) -> {
          Map<String, Object> row = new LinkedHashMap<>();
          String number = rs.getString(1);
          row.put("caseNumber", number);
          row.put("subject", rs.getString(2));
          row.put("statusLabel", cn.xinfang.flow.petition.PetitionStatus.valueOf(rs.getString(3)).label());
          row.put("registeredAt", rs.getTimestamp(4).toInstant());
          row.put("relation", number.equals(p.linkedCaseNumber()) ? "本件已并入该件"
              : number.equals(p.relatedCaseNumber()) ? "本件为该件的重复信访"
              : p.caseNumber().equals(rs.getString(5)) ? "该件已并入本件" : "该件为本件的重复信访");
          return row;
        }, args.toArray());
  }

  static <E extends Enum<E> & Vocabulary.Labelled> String label(Class<E> type, String code) {
    return Vocabulary.parse(type, code).map(Vocabulary.Labelled::label).orElse(code);
  }
}
