package io.vnft.api;

import java.math.BigInteger;
import java.util.List;

/**
 * What a pixel proof proves: that {@code framesRoot} opens at {@code pixelIndex} to the output
 * of model {@code modelId} for the token's seed. Immutable and thread-safe.
 *
 * <p>The proof's public inputs are, in order: {@code framesRoot, triggerId, roundId,
 * promptHash mod r, conditioning, pixelIndex} (see {@link #publicInputs(BigInteger)}); the seed is
 * recomputed inside the circuit from the trigger and round.
 *
 * <p>The constructor throws {@link InvalidInputException} naming the field.
 *
 * @param modelId the model
 * @param framesRoot the committed root
 * @param triggerId the trigger
 * @param roundId the firing round
 * @param promptHash keccak256 of the prompt
 * @param conditioning the conditioning stored in the trigger (below r: the registry allows at most 253 bits)
 * @param pixelIndex the disputed pixel
 */
public record PixelStatement(
    String modelId, Bytes32 framesRoot, BigInteger triggerId, BigInteger roundId,
    Bytes32 promptHash, Bytes32 conditioning, long pixelIndex) {
  /**
   * Validates the components; throws {@link InvalidInputException} naming the field.
   *
   * @param modelId the model
   * @param framesRoot the committed root
   * @param triggerId the trigger
   * @param roundId the firing round
   * @param promptHash keccak256 of the prompt
   * @param conditioning the conditioning stored in the trigger (below r: the registry allows at most 253
   *     bits)
   * @param pixelIndex the disputed pixel
   */
  public PixelStatement {
    GenerationRequest.requireModelId(modelId);
    Checks.notNull("framesRoot", framesRoot);
    Checks.nonNegative("triggerId", triggerId);
    Checks.uint("roundId", roundId, 80);
    Checks.notNull("promptHash", promptHash);
    Checks.notNull("conditioning", conditioning);
    if (pixelIndex < 0) {
      throw new InvalidInputException("pixelIndex: must be >= 0, got " + pixelIndex);
    }
  }

  /**
   * @param scalarFieldModulus the proof system's scalar field modulus r
   * @return the public inputs in circuit order, each reduced below r where the protocol says so
   */
  public List<BigInteger> publicInputs(BigInteger scalarFieldModulus) {
    return List.of(framesRoot.toBigInteger(), triggerId, roundId,
        promptHash.toBigInteger().mod(scalarFieldModulus), conditioning.toBigInteger(),
        BigInteger.valueOf(pixelIndex));
  }
}
