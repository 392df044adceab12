package io.vnft.api;

/**
 * Describes a model a {@link VideoGenerator} runs. Immutable and thread-safe.
 *
 * <p>The constructor throws {@link InvalidInputException} if a field is missing or malformed.
 *
 * @param modelId the model name, e.g. {@code vnft-cppn-1} (on chain: keccak256 of its UTF-8 bytes)
 * @param weightsHash hash of the weights resource (as registered in {@code ModelRegistry})
 * @param circuitBacked true if disputes about this model are settled by a pixel proof; false for
 *     models (e.g. arbitrary TorchScript) that can only be checked optimistically by re-running
 * @param description one human-readable line
 * @param defaultFormat the video shape the model is registered with by default; the {@link Vnft}
 *     client generates at this shape unless its builder was given another one
 * @param conditioningBits how many low bits of a trigger's {@code bytes32} conditioning the model
 *     reads, 1..253 (registered on chain with the model, which refuses wider values at creation)
 */
public record ModelInfo(String modelId, Bytes32 weightsHash, boolean circuitBacked, String description,
    VideoFormat defaultFormat, int conditioningBits) {
  /**
   * Validates the components; throws {@link InvalidInputException} if a field is missing or malformed.
   *
   * @param modelId the model name, e.g. {@code vnft-cppn-1} (on chain: keccak256 of its UTF-8 bytes)
   * @param weightsHash hash of the weights resource (as registered in {@code ModelRegistry})
   * @param circuitBacked true if disputes about this model are settled by a pixel proof; false for
   *     models (e.g. arbitrary TorchScript) that can only be checked optimistically by re-running
   * @param description one human-readable line
   * @param defaultFormat the video shape the model is registered with by default; the {@link Vnft}
   *     client generates at this shape unless its builder was given another one
   * @param conditioningBits how many low bits of a trigger's {@code bytes32} conditioning the model
   *     reads, 1..253 (registered on chain with the model, which refuses wider values at creation)
   */
  public ModelInfo {
    GenerationRequest.requireModelId(modelId);
    if (weightsHash == null) {
      throw new InvalidInputException("weightsHash: must not be null");
    }
    if (description == null) {
      throw new InvalidInputException("description: must not be null");
    }
    VideoFormat.requireRange("conditioningBits", conditioningBits, 1, 253);
    if (defaultFormat == null) {
      throw new InvalidInputException("defaultFormat: must not be null");
    }
  }
}
