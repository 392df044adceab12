package io.vnft.gpu.model;

import io.vnft.api.GenerationRequest;
import io.vnft.api.ModelInfo;
import io.vnft.api.VideoFrames;
import io.vnft.api.VideoGenerator;

/**
 * {@value CppnSpec#MODEL_ID} run by the pure-Java {@link ReferenceCppn}: no native code, slow,
 * the ground truth. Thread-safe.
 */
public final class ReferenceVideoGenerator implements VideoGenerator {
  private final ReferenceCppn model = new ReferenceCppn(CppnWeights.builtIn());

  /** @return {@link io.vnft.gpu.model.PromptStyle#of} (palette, speed and symmetry picked by keyword), the default at creation */
  @Override
  public io.vnft.api.Bytes32 conditioningOf(String prompt) {
    return io.vnft.gpu.model.CppnRequests.conditioningOf(prompt);
  }

  @Override
  public ModelInfo model() {
    return CppnRequests.modelInfo();
  }

  /**
   * @throws io.vnft.api.InvalidInputException if the model id is not {@value CppnSpec#MODEL_ID}
   *     or the seed is not below r
   */
  @Override
  public VideoFrames generate(GenerationRequest request) {
    CppnRequests.requireModel(request);
    byte[] rgb = model.render(CppnRequests.latent(request), CppnRequests.style(request),
        request.format());
    return new VideoFrames(request.format(), rgb);
  }

  @Override
  public void close() {}
}
