package io.vnft.gpu.model;

import io.vnft.api.Bytes32;
import io.vnft.api.InvalidInputException;
import io.vnft.zk.field.Fr;
import java.math.BigInteger;

/**
 * The per-video latent of {@value GanSpec#MODEL_ID}, read straight from the token's seed (a
 * Poseidon output below r): seed byte {@code b[n] = (seed >> 8n) & 255}, n = 0..30
 * (little-endian; the top byte is not used).
 *
 * <ul>
 *   <li>{@code z[i] = b[i] - 128}, i = 0..3: the network's latent inputs;
 *   <li>{@code bg[c] = 128 + floor(b[4 + c] / 2)}, c = R, G, B: the background colour;
 *   <li>{@code Ax = floor((b[7] mod 16) M / 256)}, {@code Ay = floor((b[8] mod 16) M / 256)}
 *       with {@code M = max(W, H)}: the motion amplitudes in pixels (up to 6 % of the frame);
 *   <li>{@code phX = 2 b[9]}, {@code phY = 2 b[10]}: the motion phases; {@code cycles = 1 + (b[11] mod 2)}.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param bytes the seed's bytes 0..30, each 0..255
 */
public record GanLatent(int[] bytes) {
  /** Seed bytes the model reads. */
  public static final int BYTES = 31;

  /**
   * Validates the bytes; throws {@link InvalidInputException} if there are not 31 values in 0..255.
   *
   * @param bytes the seed's bytes 0..30
   */
  public GanLatent {
    if (bytes == null || bytes.length != BYTES) {
      throw new InvalidInputException("latent: expected " + BYTES + " seed bytes");
    }
    for (int v : bytes) {
      if (v < 0 || v > 255) {
        throw new InvalidInputException("latent: byte " + v + " outside [0, 255]");
      }
    }
    bytes = bytes.clone();
  }

  /**
   * @param seed the token seed, a field element below r
   * @return its latent
   * @throws InvalidInputException if the seed is not below r
   */
  public static GanLatent of(Bytes32 seed) {
    BigInteger s = Fr.of(seed.toBigInteger()).toBigInteger();
    int[] b = new int[BYTES];
    for (int n = 0; n < BYTES; n++) {
      b[n] = s.shiftRight(8 * n).intValue() & 0xff;
    }
    return new GanLatent(b);
  }

  /** @return the seed bytes (a copy) */
  @Override
  public int[] bytes() {
    return bytes.clone();
  }

  /** @return the {@value GanSpec#Z} latent inputs, each in [-128, 127] */
  public int[] z() {
    int[] z = new int[GanSpec.Z];
    for (int i = 0; i < z.length; i++) {
      z[i] = bytes[i] - 128;
    }
    return z;
  }

  /**
   * @param channel 0 (R), 1 (G), 2 (B)
   * @return the background's channel value, in [128, 255]
   */
  public int background(int channel) {
    return 128 + (bytes[4 + channel] >> 1);
  }

  /**
   * @param m max(width, height)
   * @return the X motion amplitude in pixels
   */
  public int amplitudeX(int m) {
    return ((bytes[7] & 15) * m) >> 8;
  }

  /**
   * @param m max(width, height)
   * @return the Y motion amplitude in pixels
   */
  public int amplitudeY(int m) {
    return ((bytes[8] & 15) * m) >> 8;
  }

  /** @return the X motion phase, 0..510 */
  public int phaseX() {
    return 2 * bytes[9];
  }

  /** @return the Y motion phase, 0..510 */
  public int phaseY() {
    return 2 * bytes[10];
  }

  /** @return motion cycles per loop, 1 or 2 */
  public int cycles() {
    return 1 + (bytes[11] & 1);
  }

  /**
   * @param frame the frame index
   * @param frames the frame count
   * @param m max(width, height)
   * @return the X displacement of that frame, in pixels
   */
  public int dx(int frame, int frames, int m) {
    return GanSpec.displacement(amplitudeX(m), phaseX(), cycles(), frame, frames);
  }

  /**
   * @param frame the frame index
   * @param frames the frame count
   * @param m max(width, height)
   * @return the Y displacement of that frame, in pixels
   */
  public int dy(int frame, int frames, int m) {
    return GanSpec.displacement(amplitudeY(m), phaseY(), cycles(), frame, frames);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GanLatent l && java.util.Arrays.equals(bytes, l.bytes);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "GanLatent" + java.util.Arrays.toString(bytes);
  }
}
