package io.vnft.gpu.model;

import io.vnft.api.VideoGenerator;
import io.vnft.api.VideoGeneratorProvider;

/**
 * ServiceLoader provider {@code reference-cppn}: {@link ReferenceVideoGenerator}. Priority 200,
 * so the DJL provider is preferred when both are present. Thread-safe.
 */
public final class ReferenceVideoGeneratorProvider implements VideoGeneratorProvider {
  @Override
  public String name() {
    return "reference-cppn";
  }

  @Override
  public int priority() {
    return 200;
  }

  @Override
  public VideoGenerator create() {
    return new ReferenceVideoGenerator();
  }
}
