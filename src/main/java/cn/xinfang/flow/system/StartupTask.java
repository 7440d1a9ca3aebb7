package cn.xinfang.flow.system;

/**
 * Data the service loads at every start before it accepts requests (organization and users, Tasklist
 * filters, administrator access, holiday calendar). Each must be safe to run again: it adds or updates,
 * and is retried whole when another writer got in between ({@link StartupData}).
 */
public interface StartupTask {

  /** Lower runs first: the organization (which creates the groups) before what depends on it. */
  int order();

  /** For the log. */
  String description();

  void load();
}
