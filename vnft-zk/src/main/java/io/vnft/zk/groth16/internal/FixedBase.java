package io.vnft.zk.groth16.internal;

import io.vnft.zk.curve.G1Point;
import io.vnft.zk.curve.G2Point;
import io.vnft.zk.field.Fr;

/**
 * Many scalar multiplications of the fixed generators, for the setup. Internal: not part of the
 * public API. Stateless and thread-safe.
 */
public final class FixedBase {
  private FixedBase() {}

  /** @return {@code s_i * G1} for the {@code count} Montgomery scalars in {@code scalarsMont} */
  public static G1Point[] g1(long[] scalarsMont, int count, int threads) {
    G1Point[] out = new G1Point[count];
    Parallel.forRange(count, threads, 64, (from, to) -> {
      for (int i = from; i < to; i++) {
        out[i] = G1Point.GENERATOR.mul(Fr.fromMontLimbs(scalarsMont, 4 * i));
      }
    });
    return out;
  }

  /** @return {@code s_i * G2} for the {@code count} Montgomery scalars in {@code scalarsMont} */
  public static G2Point[] g2(long[] scalarsMont, int count, int threads) {
    G2Point[] out = new G2Point[count];
    Parallel.forRange(count, threads, 16, (from, to) -> {
      for (int i = from; i < to; i++) {
        out[i] = G2Point.GENERATOR.mul(Fr.fromMontLimbs(scalarsMont, 4 * i));
      }
    });
    return out;
  }
}
