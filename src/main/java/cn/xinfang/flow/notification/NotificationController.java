package cn.xinfang.flow.notification;

import cn.xinfang.flow.system.Caller;
import cn.xinfang.flow.system.InvalidInputException;
import cn.xinfang.flow.system.NotFoundException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The bell: a person's and their groups' notices, newest first, and marking them read. */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

  private final NotificationService notifications;
  private final Caller caller;

  NotificationController(NotificationService notifications, Caller caller) {
    this.notifications = notifications;
    this.caller = caller;
  }

  @GetMapping
  Map<String, Object> mine(@RequestParam(defaultValue = "false") boolean unreadOnly,
      @RequestParam(defaultValue = "0") String page, @RequestParam(defaultValue = "20") String size) {
    int p = bounded("page", page, 0, 10_000);
    int s = bounded("size", size, 1, 100);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("unread", notifications.unreadCount(caller.userId(), caller.groups()));
    answer.put("page", p);
    answer.put("size", s);
    answer.put("items", notifications.forUser(caller.userId(), caller.groups(), unreadOnly, p, s));
    return answer;
  }

  @PostMapping("/{id}/read")
  Map<String, Object> read(@PathVariable String id) {
    long notice = bounded("id", id, 1, Integer.MAX_VALUE);
    if (!notifications.markRead(caller.userId(), caller.groups(), notice)) {
      throw new NotFoundException("没有编号为 " + id + " 的通知，或它不是发给您的");
    }
    return Map.of("id", notice, "read", true, "unread", notifications.unreadCount(caller.userId(), caller.groups()));
  }

  private static int bounded(String name, String value, int min, int max) {
    try {
      long n = Long.parseLong(value.strip());
      if (n >= min && n <= max) {
        return (int) n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidInputException(name, "应为 " + min + " 至 " + max + " 的整数");
  }
}
