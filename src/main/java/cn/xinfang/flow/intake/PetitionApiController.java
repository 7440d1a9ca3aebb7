package cn.xinfang.flow.intake;

import cn.xinfang.flow.intake.PetitionRequests.RequestType;
import cn.xinfang.flow.petition.Petition;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.petition.QueryCodes;
import cn.xinfang.flow.system.Caller;
import cn.xinfang.flow.system.FieldProblem;
import cn.xinfang.flow.system.InvalidInputException;
import cn.xinfang.flow.system.NotFoundException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Registration and follow-up requests from other channels (online portal, hotline system). */
@RestController
@RequestMapping("/api/petitions")
class PetitionApiController {

  /** Groups that see every case in the ledger. */
  static final Set<String> OVERSIGHT = Set.of("petition-office", "leaders", "supervision", "camunda-admin");
  /** Groups that record what petitioners ask at the window. */
  static final Set<String> DESKS = Set.of("reception", "petition-office", "leaders", "camunda-admin");

  private static final Set<String> FIELDS = Set.of("channel", "category", "subject", "content", "realName", "headcount",
      "sourceLevel", "petitionerName", "petitionerPhone", "petitionerIdNumber", "petitionerAddress",
      "relatedCaseNumber", PetitionRegistration.RECEIVED_BY);

  private final PetitionIntakeService intake;
  private final PetitionRequests requests;
  private final PetitionLedger ledger;
  private final Caller caller;
  private final QueryCodes queryCodes;

  PetitionApiController(PetitionIntakeService intake, PetitionRequests requests, PetitionLedger ledger, Caller caller,
      QueryCodes queryCodes) {
    this.queryCodes = queryCodes;
    this.intake = intake;
    this.requests = requests;
    this.ledger = ledger;
    this.caller = caller;
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> register(@RequestBody Map<String, Object> body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    List<FieldProblem> unknown = new ArrayList<>();
    body.keySet().stream().filter(k -> !FIELDS.contains(k)).sorted()
        .forEach(k -> unknown.add(new FieldProblem(k, "未知字段，可用字段：" + String.join("、", FIELDS.stream().sorted().toList()))));
    if (!unknown.isEmpty()) {
      throw new InvalidInputException("登记信息有误，未保存", unknown);
    }
    PetitionRegistration registration = PetitionRegistration.fromVariables(body);
    var registered = intake.register(registration, caller.userId(), idempotencyKey);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("caseNumber", registered.caseNumber());
    answer.put("status", registered.status());
    if (registered.linkedCaseNumber() != null) {
      answer.put("linkedCaseNumber", registered.linkedCaseNumber());
    }
    // the 查询码 for the receipt, in the answer that registered the case and never again (a replay has none)
    queryCodes.issuedInThisRequest(registered.caseNumber()).ifPresent(code -> answer.put("queryCode", code));
    answer.put("caseFile", "/cases/" + registered.caseNumber());
    answer.put("receipt", "/cases/" + registered.caseNumber() + "/receipt");
    return ResponseEntity.created(URI.create("/api/petitions/" + registered.caseNumber()))
        .header("Idempotent-Replay", String.valueOf(registered.replay())).body(answer);
  }

  /** One case from the ledger, for those who work it; a discipline reporter's identity stays masked. */
  @GetMapping("/{caseNumber}")
  Map<String, Object> show(@PathVariable String caseNumber) {
    Petition p = ledger.find(caseNumber).filter(this::visible)
        .orElseThrow(() -> new NotFoundException("没有编号为 " + caseNumber + " 的信访件，或您无权查看"));
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("caseNumber", p.caseNumber());
    view.put("status", p.status().name());
    view.put("statusLabel", p.status().label());
    view.put("channel", p.channel());
    view.put("category", p.category());
    view.put("subject", p.subject());
    view.put("content", p.content());
    view.put("realName", p.realName());
    view.put("headcount", p.headcount());
    view.put("sourceLevel", p.sourceLevel());
    boolean secret = p.confidential();
    view.put("petitionerName", secret ? IdentityMasking.name(p.petitionerName()) : p.petitionerName());
    view.put("petitionerPhone", secret ? IdentityMasking.phone(p.petitionerPhone()) : p.petitionerPhone());
    view.put("petitionerIdNumber", IdentityMasking.idNumber(p.petitionerIdNumber()));
    view.put("petitionerAddress", secret ? IdentityMasking.confidentialAddress(p.petitionerAddress()) : p.petitionerAddress());
    view.put("confidential", secret);
    view.put("caseOwner", p.caseOwner());
    view.put("handlingUnit", p.handlingUnit());
    view.put("acceptanceDecision", p.acceptanceDecision());
    view.put("outcome", p.outcome());
    view.put("majorCase", p.majorCase());
    view.put("repeatVisits", p.repeatVisits());
    view.put("relatedCaseNumber", p.relatedCaseNumber());
    view.put("linkedCaseNumber", p.linkedCaseNumber());
    view.put("registeredAt", p.registeredAt());
    view.put("acceptedAt", p.acceptedAt());
    view.put("repliedAt", p.repliedAt());
    view.put("closedAt", p.closedAt());
    view.put("events", ledger.events(caseNumber));
    return view;
  }

  record RequestBodyNote(String requestNote) {}

  @PostMapping("/{caseNumber}/repeat-visits")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, Object> repeatVisit(@PathVariable String caseNumber, @RequestBody RequestBodyNote body) {
    return request(caseNumber, RequestType.REPEAT_VISIT, body);
  }

  @PostMapping("/{caseNumber}/review-requests")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, Object> review(@PathVariable String caseNumber, @RequestBody RequestBodyNote body) {
    return request(caseNumber, RequestType.REVIEW, body);
  }

  @PostMapping("/{caseNumber}/rereview-requests")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, Object> rereview(@PathVariable String caseNumber, @RequestBody RequestBodyNote body) {
    return request(caseNumber, RequestType.REREVIEW, body);
  }

  private Map<String, Object> request(String caseNumber, RequestType type, RequestBodyNote body) {
    caller.requireAnyGroup(DESKS, "登记信访人请求");
    String note = body == null ? null : body.requestNote();
    requests.submitAuthorized(caseNumber, type, note);
    return Map.of("caseNumber", caseNumber, "request", type.name());
  }

  private boolean visible(Petition p) {
    return caller.userId().equals(p.caseOwner()) || caller.inAnyGroup(OVERSIGHT)
        || (p.handlingUnit() != null && caller.groups().contains(p.handlingUnit()));
  }
}
