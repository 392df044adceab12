package io.vnft.gpu.model;

import io.vnft.api.Bytes32;
import io.vnft.api.InvalidInputException;
import io.vnft.zk.field.Fr;
import io.vnft.zk.poseidon.Poseidon;
import java.math.BigInteger;

/**
 * The per-video latent of {@value CppnSpec#MODEL_ID}: {@value CppnSpec#LATENT} signed values in
 * [-128, 127] taken from {@value CppnSpec#LATENT_HASHES} Poseidon hashes of the seed. Hash
 * {@code k} is {@code h_k = Poseidon(seed, k)} (circomlib Poseidon, 2 inputs); its bytes
 * {@code n = 0..30} are {@code (h_k >> 8n) & 255} (little-endian, the top byte is dropped);
 * the hashes' bytes are concatenated in order k = 0..3 and latent value {@code i} is
 * {@code byte[i] - 128}. Values 0..47 are the first-layer weights {@code A[i][j] = latent[3i + j]},
 * values 48..63 the first-layer biases {@code latent[48 + i] << 7}, values 64..95 the time
 * weights {@code V[i][j] = latent[64 + 2i + j]}. Stateless and thread-safe.
 */
public final class Latent {
  /** Bytes used from each hash. */
  public static final int BYTES_PER_HASH = 31;

  private Latent() {}

  /**
   * @param seed the token seed, a field element below r
   * @return the latent values, each in [-128, 127]
   * @throws InvalidInputException if the seed is not below r
   */
  public static int[] of(Bytes32 seed) {
    return fromHashes(hashes(seed));
  }

  /**
   * @param seed the token seed, a field element below r
   * @return {@code Poseidon(seed, k)} for k = 0..3
   * @throws InvalidInputException if the seed is not below r
   */
  public static BigInteger[] hashes(Bytes32 seed) {
    Fr s = Fr.of(seed.toBigInteger());
    BigInteger[] h = new BigInteger[CppnSpec.LATENT_HASHES];
    for (int k = 0; k < h.length; k++) {
      h[k] = Poseidon.hash(s, Fr.of(k)).toBigInteger();
    }
    return h;
  }

  /**
   * @param hashes the {@value CppnSpec#LATENT_HASHES} hashes {@code Poseidon(seed, k)}, each in [0, 2^254)
   * @return the latent values, each in [-128, 127]
   * @throws InvalidInputException if the count or a range is wrong
   */
  public static int[] fromHashes(BigInteger[] hashes) {
    if (hashes == null || hashes.length != CppnSpec.LATENT_HASHES) {
      throw new InvalidInputException("hashes: expected " + CppnSpec.LATENT_HASHES + " values");
    }
    int[] out = new int[CppnSpec.LATENT];
    int n = 0;
    for (BigInteger h : hashes) {
      if (h == null || h.signum() < 0 || h.bitLength() > 254) {
        throw new InvalidInputException("hashes: each must be in [0, 2^254), got " + h);
      }
      for (int b = 0; b < BYTES_PER_HASH && n < out.length; b++) {
        out[n++] = h.shiftRight(8 * b).intValue() & 0xff;
      }
    }
    for (int i = 0; i < out.length; i++) {
      out[i] -= 128;
    }
    return out;
  }
}
