package cn.xinfang.flow.discipline;

import cn.xinfang.flow.petition.Petition;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.system.Caller;
import cn.xinfang.flow.system.InvalidInputException;
import cn.xinfang.flow.system.NotFoundException;
import cn.xinfang.flow.system.UserText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * 查看检举人身份 — the audited reveal. A discipline reporter's identity is masked everywhere (case
 * file, API, process variables); only the commission's leaders ({@link DisciplineLeadProcess.Group#MAY_REVEAL})
 * may see it, only by this explicit POST with a reason, and every reveal is written to the journal
 * first (who, when, why), so it shows on the case file's timeline. A POST, not a GET: nothing that a
 * link, a prefetch or a cache could trigger shows the identity.
 */
@RestController
@RequestMapping("/api/cases")
class ReporterIdentityController {

  static final String EVENT = "REPORTER_REVEALED";

  private final PetitionLedger ledger;
  private final Caller caller;

  ReporterIdentityController(PetitionLedger ledger, Caller caller) {
    this.ledger = ledger;
    this.caller = caller;
  }

  record RevealRequest(String reason) {}

  @PostMapping("/{caseNumber}/reporter-identity")
  @ResponseStatus(HttpStatus.OK)
  @Transactional
  Map<String, Object> reveal(@PathVariable String caseNumber, @RequestBody(required = false) RevealRequest request) {
    Petition p = ledger.find(caseNumber).filter(Petition::confidential)
        .orElseThrow(() -> new NotFoundException("没有编号为 " + caseNumber + " 的检举控告件，或您无权查看"));
    if (!mayReveal(caller.groups())) {
      throw new AuthorizationException(caller.userId(), "查看检举人身份（仅限" + "纪委领导" + "）", "petition", caseNumber);
    }
    String reason = request == null ? null : request.reason();
    String problem = reason == null ? null : UserText.problem(reason);
    if (reason == null || UserText.isBlank(reason)) {
      throw new InvalidInputException("reason", "请填写查看检举人身份的理由（如：需核实检举人提供的线索细节）");
    }
    if (problem != null) {
      throw new InvalidInputException("reason", "查看理由" + problem);
    }
    if (UserText.length(reason) > 500) {
      throw new InvalidInputException("reason", "查看理由过长：最多 500 字");
    }
    // journaled before anything is shown, in the same transaction: no reveal without its record
    ledger.recordEvent(caseNumber, EVENT + ":" + UUID.randomUUID(), EVENT, caller.userId(),
        "查看检举人身份，理由：" + reason.strip());
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("caseNumber", caseNumber);
    identity.put("realName", p.realName());
    identity.put("petitionerName", p.petitionerName());
    identity.put("petitionerPhone", p.petitionerPhone());
    identity.put("petitionerIdNumber", p.petitionerIdNumber());
    identity.put("petitionerAddress", p.petitionerAddress());
    identity.put("notice", "检举人身份信息严格保密，不得泄露、不得记录在任务或流程变量中（检举控告工作规则第47条）。本次查看已记录在办理经过中。");
    return identity;
  }

  /** The named role: members of the commission's leaders group. */
  static boolean mayReveal(List<String> groups) {
    return groups.contains(DisciplineLeadProcess.Group.MAY_REVEAL);
  }
}
