package io.vnft.api;

import java.util.List;
import java.util.Optional;

/**
 * The result of one {@link Vnft#mint} run: the batch committed on chain (if any item got that
 * far), the items it holds, and the items that failed before it, each with its typed error.
 * Immutable and thread-safe.
 *
 * @param receipt the committed batch, empty when no item could be prepared
 * @param committed the items in the batch, in leaf order
 * @param failures the items that failed, with the stage and cause
 */
public record BatchOutcome(Optional<BatchReceipt> receipt, List<PreparedMint> committed,
    List<PipelineException> failures) {
  /**
   * Copies the lists.
   *
   * @param receipt the committed batch, empty when no item could be prepared
   * @param committed the items in the batch, in leaf order
   * @param failures the items that failed, with the stage and cause
   */
  public BatchOutcome {
    Checks.notNull("receipt", receipt);
    committed = List.copyOf(committed);
    failures = List.copyOf(failures);
  }
}
