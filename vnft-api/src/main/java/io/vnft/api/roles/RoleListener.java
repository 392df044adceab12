package io.vnft.api.roles;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives a role's progress lines ("batch 3 committed: 7 leaves …") and failed passes. Methods
 * are called on the thread that runs the role; an exception thrown here is logged and ignored.
 * The default, {@link #LOG}, writes them to SLF4J (logger {@code io.vnft.roles.<role>}).
 */
public interface RoleListener {
  /** Writes progress at INFO and failures at WARN to SLF4J. */
  RoleListener LOG = new RoleListener() {
    @Override
    public void progress(String role, String line) {
      logger(role).info(line);
    }

    @Override
    public void passFailed(String role, RuntimeException error, int failuresInARow) {
      logger(role).warn("pass failed ({} in a row): {}", failuresInARow, Roles.rootMessage(error), error);
    }

    private Logger logger(String role) {
      return LoggerFactory.getLogger("io.vnft.roles." + role.replaceAll("[^A-Za-z0-9_.-]", "_"));
    }
  };

  /** Ignores everything. */
  RoleListener NONE = new RoleListener() {};

  /**
   * @param role the role's name (as given to its builder)
   * @param line one human-readable line
   */
  default void progress(String role, String line) {}

  /**
   * Called by a role's {@code run} loop when a pass threw; the loop goes on.
   *
   * @param role the role's name
   * @param error what the pass threw
   * @param failuresInARow passes that failed in a row, this one included
   */
  default void passFailed(String role, RuntimeException error, int failuresInARow) {}
}
