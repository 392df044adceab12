package io.vnft.zk.groth16;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.curve.G1Point;
import io.vnft.zk.curve.G2Point;
import io.vnft.zk.curve.Pairing;
import io.vnft.zk.field.Fp12;
import io.vnft.zk.groth16.internal.InputSum;
import java.util.Arrays;
import java.util.List;

/**
 * A Groth16 verifying key over BN254, in snarkjs' layout ({@code verification_key.json}): the
 * pairing check is {@code e(-A, B) e(alpha1, beta2) e(vk_x, gamma2) e(C, delta2) == 1} with
 * {@code vk_x = IC[0] + sum_i input_i * IC[i+1]}.
 *
 * <p>The number of public inputs is {@code ic().size() - 1} (the constant wire 1 is not counted).
 * Immutable and thread-safe; lists returned are unmodifiable.
 */
public final class VerifyingKey {
  private final G1Point alpha1;
  private final G2Point beta2;
  private final G2Point gamma2;
  private final G2Point delta2;
  private final G1Point[] ic;
  // what verify derives from the key, computed on first verify (benign race: every thread
  // computes the same immutable value)
  private volatile Precomputed precomputed;

  /**
   * @param alpha1 alpha in G1
   * @param beta2 beta in G2
   * @param gamma2 gamma in G2
   * @param delta2 delta in G2
   * @param ic the input commitments, one per public input plus one for the constant wire
   * @throws InvalidInputException if a point is null or {@code ic} is empty
   */
  public VerifyingKey(G1Point alpha1, G2Point beta2, G2Point gamma2, G2Point delta2, List<G1Point> ic) {
    if (alpha1 == null || beta2 == null || gamma2 == null || delta2 == null || ic == null) {
      throw new InvalidInputException("VerifyingKey: alpha1, beta2, gamma2, delta2 and ic must not be null");
    }
    if (ic.isEmpty()) {
      throw new InvalidInputException("VerifyingKey.ic: must hold at least IC[0] (constant wire)");
    }
    for (G1Point p : ic) {
      if (p == null) {
        throw new InvalidInputException("VerifyingKey.ic: contains null");
      }
    }
    this.alpha1 = alpha1;
    this.beta2 = beta2;
    this.gamma2 = gamma2;
    this.delta2 = delta2;
    this.ic = ic.toArray(new G1Point[0]);
  }

  /** @return alpha in G1 ({@code vk_alpha_1}) */
  public G1Point alpha1() {
    return alpha1;
  }

  /** @return beta in G2 ({@code vk_beta_2}) */
  public G2Point beta2() {
    return beta2;
  }

  /** @return gamma in G2 ({@code vk_gamma_2}) */
  public G2Point gamma2() {
    return gamma2;
  }

  /** @return delta in G2 ({@code vk_delta_2}) */
  public G2Point delta2() {
    return delta2;
  }

  /** @return the input commitments {@code IC}, size {@code nPublic() + 1} (unmodifiable) */
  public List<G1Point> ic() {
    return List.of(ic);
  }

  /** @return the number of public inputs (not counting the constant wire) */
  public int nPublic() {
    return ic.length - 1;
  }

  G1Point icAt(int i) {
    return ic[i];
  }

  /**
   * What verify derives from the key once.
   *
   * @param inputSum the multi-scalar multiplier of vk_x = IC[0] + sum x_i IC[i+1] (GLV/wNAF tables)
   * @param gammaDelta the Miller-loop lines of {gamma2, delta2}
   * @param alphaBetaInverse e(alpha1, beta2)^-1 (the conjugate, as GT is unitary)
   */
  record Precomputed(InputSum inputSum, Pairing.G2Prepared[] gammaDelta, Fp12 alphaBetaInverse) {}

  /** The values verify derives from this key, built on first use. */
  Precomputed precomputed() {
    Precomputed p = precomputed;
    if (p == null) {
      p = new Precomputed(new InputSum(ic),
          new Pairing.G2Prepared[] {Pairing.prepare(gamma2), Pairing.prepare(delta2)},
          Pairing.pair(alpha1, beta2).conjugate());
      precomputed = p;
    }
    return p;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof VerifyingKey v)) {
      return false;
    }
    return alpha1.equals(v.alpha1) && beta2.equals(v.beta2) && gamma2.equals(v.gamma2)
        && delta2.equals(v.delta2) && Arrays.equals(ic, v.ic);
  }

  @Override
  public int hashCode() {
    return 31 * alpha1.hashCode() + Arrays.hashCode(ic);
  }

  @Override
  public String toString() {
    return "VerifyingKey[nPublic=" + nPublic() + "]";
  }
}
