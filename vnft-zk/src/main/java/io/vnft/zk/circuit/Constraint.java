package io.vnft.zk.circuit;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.field.Fr;

/**
 * One rank-1 constraint {@code <a, w> * <b, w> == <c, w>}. Immutable and thread-safe.
 *
 * <p>The constructor throws {@link InvalidInputException} if a row is null.
 *
 * @param a left factor
 * @param b right factor
 * @param c product
 */
public record Constraint(SparseRow a, SparseRow b, SparseRow c) {
  /**
   * Validates the components; throws {@link InvalidInputException} if a row is null.
   *
   * @param a left factor
   * @param b right factor
   * @param c product
   */
  public Constraint {
    if (a == null || b == null || c == null) {
      throw new InvalidInputException("Constraint rows must not be null");
    }
  }

  /**
   * @param witness wire values
   * @return whether {@code A*B == C} holds for {@code witness}
   */
  public boolean isSatisfied(Fr[] witness) {
    return a.evaluate(witness).mul(b.evaluate(witness)).equals(c.evaluate(witness));
  }

  /** @return the largest wire index used, or -1 */
  public int maxWire() {
    return Math.max(a.maxWire(), Math.max(b.maxWire(), c.maxWire()));
  }
}
