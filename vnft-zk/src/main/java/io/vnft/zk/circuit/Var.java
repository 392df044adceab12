package io.vnft.zk.circuit;

import io.vnft.zk.field.Fr;
import java.util.Arrays;

/**
 * A variable of a circuit: a handle to a linear combination {@code sum c_i * w_i} of wires (wire
 * 0 is the constant one). Created only by {@link CircuitApi} calls and valid only in the circuit
 * that created it. Linear operations on variables ({@code add}, {@code sub}, {@code mulConst},
 * {@code addConst}, {@code dotConst}) cost no constraint; terms are merged and zero
 * coefficients dropped.
 *
 * <p>Immutable and thread-safe (but a {@link CircuitApi} is single-threaded).
 */
public final class Var {
  /** Builder wire ids, strictly increasing; id 0 is the constant one. */
  final int[] ids;
  /** Non-zero coefficients, parallel to {@link #ids}. */
  final Fr[] coeffs;
  /** The builder that owns the wires. */
  final Object owner;
  /** True when the circuit already constrains this value to 0 or 1. */
  final boolean knownBoolean;

  Var(Object owner, int[] ids, Fr[] coeffs, boolean knownBoolean) {
    this.owner = owner;
    this.ids = ids;
    this.coeffs = coeffs;
    this.knownBoolean = knownBoolean;
  }

  /** @return whether this variable is a constant (involves no wire but the constant one) */
  public boolean isConstant() {
    return ids.length == 0 || (ids.length == 1 && ids[0] == 0);
  }

  /**
   * @return the value of a constant variable
   * @throws IllegalStateException if it is not constant
   */
  public Fr constantValue() {
    if (!isConstant()) {
      throw new IllegalStateException("variable is not a constant: " + this);
    }
    return ids.length == 0 ? Fr.ZERO : coeffs[0];
  }

  /** @return the number of terms of the linear combination (the constant term included) */
  public int terms() {
    return ids.length;
  }

  /** @return whether the circuit already constrains this variable to 0 or 1 */
  public boolean isKnownBoolean() {
    return knownBoolean;
  }

  /** A compact rendering such as {@code 3*w5 + w7 + 1} (builder wire ids). */
  @Override
  public String toString() {
    if (ids.length == 0) {
      return "0";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ids.length; i++) {
      if (i > 0) {
        sb.append(" + ");
      }
      boolean one = coeffs[i].equals(Fr.ONE);
      if (ids[i] == 0) {
        sb.append(coeffs[i]);
      } else {
        sb.append(one ? "" : coeffs[i] + "*").append('w').append(ids[i]);
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Var v && v.owner == owner && Arrays.equals(v.ids, ids) && Arrays.equals(v.coeffs, coeffs);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(ids) + Arrays.hashCode(coeffs);
  }
}
