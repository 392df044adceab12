package io.vnft.api;

import java.math.BigInteger;

/**
 * What a user asks for when creating a trigger. Immutable and thread-safe. {@link Vnft#createTrigger}
 * builds one from a price in units and a prompt, deriving threshold, conditioning and model.
 *
 * <p>The constructor throws {@link InvalidInputException} naming the field and the limit it broke.
 *
 * @param feed the Chainlink-compatible feed (configured in TriggerBook)
 * @param direction which way the price must cross
 * @param threshold the threshold in the feed's decimals, &gt; 0
 * @param prompt the prompt (at most {@value GenerationRequest#MAX_PROMPT_BYTES} UTF-8 bytes)
 * @param conditioning the model's conditioning (model-defined; the SDK derives it from the prompt with
 *     {@link VideoGenerator#conditioningOf} by default; the registry refuses values out of the model's range)
 * @param modelId the registered model's name
 * @param recipient who receives the token
 * @param feeWei the fee escrowed for the operator, in wei, &gt;= 0
 */
public record TriggerOrder(Address feed, Direction direction, BigInteger threshold, String prompt, Bytes32 conditioning,
    String modelId, Address recipient, BigInteger feeWei) {
  /**
   * Validates the components; throws {@link InvalidInputException} naming the field and the limit it broke.
   *
   * @param feed the Chainlink-compatible feed (configured in TriggerBook)
   * @param direction which way the price must cross
   * @param threshold the threshold in the feed's decimals, &gt; 0
   * @param prompt the prompt (at most {@value GenerationRequest#MAX_PROMPT_BYTES} UTF-8 bytes)
   * @param conditioning the model's conditioning (model-defined; the SDK derives it from the prompt with
   *     {@link VideoGenerator#conditioningOf} by default; the registry refuses values out of the model's
   * range)
   * @param modelId the registered model's name
   * @param recipient who receives the token
   * @param feeWei the fee escrowed for the operator, in wei, &gt;= 0
   */
  public TriggerOrder {
    Checks.notNull("feed", feed);
    Checks.notNull("direction", direction);
    Checks.notNull("threshold", threshold);
    if (threshold.signum() <= 0) {
      throw new InvalidInputException("threshold: must be > 0, got " + threshold);
    }
    Checks.notNull("prompt", prompt);
    GenerationRequest.requirePrompt(prompt);
    Checks.notNull("conditioning", conditioning);
    GenerationRequest.requireModelId(modelId);
    Checks.notNull("recipient", recipient);
    Checks.nonNegative("feeWei", feeWei);
  }
}
