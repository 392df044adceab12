package io.vnft.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What to generate: a model, the token's seed, the user's prompt, the trigger's conditioning and the
 * video shape.
 * Immutable and thread-safe.
 *
 * <p>The constructor throws {@link InvalidInputException} naming the field and the limit it broke.
 *
 * @param modelId the registered model name, e.g. {@code vnft-cppn-1}; 1..64 characters of
 *     {@code [a-z0-9._-]}
 * @param seed the token's seed (see {@link CommitmentScheme#seed})
 * @param prompt the user's prompt, at most {@value #MAX_PROMPT_BYTES} UTF-8 bytes
 * @param conditioning the conditioning stored in the trigger (model-defined, e.g. a style code); the
 *     generator must use this value, never re-derive it from the prompt
 * @param format the video shape
 */
public record GenerationRequest(String modelId, Bytes32 seed, String prompt, Bytes32 conditioning, VideoFormat format) {
  /** Longest prompt in UTF-8 bytes. */
  public static final int MAX_PROMPT_BYTES = 1024;

  /**
   * Validates the components; throws {@link InvalidInputException} naming the field and the limit it broke.
   *
   * @param modelId the registered model name, e.g. {@code vnft-cppn-1}; 1..64 characters of
   *     {@code [a-z0-9._-]}
   * @param seed the token's seed (see {@link CommitmentScheme#seed})
   * @param prompt the user's prompt, at most {@value #MAX_PROMPT_BYTES} UTF-8 bytes
   * @param conditioning the conditioning stored in the trigger (model-defined, e.g. a style code); the
   *     generator must use this value, never re-derive it from the prompt
   * @param format the video shape
   */
  public GenerationRequest {
    requireModelId(modelId);
    if (seed == null) {
      throw new InvalidInputException("seed: must not be null");
    }
    requirePrompt(prompt);
    if (conditioning == null) {
      throw new InvalidInputException("conditioning: must not be null");
    }
    if (format == null) {
      throw new InvalidInputException("format: must not be null");
    }
  }

  static void requireModelId(String modelId) {
    if (modelId == null || !modelId.matches("[a-z0-9._-]{1,64}")) {
      throw new InvalidInputException(
          "modelId: must be 1..64 characters of [a-z0-9._-], got '" + modelId + "'");
    }
  }

  static void requirePrompt(String prompt) {
    Objects.requireNonNull(prompt, "prompt");
    int n = prompt.getBytes(StandardCharsets.UTF_8).length;
    if (n > MAX_PROMPT_BYTES) {
      throw new InvalidInputException(
          "prompt: must be at most " + MAX_PROMPT_BYTES + " UTF-8 bytes, got " + n);
    }
  }
}
