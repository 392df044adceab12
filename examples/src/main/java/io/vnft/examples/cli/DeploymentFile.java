package io.vnft.examples.cli;

import io.vnft.api.Address;
import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFormat;
import io.vnft.chain.VnftDeployment;
import io.vnft.examples.internal.AtomicWrite;
import io.vnft.gpu.BuiltInModels;
import io.vnft.gpu.model.CppnSpec;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where a vnft deployment lives, so that the standalone commands ({@code operator},
 * {@code challenger}, {@code verify}) can find it: the RPC URL, chain id, contract addresses, the
 * video shape tokens are generated at, the pixel proving key file and the built-in model that key
 * proves. A Java properties file, written to a temporary name and renamed. Immutable.
 *
 * @param rpcUrl the node's JSON-RPC URL
 * @param chainId the chain id
 * @param contracts the contract addresses
 * @param format the video shape of the registered model
 * @param zkey the pixel circuit's proving key (.zkey), relative to the file's directory
 * @param model the built-in model the deployment registered and {@code zkey} proves (key {@code model};
 *     a file without it was written before {@code vnft-gan-1} existed and means {@code vnft-cppn-1})
 */
public record DeploymentFile(String rpcUrl, long chainId, VnftDeployment.Addresses contracts, VideoFormat format,
    String zkey, String model) {
  /** The model of a deployment file without a {@code model} key. */
  public static final String MODEL_BEFORE_KEY = CppnSpec.MODEL_ID;

  /**
   * Checks the model.
   *
   * @param rpcUrl the node's JSON-RPC URL
   * @param chainId the chain id
   * @param contracts the contract addresses
   * @param format the video shape of the registered model
   * @param zkey the pixel circuit's proving key (.zkey), relative to the file's directory
   * @param model the built-in model the deployment registered and {@code zkey} proves
   * @throws InvalidInputException if {@code model} is not a built-in model
   */
  public DeploymentFile {
    BuiltInModels.requireBuiltIn("model", model);
  }

  /**
   * A deployment of {@value #MODEL_BEFORE_KEY}.
   *
   * @param rpcUrl the node's JSON-RPC URL
   * @param chainId the chain id
   * @param contracts the contract addresses
   * @param format the video shape of the registered model
   * @param zkey the pixel circuit's proving key (.zkey), relative to the file's directory
   */
  public DeploymentFile(String rpcUrl, long chainId, VnftDeployment.Addresses contracts, VideoFormat format,
      String zkey) {
    this(rpcUrl, chainId, contracts, format, zkey, MODEL_BEFORE_KEY);
  }

  /**
   * @param file the properties file
   * @return the deployment
   * @throws InvalidInputException if the file is missing or a key is absent or malformed (an absent
   *     {@code model} means {@value #MODEL_BEFORE_KEY})
   */
  public static DeploymentFile read(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new InvalidInputException("deployment file " + file + " cannot be read (run ./vnft demo --keep-running, "
          + "or pass --deployment FILE): " + e.getMessage(), e);
    }
    try {
      VnftDeployment.Addresses a = new VnftDeployment.Addresses(addr(p, "registry", file),
          addr(p, "triggerBook", file), addr(p, "videoNft", file), addr(p, "rollup", file),
          Long.parseLong(req(p, "deployBlock", file)));
      VideoFormat f = new VideoFormat(Integer.parseInt(req(p, "width", file)), Integer.parseInt(req(p, "height", file)),
          Integer.parseInt(req(p, "frames", file)), Integer.parseInt(req(p, "fps", file)));
      String model = p.getProperty("model", MODEL_BEFORE_KEY).strip();
      if (!BuiltInModels.isBuiltIn(model)) {
        throw new InvalidInputException(file + ": model: unknown model '" + model + "'; the built-in models are "
            + String.join(", ", BuiltInModels.ids()));
      }
      return new DeploymentFile(req(p, "rpcUrl", file), Long.parseLong(req(p, "chainId", file)), a, f,
          req(p, "zkey", file), model);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(file + ": malformed number: " + e.getMessage(), e);
    }
  }

  /**
   * Writes the file atomically.
   *
   * @param file where
   */
  public void write(Path file) {
    Properties p = new Properties();
    p.setProperty("rpcUrl", rpcUrl);
    p.setProperty("chainId", Long.toString(chainId));
    p.setProperty("registry", contracts.registry().hex());
    p.setProperty("triggerBook", contracts.triggerBook().hex());
    p.setProperty("videoNft", contracts.videoNft().hex());
    p.setProperty("rollup", contracts.rollup().hex());
    p.setProperty("deployBlock", Long.toString(contracts.deployBlock()));
    p.setProperty("width", Integer.toString(format.width()));
    p.setProperty("height", Integer.toString(format.height()));
    p.setProperty("frames", Integer.toString(format.frames()));
    p.setProperty("fps", Integer.toString(format.fps()));
    p.setProperty("zkey", zkey);
    p.setProperty("model", model);
    AtomicWrite.replace(file, tmp -> {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(w, "vnft deployment");
      }
    });
  }

  private static String req(Properties p, String key, Path file) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      throw new InvalidInputException(file + ": missing key '" + key + "'");
    }
    return v.strip();
  }

  private static Address addr(Properties p, String key, Path file) {
    try {
      return Address.of(req(p, key, file));
    } catch (InvalidInputException e) {
      throw new InvalidInputException(file + ": " + key + ": " + e.getMessage(), e);
    }
  }
}
