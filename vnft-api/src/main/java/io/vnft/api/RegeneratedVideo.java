package io.vnft.api;

/**
 * A token's video as the registered model makes it, with what fixes it: the value every role
 * compares with what an operator committed. Immutable; {@link VideoFrames} copies its pixels.
 *
 * <p>The constructor throws {@link InvalidInputException} if a field is missing.
 *
 * @param seed {@code Poseidon(triggerId, roundId, promptHash mod r)}
 * @param frames the model's frames for that seed and the trigger's prompt
 * @param framesRoot the frames root of {@code frames}
 */
public record RegeneratedVideo(Bytes32 seed, VideoFrames frames, Bytes32 framesRoot) {
  /**
   * Validates the components; throws {@link InvalidInputException} if a field is missing.
   *
   * @param seed {@code Poseidon(triggerId, roundId, promptHash mod r)}
   * @param frames the model's frames for that seed and the trigger's prompt
   * @param framesRoot the frames root of {@code frames}
   */
  public RegeneratedVideo {
    Checks.notNull("seed", seed);
    Checks.notNull("frames", frames);
    Checks.notNull("framesRoot", framesRoot);
  }
}
