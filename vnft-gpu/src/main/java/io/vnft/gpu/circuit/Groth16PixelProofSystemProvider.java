package io.vnft.gpu.circuit;

import io.vnft.api.InvalidInputException;
import io.vnft.api.PixelProofSystem;
import io.vnft.api.PixelProofSystemProvider;
import io.vnft.api.VideoFormat;
import java.security.SecureRandom;

/**
 * ServiceLoader provider {@code groth16-cppn-dev}: a {@link Groth16PixelProofSystem} with an
 * <b>insecure development setup</b> made in {@link #create()} (seconds to minutes), for the shape
 * in the system property {@code vnft.cppn.format} ({@code WxHxF}, default {@code 64x64x24}).
 * For production, construct {@link Groth16PixelProofSystem} with ceremony keys instead.
 * Thread-safe.
 */
public final class Groth16PixelProofSystemProvider implements PixelProofSystemProvider {
  @Override
  public String name() {
    return "groth16-cppn-dev";
  }

  /** @throws InvalidInputException if {@code vnft.cppn.format} is malformed or out of range */
  @Override
  public PixelProofSystem create() {
    String s = System.getProperty("vnft.cppn.format", "64x64x24");
    String[] p = s.split("x");
    if (p.length != 3) {
      throw new InvalidInputException("vnft.cppn.format: expected WxHxF, got '" + s + "'");
    }
    try {
      VideoFormat f = new VideoFormat(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), 24);
      return Groth16PixelProofSystem.developmentSetup(f, new SecureRandom());
    } catch (NumberFormatException e) {
      throw new InvalidInputException("vnft.cppn.format: expected WxHxF, got '" + s + "'", e);
    }
  }
}
