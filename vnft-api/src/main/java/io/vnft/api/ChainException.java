package io.vnft.api;

import java.util.Optional;

/**
 * A chain operation failed: the node is unreachable, the chain id is wrong, funds are
 * insufficient, or a transaction reverted. When the contract gave a revert reason it is in
 * {@link #revertReason()} (a custom error's name, or the {@code Error(string)} text).
 */
public class ChainException extends VnftException {
  private static final long serialVersionUID = 1L;

  /** The decoded revert reason, or null when there was none. */
  private final String revertReason;

  /** @param message what failed */
  public ChainException(String message) {
    this(message, null, null);
  }

  /**
   * @param message what failed
   * @param cause the transport or node failure underneath
   */
  public ChainException(String message, Throwable cause) {
    this(message, null, cause);
  }

  /**
   * @param message what failed
   * @param revertReason the decoded revert reason, or {@code null} when there is none
   * @param cause the failure underneath, or {@code null}
   */
  public ChainException(String message, String revertReason, Throwable cause) {
    super(revertReason == null ? message : message + " (reverted: " + revertReason + ")", cause);
    this.revertReason = revertReason;
  }

  /** @return the decoded revert reason, when the failure was a revert that gave one */
  public Optional<String> revertReason() {
    return Optional.ofNullable(revertReason);
  }
}
