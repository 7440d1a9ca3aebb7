package cn.xinfang.flow.reception;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.system.Caller;
import cn.xinfang.flow.system.FieldProblem;
import cn.xinfang.flow.system.InvalidInputException;
import cn.xinfang.flow.system.NotFoundException;
import cn.xinfang.flow.system.StateConflictException;
import cn.xinfang.flow.system.TrustedEngineCalls;
import java.net.URI;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/reception-days}: the schedule of leader reception days and joint receptions. Every
 * logged-in member of staff reads it; the petition office (信访室) and administrators publish and cancel.
 */
@RestController
@RequestMapping("/api/reception-days")
class ReceptionController {

  static final List<String> PUBLISHERS = List.of("petition-office", "camunda-admin");

  private final ReceptionLedger ledger;
  private final ReceptionSchedule schedule;
  private final Caller caller;
  private final org.camunda.bpm.engine.IdentityService identity;
  private final OrganizationDirectory organization;
  private final TrustedEngineCalls trusted;

  ReceptionController(ReceptionLedger ledger, ReceptionSchedule schedule, Caller caller,
      org.camunda.bpm.engine.IdentityService identity, OrganizationDirectory organization, TrustedEngineCalls trusted) {
    this.trusted = trusted;
    this.identity = identity;
    this.organization = organization;
    this.ledger = ledger;
    this.schedule = schedule;
    this.caller = caller;
  }

  /** Slots from {@code from} (default today) to {@code to} (default 60 days later), a page at a time. */
  @GetMapping
  Map<String, Object> list(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "false") boolean withCancelled, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    LocalDate start = date(from, "from", DeadlineService.today());
    LocalDate end = date(to, "to", start.plusDays(60));
    if (end.isBefore(start) || end.isAfter(start.plusYears(1))) {
      throw new InvalidInputException("to", "查询截止日期应不早于起始日期，且跨度不超过一年");
    }
    if (page < 0 || size < 1 || size > 200) {
      throw new InvalidInputException("size", "每页条数应在 1 到 200 之间，页码从 0 开始");
    }
    List<Map<String, Object>> slots = trusted.call(() -> ledger.between(start, end, withCancelled, size, page * size)
        .stream().map(s -> schedule.view(s, true)).toList());
    return Map.of("from", start.toString(), "to", end.toString(), "page", page, "size", size,
        "canPublish", caller.inAnyGroup(PUBLISHERS), "receptionDays", slots);
  }

  /** Who may be scheduled and which units may join: the publish form's choices. */
  @GetMapping("/options")
  Map<String, Object> options() {
    return trusted.call(() -> Map.of("leaders", identity.createUserQuery().memberOfGroup(OrganizationDirectory.LEADERS).orderByUserId().asc()
            .list().stream().map(u -> Map.of("userId", u.getId(), "name", organization.displayName(u.getId()),
                "title", schedule.titleOf(u.getId()))).toList(),
        "units", organization.handlingUnits().stream()
            .map(u -> Map.of("groupId", u.groupId(), "name", u.name())).toList()));
  }

  @GetMapping("/{id:[0-9]+}")
  Map<String, Object> one(@PathVariable long id) {
    ReceptionLedger.Slot slot = ledger.find(id).orElseThrow(() -> new NotFoundException("没有第 " + id + " 号接访日"));
    return trusted.call(() -> schedule.view(slot, true));
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> publish(@RequestBody ReceptionSchedule.Request request) {
    caller.requireAnyGroup(PUBLISHERS, "发布接访日");
    String by = caller.userId();
    // leaders' names, titles and memberships are the organization's, read for the office whose own
    // authorizations do not cover the identity service
    return trusted.call(() -> {
      long id = schedule.publish(request, by);
      return ResponseEntity.created(URI.create("/api/reception-days/" + id))
          .body(schedule.view(ledger.find(id).orElseThrow(), true));
    });
  }

  @PostMapping("/{id}/cancel")
  Map<String, Object> cancel(@PathVariable long id) {
    caller.requireAnyGroup(PUBLISHERS, "取消接访日");
    ReceptionLedger.Slot slot = ledger.find(id).orElseThrow(() -> new NotFoundException("没有第 " + id + " 号接访日"));
    if (!ledger.cancel(id, caller.userId())) {
      throw new StateConflictException("第 " + id + " 号接访日已取消");
    }
    return trusted.call(() -> schedule.view(ledger.find(slot.id()).orElseThrow(), true));
  }

  /** The month per leader (visits received, cases owned, ownerships signed off), as on the reception page. */
  @GetMapping("/leader-month")
  Map<String, Object> leaderMonth(@RequestParam(required = false) String month) {
    YearMonth m;
    try {
      m = month == null || month.isBlank() ? YearMonth.from(DeadlineService.today()) : YearMonth.parse(month.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("month", "月份格式应为 年-月，如 2026-12");
    }
    return trusted.call(() -> schedule.month(m));
  }

  private static LocalDate date(String value, String field, LocalDate fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("查询参数有误", List.of(new FieldProblem(field, "日期格式应为 年-月-日，如 2026-12-03")));
    }
  }
}
