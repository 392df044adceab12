package io.vnft.zk.groth16.internal;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.field.Fr;

/**
 * The sparse R1CS matrices A, B, C as the Groth16 setup needs them (compressed rows: constraint
 * {@code c} of matrix {@code m} holds entries {@code start[m][c] .. start[m][c+1]-1} of
 * {@code signal[m]} / {@code coef[m]}, coefficients as Montgomery limbs). Wire 0 is the constant 1,
 * wires 1..nPublic the public signals. Internal: not part of the public API. Immutable after
 * {@link Builder#build()}.
 */
public final class Matrices {
  /** Number of wires, the constant 1 included. */
  public final int nVars;
  /** Number of public signals (wires 1..nPublic). */
  public final int nPublic;
  /** Number of constraints. */
  public final int nConstraints;
  /** Per matrix (0 = A, 1 = B, 2 = C), the start of each constraint's entries (nConstraints + 1 entries). */
  public final int[][] start = new int[3][];
  /** Per matrix, the wire of each entry. */
  public final int[][] signal = new int[3][];
  /** Per matrix, the coefficient of each entry, four Montgomery limbs each. */
  public final long[][] coef = new long[3][];

  private Matrices(Builder b) {
    this.nVars = b.nVars;
    this.nPublic = b.nPublic;
    this.nConstraints = b.nConstraints;
    for (int m = 0; m < 3; m++) {
      start[m] = java.util.Arrays.copyOf(b.start[m], nConstraints + 1);
      signal[m] = java.util.Arrays.copyOf(b.signal[m], b.size[m]);
      coef[m] = java.util.Arrays.copyOf(b.coef[m], 4 * b.size[m]);
    }
  }

  /** Adds constraints one at a time, each as three linear combinations. */
  public static final class Builder {
    private final int nVars;
    private final int nPublic;
    private int nConstraints;
    private final int[][] start = new int[3][];
    private final int[][] signal = new int[3][];
    private final long[][] coef = new long[3][];
    private final int[] size = new int[3];

    /**
     * @param nVars number of wires including wire 0
     * @param nPublic number of public wires after wire 0
     */
    public Builder(int nVars, int nPublic) {
      if (nVars < 1 || nPublic < 0 || nPublic >= nVars) {
        throw new InvalidInputException("R1CS: nVars " + nVars + " and nPublic " + nPublic
            + " must satisfy 0 <= nPublic < nVars");
      }
      this.nVars = nVars;
      this.nPublic = nPublic;
      for (int m = 0; m < 3; m++) {
        start[m] = new int[16];
        signal[m] = new int[16];
        coef[m] = new long[64];
      }
    }

    /**
     * Starts a new constraint; then call {@link #term} for each entry.
     *
     * @return this builder
     */
    public Builder constraint() {
      nConstraints++;
      for (int m = 0; m < 3; m++) {
        if (start[m].length <= nConstraints) {
          start[m] = java.util.Arrays.copyOf(start[m], 2 * start[m].length + 1);
        }
        start[m][nConstraints] = size[m];
      }
      return this;
    }

    /**
     * Adds {@code value * wire} to matrix m (0 = A, 1 = B, 2 = C) of the current constraint.
     *
     * @param m the matrix: 0 = A, 1 = B, 2 = C
     * @param wire the wire index
     * @param value the coefficient
     * @return this builder
     */
    public Builder term(int m, int wire, Fr value) {
      if (nConstraints == 0) {
        throw new IllegalStateException("call constraint() first");
      }
      if (wire < 0 || wire >= nVars) {
        throw new InvalidInputException("R1CS constraint " + (nConstraints - 1) + ": wire " + wire
            + " out of range [0, " + nVars + ")");
      }
      int k = size[m];
      if (signal[m].length <= k) {
        signal[m] = java.util.Arrays.copyOf(signal[m], 2 * k + 1);
        coef[m] = java.util.Arrays.copyOf(coef[m], 4 * (2 * k + 1));
      }
      signal[m][k] = wire;
      value.copyLimbsTo(coef[m], 4 * k);
      size[m] = k + 1;
      start[m][nConstraints] = size[m];
      return this;
    }

    /** @return the matrices */
    public Matrices build() {
      return new Matrices(this);
    }
  }
}
