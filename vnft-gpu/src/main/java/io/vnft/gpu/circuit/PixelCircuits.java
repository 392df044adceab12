package io.vnft.gpu.circuit;

import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFormat;
import io.vnft.gpu.BuiltInModels;
import io.vnft.gpu.model.CppnSpec;
import io.vnft.gpu.model.CppnWeights;
import io.vnft.gpu.model.GanSpec;
import io.vnft.gpu.model.GanWeights;
import io.vnft.zk.circuit.CircuitApi;
import io.vnft.zk.circuit.Var;
import java.util.List;

/**
 * The pixel circuits of the built-in models, by model id: {@value CppnSpec#MODEL_ID} ({@link
 * CppnGadget}) and {@value GanSpec#MODEL_ID} ({@link GanGadget}), each with its built-in weights.
 * Other weights (tests): {@code new PixelCircuit(new GanGadget(weights), format)} or {@code new
 * PixelCircuit(cppnWeights, format)}. Stateless and thread-safe.
 */
public final class PixelCircuits {
  /** The model ids with a built-in pixel circuit: every built-in model ({@link BuiltInModels#ids()}). */
  public static final List<String> MODELS = BuiltInModels.ids();

  private PixelCircuits() {}

  /**
   * @param modelId one of {@link #MODELS}
   * @param format the video shape (fps is ignored)
   * @return the model's pixel circuit over its built-in weights
   * @throws InvalidInputException if the model has no built-in circuit (the message names the known ones)
   */
  public static PixelCircuit of(String modelId, VideoFormat format) {
    return new PixelCircuit(gadget(modelId), format);
  }

  /**
   * @param modelId one of {@link #MODELS}
   * @return the model's pixel gadget over its built-in weights
   * @throws InvalidInputException if the model has no built-in circuit (the message names the known ones)
   */
  public static PixelGadget gadget(String modelId) {
    if (CppnSpec.MODEL_ID.equals(modelId)) {
      return cppn(CppnWeights.builtIn());
    }
    if (GanSpec.MODEL_ID.equals(modelId)) {
      return new GanGadget(GanWeights.builtIn());
    }
    throw new InvalidInputException("modelId: no pixel circuit for '" + modelId + "'; known models: "
        + String.join(", ", MODELS));
  }

  /**
   * {@value CppnSpec#MODEL_ID} as a {@link PixelGadget}: scopes {@code latent} ({@link
   * CppnGadget#latent}) and {@code style} (its 32 bits, proving it below 2^32), then {@link
   * CppnGadget#pixel}; the conditioning input is named {@code style}.
   *
   * @param weights the model's weights
   * @return the gadget
   */
  public static PixelGadget cppn(CppnWeights weights) {
    return new PixelGadget() {
      @Override
      public String modelId() {
        return CppnSpec.MODEL_ID;
      }

      @Override
      public String conditioningInput() {
        return "style";
      }

      @Override
      public Video video(CircuitApi api, VideoFormat format, Var seed, Var conditioning) {
        Var[] z = api.scope("latent", () -> CppnGadget.latent(api, seed));
        Var[] styleBits = api.scope("style", () -> api.toBits(conditioning, 32));
        CppnGadget g = new CppnGadget(weights, format.width(), format.height());
        return (frame, x, y) -> g.pixel(api, z, styleBits, frame, x, y);
      }
    };
  }
}
