package io.vnft.gpu.torchscript;

import io.vnft.api.BackendUnavailableException;
import io.vnft.api.VideoGenerator;
import io.vnft.api.VideoGeneratorProvider;
import io.vnft.gpu.djl.DevicePreference;
import java.nio.file.Path;

/**
 * ServiceLoader provider {@code torchscript}: a {@link TorchScriptVideoGenerator} for the file in
 * system property {@code vnft.torchscript.file}, registered as {@code vnft.torchscript.modelId}
 * (default: the file name without {@code .pt}), on {@code vnft.gpu.device}. Priority 300.
 * Thread-safe.
 */
public final class TorchScriptVideoGeneratorProvider implements VideoGeneratorProvider {
  @Override
  public String name() {
    return "torchscript";
  }

  @Override
  public int priority() {
    return 300;
  }

  /** @throws BackendUnavailableException if {@code vnft.torchscript.file} is not set */
  @Override
  public VideoGenerator create() {
    String file = System.getProperty("vnft.torchscript.file");
    if (file == null) {
      throw new BackendUnavailableException("torchscript: no model file; set the system property vnft.torchscript.file, "
          + "or pass the generator to the builder instead: Vnft.builder().generator(new TorchScriptVideoGenerator(modelId, "
          + "file, DevicePreference.AUTO))");
    }
    Path p = Path.of(file);
    String name = p.getFileName().toString().replaceFirst("\\.pt$", "");
    return new TorchScriptVideoGenerator(System.getProperty("vnft.torchscript.modelId", name), p,
        DevicePreference.parse(System.getProperty("vnft.gpu.device", "auto")));
  }
}
