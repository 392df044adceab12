package io.vnft.zk.groth16;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.curve.G1Point;
import io.vnft.zk.curve.G2Point;

/**
 * A Groth16 proof over BN254: {@code A} and {@code C} in G1, {@code B} in G2, as produced by
 * {@link Groth16#prove} or read from a snarkjs {@code proof.json} ({@code pi_a}, {@code pi_b},
 * {@code pi_c}).
 *
 * <p><b>Never use a proof as an identifier</b> (a nullifier, a map key, a "this was already
 * submitted" marker): Groth16 proofs are malleable — anyone holding a valid proof can derive other
 * valid proofs of the same statement without the witness (for example by re-randomising A, B and
 * C). Identify statements by their public inputs instead. {@link #equals} compares the points and
 * says nothing about the statement.
 *
 * <p>Immutable and thread-safe. The points were validated (on the curve, G2 in the subgroup) when
 * the {@link G1Point}/{@link G2Point} values were constructed.
 *
 * <p>The constructor throws {@link InvalidInputException} if a point is null.
 *
 * @param a the G1 point {@code pi_a}
 * @param b the G2 point {@code pi_b}
 * @param c the G1 point {@code pi_c}
 */
public record Proof(G1Point a, G2Point b, G1Point c) {
  /**
   * Validates the components; throws {@link InvalidInputException} if a point is null.
   *
   * @param a the G1 point {@code pi_a}
   * @param b the G2 point {@code pi_b}
   * @param c the G1 point {@code pi_c}
   */
  public Proof {
    if (a == null || b == null || c == null) {
      throw new InvalidInputException("Proof: points a, b, c must not be null");
    }
  }
}
