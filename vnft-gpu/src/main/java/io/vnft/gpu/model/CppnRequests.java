package io.vnft.gpu.model;

import io.vnft.api.GenerationRequest;
import io.vnft.api.InvalidInputException;
import io.vnft.api.ModelInfo;

/**
 * Checks a {@link GenerationRequest} for {@value CppnSpec#MODEL_ID} and derives what the model
 * needs from it. Stateless and thread-safe.
 */
public final class CppnRequests {
  private CppnRequests() {}

  /** @return the model's description record, with the SHA-256 of the built-in weights */
  public static ModelInfo modelInfo() {
    return new ModelInfo(CppnSpec.MODEL_ID, CppnWeights.builtIn().sha256(), true,
        "integer-exact generative-art CPPN (16x3 hidden, triangle activations, 8 palettes); "
            + "the prompt picks palette, speed and symmetry by keyword - not a text-understanding model", CppnSpec.DEFAULT_FORMAT,
        CppnSpec.CONDITIONING_BITS);
  }

  /**
   * @param request a request
   * @throws InvalidInputException if the request names another model
   */
  public static void requireModel(GenerationRequest request) {
    if (request == null) {
      throw new InvalidInputException("request: must not be null");
    }
    if (!CppnSpec.MODEL_ID.equals(request.modelId())) {
      throw new InvalidInputException("modelId: unknown model '" + request.modelId()
          + "'; this generator runs " + CppnSpec.MODEL_ID);
    }
  }

  /**
   * @param request the generation request
   * @return the latent of the request's seed
   * @throws InvalidInputException if the seed is not a field element below r
   */
  public static int[] latent(GenerationRequest request) {
    return Latent.of(request.seed());
  }

  /**
   * The style code the request's conditioning carries: the trigger's stored value, never the
   * prompt's keywords (those only give the default at creation, {@link #conditioningOf}).
   *
   * @param request the generation request
   * @return its conditioning as a style code (uint32; bits above 6 do not change the picture)
   * @throws InvalidInputException if the conditioning is {@code >= 2^}{@value CppnSpec#CONDITIONING_BITS}
   *     (the registry refuses such a trigger at creation, so this only fires on a request built by hand)
   */
  public static long style(GenerationRequest request) {
    java.math.BigInteger c = request.conditioning().toBigInteger();
    if (c.bitLength() > CppnSpec.CONDITIONING_BITS) {
      throw new InvalidInputException("conditioning: " + CppnSpec.MODEL_ID + " takes a style code below 2^"
          + CppnSpec.CONDITIONING_BITS + ", got " + request.conditioning());
    }
    return c.longValue();
  }

  /**
   * @param prompt a prompt
   * @return the default conditioning for it: {@link PromptStyle#of} as a 32-byte big-endian value
   */
  public static io.vnft.api.Bytes32 conditioningOf(String prompt) {
    return io.vnft.api.Bytes32.fromBigInteger(java.math.BigInteger.valueOf(PromptStyle.of(prompt)));
  }
}
