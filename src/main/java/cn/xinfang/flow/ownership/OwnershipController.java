package cn.xinfang.flow.ownership;

import cn.xinfang.flow.system.Caller;
import cn.xinfang.flow.system.FieldProblem;
import cn.xinfang.flow.system.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/ownership/mine}: the cases the calling leader owns, with stage and next deadline. */
@RestController
@RequestMapping("/api/ownership")
class OwnershipController {

  static final int MAX_PAGE = 100_000;

  private final OwnershipLedger ownerships;
  private final TaskService tasks;
  private final Caller caller;

  OwnershipController(OwnershipLedger ownerships, TaskService tasks, Caller caller) {
    this.ownerships = ownerships;
    this.tasks = tasks;
    this.caller = caller;
  }

  @GetMapping("/mine")
  List<Map<String, Object>> mine(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    // bounded so that page * size stays a sensible row offset (no overflow into a negative one)
    List<FieldProblem> problems = new ArrayList<>();
    if (page < 0 || page > MAX_PAGE) {
      problems.add(new FieldProblem("page", "页码应为 0 至 " + MAX_PAGE + " 的整数"));
    }
    if (size < 1 || size > 200) {
      problems.add(new FieldProblem("size", "每页条数应为 1 至 200 的整数"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("查询参数有误", problems);
    }
    return ownerships.activeOf(caller.userId(), size, page * size).stream().map(o -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("caseNumber", o.caseNumber());
      row.put("status", o.status());
      row.put("reason", o.reason());
      row.put("responsiblePerson", o.responsiblePerson());
      row.put("ownershipDeadline", o.deadline());
      // the stage is the open task of the ownership, and its due date the next deadline
      List<Task> open = tasks.createTaskQuery().processInstanceId(o.processInstanceId()).orderByDueDate().asc().list();
      row.put("stage", open.isEmpty() ? null : open.get(0).getName());
      row.put("nextDue", open.stream().map(Task::getDueDate).filter(java.util.Objects::nonNull).findFirst()
          .map(java.util.Date::toInstant).orElse(o.deadline()));
      return row;
    }).toList();
  }
}
