package io.vnft.gpu.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.vnft.api.BackendUnavailableException;
import java.util.function.Function;

/**
 * Loads DJL's PyTorch engine and picks the device for a {@link DevicePreference}: the one place
 * the DJL generators of every model do it. Stateless and thread-safe.
 */
final class DjlDevices {
  private DjlDevices() {}

  /**
   * Loads the engine, picks the device and builds the model on it.
   *
   * @param preference where to compute
   * @param face the generator's name in messages, e.g. {@code "vnft-cppn-1 (djl)"}
   * @param open builds the model on the chosen device
   * @param <T> the model type
   * @return the model
   * @throws BackendUnavailableException if the engine cannot load, CUDA was asked for and DJL
   *     sees no GPU (never a silent switch to the CPU), or the model cannot be built on the device
   */
  static <T> T open(DevicePreference preference, String face, Function<Device, T> open) {
    Engine engine;
    try {
      engine = Engine.getEngine("PyTorch");
    } catch (RuntimeException | LinkageError e) {
      throw new BackendUnavailableException(face + ": the PyTorch engine failed to load: "
          + e.getMessage(), e);
    }
    int gpus = engine.getGpuCount();
    Device device;
    switch (preference) {
      case CPU -> device = Device.cpu();
      case CUDA -> {
        if (gpus == 0) {
          throw new BackendUnavailableException(face + ": device cuda was requested but "
              + "DJL's PyTorch engine " + engine.getVersion() + " sees no CUDA GPU here");
        }
        device = Device.gpu();
      }
      default -> device = gpus > 0 ? Device.gpu() : Device.cpu();
    }
    try {
      return open.apply(device);
    } catch (RuntimeException e) {
      throw new BackendUnavailableException(face + ": cannot use device " + device
          + ": " + e.getMessage(), e);
    }
  }
}
