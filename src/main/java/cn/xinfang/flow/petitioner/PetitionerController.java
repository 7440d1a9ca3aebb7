package cn.xinfang.flow.petitioner;

import cn.xinfang.flow.documents.DocumentIssuer;
import cn.xinfang.flow.documents.DocumentPdf;
import cn.xinfang.flow.documents.DocumentStore;
import cn.xinfang.flow.intake.PetitionRequests;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.InsertIfAbsent;
import cn.xinfang.flow.petition.Petition;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.petition.PetitionStatus;
import cn.xinfang.flow.petition.QueryCodes;
import cn.xinfang.flow.system.LoginProperties;
import cn.xinfang.flow.system.LoginThrottle;
import cn.xinfang.flow.system.TrustedEngineCalls;
import cn.xinfang.flow.system.UserText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The petitioner's side (条例 第21条: 可查询、可跟踪、可督办、可评价), without a staff login, at
 * {@code /public/cases} with its API under {@code /public/api}:
 *
 * <ul>
 *   <li>{@code POST /public/api/session} {caseNumber, queryCode}: checks the code of the receipt; wrong
 *       codes are throttled per client, per (client, case) and per case (429 with Retry-After), and an
 *       unknown case number gets exactly the answer of a wrong code, after the same work;
 *   <li>{@code GET /public/api/case}: the stage, the dates that concern the petitioner, the notices
 *       addressed to them, and whether they may evaluate or ask for 复查 — nothing else (no staff names
 *       beyond the office, no notes, no other case);
 *   <li>{@code GET /public/api/documents/{number}/pdf}: the petitioner's copy of a notice of this case;
 *   <li>{@code POST /public/api/evaluation} {result, comment}: once per case, from the reply until the
 *       复查 application period ends;
 *   <li>{@code POST /public/api/review} {note}: 申请复查 within the period — the same message the reception's
 *       后续请求登记 sends (intake/PetitionRequests), so the review shows on the case's diagram.
 * </ul>
 */
@RestController
@RequestMapping("/public/api")
class PetitionerController {

  static final String WRONG = "信访件编号或查询码不正确。请核对登记回执上的编号和查询码（不区分大小写）。";
  static final String ACTOR = "petitioner-online";

  enum Stage {
    REGISTERED("登记", "已登记，正在审查是否受理"),
    ACCEPTED("受理", "已受理，承办单位正在调查处理"),
    HANDLING("办理中", "正在形成处理意见或重新办理"),
    REPLIED("已答复", "已书面答复"),
    REVIEWING("复查中", "复查（复核）机关正在审查"),
    CLOSED("已办结", "已办结");

    final String label;
    final String description;

    Stage(String label, String description) {
      this.label = label;
      this.description = description;
    }
  }

  enum Result {
    SATISFIED("满意"), BASICALLY_SATISFIED("基本满意"), UNSATISFIED("不满意");

    final String label;

    Result(String label) {
      this.label = label;
    }
  }

  private final PetitionLedger ledger;
  private final QueryCodes codes;
  private final PetitionerSessions sessions;
  private final DocumentStore documents;
  private final DocumentPdf pdf;
  private final PetitionRequests requests;
  private final OrganizationDirectory organization;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final TrustedEngineCalls trusted;
  private final InsertIfAbsent inserts;
  private final JdbcTemplate jdbc;
  /** Per client address and per (address, case): a few free tries, then doubling delays. */
  private final LoginThrottle clients = new LoginThrottle(new LoginProperties(3, Duration.ofSeconds(2),
      Duration.ofMinutes(15), 10, Duration.ofSeconds(2), Duration.ofMinutes(30), Duration.ofHours(1), 10_000));
  /** Per case, whatever the address: guessing one case's code from many addresses is slowed too. */
  private final LoginThrottle cases = new LoginThrottle(new LoginProperties(10, Duration.ofSeconds(2),
      Duration.ofMinutes(15), 10, Duration.ofSeconds(2), Duration.ofMinutes(15), Duration.ofHours(1), 10_000));

  PetitionerController(PetitionLedger ledger, QueryCodes codes, PetitionerSessions sessions, DocumentStore documents,
      DocumentPdf pdf, PetitionRequests requests, OrganizationDirectory organization, RuntimeService runtime,
      TaskService tasks, TrustedEngineCalls trusted, InsertIfAbsent inserts, JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.codes = codes;
    this.sessions = sessions;
    this.documents = documents;
    this.pdf = pdf;
    this.requests = requests;
    this.organization = organization;
    this.runtime = runtime;
    this.tasks = tasks;
    this.trusted = trusted;
    this.inserts = inserts;
  }

  record Login(String caseNumber, String queryCode) {}

  @PostMapping(value = "/session", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> login(@RequestBody Login login, HttpServletRequest request, HttpServletResponse response) {
    if (UserText.isBlank(login.caseNumber()) || UserText.isBlank(login.queryCode())) {
      return problem(HttpStatus.BAD_REQUEST, "请填写信访件编号和查询码",
          UserText.isBlank(login.caseNumber()) ? "请填写信访件编号（登记回执上的 XF-年份-序号）" : "请填写查询码（登记回执上的 10 位字母数字）");
    }
    String caseNumber = login.caseNumber().strip().toUpperCase(Locale.ROOT);
    if (caseNumber.length() > 32) {
      caseNumber = caseNumber.substring(0, 32);
    }
    LoginThrottle.Attempt byClient = clients.begin(request.getRemoteAddr(), caseNumber);
    if (!byClient.allowed()) {
      return tooMany(byClient.retryAfterSeconds());
    }
    LoginThrottle.Attempt byCase = cases.begin(caseNumber, "");
    if (!byCase.allowed()) {
      byClient.abandoned();
      return tooMany(byCase.retryAfterSeconds());
    }
    // an unknown number takes the same PBKDF2 work and gets the same answer as a wrong code
    if (!codes.matches(caseNumber, login.queryCode())) {
      byClient.failed();
      byCase.failed();
      return problem(HttpStatus.UNAUTHORIZED, "无法查询", WRONG);
    }
    byClient.succeeded();
    byCase.succeeded();
    String cookie = sessions.open(caseNumber, request, response);
    return ResponseEntity.ok(Map.of("caseNumber", caseNumber, "csrfToken", sessions.csrfFor(cookie)));
  }

  @PostMapping("/logout")
  ResponseEntity<Void> logout(HttpServletRequest request, HttpServletResponse response) {
    sessions.close(request, response);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/case")
  ResponseEntity<?> caseView(HttpServletRequest request) {
    Optional<Petition> p = sessionCase(request);
    if (p.isEmpty()) {
      return expired();
    }
    Map<String, Object> view = trusted.call(() -> view(p.get()));
    view.put("csrfToken", sessions.csrfToken(request).orElse(null));
    return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(view);
  }

  @GetMapping("/documents/{number}/pdf")
  ResponseEntity<?> document(@PathVariable String number, HttpServletRequest request) {
    Optional<Petition> p = sessionCase(request);
    if (p.isEmpty()) {
      return expired();
    }
    // only the notices addressed to the petitioner of this very case; anything else is "not found"
    Optional<DocumentStore.Document> d = documents.find(number)
        .filter(doc -> doc.caseNumber().equals(p.get().caseNumber()) && doc.forPetitioner());
    if (d.isEmpty()) {
      return problem(HttpStatus.NOT_FOUND, "没有这份文书", "本件没有编号为 " + number + " 的告知文书。");
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(d.get().kind().label() + "-" + number + ".pdf", StandardCharsets.UTF_8).build().toString())
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .body(pdf.render(d.get(), true));
  }

  record Evaluation(String result, String comment) {}

  @PostMapping(value = "/evaluation", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> evaluate(@RequestBody Evaluation evaluation, HttpServletRequest request) {
    Optional<Petition> found = sessionCase(request);
    if (found.isEmpty()) {
      return expired();
    }
    if (!sessions.csrfMatches(request)) {
      return csrf();
    }
    Petition p = found.get();
    Optional<Result> result = java.util.Arrays.stream(Result.values())
        .filter(r -> r.name().equals(evaluation.result())).findFirst();
    if (result.isEmpty()) {
      return problem(HttpStatus.BAD_REQUEST, "请选择评价", "请选择评价：满意、基本满意或不满意");
    }
    String comment = evaluation.comment() == null ? "" : evaluation.comment().strip();
    if (UserText.length(comment) > 500 || UserText.problem(comment) != null) {
      return problem(HttpStatus.BAD_REQUEST, "评价意见有误", "评价意见不能超过 500 字，且不能含有控制字符");
    }
    if (result.get() == Result.UNSATISFIED && comment.isEmpty()) {
      return problem(HttpStatus.BAD_REQUEST, "请填写评价意见", "选择“不满意”时，请简要写明不满意的原因，便于我们改进");
    }
    Window window = trusted.call(() -> evaluationWindow(p));
    if (!window.open()) {
      return problem(HttpStatus.CONFLICT, "不在评价期内", window.reason());
    }
    boolean inserted = inserts.insert("case_number",
        new Object[] {p.caseNumber()}, "INSERT INTO xf_evaluation (case_number, source, result, comment, handling_unit, "
            + "recorded_by, recorded_at) VALUES (?, 'PETITIONER', ?, ?, ?, ?, ?)", p.caseNumber(), result.get().name(),
        comment.isEmpty() ? null : comment, p.handlingUnit(), ACTOR, Timestamp.from(PetitionLedger.now()));
    if (!inserted) {
      return problem(HttpStatus.CONFLICT, "已评价", "本件已经评价过，每件只能评价一次。");
    }
    ledger.recordEvent(p.caseNumber(), "EVALUATED:" + p.caseNumber(), "EVALUATED", ACTOR,
        "信访人网上评价：" + result.get().label + (comment.isEmpty() ? "" : "。意见：" + comment));
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("result", result.get().name(),
        "resultLabel", result.get().label));
  }

  record ReviewRequest(String note) {}

  @PostMapping(value = "/review", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> requestReview(@RequestBody ReviewRequest review, HttpServletRequest request) {
    Optional<Petition> found = sessionCase(request);
    if (found.isEmpty()) {
      return expired();
    }
    if (!sessions.csrfMatches(request)) {
      return csrf();
    }
    Petition p = found.get();
    if (trusted.call(() -> reviewing(p))) {
      return problem(HttpStatus.CONFLICT, "已申请复查", "本件已申请复查，正在复查中，无需重复申请。");
    }
    if (!trusted.call(() -> reviewOpen(p))) {
      return problem(HttpStatus.CONFLICT, "不在复查申请期内", "本件当前不在复查申请期内（须在收到书面答复之日起 30 日内申请）。");
    }
    String note = review.note() == null ? "" : review.note().strip();
    if (UserText.isBlank(note)) {
      return problem(HttpStatus.BAD_REQUEST, "请填写复查理由", "请写明申请复查的理由（不超过 2000 字）");
    }
    // the reception's path: the ReviewRequested message to the case's process, retried on a collision;
    // PetitionRequests refuses bad text and a closed window with a clear 400/409
    requests.submitAuthorized(p.caseNumber(), PetitionRequests.RequestType.REVIEW, note);
    ledger.recordEvent(p.caseNumber(), "REVIEW_REQUESTED_ONLINE:" + p.caseNumber() + ":" + p.repliedAt(),
        "REVIEW_REQUESTED", ACTOR, "信访人网上申请复查：" + note);
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("stage", Stage.REVIEWING.label));
  }

  // ------------------------------------------------------------------ the view

  private Map<String, Object> view(Petition p) {
    Map<String, Object> vars = variables(p);
    Stage stage = stage(p);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("caseNumber", p.caseNumber());
    view.put("subject", p.subject());
    view.put("office", organization.nameOf(OrganizationDirectory.PETITION_OFFICE));
    view.put("stage", stage.label);
    view.put("stageCode", stage.name());
    view.put("stageDescription", stage.description);
    view.put("stages", java.util.Arrays.stream(Stage.values()).map(s -> s.label).toList());
    if (p.status() == PetitionStatus.REJECTED || p.status() == PetitionStatus.FORWARDED) {
      view.put("closedAs", p.status().label());
    }
    Map<String, Object> dates = new LinkedHashMap<>();
    dates.put("登记日期", day(p.registeredAt()));
    dates.put("受理告知期限", p.acceptedAt() == null ? day(vars.get("acceptanceDueAt")) : null);
    dates.put("受理日期", day(p.acceptedAt()));
    dates.put("办理期限", p.repliedAt() == null ? day(vars.get("handlingDueAt")) : null);
    dates.put("答复日期", day(p.repliedAt()));
    Window w = evaluationWindow(p);
    dates.put("复查申请截止", reviewOpen(p) ? day(vars.get("reviewRequestDueAt")) : null);
    dates.values().removeIf(java.util.Objects::isNull);
    view.put("dates", dates);
    view.put("documents", documents.forPetitioner(p.caseNumber()).stream().map(d -> Map.of(
        "number", d.number(), "officialNumber", d.officialNumber(), "kind", d.kind().label(),
        "issuedAt", DocumentIssuer.day(d.issuedAt()), "href", "/public/api/documents/" + d.number() + "/pdf")).toList());
    Map<String, Object> evaluation = new LinkedHashMap<>();
    List<Map<String, Object>> existing = jdbcEvaluation(p.caseNumber());
    evaluation.put("done", !existing.isEmpty());
    evaluation.put("resultLabel", existing.isEmpty() ? null : existing.get(0).get("label"));
    evaluation.put("open", existing.isEmpty() && w.open());
    evaluation.put("until", w.until() == null ? null : day(w.until()));
    evaluation.put("reason", w.open() ? null : w.reason());
    view.put("evaluation", evaluation);
    view.put("mayRequestReview", !reviewing(p) && reviewOpen(p));
    return view;
  }

  private List<Map<String, Object>> jdbcEvaluation(String caseNumber) {
    return jdbc.query("SELECT result FROM xf_evaluation WHERE case_number = ?", (rs, i) -> {
      String r = rs.getString(1);
      String label = java.util.Arrays.stream(Result.values()).filter(x -> x.name().equals(r)).map(x -> x.label)
          .findFirst().orElse("无法联系".equals(r) ? r : "已回访");
      return Map.<String, Object>of("label", label);
    }, caseNumber);
  }

  /**
   * The stage the petitioner sees. 登记: not yet accepted; 受理: accepted, no handling opinion yet;
   * 办理中: an opinion is being reviewed for the reply, or the case is handled again after 复查/复核;
   * 已答复: replied; 复查中: a 复查 or 复核 is being decided; 已办结: archived, forwarded, rejected or merged.
   */
  Stage stage(Petition p) {
    if (!p.status().isOpen()) {
      return Stage.CLOSED;
    }
    if (reviewing(p)) {
      return Stage.REVIEWING;
    }
    if (p.status() == PetitionStatus.REPLIED) {
      return Stage.REPLIED;
    }
    if (p.acceptedAt() == null) {
      return Stage.REGISTERED;
    }
    return p.outcome() == null && p.repliedAt() == null ? Stage.ACCEPTED : Stage.HANDLING;
  }

  private boolean reviewing(Petition p) {
    return p.processInstanceId() != null && tasks.createTaskQuery().processInstanceId(p.processInstanceId())
        .taskDefinitionKeyIn("task_decide_review", "task_decide_rereview").count() > 0;
  }

  private boolean reviewOpen(Petition p) {
    return p.processInstanceId() != null && runtime.createEventSubscriptionQuery().eventType("message")
        .eventName("ReviewRequested").processInstanceId(p.processInstanceId()).count() > 0;
  }

  record Window(boolean open, Date until, String reason) {}

  /**
   * The petitioner may evaluate from the written reply until the 复查 application period ends (the
   * date the case's timer uses, {@code reviewRequestDueAt}; 30 days after the reply where the case
   * has none), and while a 复查 they asked for is being decided.
   */
  Window evaluationWindow(Petition p) {
    if (p.repliedAt() == null) {
      return new Window(false, null, "答复信访人后才能评价。");
    }
    Object due = variables(p).get("reviewRequestDueAt");
    Date until = due instanceof Date d ? d : Date.from(p.repliedAt().plus(Duration.ofDays(30)));
    if (reviewing(p) || PetitionLedger.now().isBefore(until.toInstant())) {
      return new Window(true, until, null);
    }
    return new Window(false, until, "评价期已过（答复后至复查申请期届满，截至 " + day(until) + "）。");
  }

  private Map<String, Object> variables(Petition p) {
    if (p.processInstanceId() == null
        || runtime.createProcessInstanceQuery().processInstanceId(p.processInstanceId()).count() == 0) {
      return Map.of();
    }
    return runtime.getVariables(p.processInstanceId(), List.of("acceptanceDueAt", "handlingDueAt", "reviewRequestDueAt"));
  }

  private Optional<Petition> sessionCase(HttpServletRequest request) {
    return sessions.caseOf(request).flatMap(ledger::find);
  }

  private static String day(Object value) {
    if (value instanceof Date d) {
      return DocumentIssuer.day(d);
    }
    if (value instanceof Instant i) {
      return DocumentIssuer.day(i);
    }
    return null;
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .header(HttpHeaders.CACHE_CONTROL, "no-store").body(problem);
  }

  private static ResponseEntity<ProblemDetail> tooMany(long seconds) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
        "查询码错误次数过多，请 " + seconds + " 秒后再试。");
    problem.setTitle("尝试过多");
    problem.setProperty("retryAfterSeconds", seconds);
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(problem);
  }

  private static ResponseEntity<ProblemDetail> expired() {
    return problem(HttpStatus.UNAUTHORIZED, "请先输入编号和查询码", "查询已超时或尚未登录，请重新输入信访件编号和查询码。");
  }

  private static ResponseEntity<ProblemDetail> csrf() {
    return problem(HttpStatus.FORBIDDEN, "请求已失效", "页面已过期，请刷新页面后重试。");
  }
}
