package io.vnft.api;

import java.math.BigInteger;
import java.util.List;

/**
 * The outcome of committing a batch on chain. Immutable and thread-safe.
 *
 * <p>The Rollup skips leaves whose trigger cannot fire when the batch is mined and commits the
 * rest; when every leaf was skipped no batch is created ({@link #committed()} is false, {@code
 * batchId} is 0).
 *
 * <p>The constructor throws {@link InvalidInputException} naming the field.
 *
 * @param batchId the id the rollup contract gave the batch; 0 when every leaf was skipped
 * @param txHash the committing transaction, {@code 0x} + 64 hex digits
 * @param blockNumber the block that included it
 * @param challengeDeadline end of the challenge window, epoch seconds (chain time); 0 when not committed
 * @param committedTriggers the triggers of the committed leaves, in batch (leaf index) order
 * @param skipped the leaves the contract skipped, with why
 */
public record BatchReceipt(BigInteger batchId, String txHash, long blockNumber, long challengeDeadline,
    List<BigInteger> committedTriggers, List<SkippedLeaf> skipped) {
  /**
   * Validates the components; throws {@link InvalidInputException} naming the field.
   *
   * @param batchId the id the rollup contract gave the batch; 0 when every leaf was skipped
   * @param txHash the committing transaction, {@code 0x} + 64 hex digits
   * @param blockNumber the block that included it
   * @param challengeDeadline end of the challenge window, epoch seconds (chain time); 0 when not committed
   * @param committedTriggers the triggers of the committed leaves, in batch (leaf index) order
   * @param skipped the leaves the contract skipped, with why
   */
  public BatchReceipt {
    Checks.nonNegative("batchId", batchId);
    Checks.txHash(txHash);
    if (blockNumber < 0) {
      throw new InvalidInputException("blockNumber: must be >= 0, got " + blockNumber);
    }
    committedTriggers = List.copyOf(committedTriggers);
    skipped = List.copyOf(skipped);
  }

  /** @return true when a batch was created (at least one leaf committed) */
  public boolean committed() {
    return batchId.signum() > 0;
  }
}
