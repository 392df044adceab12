package io.vnft.zk.groth16.internal;

import io.vnft.zk.curve.G1Point;
import io.vnft.zk.curve.G2Point;
import io.vnft.zk.curve.Msm;

/**
 * Multi-scalar multiplication for the prover: drops pairs whose base is infinity or whose scalar is
 * zero (sparse queries are common: most signals never appear in B), then calls {@link Msm}.
 * Scalars are standard-form limbs (4 per element). Internal: not part of the public API.
 */
public final class MsmCall {
  private MsmCall() {}

  private static boolean zero(long[] s, int o) {
    return (s[o] | s[o + 1] | s[o + 2] | s[o + 3]) == 0;
  }

  /** @return {@code sum_i scalars[off + i] * bases[i]}, i in [0, n) */
  public static G1Point g1(G1Point[] bases, long[] scalars, int off, int n, int threads) {
    G1Point[] b = new G1Point[n];
    long[] s = new long[4 * n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      int so = 4 * (off + i);
      if (bases[i].isInfinity() || zero(scalars, so)) {
        continue;
      }
      b[k] = bases[i];
      System.arraycopy(scalars, so, s, 4 * k, 4);
      k++;
    }
    if (k == 0) {
      return G1Point.INFINITY;
    }
    return Msm.g1(b, s, k, threads);
  }

  /** @return {@code sum_i scalars[off + i] * bases[i]}, i in [0, n) */
  public static G2Point g2(G2Point[] bases, long[] scalars, int off, int n, int threads) {
    G2Point[] b = new G2Point[n];
    long[] s = new long[4 * n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      int so = 4 * (off + i);
      if (bases[i].isInfinity() || zero(scalars, so)) {
        continue;
      }
      b[k] = bases[i];
      System.arraycopy(scalars, so, s, 4 * k, 4);
      k++;
    }
    if (k == 0) {
      return G2Point.INFINITY;
    }
    return Msm.g2(b, s, k, threads);
  }
}
