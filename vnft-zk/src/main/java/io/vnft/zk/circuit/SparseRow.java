package io.vnft.zk.circuit;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.field.Fr;
import java.util.Arrays;

/**
 * One linear combination of an R1CS constraint: {@code sum coeff(k) * w[wire(k)]}. Wires need not be
 * sorted; a wire may appear more than once (the terms add up), as iden3's format allows.
 *
 * <p>Immutable and thread-safe; arrays are copied in, and out by {@link #wires()} and
 * {@link #coeffs()}.
 */
public final class SparseRow {
  /** The empty row (value 0). */
  public static final SparseRow EMPTY = new SparseRow(new int[0], new Fr[0], false);

  private final int[] wires;
  private final Fr[] coeffs;

  private SparseRow(int[] wires, Fr[] coeffs, boolean copy) {
    this.wires = copy ? wires.clone() : wires;
    this.coeffs = copy ? coeffs.clone() : coeffs;
  }

  /**
   * @param wires wire indices, each {@code >= 0}
   * @param coeffs one coefficient per wire, none null
   * @return the row
   * @throws InvalidInputException if the lengths differ, a wire is negative or a coefficient null
   */
  public static SparseRow of(int[] wires, Fr[] coeffs) {
    if (wires == null || coeffs == null || wires.length != coeffs.length) {
      throw new InvalidInputException("SparseRow: wires and coeffs must be non-null and of equal length");
    }
    for (int i = 0; i < wires.length; i++) {
      if (wires[i] < 0 || coeffs[i] == null) {
        throw new InvalidInputException("SparseRow term " + i + ": negative wire or null coefficient");
      }
    }
    return new SparseRow(wires, coeffs, true);
  }

  /** Trusted constructor for arrays nobody else holds. */
  static SparseRow wrap(int[] wires, Fr[] coeffs) {
    return new SparseRow(wires, coeffs, false);
  }

  /** @return the number of terms */
  public int size() {
    return wires.length;
  }

  /**
   * @param k the term index
   * @return the wire of term {@code k}
   */
  public int wire(int k) {
    return wires[k];
  }

  /**
   * @param k the term index
   * @return the coefficient of term {@code k}
   */
  public Fr coeff(int k) {
    return coeffs[k];
  }

  /** @return a copy of the wire indices */
  public int[] wires() {
    return wires.clone();
  }

  /** @return a copy of the coefficients */
  public Fr[] coeffs() {
    return coeffs.clone();
  }

  /** @return the largest wire index used, or -1 for an empty row */
  public int maxWire() {
    int m = -1;
    for (int w : wires) {
      m = Math.max(m, w);
    }
    return m;
  }

  /**
   * @param witness the wire values (index = wire), long enough for every wire used
   * @return the value of this combination
   */
  public Fr evaluate(Fr[] witness) {
    Fr acc = Fr.ZERO;
    for (int k = 0; k < wires.length; k++) {
      acc = acc.add(coeffs[k].mul(witness[wires[k]]));
    }
    return acc;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SparseRow r && Arrays.equals(r.wires, wires) && Arrays.equals(r.coeffs, coeffs);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(wires) + Arrays.hashCode(coeffs);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int k = 0; k < wires.length; k++) {
      sb.append(k == 0 ? "" : " + ").append(coeffs[k]).append("*w").append(wires[k]);
    }
    return sb.append(']').toString();
  }
}
