package io.vnft.zk.curve;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.curve.internal.G1LimbOps;
import io.vnft.zk.curve.internal.Glv;
import io.vnft.zk.curve.internal.G2LimbOps;
import io.vnft.zk.field.FpOps;
import io.vnft.zk.field.Fr;
import io.vnft.zk.field.FrOps;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Multi-scalar multiplication sum_i k_i * B_i in G1 and G2 (Pippenger's bucket method).
 *
 * <p>Each scalar k is first split with the GLV endomorphism of BN254 ({@link Glv}): k B = k1 B +
 * k2 phi(B) with phi(x, y) = (beta x, y) and |k1|, |k2| about 128 bits (signs go into the point's
 * y), so the sum has 2n points and half as many bits; the number of windows follows the largest
 * half actually present, so sums of small scalars (including small negative ones, r - k) need
 * few windows. Scalars are cut into signed c-bit digits, c chosen by a cost model (13 for 2^16
 * random scalars, i.e. 2^17 GLV points), so each window needs only 2^(c-1) buckets. From {@link
 * #BATCH_AFFINE_MIN} points on, buckets are affine points filled by batched affine additions
 * (one inversion per batch, {@code MsmG1Affine} / {@code MsmG2Affine}); below that, Jacobian
 * buckets with mixed additions. Buckets are summed with the running-sum trick and windows combined
 * by Horner's rule. Windows are spread over {@code threads} worker threads that exist only for
 * the duration of the call (a private executor, shut down before returning); with one thread
 * everything runs on the caller's thread. Memory: the GLV copy of the bases and scalars takes
 * about 2n x (64 bytes in G1, 128 in G2, plus 32 for the scalar) and the digits 2n x windows ints.
 *
 * <p>Thread-safety: stateless; concurrent calls are independent. Exceptions: {@link
 * InvalidInputException} when arrays are null, hold null, differ in length, or {@code n} /
 * {@code threads} are out of range. Scalars are taken mod r (raw limbs must be below r).
 */
public final class Msm {
  private Msm() {}

  /** From this many (GLV) points on, buckets are affine with batched inversions. */
  static final int BATCH_AFFINE_MIN = 512;

  /** sum_i scalars[i] * bases[i] in G1, on all available processors. */
  public static G1Point g1(G1Point[] bases, Fr[] scalars) {
    return g1(bases, scalars, Runtime.getRuntime().availableProcessors());
  }

  /** sum_i scalars[i] * bases[i] in G1 on {@code threads} threads (>= 1). */
  public static G1Point g1(G1Point[] bases, Fr[] scalars, int threads) {
    checkArrays(bases, scalars);
    int n = bases.length;
    return g1(bases, standardLimbs(scalars), n, threads);
  }

  /**
   * sum_i k_i * bases[i] for i < n in G1, where k_i is given in standard (NOT Montgomery) form as
   * four little-endian 64-bit limbs at scalarsStandardLimbs[4i..4i+3] and must be below r.
   *
   * @throws InvalidInputException on null or short arrays, a null base, n < 0, threads < 1, or a
   *     scalar not below r
   */
  public static G1Point g1(G1Point[] bases, long[] scalarsStandardLimbs, int n, int threads) {
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
    // GLV: k_i B_i = |k1| (+-B_i) + |k2| (+-phi(B_i)), phi(x, y) = (beta x, y); 2n points with
    // ~128-bit scalars. Infinity bases and zero halves are skipped (zero limbs, skip flag).
    int m = 2 * n;
    long[] bx = new long[4 * m];
    long[] by = new long[4 * m];
    long[] k = new long[4 * m];
    boolean[] skip = new boolean[m];
    long[] scratch = new long[Glv.SCRATCH];
    for (int i = 0; i < n; i++) {
      G1Point b = bases[i];
      if (b.isInfinity()) {
        skip[i] = true;
        skip[n + i] = true;
        continue;
      }
      int f = Glv.decompose(scalarsStandardLimbs, 4 * i, k, 4 * i, k, 4 * (n + i), scratch);
      int o1 = 4 * i;
      int o2 = 4 * (n + i);
      b.xFp().copyLimbsTo(bx, o1);
      b.yFp().copyLimbsTo(by, o1);
      FpOps.mul(bx, o1, Glv.BETA_MONT, 0, bx, o2);
      if ((f & 2) != 0) {
        FpOps.neg(by, o1, by, o2);
      } else {
        FpOps.copy(by, o1, by, o2);
      }
      if ((f & 1) != 0) {
        FpOps.neg(by, o1, by, o1);
      }
      skip[i] = isZero4(k, o1);
      skip[n + i] = isZero4(k, o2);
    }
    return new G1Run(bx, by, skip, k, m, bitsOf(k, m), threads).run();
  }

  private static boolean isZero4(long[] k, int o) {
    return (k[o] | k[o + 1] | k[o + 2] | k[o + 3]) == 0;
  }

  /** Bit length of the largest of the m four-limb scalars in k. */
  static int bitsOf(long[] k, int m) {
    long o0 = 0, o1 = 0, o2 = 0, o3 = 0;
    for (int i = 0; i < m; i++) {
      o0 |= k[4 * i];
      o1 |= k[4 * i + 1];
      o2 |= k[4 * i + 2];
      o3 |= k[4 * i + 3];
    }
    if (o3 != 0) {
      return 256 - Long.numberOfLeadingZeros(o3);
    }
    if (o2 != 0) {
      return 192 - Long.numberOfLeadingZeros(o2);
    }
    if (o1 != 0) {
      return 128 - Long.numberOfLeadingZeros(o1);
    }
    return 64 - Long.numberOfLeadingZeros(o0);
  }

  /** sum_i scalars[i] * bases[i] in G2, on all available processors. */
  public static G2Point g2(G2Point[] bases, Fr[] scalars) {
    return g2(bases, scalars, Runtime.getRuntime().availableProcessors());
  }

  /** sum_i scalars[i] * bases[i] in G2 on {@code threads} threads (>= 1). */
  public static G2Point g2(G2Point[] bases, Fr[] scalars, int threads) {
    checkArrays(bases, scalars);
    int n = bases.length;
    return g2(bases, standardLimbs(scalars), n, threads);
  }

  /**
   * G2 counterpart of {@link #g1(G1Point[], long[], int, int)}: scalars in standard form, four
   * limbs each.
   *
   * @throws InvalidInputException as for the G1 variant
   */
  public static G2Point g2(G2Point[] bases, long[] scalarsStandardLimbs, int n, int threads) {
    if (bases == null || scalarsStandardLimbs == null) {
      throw new InvalidInputException("MSM bases and scalars must not be null");
    }
    if (n < 0 || n > bases.length || 4L * n > scalarsStandardLimbs.length) {
      throw new InvalidInputException("MSM size n = " + n + " must be in [0, " + bases.length
          + "] and scalars must hold 4n limbs");
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
    if (n == 0) {
      return G2Point.INFINITY;
    }
    // GLV as for G1, with (beta^2 x, y) = lambda (x, y) on the twist
    int m = 2 * n;
    long[] bx = new long[8 * m];
    long[] by = new long[8 * m];
    long[] k = new long[4 * m];
    boolean[] skip = new boolean[m];
    long[] scratch = new long[Glv.SCRATCH];
    for (int i = 0; i < n; i++) {
      if (bases[i].isInfinity()) {
        skip[i] = true;
        skip[n + i] = true;
        continue;
      }
      int f = Glv.decompose(scalarsStandardLimbs, 4 * i, k, 4 * i, k, 4 * (n + i), scratch);
      int o1 = 8 * i;
      int o2 = 8 * (n + i);
      G2LimbOps.fromFp2(bases[i].xFp2(), bx, o1);
      G2LimbOps.fromFp2(bases[i].yFp2(), by, o1);
      FpOps.mul(bx, o1, Glv.BETA_G2_MONT, 0, bx, o2);
      FpOps.mul(bx, o1 + 4, Glv.BETA_G2_MONT, 0, bx, o2 + 4);
      if ((f & 2) != 0) {
        G2LimbOps.neg2(by, o1, by, o2);
      } else {
        G2LimbOps.copy2(by, o1, by, o2);
      }
      if ((f & 1) != 0) {
        G2LimbOps.neg2(by, o1, by, o1);
      }
      skip[i] = isZero4(k, 4 * i);
      skip[n + i] = isZero4(k, 4 * (n + i));
    }
    int bits = bitsOf(k, m);
    if (bits == 0) {
      return G2Point.INFINITY;
    }
    int c = windowBits(active(skip), bits);
    int windows = bits / c + 1;
    int[] maxAbs = new int[windows];
    int[] digits = signedDigits(k, m, c, windows, maxAbs);
    long[] sums = new long[24 * windows];
    if (m >= BATCH_AFFINE_MIN) {
      forEachWindow(windows, threads, w -> {
        if (maxAbs[w] > 0) {
          new MsmG2Affine(bx, by, maxAbs[w])
              .windowSum(digits, windows, w, skip, m, sums, 24 * w, new G2LimbOps());
        }
      });
    } else forEachWindow(windows, threads, w -> {
      G2LimbOps e = new G2LimbOps();
      int nb = 1 << (c - 1);
      long[] buckets = new long[24 * nb]; // all zero = infinity
      for (int i = 0; i < m; i++) {
        int d = digits[i * windows + w];
        if (d == 0 || skip[i]) {
          continue;
        }
        if (d > 0) {
          e.addAffine(buckets, 24 * (d - 1), bx, by, 8 * i, false);
        } else {
          e.addAffine(buckets, 24 * (-d - 1), bx, by, 8 * i, true);
        }
      }
      long[] running = new long[24];
      long[] sum = new long[24];
      for (int q = nb - 1; q >= 0; q--) {
        e.addJac(running, 0, buckets, 24 * q);
        e.addJac(sum, 0, running, 0);
      }
      System.arraycopy(sum, 0, sums, 24 * w, 24);
    });
    G2LimbOps e = new G2LimbOps();
    long[] acc = new long[24];
    for (int w = windows - 1; w >= 0; w--) {
      for (int j = 0; j < c; j++) {
        e.dbl(acc, 0);
      }
      e.addJac(acc, 0, sums, 24 * w);
    }
    return e.toAffine(acc, 0);
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

  private static int active(boolean[] skip) {
    int a = 0;
    for (boolean s : skip) {
      if (!s) {
        a++;
      }
    }
    return a;
  }

  /**
   * Window width c for n non-zero points with scalars below 2^bits: minimises the cost model
   * windows * (n * ADD + 2^(c-1) * REDUCE), where an affine bucket addition costs about 6 field
   * multiplications plus overhead (ADD = 7) and the running-sum reduction of one bucket a mixed
   * plus a Jacobian addition (REDUCE = 27); windows = floor(bits / c) + 1.
   */
  static int windowBits(int n, int bits) {
    if (n < 32) {
      return 3;
    }
    int best = 4;
    double bestCost = Double.MAX_VALUE;
    for (int c = 4; c <= 16; c++) {
      double cost = (bits / c + 1) * (7.0 * n + 27.0 * (1 << (c - 1)));
      if (cost < bestCost) {
        bestCost = cost;
        best = c;
      }
    }
    return best;
  }

  /**
   * Signed base-2^c digits of each scalar, digits[i * windows + w] in [-(2^(c-1) - 1), 2^(c-1)]
   * with scalar = sum_w digits[w] 2^(wc). windows = floor(bits / c) + 1, with every scalar below
   * 2^bits, leaves room for the final carry.
   */
  static int[] signedDigits(long[] k, int n, int c, int windows) {
    return signedDigits(k, n, c, windows, new int[windows]);
  }

  /**
   * As {@link #signedDigits(long[], int, int, int)}, also writing the largest |digit| of each
   * window to maxAbs[w]: buckets above it are never used (the top window of ~128-bit GLV halves
   * typically reaches only ~2^10 of the 2^(c-1) buckets), so the window sizes its buckets and its
   * addition batches to it.
   */
  static int[] signedDigits(long[] k, int n, int c, int windows, int[] maxAbs) {
    int[] out = new int[n * windows];
    int half = 1 << (c - 1);
    int full = 1 << c;
    int mask = full - 1;
    for (int i = 0; i < n; i++) {
      int carry = 0;
      int base = i * windows;
      for (int w = 0; w < windows; w++) {
        int raw = carry + (int) (bits(k, 4 * i, w * c, c) & mask);
        int d;
        if (raw > half) {
          d = raw - full;
          carry = 1;
        } else {
          d = raw;
          carry = 0;
        }
        out[base + w] = d;
        int a = d < 0 ? -d : d;
        if (a > maxAbs[w]) {
          maxAbs[w] = a;
        }
      }
    }
    return out;
  }

  // c bits of the 256-bit little-endian number at k[o..o+3] starting at bit 'bit' (zero above 256)
  private static long bits(long[] k, int o, int bit, int c) {
    if (bit >= 256) {
      return 0;
    }
    int limb = bit >>> 6;
    int sh = bit & 63;
    long v = k[o + limb] >>> sh;
    if (sh + c > 64 && limb + 1 < 4) {
      v |= k[o + limb + 1] << (64 - sh);
    }
    return v;
  }

  interface WindowTask {
    void run(int window);
  }

  static void forEachWindow(int windows, int threads, WindowTask task) {
    int t = Math.min(threads, windows);
    if (t <= 1) {
      for (int w = 0; w < windows; w++) {
        task.run(w);
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(t, r -> {
      Thread th = new Thread(r, "vnft-msm");
      th.setDaemon(true);
      return th;
    });
    try {
      AtomicInteger next = new AtomicInteger(windows - 1);
      List<Future<?>> fs = new ArrayList<>();
      for (int j = 0; j < t; j++) {
        fs.add(pool.submit(() -> {
          int w;
          while ((w = next.getAndDecrement()) >= 0) {
            task.run(w);
          }
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("MSM interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      throw new IllegalStateException("MSM worker failed", c);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One G1 MSM call. */
  private static final class G1Run {
    final long[] bx;
    final long[] by;
    final boolean[] skip;
    final long[] k;
    final int n;
    final int bits;
    final int threads;

    G1Run(long[] bx, long[] by, boolean[] skip, long[] k, int n, int bits, int threads) {
      this.bits = bits;
      this.bx = bx;
      this.by = by;
      this.skip = skip;
      this.k = k;
      this.n = n;
      this.threads = threads;
    }

    G1Point run() {
      if (n == 0 || bits == 0) {
        return G1Point.INFINITY;
      }
      int c = windowBits(active(skip), bits);
      int windows = bits / c + 1;
      int[] maxAbs = new int[windows];
      int[] digits = signedDigits(k, n, c, windows, maxAbs);
      long[] sums = new long[12 * windows];
      if (n >= BATCH_AFFINE_MIN) {
        forEachWindow(windows, threads, w -> {
          if (maxAbs[w] > 0) {
            new MsmG1Affine(bx, by, maxAbs[w])
                .windowSum(digits, windows, w, skip, n, sums, 12 * w, new G1LimbOps());
          }
        });
      } else {
        forEachWindow(windows, threads, w -> windowSum(digits, windows, w, c, sums, 12 * w));
      }
      G1LimbOps e = new G1LimbOps();
      long[] acc = new long[12];
      G1LimbOps.setInf(acc, 0);
      for (int w = windows - 1; w >= 0; w--) {
        for (int j = 0; j < c; j++) {
          e.dbl(acc, 0);
        }
        e.addJac(acc, 0, sums, 12 * w);
      }
      return G1LimbOps.toAffine(acc, 0);
    }

    void windowSum(int[] digits, int windows, int w, int c, long[] out, int oo) {
      G1LimbOps e = new G1LimbOps();
      int nb = 1 << (c - 1);
      long[] buckets = new long[12 * nb]; // all zero = infinity
      for (int i = 0; i < n; i++) {
        int d = digits[i * windows + w];
        if (d == 0 || skip[i]) {
          continue;
        }
        if (d > 0) {
          e.addAffine(buckets, 12 * (d - 1), bx, by, 4 * i, false);
        } else {
          e.addAffine(buckets, 12 * (-d - 1), bx, by, 4 * i, true);
        }
      }
      long[] running = new long[12];
      long[] sum = new long[12];
      for (int b = nb - 1; b >= 0; b--) {
        e.addJac(running, 0, buckets, 12 * b);
        e.addJac(sum, 0, running, 0);
      }
      System.arraycopy(sum, 0, out, oo, 12);
    }
  }
}
