package io.vnft.gpu;

import io.vnft.api.Bytes32;
import io.vnft.api.InvalidInputException;
import io.vnft.api.ModelInfo;
import io.vnft.api.VideoGenerator;
import io.vnft.gpu.djl.DevicePreference;
import io.vnft.gpu.djl.DjlGanVideoGenerator;
import io.vnft.gpu.djl.DjlVideoGenerator;
import io.vnft.gpu.model.CppnRequests;
import io.vnft.gpu.model.CppnSpec;
import io.vnft.gpu.model.GanRequests;
import io.vnft.gpu.model.GanSpec;
import io.vnft.gpu.model.ReferenceGanVideoGenerator;
import io.vnft.gpu.model.ReferenceVideoGenerator;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The one place that knows the models built into vnft-gpu: {@value CppnSpec#MODEL_ID} (untrained,
 * style codes) and {@value GanSpec#MODEL_ID} (trained, text-conditioned). For each: its id, its
 * {@link ModelInfo}, its default conditioning for a prompt and its generator faces ({@link Face}).
 * {@link BuiltInVideoGenerator} serves all of them through one {@link VideoGenerator}.
 *
 * <p>The default model (the one new triggers use when a client is built by discovery) is set by
 * the system property {@value #MODEL_PROPERTY}, else the environment variable {@value #MODEL_ENV},
 * else {@link #LIBRARY_DEFAULT}. Stateless and thread-safe.
 */
public final class BuiltInModels {
  /** System property naming the default model, e.g. {@code -Dvnft.model=vnft-gan-1}. */
  public static final String MODEL_PROPERTY = "vnft.model";
  /** Environment variable naming the default model when {@value #MODEL_PROPERTY} is unset. */
  public static final String MODEL_ENV = "VNFT_MODEL";
  /**
   * The default model when neither {@value #MODEL_PROPERTY} nor {@value #MODEL_ENV} is set:
   * {@value CppnSpec#MODEL_ID}. Kept (rather than the trained {@value GanSpec#MODEL_ID}) so that code
   * written against the library before {@value GanSpec#MODEL_ID} existed (the README quick start,
   * a proving key made with {@code Groth16PixelProofSystem.insecureDevelopmentSetup(format, rnd)},
   * deployments registering the discovered model) keeps minting the model its verifier was set up
   * for; the demo and the CLI choose {@value GanSpec#MODEL_ID} explicitly.
   */
  public static final String LIBRARY_DEFAULT = CppnSpec.MODEL_ID;

  private static final List<String> IDS = List.of(CppnSpec.MODEL_ID, GanSpec.MODEL_ID);

  /** Which implementation of a model runs it; every face yields the same bytes. */
  public enum Face {
    /** DJL's PyTorch engine, on the CPU or a CUDA GPU (fast; loads the engine when created). */
    DJL,
    /** The pure-Java integer reference (slow; no native code; the ground truth). */
    REFERENCE
  }

  private BuiltInModels() {}

  /** @return the built-in model ids, {@value CppnSpec#MODEL_ID} first */
  public static List<String> ids() {
    return IDS;
  }

  /**
   * @param modelId a model id
   * @return true if it names a built-in model
   */
  public static boolean isBuiltIn(String modelId) {
    return IDS.contains(modelId);
  }

  /**
   * @param field the name the caller knows the value by (the message starts with it)
   * @param modelId a model id
   * @return {@code modelId}
   * @throws InvalidInputException naming {@code field} and the built-in models if it is not one of them
   */
  public static String requireBuiltIn(String field, String modelId) {
    if (!isBuiltIn(modelId)) {
      throw new InvalidInputException(field + ": unknown model '" + modelId + "'; the built-in models are "
          + String.join(", ", IDS));
    }
    return modelId;
  }

  /**
   * @param modelId a built-in model
   * @return its description record, with the SHA-256 of its built-in weights
   * @throws InvalidInputException if {@code modelId} is not built in
   */
  public static ModelInfo modelInfo(String modelId) {
    return requireBuiltIn("modelId", modelId).equals(CppnSpec.MODEL_ID) ? CppnRequests.modelInfo()
        : GanRequests.modelInfo();
  }

  /**
   * @param modelId a built-in model
   * @param prompt a prompt
   * @return the model's default conditioning for it ({@link CppnRequests#conditioningOf}: a style
   *     code; {@link GanRequests#conditioningOf}: two concept vectors)
   * @throws InvalidInputException if {@code modelId} is not built in
   */
  public static Bytes32 conditioningOf(String modelId, String prompt) {
    return requireBuiltIn("modelId", modelId).equals(CppnSpec.MODEL_ID) ? CppnRequests.conditioningOf(prompt)
        : GanRequests.conditioningOf(prompt);
  }

  /**
   * @return the default model set by {@value #MODEL_PROPERTY} / {@value #MODEL_ENV}, else
   *     {@link #LIBRARY_DEFAULT}
   * @throws InvalidInputException naming the setting if it names no built-in model
   */
  public static String configuredModel() {
    return configuredModel(System::getProperty, System::getenv);
  }

  /**
   * {@link #configuredModel()} over given lookups (for providers' test seams).
   *
   * @param property looks up a system property (null if unset)
   * @param env looks up an environment variable (null if unset)
   * @return the model the settings name (trimmed), else {@link #LIBRARY_DEFAULT}; a blank value counts as unset
   * @throws InvalidInputException naming the setting if it names no built-in model
   */
  public static String configuredModel(UnaryOperator<String> property, UnaryOperator<String> env) {
    String v = property.apply(MODEL_PROPERTY);
    String from = MODEL_PROPERTY;
    if (v == null || v.isBlank()) {
      v = env.apply(MODEL_ENV);
      from = MODEL_ENV;
    }
    if (v == null || v.isBlank()) {
      return LIBRARY_DEFAULT;
    }
    return requireBuiltIn(from, v.trim());
  }

  /**
   * A generator of one built-in model.
   *
   * @param modelId a built-in model
   * @param face which implementation
   * @param device where a {@link Face#DJL} face computes (ignored by the reference)
   * @return a new generator running the built-in weights; the caller closes it
   * @throws InvalidInputException if {@code modelId} is not built in
   * @throws io.vnft.api.BackendUnavailableException if the DJL engine cannot load or the device is absent
   */
  public static VideoGenerator create(String modelId, Face face, DevicePreference device) {
    Objects.requireNonNull(face, "face");
    Objects.requireNonNull(device, "device");
    boolean cppn = requireBuiltIn("modelId", modelId).equals(CppnSpec.MODEL_ID);
    if (face == Face.REFERENCE) {
      return cppn ? new ReferenceVideoGenerator() : new ReferenceGanVideoGenerator();
    }
    return cppn ? new DjlVideoGenerator(device) : new DjlGanVideoGenerator(device);
  }
}
