package cn.xinfang.flow.system;

import org.camunda.bpm.engine.exception.NullValueException;

/** Something asked for does not exist (404). */
public class NotFoundException extends NullValueException {
  public NotFoundException(String message) {
    super(message);
  }
}
