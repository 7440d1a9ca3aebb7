package cn.xinfang.flow.system;

import org.camunda.bpm.engine.BadUserRequestException;

/** The request is well formed but the case is not at a point where it can be done (409 on /api). */
public class StateConflictException extends BadUserRequestException {
  public StateConflictException(String message) {
    super(message);
  }
}
