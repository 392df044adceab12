package io.vnft.api;

import java.math.BigInteger;

/**
 * A leaf the Rollup did not commit because its trigger could not fire at its round when the batch
 * was mined (cancelled or taken just ahead, not crossing, ...): the contract skips it with a
 * {@code LeafSkipped} event and commits the rest. Immutable and thread-safe.
 *
 * <p>The constructor throws {@link InvalidInputException} naming the field.
 *
 * @param triggerId the leaf's trigger
 * @param inputIndex the leaf's position in the list given to {@link ChainBackend#commitBatch}
 * @param roundId the leaf's round
 * @param code the contract's reason code: a {@link FiringRule.Verdict} ordinal (1..10), or 100 (trigger
 *     id too large) / 101 (frames root not below r)
 * @param reason the code's name ({@code TRIGGER_NOT_OPEN}, ...)
 */
public record SkippedLeaf(BigInteger triggerId, int inputIndex, BigInteger roundId, int code, String reason) {
  /**
   * Validates the components; throws {@link InvalidInputException} naming the field.
   *
   * @param triggerId the leaf's trigger
   * @param inputIndex the leaf's position in the list given to {@link ChainBackend#commitBatch}
   * @param roundId the leaf's round
   * @param code the contract's reason code: a {@link FiringRule.Verdict} ordinal (1..10), or 100 (trigger
   *     id too large) / 101 (frames root not below r)
   * @param reason the code's name ({@code TRIGGER_NOT_OPEN}, ...)
   */
  public SkippedLeaf {
    Checks.nonNegative("triggerId", triggerId);
    if (inputIndex < 0) {
      throw new InvalidInputException("inputIndex: must be >= 0, got " + inputIndex);
    }
    Checks.nonNegative("roundId", roundId);
    Checks.notNull("reason", reason);
  }

  /**
   * @param triggerId the trigger
   * @param inputIndex the input position
   * @param roundId the round
   * @param code the contract's code
   * @return the skipped leaf with the code's name as reason
   */
  public static SkippedLeaf of(BigInteger triggerId, int inputIndex, BigInteger roundId, int code) {
    String reason;
    if (code == 100) {
      reason = "TRIGGER_ID_TOO_LARGE";
    } else if (code == 101) {
      reason = "FRAMES_ROOT_NOT_IN_FIELD";
    } else if (code > 0 && code < FiringRule.Verdict.values().length) {
      reason = FiringRule.Verdict.values()[code].name();
    } else {
      reason = "UNKNOWN_" + code;
    }
    return new SkippedLeaf(triggerId, inputIndex, roundId, code, reason);
  }
}
