package io.vnft.gpu.djl;

import io.vnft.api.VideoGenerator;
import io.vnft.api.VideoGeneratorProvider;

/**
 * ServiceLoader provider {@code djl-cppn}: {@link DjlVideoGenerator}. The device comes from the
 * system property {@code vnft.gpu.device} ({@code auto} (default), {@code cpu} or {@code cuda}).
 * Construction is cheap; {@link #create()} loads the engine. Thread-safe.
 */
public final class DjlVideoGeneratorProvider implements VideoGeneratorProvider {
  @Override
  public String name() {
    return "djl-cppn";
  }

  /**
   * @throws io.vnft.api.BackendUnavailableException if the engine cannot load or the requested
   *     device is absent
   * @throws io.vnft.api.InvalidInputException if {@code vnft.gpu.device} is malformed
   */
  @Override
  public VideoGenerator create() {
    return new DjlVideoGenerator(DevicePreference.parse(System.getProperty("vnft.gpu.device", "auto")));
  }
}
