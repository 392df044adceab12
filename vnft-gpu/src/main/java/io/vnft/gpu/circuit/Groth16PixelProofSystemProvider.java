package io.vnft.gpu.circuit;

import io.vnft.api.BackendUnavailableException;
import io.vnft.api.InvalidInputException;
import io.vnft.api.PixelProofSystem;
import io.vnft.api.PixelProofSystemProvider;
import io.vnft.api.VideoFormat;
import io.vnft.gpu.BuiltInModels;
import io.vnft.zk.iden3.ZkeyFile;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * ServiceLoader provider {@code groth16-cppn}: a {@link Groth16PixelProofSystem} over the proving
 * key ({@code .zkey}) named by the system property {@value #ZKEY_PROPERTY} (else the environment
 * variable {@value #ZKEY_ENV}), for the model in {@value #MODEL_PROPERTY} (else {@value
 * #MODEL_ENV}; read by {@link BuiltInModels#configuredModel()}, default {@link
 * BuiltInModels#LIBRARY_DEFAULT}, built-in weights) and the shape in {@value #FORMAT_PROPERTY} ({@code WxHxF}, default {@code 64x64x24};
 * else {@value #FORMAT_ENV}). The key must be the one the deployed verifier of that model was made
 * from (e.g. the {@code zkey} entry of the CLI's deployment file). The provider's name stays
 * {@code groth16-cppn} (the name discovery knows) whichever model it proves.
 *
 * <p>{@link #create()} never runs a setup: without a key it fails at once with a {@link
 * BackendUnavailableException} that names the setting and the builder alternative. Throwaway keys
 * for tests and local demos come only from calling {@link
 * Groth16PixelProofSystem#insecureDevelopmentSetup} by name. With a key, create() reads it and
 * compiles the circuit (seconds). Thread-safe.
 */
public final class Groth16PixelProofSystemProvider implements PixelProofSystemProvider {
  /** System property naming the proving key file. */
  public static final String ZKEY_PROPERTY = "vnft.zkey";
  /** Environment variable naming the proving key file. */
  public static final String ZKEY_ENV = "VNFT_ZKEY";
  /** System property giving the video shape {@code WxHxF}. */
  public static final String FORMAT_PROPERTY = "vnft.cppn.format";
  /** Environment variable giving the video shape {@code WxHxF}. */
  public static final String FORMAT_ENV = "VNFT_CPPN_FORMAT";
  /** System property naming the model whose pixels are proved ({@link BuiltInModels#MODEL_PROPERTY}). */
  public static final String MODEL_PROPERTY = BuiltInModels.MODEL_PROPERTY;
  /** Environment variable naming the model whose pixels are proved ({@link BuiltInModels#MODEL_ENV}). */
  public static final String MODEL_ENV = BuiltInModels.MODEL_ENV;

  private final Function<String, String> property;
  private final Function<String, String> env;

  /** Called by {@link java.util.ServiceLoader}: reads the real system properties and environment. */
  public Groth16PixelProofSystemProvider() {
    this(System::getProperty, System::getenv);
  }

  /** Test seam: settings from the given lookups instead of the real ones. */
  Groth16PixelProofSystemProvider(Function<String, String> property, Function<String, String> env) {
    this.property = property;
    this.env = env;
  }

  @Override
  public String name() {
    return "groth16-cppn";
  }

  /**
   * @throws BackendUnavailableException if no proving key is configured, or the file is missing
   * @throws InvalidInputException if the model is unknown or the shape malformed, or the key is
   *     malformed or does not fit the circuit of that model and shape (the message names the setting)
   */
  @Override
  public PixelProofSystem create() {
    String zkey = setting(ZKEY_PROPERTY, ZKEY_ENV);
    if (zkey == null) {
      throw new BackendUnavailableException("groth16-cppn pixel proofs: no proving key; set -D" + ZKEY_PROPERTY
          + "=<file.zkey> (or " + ZKEY_ENV + "), -D" + FORMAT_PROPERTY + "=WxHxF and -D" + MODEL_PROPERTY
          + "=<model id> (default " + BuiltInModels.LIBRARY_DEFAULT + "), or pass the proof system to the builder instead: "
          + "Vnft.builder().proofSystem(new Groth16PixelProofSystem(modelId, format, ZkeyFile.read(path))); "
          + "for tests only, Groth16PixelProofSystem.insecureDevelopmentSetup(modelId, format, rnd)");
    }
    VideoFormat f = format();
    // the one model setting of vnft-gpu: the same property the generator providers read
    String model = BuiltInModels.configuredModel(property::apply, env::apply);
    Path file;
    try {
      file = Path.of(zkey);
    } catch (InvalidPathException e) {
      throw new InvalidInputException(ZKEY_PROPERTY + ": not a path: '" + zkey + "'", e);
    }
    if (!Files.isRegularFile(file)) {
      throw new BackendUnavailableException("groth16-cppn pixel proofs: " + ZKEY_PROPERTY + " (" + ZKEY_ENV
          + ") names " + file.toAbsolutePath() + ", which is not a file");
    }
    try {
      return new Groth16PixelProofSystem(model, f, ZkeyFile.read(file));
    } catch (InvalidInputException e) {
      throw new InvalidInputException(ZKEY_PROPERTY + " " + file + " with " + MODEL_PROPERTY + " " + model + " and "
          + FORMAT_PROPERTY + " " + f.width() + "x" + f.height() + "x" + f.frames() + ": " + e.getMessage(), e);
    }
  }

  private VideoFormat format() {
    String s = setting(FORMAT_PROPERTY, FORMAT_ENV);
    if (s == null) {
      s = "64x64x24";
    }
    String[] p = s.split("x");
    if (p.length != 3) {
      throw new InvalidInputException(FORMAT_PROPERTY + ": expected WxHxF, got '" + s + "'");
    }
    try {
      return new VideoFormat(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), 24);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(FORMAT_PROPERTY + ": expected WxHxF, got '" + s + "'", e);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(FORMAT_PROPERTY + " '" + s + "': " + e.getMessage(), e);
    }
  }

  private String setting(String prop, String envName) {
    String v = property.apply(prop);
    if (v == null || v.isBlank()) {
      v = env.apply(envName);
    }
    return v == null || v.isBlank() ? null : v.trim();
  }
}
