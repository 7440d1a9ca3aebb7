package cn.xinfang.flow.system;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;

/**
 * What an engine exception means for the caller, whichever door it came through and however deeply
 * the engine wrapped it: a listener or delegate that refuses input throws our
 * {@link InvalidInputException}, and the engine hands it on inside a {@code ProcessEngineException}
 * ("ENGINE-03051 …"), which {@code /engine-rest} would answer with 500.
 */
public final class Collisions {

  /** Said to whoever lost a race on the same case: nothing of theirs was stored. */
  public static final String CONFLICT_MESSAGE = "此案件已被他人修改，您的操作未保存，请刷新后重试";

  /** Said when what the caller acts on no longer exists, usually because someone else finished it. */
  public static final String GONE_MESSAGE = "要处理的对象不存在或已被他人处理（如任务已办结），请刷新后重试。";

  private Collisions() {}

  /** The status and message to answer with, or null when the exception is none of ours to judge. */
  public record Verdict(int status, String type, String message, List<FieldProblem> problems) {}

  public static Verdict judge(Throwable thrown) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof OptimisticLockingException) {
        return new Verdict(409, "OptimisticLockingException", CONFLICT_MESSAGE, List.of());
      }
      if (t instanceof StateConflictException) {
        return new Verdict(409, "StateConflictException", t.getMessage(), List.of());
      }
      if (t instanceof AuthorizationException) {
        return new Verdict(403, "AuthorizationException", "您没有执行此操作的权限：" + t.getMessage(), List.of());
      }
      if (t instanceof NotFoundException) {
        return new Verdict(404, "NotFoundException", t.getMessage(), List.of());
      }
      if (t instanceof org.camunda.bpm.engine.exception.NotFoundException) {
        // typically a task someone else has just completed
        return new Verdict(404, "NotFoundException", GONE_MESSAGE + t.getMessage(), List.of());
      }
      if (t instanceof InvalidInputException invalid) {
        return new Verdict(400, "InvalidInputException", t.getMessage(), invalid.problems());
      }
      if (t instanceof BadUserRequestException) {
        return new Verdict(400, t.getClass().getSimpleName(), t.getMessage(), List.of());
      }
    }
    return null;
  }
}
