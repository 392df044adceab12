package io.vnft.api;

import java.math.BigInteger;

/**
 * The outcome of committing a batch on chain. Immutable and thread-safe.
 *
 * @param batchId the id the rollup contract gave the batch
 * @param txHash the committing transaction, {@code 0x} + 64 hex digits
 * @param blockNumber the block that included it
 * @param challengeDeadline end of the challenge window, epoch seconds (chain time)
 */
public record BatchReceipt(BigInteger batchId, String txHash, long blockNumber, long challengeDeadline) {
  /** @throws InvalidInputException naming the field */
  public BatchReceipt {
    Checks.nonNegative("batchId", batchId);
    Checks.txHash(txHash);
    if (blockNumber < 0) {
      throw new InvalidInputException("blockNumber: must be >= 0, got " + blockNumber);
    }
  }
}
