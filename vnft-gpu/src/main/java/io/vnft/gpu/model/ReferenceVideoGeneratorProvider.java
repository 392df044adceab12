package io.vnft.gpu.model;

import io.vnft.api.VideoGenerator;
import io.vnft.api.VideoGeneratorProvider;
import io.vnft.gpu.BuiltInModels;
import io.vnft.gpu.BuiltInVideoGenerator;
import java.util.function.UnaryOperator;

/**
 * ServiceLoader provider {@code reference-cppn}: {@link BuiltInVideoGenerator#reference} serving every
 * built-in model with the pure-Java references (the name predates {@code vnft-gan-1}). The default
 * model comes from {@value BuiltInModels#MODEL_PROPERTY} (else {@value BuiltInModels#MODEL_ENV}, else
 * {@value BuiltInModels#LIBRARY_DEFAULT}), as for the DJL provider. Priority 200, so the DJL provider
 * is preferred when both are present. Thread-safe.
 */
public final class ReferenceVideoGeneratorProvider implements VideoGeneratorProvider {
  private final UnaryOperator<String> property;
  private final UnaryOperator<String> env;

  /** Called by {@link java.util.ServiceLoader}: reads the real system properties and environment. */
  public ReferenceVideoGeneratorProvider() {
    this(System::getProperty, System::getenv);
  }

  /** Test seam: settings from the given lookups instead of the real ones. */
  ReferenceVideoGeneratorProvider(UnaryOperator<String> property, UnaryOperator<String> env) {
    this.property = property;
    this.env = env;
  }

  @Override
  public String name() {
    return "reference-cppn";
  }

  @Override
  public int priority() {
    return 200;
  }

  /**
   * @throws io.vnft.api.InvalidInputException if {@value BuiltInModels#MODEL_PROPERTY} names no
   *     built-in model (the message names the setting)
   */
  @Override
  public VideoGenerator create() {
    return BuiltInVideoGenerator.reference(BuiltInModels.configuredModel(property, env));
  }
}
