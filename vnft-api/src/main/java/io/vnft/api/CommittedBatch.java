package io.vnft.api;

import java.math.BigInteger;
import java.util.List;

/**
 * A batch as the chain records it, for watchers such as a challenger. Immutable and thread-safe.
 *
 * <p>The constructor throws {@link InvalidInputException} naming the field.
 *
 * @param batchId the batch id
 * @param operator who committed it (and whose bond backs it)
 * @param leaves its leaves, in order
 * @param challengeDeadline end of the challenge window, epoch seconds (chain time)
 * @param status where it stands
 */
public record CommittedBatch(BigInteger batchId, Address operator, List<BatchLeaf> leaves,
    long challengeDeadline, BatchStatus status) {
  /**
   * Validates the components; throws {@link InvalidInputException} naming the field.
   *
   * @param batchId the batch id
   * @param operator who committed it (and whose bond backs it)
   * @param leaves its leaves, in order
   * @param challengeDeadline end of the challenge window, epoch seconds (chain time)
   * @param status where it stands
   */
  public CommittedBatch {
    Checks.nonNegative("batchId", batchId);
    Checks.notNull("operator", operator);
    Checks.notNull("leaves", leaves);
    leaves = List.copyOf(leaves);
    Checks.notNull("status", status);
  }
}
