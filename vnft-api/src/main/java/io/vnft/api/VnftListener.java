package io.vnft.api;

import java.math.BigInteger;

/**
 * Observes the pipeline: progress, timings and failures, for logs, metrics and progress bars.
 * Every method has a no-op default. Methods are called from the executor's threads, possibly
 * concurrently, and must be quick and thread-safe; an exception thrown by a listener is logged
 * and ignored.
 */
public interface VnftListener {
  /** A listener that does nothing. */
  VnftListener NONE = new VnftListener() {};

  /**
   * @param stage the stage
   * @param triggerId the item, or {@code null} for batch-wide stages
   */
  default void stageStarted(Stage stage, BigInteger triggerId) {}

  /**
   * @param stage the stage
   * @param triggerId the item, or {@code null} for batch-wide stages
   * @param nanos how long it took, in nanoseconds
   */
  default void stageSucceeded(Stage stage, BigInteger triggerId, long nanos) {}

  /**
   * @param stage the stage
   * @param triggerId the item, or {@code null} for batch-wide stages
   * @param error what failed
   */
  default void stageFailed(Stage stage, BigInteger triggerId, VnftException error) {}

  /**
   * @param stage a per-item stage
   * @param done items finished (successfully or not)
   * @param total items in this run
   */
  default void progress(Stage stage, int done, int total) {}
}
