package io.vnft.gpu.model;

import io.vnft.api.Bytes32;
import io.vnft.api.GenerationRequest;
import io.vnft.api.ModelInfo;
import io.vnft.api.VideoFrames;
import io.vnft.api.VideoGenerator;

/**
 * {@value GanSpec#MODEL_ID} run by the pure-Java {@link ReferenceGan}: no native code, slow, the
 * ground truth. Thread-safe.
 */
public final class ReferenceGanVideoGenerator implements VideoGenerator {
  private final ReferenceGan model;

  /** Runs the built-in weights. */
  public ReferenceGanVideoGenerator() {
    this(GanWeights.builtIn());
  }

  /** @param weights the weights to run (tests run random ones) */
  public ReferenceGanVideoGenerator(GanWeights weights) {
    this.model = new ReferenceGan(weights);
  }

  /** @return the text encoder's conditioning for the prompt ({@link GanText}), the default at creation */
  @Override
  public Bytes32 conditioningOf(String prompt) {
    return new GanText(model.weights()).conditioningOf(prompt);
  }

  @Override
  public ModelInfo model() {
    return GanRequests.modelInfo(model.weights());
  }

  /**
   * @throws io.vnft.api.InvalidInputException if the model id is not {@value GanSpec#MODEL_ID},
   *     the seed is not below r or the conditioning is wider than the model's
   */
  @Override
  public VideoFrames generate(GenerationRequest request) {
    GanRequests.requireModel(request);
    byte[] rgb = model.render(GanRequests.latent(request), GanRequests.conditioning(request), request.format());
    return new VideoFrames(request.format(), rgb);
  }

  @Override
  public void close() {}
}
