package io.vnft.api;

import java.math.BigInteger;

/**
 * An open dispute about one pixel of one token in a batch. Immutable and thread-safe.
 *
 * <p>The constructor throws {@link InvalidInputException} naming the field.
 *
 * @param challengeId the id the rollup contract gave the challenge
 * @param batchId the disputed batch
 * @param leafIndex index of the disputed leaf in the batch, >= 0
 * @param pixelIndex {@code t*W*H + y*W + x}, >= 0
 * @param challenger who posted the challenge bond
 */
public record PixelChallenge(
    BigInteger challengeId, BigInteger batchId, int leafIndex, long pixelIndex, Address challenger) {
  /**
   * Validates the components; throws {@link InvalidInputException} naming the field.
   *
   * @param challengeId the id the rollup contract gave the challenge
   * @param batchId the disputed batch
   * @param leafIndex index of the disputed leaf in the batch, >= 0
   * @param pixelIndex {@code t*W*H + y*W + x}, >= 0
   * @param challenger who posted the challenge bond
   */
  public PixelChallenge {
    Checks.nonNegative("challengeId", challengeId);
    Checks.nonNegative("batchId", batchId);
    if (leafIndex < 0) {
      throw new InvalidInputException("leafIndex: must be >= 0, got " + leafIndex);
    }
    if (pixelIndex < 0) {
      throw new InvalidInputException("pixelIndex: must be >= 0, got " + pixelIndex);
    }
    Checks.notNull("challenger", challenger);
  }
}
