package io.vnft.zk.curve;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.curve.internal.MsmJob;
import io.vnft.zk.field.Fr;
import io.vnft.zk.field.FrOps;

/**
 * Multi-scalar multiplication sum_i k_i * B_i in G1 and G2 (Pippenger's bucket method).
 *
 * <p>Each scalar k is first split with the GLV endomorphism of BN254 ({@link io.vnft.zk.curve.internal.Glv}): k B = k1 B +
 * k2 phi(B) with phi(x, y) = (beta x, y) and |k1|, |k2| about 128 bits (signs go into the point's
 * y), so the sum has 2n points and half as many bits; the number of windows follows the largest
 * half actually present, so sums of small scalars (including small negative ones, r - k) need
 * few windows. Scalars are cut into signed c-bit digits, c chosen by a cost model (13 for 2^16
 * random scalars, i.e. 2^17 GLV points), so each window needs only 2^(c-1) buckets. From 512
 * (GLV) points on, buckets are affine points filled by batched affine additions
 * (one inversion per batch, {@code MsmG1Affine} / {@code MsmG2Affine}), each window sized to its
 * largest digit; below that, Jacobian buckets with mixed additions. Buckets are summed with the
 * running-sum trick and windows combined by Horner's rule. The work (GLV preparation and digits in
 * chunks, then the windows) is spread over {@code threads} worker threads that exist only for the
 * duration of the call ({@code MsmJob}); with one thread everything runs on the caller's thread.
 * Memory: the GLV copy of the bases and scalars takes about 2n x (64 bytes in G1, 128 in G2, plus
 * 32 for the scalar) and the digits 2n x windows ints.
 *
 * <p>Thread-safety: stateless; concurrent calls are independent. Exceptions: {@link
 * InvalidInputException} when arrays are null, hold null, differ in length, or {@code n} /
 * {@code threads} are out of range. Scalars are taken mod r (raw limbs must be below r).
 */
public final class Msm {
  private Msm() {}

  /**
   * sum_i scalars[i] * bases[i] in G1, on all available processors.
   *
   * @param bases the points
   * @param scalars one scalar per point
   * @return the sum
   */
  public static G1Point g1(G1Point[] bases, Fr[] scalars) {
    return g1(bases, scalars, Runtime.getRuntime().availableProcessors());
  }

  /**
   * sum_i scalars[i] * bases[i] in G1 on {@code threads} threads (>= 1).
   *
   * @param bases the points
   * @param scalars one scalar per point
   * @param threads the number of threads, at least 1
   * @return the sum
   */
  public static G1Point g1(G1Point[] bases, Fr[] scalars, int threads) {
    checkArrays(bases, scalars);
    int n = bases.length;
    return g1(bases, standardLimbs(scalars), n, threads);
  }

  /**
   * sum_i k_i * bases[i] for i &lt; n in G1, where k_i is given in standard (NOT Montgomery) form as
   * four little-endian 64-bit limbs at scalarsStandardLimbs[4i..4i+3] and must be below r.
   *
   * @param bases the points (at least n)
   * @param scalarsStandardLimbs the scalars, standard form, four limbs each (at least 4n longs)
   * @param n number of terms
   * @param threads the number of threads, at least 1
   * @return the sum
   * @throws InvalidInputException on null or short arrays, a null base, n &lt; 0, threads &lt; 1, or a
   *     scalar not below r
   */
  public static G1Point g1(G1Point[] bases, long[] scalarsStandardLimbs, int n, int threads) {
    checkLimbArgs(bases, scalarsStandardLimbs, n, threads);
    MsmJob job = MsmJob.g1(bases, scalarsStandardLimbs, 0, n);
    MsmJob.runAll(threads, job);
    return job.g1Result();
  }

  /**
   * sum_i scalars[i] * bases[i] in G2, on all available processors.
   *
   * @param bases the points
   * @param scalars one scalar per point
   * @return the sum
   */
  public static G2Point g2(G2Point[] bases, Fr[] scalars) {
    return g2(bases, scalars, Runtime.getRuntime().availableProcessors());
  }

  /**
   * sum_i scalars[i] * bases[i] in G2 on {@code threads} threads (>= 1).
   *
   * @param bases the points
   * @param scalars one scalar per point
   * @param threads the number of threads, at least 1
   * @return the sum
   */
  public static G2Point g2(G2Point[] bases, Fr[] scalars, int threads) {
    checkArrays(bases, scalars);
    int n = bases.length;
    return g2(bases, standardLimbs(scalars), n, threads);
  }

  /**
   * G2 counterpart of {@link #g1(G1Point[], long[], int, int)}: scalars in standard form, four
   * limbs each.
   *
   * @param bases the points (at least n)
   * @param scalarsStandardLimbs the scalars, standard form, four limbs each (at least 4n longs)
   * @param n number of terms
   * @param threads the number of threads, at least 1
   * @return the sum
   * @throws InvalidInputException as for the G1 variant
   */
  public static G2Point g2(G2Point[] bases, long[] scalarsStandardLimbs, int n, int threads) {
    checkLimbArgs(bases, scalarsStandardLimbs, n, threads);
    MsmJob job = MsmJob.g2(bases, scalarsStandardLimbs, 0, n);
    MsmJob.runAll(threads, job);
    return job.g2Result();
  }

  /** The checks shared by the limb-scalar entry points of G1 and G2. */
  private static void checkLimbArgs(Object[] bases, long[] scalarsStandardLimbs, int n, int threads) {
    if (bases == null || scalarsStandardLimbs == null) {
      throw new InvalidInputException("MSM bases and scalars must not be null");
    }
    if (n < 0 || n > bases.length || 4L * n > scalarsStandardLimbs.length) {
      throw new InvalidInputException("MSM size n = " + n + " must be in [0, " + bases.length
          + "] and scalars must hold 4n = " + 4L * n + " limbs (have " + scalarsStandardLimbs.length + ")");
    }
    if (threads < 1) {
      throw new InvalidInputException("MSM threads must be >= 1, got " + threads);
    }
    for (int i = 0; i < n; i++) {
      if (bases[i] == null) {
        throw new InvalidInputException("MSM base " + i + " is null");
      }
      if (!FrOps.isCanonical(scalarsStandardLimbs, 4 * i)) {
        throw new InvalidInputException("MSM scalar " + i + " is not below r");
      }
    }
  }

  private static void checkArrays(Object[] bases, Fr[] scalars) {
    if (bases == null || scalars == null) {
      throw new InvalidInputException("MSM bases and scalars must not be null");
    }
    if (bases.length != scalars.length) {
      throw new InvalidInputException("MSM needs as many scalars as bases, got " + scalars.length
          + " scalars and " + bases.length + " bases");
    }
  }

  private static long[] standardLimbs(Fr[] scalars) {
    long[] out = new long[4 * scalars.length];
    for (int i = 0; i < scalars.length; i++) {
      if (scalars[i] == null) {
        throw new InvalidInputException("MSM scalar " + i + " is null");
      }
      scalars[i].copyLimbsTo(out, 4 * i);
      FrOps.fromMont(out, 4 * i, out, 4 * i);
    }
    return out;
  }
}
