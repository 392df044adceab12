package io.vnft.zk.circuit;

import io.vnft.zk.field.Fr;
import io.vnft.zk.field.FrOps;

/**
 * A {@link SparseRow} with its coefficients as Montgomery limbs, for allocation-free evaluation
 * over a limb witness ({@code w[4*wire .. 4*wire+3]}). Package-private; immutable.
 */
final class LimbRow {
  private static final int L = FrOps.LIMBS;

  final int[] wires;
  final long[] coeffs;
  /** True where the coefficient is one (the multiplication is skipped). */
  final boolean[] unit;

  LimbRow(SparseRow row) {
    int n = row.size();
    wires = new int[n];
    coeffs = new long[L * n];
    unit = new boolean[n];
    for (int k = 0; k < n; k++) {
      wires[k] = row.wire(k);
      Fr c = row.coeff(k);
      c.copyLimbsTo(coeffs, L * k);
      unit[k] = c.equals(Fr.ONE);
    }
  }

  /** out[oo..] = sum coeff_k * w[wire_k]; uses tmp[to..to+3] (not overlapping out) as scratch. */
  void evaluate(long[] w, long[] out, int oo, long[] tmp, int to) {
    out[oo] = 0;
    out[oo + 1] = 0;
    out[oo + 2] = 0;
    out[oo + 3] = 0;
    for (int k = 0; k < wires.length; k++) {
      int wo = L * wires[k];
      if (unit[k]) {
        FrOps.add(out, oo, w, wo, out, oo);
      } else {
        FrOps.mul(coeffs, L * k, w, wo, tmp, to);
        FrOps.add(out, oo, tmp, to, out, oo);
      }
    }
  }
}
