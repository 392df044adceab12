package io.vnft.gpu.djl;

import io.vnft.api.VideoGenerator;
import io.vnft.api.VideoGeneratorProvider;
import io.vnft.gpu.BuiltInModels;
import io.vnft.gpu.BuiltInVideoGenerator;
import java.util.function.UnaryOperator;

/**
 * ServiceLoader provider {@code djl-cppn}: a {@link BuiltInVideoGenerator} on DJL serving every
 * built-in model (the name predates {@code vnft-gan-1} and is kept so that code selecting it by name
 * still finds it). Settings:
 * <ul>
 *   <li>system property {@value BuiltInModels#MODEL_PROPERTY}, else the environment variable
 *       {@value BuiltInModels#MODEL_ENV}: the default model,
 *       the one new triggers use ({@link BuiltInModels#configuredModel}; unset: {@value
 *       BuiltInModels#LIBRARY_DEFAULT}, see {@link BuiltInModels#LIBRARY_DEFAULT} for why);
 *   <li>system property {@code vnft.gpu.device}: {@code auto} (default), {@code cpu} or {@code cuda}.
 * </ul>
 * Construction is cheap; {@link #create()} loads the engine and the default model. Thread-safe.
 */
public final class DjlVideoGeneratorProvider implements VideoGeneratorProvider {
  private final UnaryOperator<String> property;
  private final UnaryOperator<String> env;

  /** Called by {@link java.util.ServiceLoader}: reads the real system properties and environment. */
  public DjlVideoGeneratorProvider() {
    this(System::getProperty, System::getenv);
  }

  /** Test seam: settings from the given lookups instead of the real ones. */
  DjlVideoGeneratorProvider(UnaryOperator<String> property, UnaryOperator<String> env) {
    this.property = property;
    this.env = env;
  }

  @Override
  public String name() {
    return "djl-cppn";
  }

  /**
   * @throws io.vnft.api.BackendUnavailableException if the engine cannot load or the requested
   *     device is absent
   * @throws io.vnft.api.InvalidInputException if {@code vnft.gpu.device} is malformed or
   *     {@value BuiltInModels#MODEL_PROPERTY} names no built-in model (the message names the setting)
   */
  @Override
  public VideoGenerator create() {
    String model = BuiltInModels.configuredModel(property, env);
    String device = property.apply("vnft.gpu.device");
    return BuiltInVideoGenerator.djl(model, DevicePreference.parse(device == null ? "auto" : device));
  }
}
