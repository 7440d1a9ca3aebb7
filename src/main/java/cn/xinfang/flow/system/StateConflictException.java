package cn.xinfang.flow.system;

import org.camunda.bpm.engine.BadUserRequestException;

/** The request is well formed but the case is not at a point where it can be done (409 on /api). */
public class StateConflictException extends BadUserRequestException {

  /** The case's status (e.g. ARCHIVED) when the conflict is that the case is closed; null otherwise. */
  private final String status;
  private final String statusLabel;

  public StateConflictException(String message) {
    this(message, null, null);
  }

  public StateConflictException(String message, String status, String statusLabel) {
    super(message);
    this.status = status;
    this.statusLabel = statusLabel;
  }

  public String status() {
    return status;
  }

  public String statusLabel() {
    return statusLabel;
  }
}
