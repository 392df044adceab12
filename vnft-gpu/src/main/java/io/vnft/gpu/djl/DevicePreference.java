package io.vnft.gpu.djl;

/** Where a DJL generator computes. */
public enum DevicePreference {
  /** A CUDA GPU when DJL's PyTorch engine sees one, the CPU otherwise. */
  AUTO,
  /** The CPU. */
  CPU,
  /** The first CUDA GPU; refused with {@link io.vnft.api.BackendUnavailableException} when absent. */
  CUDA;

  /**
   * @param s {@code auto}, {@code cpu} or {@code cuda} (any case)
   * @return the preference
   * @throws io.vnft.api.InvalidInputException for any other value
   */
  public static DevicePreference parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (RuntimeException e) {
      throw new io.vnft.api.InvalidInputException(
          "vnft.gpu.device: must be auto, cpu or cuda, got '" + s + "'");
    }
  }
}
