package io.vnft.gpu.model;

import io.vnft.api.Bytes32;
import io.vnft.api.GenerationRequest;
import io.vnft.api.InvalidInputException;
import io.vnft.api.ModelInfo;

/**
 * Checks a {@link GenerationRequest} for {@value GanSpec#MODEL_ID} and derives what the model
 * needs from it. Stateless and thread-safe.
 */
public final class GanRequests {
  private GanRequests() {}

  /** @return the model's description record, with the SHA-256 of the built-in weights */
  public static ModelInfo modelInfo() {
    return modelInfo(GanWeights.builtIn());
  }

  /**
   * @param weights the weights a generator runs
   * @return the model's description record with their SHA-256
   */
  public static ModelInfo modelInfo(GanWeights weights) {
    return new ModelInfo(GanSpec.MODEL_ID, weights.sha256(), true,
        "text-conditioned CPPN-GAN trained on the Noto emoji images (128-wide MLP per pixel, "
            + "word vectors learned with it, integer-exact); depicts emoji-like concepts, morphs A into B",
        GanSpec.DEFAULT_FORMAT, GanSpec.CONDITIONING_BITS);
  }

  /**
   * @param request a request
   * @throws InvalidInputException if the request is null or names another model
   */
  public static void requireModel(GenerationRequest request) {
    if (request == null) {
      throw new InvalidInputException("request: must not be null");
    }
    if (!GanSpec.MODEL_ID.equals(request.modelId())) {
      throw new InvalidInputException("modelId: unknown model '" + request.modelId()
          + "'; this generator runs " + GanSpec.MODEL_ID);
    }
  }

  /**
   * @param request the generation request
   * @return the latent of the request's seed
   * @throws InvalidInputException if the seed is not a field element below r
   */
  public static GanLatent latent(GenerationRequest request) {
    return GanLatent.of(request.seed());
  }

  /**
   * The concept vectors the request's conditioning carries: the trigger's stored value, never the
   * prompt (that only gives the default at creation, {@link #conditioningOf}).
   *
   * @param request the generation request
   * @return {@code [A, B]}
   * @throws InvalidInputException if the conditioning is not below 2^{@value GanSpec#CONDITIONING_BITS}
   */
  public static int[][] conditioning(GenerationRequest request) {
    return GanText.unpack(request.conditioning());
  }

  /**
   * @param prompt a prompt
   * @return the default conditioning for it: the built-in text encoder's output ({@link GanText})
   */
  public static Bytes32 conditioningOf(String prompt) {
    return new GanText(GanWeights.builtIn()).conditioningOf(prompt);
  }
}
