package io.vnft.zk.curve.internal;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.curve.G1Point;
import io.vnft.zk.curve.G2Point;
import io.vnft.zk.field.FpOps;
import io.vnft.zk.field.FrOps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Internal, not for users (may change without notice): one multi-scalar multiplication sum_i
 * k_i B_i (G1 or G2, Pippenger with GLV, signed digits and batch-affine buckets) cut into tasks,
 * so that several MSMs can share the worker threads: {@link #runAll} runs the point preparation
 * (GLV split) and the digit extraction of all jobs in chunks, then every window of every job
 * from one queue, largest first (the G2 windows cost ~2.3x a G1 window), then combines each job's
 * windows. On 2 cores this keeps both busy for the whole set of prover MSMs instead of splitting
 * each MSM's ~10 windows over the threads and running the preparation on one thread.
 *
 * <p>Pairs whose base is infinity or whose scalar is zero are dropped. Scalars are standard-form
 * (not Montgomery) limbs, four per element, and must be below r. Memory per job: about 2n x (64
 * bytes in G1, 128 in G2, + 32 for the GLV halves + 4 per window for the digits).
 *
 * <p>Memory: the jobs of one {@link #runAll} call hold their GLV copies and digits at the same
 * time (released when the call returns), so callers with very large inputs may prefer one call
 * per job. A job can be run once.
 *
 * <p>Thread-safety: a job is filled by {@link #runAll} and read afterwards; do not share one job
 * between concurrent {@code runAll} calls. Exceptions: {@link InvalidInputException} for a scalar
 * not below r or a range outside the arrays.
 */
public final class MsmJob {
  /** From this many (GLV) points on, buckets are affine with batched inversions. */
  public static final int BATCH_AFFINE_MIN = 512;
  private static final int CHUNK = 4096;
  private BatchAdderProvider adders = BatchAdderProvider.best();

  private final boolean g2;
  private final G1Point[] bases1;
  private final G2Point[] bases2;
  private final long[] scalars;
  private final int[] idx; // active input indices (non-infinity base, non-zero scalar)
  private final int n;     // active count; the GLV copy has m = 2n points
  private final int m;
  private final int limbs; // 4 (G1) or 8 (G2) per coordinate
  private final int offset; // scalar index of base 0
  private long[] bx;
  private long[] by;
  private long[] k;
  private boolean[] skip;
  private int c;
  private int windows;
  private int[] digits;
  private int[] maxAbs;
  private long[] sums;
  private G1Point result1;
  private G2Point result2;

  private MsmJob(boolean g2, G1Point[] b1, G2Point[] b2, long[] scalars, int off, int count) {
    this.g2 = g2;
    this.bases1 = b1;
    this.bases2 = b2;
    this.scalars = scalars;
    int len = g2 ? b2.length : b1.length;
    if (count < 0 || count > len || off < 0 || 4L * (off + (long) count) > scalars.length) {
      throw new InvalidInputException("MSM size n = " + count + " (scalar offset " + off
          + ") must fit the " + len + " bases and the " + scalars.length / 4 + " scalars");
    }
    int[] ix = new int[count];
    int a = 0;
    for (int i = 0; i < count; i++) {
      int so = 4 * (off + i);
      if ((scalars[so] | scalars[so + 1] | scalars[so + 2] | scalars[so + 3]) == 0) {
        continue;
      }
      if (g2 ? b2[i].isInfinity() : b1[i].isInfinity()) {
        continue;
      }
      if (!FrOps.isCanonical(scalars, so)) {
        throw new InvalidInputException("MSM scalar " + i + " is not below r");
      }
      ix[a++] = off + i; // scalar index; base index = scalar index - off
    }
    this.idx = ix;
    this.n = a;
    this.m = 2 * a;
    this.limbs = g2 ? 8 : 4;
    this.offset = off;
  }

  /**
   * A G1 job for sum_{i &lt; n} scalars[off + i] * bases[i]; bases must not hold null (not checked
   * here beyond the array range).
   *
   * @param bases the G1 bases; bases[i] pairs with scalar off + i
   * @param scalarsStd the scalars in standard (not Montgomery) form, four little-endian 64-bit limbs each
   * @param off index of the first scalar used (in scalars, not limbs)
   * @param n number of terms
   * @return a job to pass to {@link #runAll}
   * @throws InvalidInputException when the range does not fit or a used scalar is not below r
   */
  public static MsmJob g1(G1Point[] bases, long[] scalarsStd, int off, int n) {
    return new MsmJob(false, bases, null, scalarsStd, off, n);
  }

  /**
   * The G2 counterpart of {@link #g1}.
   *
   * @param bases the G2 bases; bases[i] pairs with scalar off + i
   * @param scalarsStd the scalars in standard form, four little-endian 64-bit limbs each
   * @param off index of the first scalar used
   * @param n number of terms
   * @return a job to pass to {@link #runAll}
   */
  public static MsmJob g2(G2Point[] bases, long[] scalarsStd, int off, int n) {
    return new MsmJob(true, null, bases, scalarsStd, off, n);
  }

  /**
   * Makes this job's G1 and G2 windows add with the given provider's adders instead of {@link
   * BatchAdderProvider#best()} (tests and benchmarks compare them; results are identical).
   *
   * @param provider the adders to use; not null
   * @return this job
   */
  public MsmJob using(BatchAdderProvider provider) {
    this.adders = java.util.Objects.requireNonNull(provider, "provider");
    return this;
  }

  /**
   * The G1 result after {@link #runAll}.
   *
   * @return the sum, or null before {@link #runAll} has run this job
   */
  public G1Point g1Result() {
    return result1;
  }

  /**
   * The G2 result after {@link #runAll}.
   *
   * @return the sum, or null before {@link #runAll} has run this job
   */
  public G2Point g2Result() {
    return result2;
  }

  /**
   * Runs all jobs on {@code threads} threads (the caller's plus threads - 1 short-lived ones).
   *
   * @param threads the number of threads to use, the caller's included
   * @param jobs the jobs; each gets its result set
   */
  public static void runAll(int threads, MsmJob... jobs) {
    List<Runnable> prep = new ArrayList<>();
    for (MsmJob j : jobs) {
      j.allocate();
      for (int from = 0; from < j.n; from += CHUNK) {
        int f = from;
        int t = Math.min(j.n, from + CHUNK);
        prep.add(() -> j.glv(f, t));
      }
    }
    runTasks(prep, threads);
    List<Runnable> dig = new ArrayList<>();
    List<int[]> partial = new ArrayList<>();
    for (MsmJob j : jobs) {
      j.plan();
      if (j.windows == 0) {
        continue;
      }
      for (int from = 0; from < j.m; from += CHUNK) {
        int f = from;
        int t = Math.min(j.m, from + CHUNK);
        int[] mx = new int[j.windows];
        partial.add(mx);
        dig.add(() -> signedDigits(j.k, f, t, j.c, j.windows, j.digits, mx));
      }
    }
    runTasks(dig, threads);
    int p = 0;
    for (MsmJob j : jobs) {
      if (j.windows == 0) {
        continue;
      }
      for (int from = 0; from < j.m; from += CHUNK) {
        int[] mx = partial.get(p++);
        for (int w = 0; w < j.windows; w++) {
          j.maxAbs[w] = Math.max(j.maxAbs[w], mx[w]);
        }
      }
    }
    // windows of all jobs, most expensive first (longest-processing-time order)
    List<long[]> order = new ArrayList<>();
    for (int ji = 0; ji < jobs.length; ji++) {
      MsmJob j = jobs[ji];
      for (int w = 0; w < j.windows; w++) {
        if (j.maxAbs[w] > 0) {
          long cost = (long) j.m * (j.g2 ? 23 : 10) + (long) j.maxAbs[w] * (j.g2 ? 60 : 27);
          order.add(new long[] {cost, ji, w});
        }
      }
    }
    order.sort((x, y) -> Long.compare(y[0], x[0]));
    List<Runnable> win = new ArrayList<>(order.size());
    for (long[] o : order) {
      MsmJob j = jobs[(int) o[1]];
      int w = (int) o[2];
      win.add(() -> j.window(w));
    }
    runTasks(win, threads);
    for (MsmJob j : jobs) {
      j.combine();
      j.bx = null; // the result is kept; the GLV copy and digits can go
      j.by = null;
      j.k = null;
      j.skip = null;
      j.digits = null;
      j.sums = null;
    }
  }

  private void allocate() {
    bx = new long[2 * limbs * n];
    by = new long[2 * limbs * n];
    k = new long[4 * m];
    skip = new boolean[m];
  }

  // GLV: k_i B_i = |k1| (+-B_i) + |k2| (+-phi(B_i)), phi(x, y) = (beta x, y) (beta^2 x on G2)
  private void glv(int from, int to) {
    long[] scratch = new long[Glv.SCRATCH];
    for (int a = from; a < to; a++) {
      int si = idx[a];
      int f = Glv.decompose(scalars, 4 * si, k, 4 * a, k, 4 * (n + a), scratch);
      if (g2) {
        int o1 = 8 * a;
        int o2 = 8 * (n + a);
        G2Point b = bases2[si - offset];
        G2LimbOps.fromFp2(b.xFp2(), bx, o1);
        G2LimbOps.fromFp2(b.yFp2(), by, o1);
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
      } else {
        int o1 = 4 * a;
        int o2 = 4 * (n + a);
        G1Point b = bases1[si - offset];
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
      }
      skip[a] = isZero4(k, 4 * a);
      skip[n + a] = isZero4(k, 4 * (n + a));
    }
  }

  private void plan() {
    int bits = bitsOf(k, m);
    if (m == 0 || bits == 0) {
      windows = 0;
      return;
    }
    int active = 0;
    for (boolean s : skip) {
      if (!s) {
        active++;
      }
    }
    c = windowBits(active, bits);
    windows = bits / c + 1;
    digits = new int[m * windows];
    maxAbs = new int[windows];
    sums = new long[3 * limbs * windows]; // Jacobian, all zero = infinity
  }

  private void window(int w) {
    int pl = 3 * limbs;
    if (m >= BATCH_AFFINE_MIN) {
      if (g2) {
        new MsmG2Affine(bx, by, maxAbs[w], adders).windowSum(digits, windows, w, skip, m, sums, pl * w, new G2LimbOps());
      } else {
        new MsmG1Affine(bx, by, maxAbs[w], adders).windowSum(digits, windows, w, skip, m, sums, pl * w, new G1LimbOps());
      }
      return;
    }
    // few points: Jacobian buckets with mixed additions
    int nb = maxAbs[w];
    long[] buckets = new long[pl * nb];
    long[] running = new long[pl];
    long[] sum = new long[pl];
    G1LimbOps e1 = g2 ? null : new G1LimbOps();
    G2LimbOps e2 = g2 ? new G2LimbOps() : null;
    for (int i = 0; i < m; i++) {
      int d = digits[i * windows + w];
      if (d == 0 || skip[i]) {
        continue;
      }
      int b = pl * ((d > 0 ? d : -d) - 1);
      if (g2) {
        e2.addAffine(buckets, b, bx, by, limbs * i, d < 0);
      } else {
        e1.addAffine(buckets, b, bx, by, limbs * i, d < 0);
      }
    }
    for (int q = nb - 1; q >= 0; q--) {
      if (g2) {
        e2.addJac(running, 0, buckets, pl * q);
        e2.addJac(sum, 0, running, 0);
      } else {
        e1.addJac(running, 0, buckets, pl * q);
        e1.addJac(sum, 0, running, 0);
      }
    }
    System.arraycopy(sum, 0, sums, pl * w, pl);
  }

  // Horner over the windows: acc = sum_w 2^(wc) S_w
  private void combine() {
    int pl = 3 * limbs;
    long[] acc = new long[pl];
    if (g2) {
      G2LimbOps e = new G2LimbOps();
      for (int w = windows - 1; w >= 0; w--) {
        for (int j = 0; j < c; j++) {
          e.dbl(acc, 0);
        }
        e.addJac(acc, 0, sums, pl * w);
      }
      result2 = windows == 0 ? G2Point.INFINITY : e.toAffine(acc, 0);
    } else {
      G1LimbOps e = new G1LimbOps();
      for (int w = windows - 1; w >= 0; w--) {
        for (int j = 0; j < c; j++) {
          e.dbl(acc, 0);
        }
        e.addJac(acc, 0, sums, pl * w);
      }
      result1 = windows == 0 ? G1Point.INFINITY : G1LimbOps.toAffine(acc, 0);
    }
  }

  private static boolean isZero4(long[] k, int o) {
    return (k[o] | k[o + 1] | k[o + 2] | k[o + 3]) == 0;
  }

  /**
   * Bit length of the largest of the m four-limb scalars in k.
   *
   * @param k the scalars, four little-endian 64-bit limbs each
   * @param m how many scalars to look at (from the start)
   * @return the bit length of the largest, 0 if all are zero
   */
  public static int bitsOf(long[] k, int m) {
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

  /**
   * Window width c for n non-zero points with scalars below 2^bits: minimises the cost model
   * windows * (n * ADD + 2^(c-1) * REDUCE) with windows = floor(bits / c) + 1, in units of about
   * one field multiplication. An affine bucket addition costs about 6 multiplications plus overhead
   * (ADD = 7). Reducing one bucket costs two batched affine additions (~12 multiplications plus
   * overhead, REDUCE = 14) when the window has at least {@code AffineBuckets.SEGMENTED_MIN} (256)
   * buckets and so takes the segmented reduction, else a mixed plus a Jacobian addition of the
   * running sum (REDUCE = 27).
   *
   * @param n number of non-zero points
   * @param bits bit length of the largest scalar
   * @return the window width c in bits
   */
  public static int windowBits(int n, int bits) {
    if (n < 32) {
      return 3;
    }
    int best = 4;
    double bestCost = Double.MAX_VALUE;
    for (int c = 4; c <= 16; c++) {
      int buckets = 1 << (c - 1);
      double reduce = buckets >= AffineBuckets.SEGMENTED_MIN ? 14.0 : 27.0;
      double cost = (bits / c + 1) * (7.0 * n + reduce * buckets);
      if (cost < bestCost) {
        bestCost = cost;
        best = c;
      }
    }
    return best;
  }

  /**
   * Signed base-2^c digits of the scalars i in [from, to): out[i * windows + w] in
   * [-(2^(c-1) - 1), 2^(c-1)] with scalar = sum_w digit_w 2^(wc); windows = floor(bits / c) + 1,
   * with every scalar below 2^bits, leaves room for the final carry. maxAbs[w] is raised to the
   * largest |digit| seen in window w: buckets above it are never used (the top window of ~128-bit
   * GLV halves typically reaches only ~2^10 of the 2^(c-1) buckets), so each window sizes its
   * buckets and its addition batches to it.
   *
   * @param k the scalars, four little-endian 64-bit limbs each (standard form)
   * @param from first scalar index (inclusive)
   * @param to last scalar index (exclusive)
   * @param c the window width in bits
   * @param windows digits per scalar, floor(bits / c) + 1
   * @param out receives the digits, windows per scalar
   * @param maxAbs per window, raised to the largest absolute digit seen (one entry per window)
   */
  public static void signedDigits(long[] k, int from, int to, int c, int windows, int[] out, int[] maxAbs) {
    int half = 1 << (c - 1);
    int full = 1 << c;
    int mask = full - 1;
    for (int i = from; i < to; i++) {
      int carry = 0;
      int base = i * windows;
      int o = 4 * i;
      for (int w = 0; w < windows; w++) {
        int bit = w * c;
        long v = 0;
        if (bit < 256) {
          int limb = bit >>> 6;
          int sh = bit & 63;
          v = k[o + limb] >>> sh;
          if (sh + c > 64 && limb < 3) {
            v |= k[o + limb + 1] << (64 - sh);
          }
        }
        int raw = carry + (int) (v & mask);
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
  }

  /**
   * Runs the tasks on up to {@code threads} threads: the caller's and threads - 1 daemon threads
   * that exist only for this call, all taking the next task from one counter (so tasks should be
   * ordered largest first). Rethrows the first failure after all threads stopped.
   */
  static void runTasks(List<Runnable> tasks, int threads) {
    int t = Math.min(threads, tasks.size());
    if (t <= 1) {
      for (Runnable r : tasks) {
        r.run();
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable worker = () -> {
      int i;
      while (failure.get() == null && (i = next.getAndIncrement()) < tasks.size()) {
        try {
          tasks.get(i).run();
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }
    };
    Thread[] extra = new Thread[t - 1];
    for (int j = 0; j < extra.length; j++) {
      extra[j] = new Thread(worker, "vnft-msm");
      extra[j].setDaemon(true);
      extra[j].start();
    }
    worker.run();
    boolean interrupted = false;
    for (Thread th : extra) {
      while (true) {
        try {
          th.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // finish joining: the workers use this call's arrays
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable f = failure.get();
    if (f instanceof RuntimeException re) {
      throw re;
    }
    if (f instanceof Error er) {
      throw er;
    }
    if (f != null) {
      throw new IllegalStateException("MSM worker failed", f);
    }
  }

  @Override
  public String toString() {
    return "MsmJob[" + (g2 ? "G2" : "G1") + ", n=" + n + ", c=" + c + ", windows=" + windows
        + ", maxAbs=" + Arrays.toString(maxAbs) + "]";
  }
}
