package io.vnft.api;

import java.math.BigInteger;

/**
 * A user's standing order on chain: when {@code feed} first crosses {@code threshold} in
 * {@code direction} after the trigger's creation, mint a video of {@code prompt} with
 * {@code modelId} to {@code recipient}. Immutable and thread-safe.
 *
 * <p>The trigger fires at the first round after {@code startRound} (walked in the feed's publication
 * order) that satisfies its condition; {@link FiringRule} says exactly how, and the contract checks it
 * itself.
 *
 * <p>The constructor throws {@link InvalidInputException} naming the field and the limit it broke.
 *
 * @param triggerId the id assigned by {@code TriggerBook}, >= 0
 * @param feed the Chainlink-compatible price feed
 * @param direction which way the price must cross
 * @param threshold threshold in the feed's decimals, > 0
 * @param promptHash keccak256 of the prompt's UTF-8 bytes
 * @param prompt the prompt text (at most {@value GenerationRequest#MAX_PROMPT_BYTES} UTF-8 bytes)
 * @param conditioning the model's conditioning stored with the trigger (model-defined, range-checked
 *     by the registry at creation; for {@code vnft-cppn-1} a style code below 2^32): generator, circuit,
 *     challenger and verifier all use this stored value
 * @param modelId the model name
 * @param recipient who receives the token
 * @param feeWei the escrowed fee in wei paid to the operator on finalization, >= 0
 * @param startRound the feed's latest round id when the trigger was created, >= 0
 */
public record Trigger(
    BigInteger triggerId,
    Address feed,
    Direction direction,
    BigInteger threshold,
    Bytes32 promptHash,
    String prompt,
    Bytes32 conditioning,
    String modelId,
    Address recipient,
    BigInteger feeWei,
    BigInteger startRound) {

  /**
   * Validates the components; throws {@link InvalidInputException} naming the field and the limit it broke.
   *
   * @param triggerId the id assigned by {@code TriggerBook}, >= 0
   * @param feed the Chainlink-compatible price feed
   * @param direction which way the price must cross
   * @param threshold threshold in the feed's decimals, > 0
   * @param promptHash keccak256 of the prompt's UTF-8 bytes
   * @param prompt the prompt text (at most {@value GenerationRequest#MAX_PROMPT_BYTES} UTF-8 bytes)
   * @param conditioning the model's conditioning stored with the trigger (model-defined, range-checked
   *     by the registry at creation; for {@code vnft-cppn-1} a style code below 2^32): generator, circuit,
   *     challenger and verifier all use this stored value
   * @param modelId the model name
   * @param recipient who receives the token
   * @param feeWei the escrowed fee in wei paid to the operator on finalization, >= 0
   * @param startRound the feed's latest round id when the trigger was created, >= 0
   */
  public Trigger {
    Checks.nonNegative("triggerId", triggerId);
    Checks.notNull("feed", feed);
    Checks.notNull("direction", direction);
    Checks.notNull("threshold", threshold);
    if (threshold.signum() <= 0) {
      throw new InvalidInputException("threshold: must be > 0, got " + threshold);
    }
    Checks.notNull("promptHash", promptHash);
    Checks.notNull("prompt", prompt);
    GenerationRequest.requirePrompt(prompt);
    if (!promptHash.equals(Bytes32.keccak256(prompt.getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
      throw new InvalidInputException("promptHash: is not keccak256 of the prompt's UTF-8 bytes");
    }
    Checks.notNull("conditioning", conditioning);
    GenerationRequest.requireModelId(modelId);
    Checks.notNull("recipient", recipient);
    Checks.nonNegative("feeWei", feeWei);
    Checks.nonNegative("startRound", startRound);
  }
}
