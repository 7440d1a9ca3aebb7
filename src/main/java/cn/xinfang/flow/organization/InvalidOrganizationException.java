package cn.xinfang.flow.organization;

/** The organization file cannot be used; the message lists what to fix. */
public class InvalidOrganizationException extends RuntimeException {
  public InvalidOrganizationException(String message) {
    super(message);
  }
}
