package io.vnft.api;

import java.math.BigInteger;
import java.util.Optional;

/**
 * A pipeline stage failed for one item (or for a whole batch). The cause is the typed failure of
 * the stage; {@link #stage()} says where it stopped. Nothing after that stage ran for the item.
 */
public class PipelineException extends VnftException {
  private static final long serialVersionUID = 1L;

  /** The stage that failed. */
  private final Stage stage;
  /** The item that failed, or null for a batch-wide stage. */
  private final BigInteger triggerId;

  /**
   * @param stage the stage that failed
   * @param triggerId the item, or {@code null} for a batch-wide stage
   * @param cause the failure
   */
  public PipelineException(Stage stage, BigInteger triggerId, Throwable cause) {
    super("stage " + stage + (triggerId == null ? "" : " failed for trigger " + triggerId)
        + (triggerId == null ? " failed" : "") + ": " + cause.getMessage(), cause);
    this.stage = stage;
    this.triggerId = triggerId;
  }

  /** @return the stage that failed */
  public Stage stage() {
    return stage;
  }

  /** @return the item, absent for batch-wide stages */
  public Optional<BigInteger> triggerId() {
    return Optional.ofNullable(triggerId);
  }
}
