package io.vnft.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs one model: maps a {@link GenerationRequest} to raw frames. Calls block until the frames
 * are ready. Implementations document whether one instance may be used from several threads;
 * {@link Vnft} calls a generator from its executor's threads.
 *
 * <p>Determinism is the contract: the same request must give the same bytes on every run and
 * device for a model with {@link ModelInfo#circuitBacked()} set.
 */
public interface VideoGenerator extends AutoCloseable {
  /** @return the model this generator runs */
  ModelInfo model();

  /**
   * @param request what to generate; its model id must equal {@code model().modelId()}
   * @return the frames
   * @throws InvalidInputException if the request exceeds this generator's documented limits
   * @throws GenerationException if the model fails
   */
  VideoFrames generate(GenerationRequest request);

  /**
   * Generates several videos; implementations batch them on the device. The default runs them
   * one by one.
   *
   * @param requests what to generate
   * @return the frames, in request order
   */
  default List<VideoFrames> generateBatch(List<GenerationRequest> requests) {
    List<VideoFrames> out = new ArrayList<>(requests.size());
    for (GenerationRequest r : requests) {
      out.add(generate(r));
    }
    return out;
  }

  /** Releases native resources (engine, device memory). Idempotent. */
  /**
   * The default conditioning a trigger stores for a prompt (model-defined; for {@code vnft-cppn-1}
   * its style code). Only the default at creation: the stored value, not the prompt, is what
   * generator, circuit, challenger and verifier use. Default: zero (a model that reads only the
   * prompt text).
   *
   * @param prompt the prompt text
   * @return the conditioning, within the range the model is registered with
   */
  default Bytes32 conditioningOf(String prompt) {
    return Bytes32.ZERO;
  }

  @Override
  void close();
}
