package io.vnft.zk.curve.internal;

import static io.vnft.zk.curve.internal.G2LimbOps.add2;
import static io.vnft.zk.curve.internal.G2LimbOps.copy2;
import static io.vnft.zk.curve.internal.G2LimbOps.eq2;
import static io.vnft.zk.curve.internal.G2LimbOps.neg2;
import static io.vnft.zk.curve.internal.G2LimbOps.sub2;


/**
 * Internal, not for users (may change without notice): one Pippenger window in G2 with affine
 * buckets and batched additions (used by {@link MsmJob}): pending bucket += point additions are
 * collected (at most one per bucket per batch), their denominators inverted together
 * with Montgomery's trick, then applied (about 6 multiplications per addition instead of ~15 for
 * a Jacobian mixed addition). A point whose bucket already has a pending addition is queued
 * and retried after the next batch (so batches can be large: nb / 4 additions, which spreads the
 * cost of one inversion); when the queue is full, and for what still collides after three extra
 * rounds at the end of the window, the point goes into a Jacobian side bucket instead (mixed
 * addition), which keeps degenerate windows (most points in one bucket) linear. nb is the
 * window's largest |digit|, not 2^(c-1). The buckets are then summed as sum_k (k+1) B_k: from
 * {@code SEGMENTED_MIN} buckets on and with few side buckets by segments advanced in lockstep
 * with batched affine additions, else by the Jacobian running sum. Which of those happens to each
 * point (bucket, batch, queue or side bucket) is decided in {@link AffineBuckets}, shared with the
 * other group's window. Not thread-safe: one instance per window task.
 */
public final class MsmG2Affine extends AffineBuckets {
  private final long[] bx;
  private final long[] by;
  private final long[] kx;   // bucket x
  private final long[] ky;   // bucket y
  private final G2BatchAdder adder;
  // the additions of one batch handed to the adder (bucket offset, point offset, negate), doublings apart
  private final int[] selAcc;
  private final int[] selQ;
  private final boolean[] selNeg;
  private final int[] dblOff;
  private long[] dden = new long[0];
  private long[] dnrm = new long[0];
  private long[] dpre = new long[0];
  private long[] side; // Jacobian overflow buckets, 24 longs each (zero = infinity), made on first use
  private G2LimbOps ops;
  private final long[] t = new long[8 * 6];

  /**
   * A window over the points (bx, by) (GLV-expanded Fp2 limbs) with nb buckets, additions by the given
   * provider's adder.
   *
   * @param bx the x coordinates of the points, eight limbs each (kept, not copied)
   * @param by the y coordinates of the points (kept, not copied)
   * @param nb number of buckets
   * @param provider supplies the batch adder
   */
  public MsmG2Affine(long[] bx, long[] by, int nb, BatchAdderProvider provider) {
    super(nb);
    this.bx = bx;
    this.by = by;
    kx = new long[8 * nb];
    ky = new long[8 * nb];
    adder = provider.g2();
    selAcc = new int[batch];
    selQ = new int[batch];
    selNeg = new boolean[batch];
    dblOff = new int[batch];
  }

  /**
   * The window sum as a Jacobian point written to out[oo..oo+23].
   *
   * @param digits the signed digits, windows per point (see {@link MsmJob#signedDigits})
   * @param windows digits per point
   * @param w the window to sum
   * @param skip per point, true to leave it out
   * @param n number of points
   * @param out receives the Jacobian sum (24 longs)
   * @param oo offset of the sum in out
   * @param ops the caller's limb operations (scratch; one per thread)
   */
  public void windowSum(int[] digits, int windows, int w, boolean[] skip, int n, long[] out, int oo, G2LimbOps ops) {
    this.ops = ops;
    fillBuckets(digits, windows, w, skip, n);
    if (segmentedReduction()) {
      segmentedSum(out, oo);
      return;
    }
    // running-sum reduction: sum_k (k+1) B_k
    long[] running = new long[24];
    long[] sum = new long[24];
    for (int k = nb - 1; k >= 0; k--) {
      if (set[k]) {
        ops.addAffine(running, 0, kx, ky, 8 * k, false);
      }
      if (side != null) {
        ops.addJac(running, 0, side, 24 * k);
      }
      ops.addJac(sum, 0, running, 0);
    }
    System.arraycopy(sum, 0, out, oo, 24);
  }

  /**
   * sum_k (k+1) B_k by segments advanced in lockstep with batched affine additions, as in
   * {@link MsmG1Affine} (segment length {@link AffineBuckets#SEG}); side buckets weighted by
   * double-and-add.
   */
  private void segmentedSum(long[] out, int oo) {
    int segs = (nb + SEG - 1) / SEG;
    long[] runX = new long[8 * segs];
    long[] runY = new long[8 * segs];
    long[] totX = new long[8 * segs];
    long[] totY = new long[8 * segs];
    boolean[] runSet = new boolean[segs];
    boolean[] totSet = new boolean[segs];
    int[] lane = new int[segs];
    int[] qo = new int[segs];
    LaneBatch lb = new LaneBatch(segs);
    for (int p = SEG - 1; p >= 0; p--) {
      lb.accumulate(runX, runY, runSet, lane, kx, ky, qo, setBucketLanes(p, segs, lane, qo));
      lb.accumulate(totX, totY, totSet, lane, runX, runY, qo, flaggedLanes(runSet, segs, lane, qo));
    }
    long[] r = new long[24];
    long[] acc = new long[24];
    for (int sg = segs - 1; sg >= 1; sg--) {
      if (runSet[sg]) {
        ops.addAffine(r, 0, runX, runY, 8 * sg, false);
      }
      ops.addJac(acc, 0, r, 0);
    }
    for (int j = 1; j < SEG; j <<= 1) {
      ops.dbl(acc, 0);
    }
    for (int sg = 0; sg < segs; sg++) {
      if (totSet[sg]) {
        ops.addAffine(acc, 0, totX, totY, 8 * sg, false);
      }
    }
    if (side != null) {
      long[] w = new long[24];
      for (int k = 0; k < nb; k++) {
        if (G2LimbOps.isInf(side, 24 * k)) {
          continue;
        }
        G2LimbOps.setInf(w, 0);
        int e = k + 1;
        for (int b = 31 - Integer.numberOfLeadingZeros(e); b >= 0; b--) {
          ops.dbl(w, 0);
          if (((e >>> b) & 1) != 0) {
            ops.addJac(w, 0, side, 24 * k);
          }
        }
        ops.addJac(acc, 0, w, 0);
      }
    }
    System.arraycopy(acc, 0, out, oo, 24);
  }

  /** The G2 counterpart of MsmG1Affine's lane batch: additions to the adder, doublings apart. */
  private final class LaneBatch {
    private final int[] ao;
    private final int[] qoAdd;
    private final int[] dbl;

    LaneBatch(int lanes) {
      ao = new int[lanes];
      qoAdd = new int[lanes];
      dbl = new int[lanes];
    }

    void accumulate(long[] ax, long[] ay, boolean[] accSet, int[] lane, long[] qx, long[] qy, int[] qo, int cnt) {
      int na = 0;
      int nd = 0;
      for (int j = 0; j < cnt; j++) {
        int sg = lane[j];
        int a = 8 * sg;
        int o = qo[j];
        if (!accSet[sg]) {
          copy2(qx, o, ax, a);
          copy2(qy, o, ay, a);
          accSet[sg] = true;
        } else if (!eq2(qx, o, ax, a)) {
          ao[na] = a;
          qoAdd[na] = o;
          na++;
        } else if (eq2(qy, o, ay, a)) {
          dbl[nd++] = a; // 2y != 0 (no 2-torsion in G2)
        } else {
          accSet[sg] = false; // P + (-P)
        }
      }
      adder.addAll(ax, ay, ao, qx, qy, qoAdd, null, na);
      doubleAll(ax, ay, dbl, nd);
    }
  }

  @Override
  void setBucket(int i, boolean negate, int k) {
    copy2(bx, 8 * i, kx, 8 * k);
    if (negate) {
      neg2(by, 8 * i, ky, 8 * k);
    } else {
      copy2(by, 8 * i, ky, 8 * k);
    }
  }

  @Override
  void sideAdd(int i, boolean negate, int k) {
    if (side == null) {
      side = new long[24 * nb];
    }
    ops.addAffine(side, 24 * k, bx, by, 8 * i, negate);
  }

  @Override
  void flush() {
    int np = pending;
    if (np == 0) {
      return;
    }
    long[] s = t;
    final int PY = 0;
    int na = 0;
    int nd = 0;
    for (int j = 0; j < np; j++) {
      int k = pb[j];
      int i = pi[j];
      if (!eq2(bx, 8 * i, kx, 8 * k)) {
        selAcc[na] = 8 * k;
        selQ[na] = 8 * i;
        selNeg[na] = pn[j];
        na++;
      } else {
        pointY(i, pn[j], s, PY);
        if (eq2(s, PY, ky, 8 * k)) {
          dblOff[nd++] = 8 * k; // 2y (never 0: no 2-torsion in G2)
        } else {
          set[k] = false;       // B + (-B)
        }
      }
    }
    adder.addAll(kx, ky, selAcc, bx, by, selQ, selNeg, na);
    doubleAll(kx, ky, dblOff, nd);
    pending = 0;
    batchId++;
  }

  /** (ax, ay) at off[j] := twice itself (affine, y != 0) for j &lt; cnt, one shared inversion. Rare. */
  private void doubleAll(long[] ax, long[] ay, int[] off, int cnt) {
    if (cnt == 0) {
      return;
    }
    if (dden.length < 8 * cnt) {
      dden = new long[8 * cnt];
      dnrm = new long[4 * cnt];
      dpre = new long[4 * cnt];
    }
    long[] s = t;
    final int L = 0, X3 = 8, T1 = 16, ACC = 32, TN = 36;
    for (int j = 0; j < cnt; j++) {
      add2(ay, off[j], ay, off[j], dden, 8 * j);
    }
    ScalarG2BatchAdder.invertAll(dden, dnrm, dpre, cnt, s, ACC, TN);
    for (int j = 0; j < cnt; j++) {
      int ko = off[j];
      ops.sq2(ax, ko, s, L);
      add2(s, L, s, L, s, T1);
      add2(s, T1, s, L, s, L);
      ops.m2(s, L, dden, 8 * j, s, L);          // lambda = 3x^2 / 2y
      ops.sq2(s, L, s, X3);
      sub2(s, X3, ax, ko, s, X3);
      sub2(s, X3, ax, ko, s, X3);               // x3 = l^2 - 2x
      sub2(ax, ko, s, X3, s, T1);
      ops.m2(s, L, s, T1, s, T1);
      sub2(s, T1, ay, ko, ay, ko);              // y3 = l (x - x3) - y
      copy2(s, X3, ax, ko);
    }
  }

  private void pointY(int i, boolean negate, long[] out, int oo) {
    if (negate) {
      neg2(by, 8 * i, out, oo);
    } else {
      copy2(by, 8 * i, out, oo);
    }
  }
}
