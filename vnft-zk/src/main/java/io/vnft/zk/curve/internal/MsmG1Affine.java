package io.vnft.zk.curve.internal;

import static io.vnft.zk.field.FpOps.add;
import static io.vnft.zk.field.FpOps.copy;
import static io.vnft.zk.field.FpOps.eq;
import static io.vnft.zk.field.FpOps.mul;
import static io.vnft.zk.field.FpOps.neg;
import static io.vnft.zk.field.FpOps.square;
import static io.vnft.zk.field.FpOps.sub;

/**
 * Internal, not for users (may change without notice): one Pippenger window in G1 with affine
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
public final class MsmG1Affine extends AffineBuckets {
  private final long[] bx;
  private final long[] by;
  private final long[] kb;   // bucket k: x at 8k, y at 8k + 4 (one 64-byte line per bucket, random access)
  private final G1BatchAdder adder;
  // the additions of one batch handed to the adder (bucket offset, point offset, negate), doublings apart
  private final int[] selAcc;
  private final int[] selQ;
  private final boolean[] selNeg;
  private final int[] dblOff;
  private long[] dden = new long[0];
  private long[] dpre = new long[0];
  private long[] side; // Jacobian overflow buckets, 12 longs each (zero = infinity), made on first use
  private G1LimbOps ops;
  private final long[] t = new long[4 * 6];


  /**
   * A window over the points (bx, by) (GLV-expanded limbs) with nb buckets, additions by the given
   * provider's adder.
   *
   * @param bx the x coordinates of the points, four limbs each (kept, not copied)
   * @param by the y coordinates of the points (kept, not copied)
   * @param nb number of buckets
   * @param provider supplies the batch adder
   */
  public MsmG1Affine(long[] bx, long[] by, int nb, BatchAdderProvider provider) {
    super(nb);
    this.bx = bx;
    this.by = by;
    kb = new long[8 * nb];
    adder = provider.g1();
    selAcc = new int[batch];
    selQ = new int[batch];
    selNeg = new boolean[batch];
    dblOff = new int[batch];
  }

  /**
   * The window sum as a Jacobian point written to out[oo..oo+11].
   *
   * @param digits the signed digits, windows per point (see {@link MsmJob#signedDigits})
   * @param windows digits per point
   * @param w the window to sum
   * @param skip per point, true to leave it out
   * @param n number of points
   * @param out receives the Jacobian sum (12 longs)
   * @param oo offset of the sum in out
   * @param ops the caller's limb operations (scratch; one per thread)
   */
  public void windowSum(int[] digits, int windows, int w, boolean[] skip, int n, long[] out, int oo, G1LimbOps ops) {
    this.ops = ops;
    fillBuckets(digits, windows, w, skip, n);
    if (segmentedReduction()) {
      segmentedSum(out, oo);
      return;
    }
    // running-sum reduction: sum_k (k+1) B_k
    long[] running = new long[12];
    long[] sum = new long[12];
    for (int k = nb - 1; k >= 0; k--) {
      if (set[k]) {
        ops.addAffine(running, 0, kb, 8 * k, kb, 8 * k + 4, false);
      }
      if (side != null) {
        ops.addJac(running, 0, side, 12 * k);
      }
      ops.addJac(sum, 0, running, 0);
    }
    System.arraycopy(sum, 0, out, oo, 12);
  }

  /**
   * sum_k (k+1) B_k with the buckets cut into S segments of SEG: the S running sums R_s and
   * partial sums T_s advance in lockstep (bucket s SEG + p for p = SEG-1 .. 0), so each step is
   * two batches of S affine additions sharing one inversion each (~12 multiplications per bucket
   * instead of ~27 for a mixed plus a Jacobian addition). Then sum_k (k+1) B_k = sum_s T_s +
   * SEG * sum_s s R_s, the last sum by the running-sum trick over the segments; the few side
   * buckets (Jacobian) are added with their weight (k+1) by double-and-add.
   */
  private void segmentedSum(long[] out, int oo) {
    int segs = (nb + SEG - 1) / SEG;
    long[] run = new long[8 * segs];
    long[] tot = new long[8 * segs];
    boolean[] runSet = new boolean[segs];
    boolean[] totSet = new boolean[segs];
    int[] lane = new int[segs];
    int[] qo = new int[segs];
    LaneBatch lb = new LaneBatch(segs);
    for (int p = SEG - 1; p >= 0; p--) {
      lb.accumulate(run, runSet, lane, kb, qo, setBucketLanes(p, segs, lane, qo));
      lb.accumulate(tot, totSet, lane, run, qo, flaggedLanes(runSet, segs, lane, qo));
    }
    long[] r = new long[12];
    long[] acc = new long[12];
    for (int sg = segs - 1; sg >= 1; sg--) {
      if (runSet[sg]) {
        ops.addAffine(r, 0, run, 8 * sg, run, 8 * sg + 4, false);
      }
      ops.addJac(acc, 0, r, 0);
    }
    for (int j = 1; j < SEG; j <<= 1) {
      ops.dbl(acc, 0);
    }
    for (int sg = 0; sg < segs; sg++) {
      if (totSet[sg]) {
        ops.addAffine(acc, 0, tot, 8 * sg, tot, 8 * sg + 4, false);
      }
    }
    if (side != null) {
      long[] w = new long[12];
      for (int k = 0; k < nb; k++) {
        if (G1LimbOps.isInf(side, 12 * k)) {
          continue;
        }
        G1LimbOps.setInf(w, 0);
        int e = k + 1;
        for (int b = 31 - Integer.numberOfLeadingZeros(e); b >= 0; b--) {
          ops.dbl(w, 0);
          if (((e >>> b) & 1) != 0) {
            ops.addJac(w, 0, side, 12 * k);
          }
        }
        ops.addJac(acc, 0, w, 0);
      }
    }
    System.arraycopy(acc, 0, out, oo, 12);
  }

  /**
   * Batched affine accumulation acc[lane] += q for up to one entry per lane: empty lanes take q,
   * equal points double, opposite points empty the lane, the rest go to the adder in one batch.
   */
  private final class LaneBatch {
    private final int[] ao;
    private final int[] qoAdd;
    private final int[] dbl;

    LaneBatch(int lanes) {
      ao = new int[lanes];
      qoAdd = new int[lanes];
      dbl = new int[lanes];
    }

    void accumulate(long[] acc, boolean[] accSet, int[] lane, long[] q, int[] qo, int cnt) {
      int na = 0;
      int nd = 0;
      for (int j = 0; j < cnt; j++) {
        int sg = lane[j];
        int a = 8 * sg;
        int o = qo[j];
        if (!accSet[sg]) {
          copy(q, o, acc, a);
          copy(q, o + 4, acc, a + 4);
          accSet[sg] = true;
        } else if (!eq(q, o, acc, a)) {
          ao[na] = a;
          qoAdd[na] = o;
          na++;
        } else if (eq(q, o + 4, acc, a + 4)) {
          dbl[nd++] = a; // 2y != 0 (no 2-torsion)
        } else {
          accSet[sg] = false; // P + (-P)
        }
      }
      adder.addAll(acc, ao, q, q, qoAdd, 4, null, na);
      doubleAll(acc, dbl, nd);
    }
  }

  @Override
  void setBucket(int i, boolean negate, int k) {
    copy(bx, 4 * i, kb, 8 * k);
    if (negate) {
      neg(by, 4 * i, kb, 8 * k + 4);
    } else {
      copy(by, 4 * i, kb, 8 * k + 4);
    }
  }

  @Override
  void sideAdd(int i, boolean negate, int k) {
    if (side == null) {
      side = new long[12 * nb];
    }
    ops.addAffine(side, 12 * k, bx, by, 4 * i, negate);
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
      if (!eq(bx, 4 * i, kb, 8 * k)) {
        selAcc[na] = 8 * k;
        selQ[na] = 4 * i;
        selNeg[na] = pn[j];
        na++;
      } else {
        pointY(i, pn[j], s, PY);
        if (eq(s, PY, kb, 8 * k + 4)) {
          dblOff[nd++] = 8 * k; // 2y != 0: no 2-torsion on BN254 G1
        } else {
          set[k] = false;       // B + (-B)
        }
      }
    }
    adder.addAll(kb, selAcc, bx, by, selQ, 0, selNeg, na);
    doubleAll(kb, dblOff, nd);
    pending = 0;
    batchId++;
  }

  /** acc point at off[j] := twice itself (affine; y != 0) for j &lt; cnt, one shared inversion. Rare. */
  private void doubleAll(long[] acc, int[] off, int cnt) {
    if (cnt == 0) {
      return;
    }
    if (dden.length < 4 * cnt) {
      dden = new long[4 * cnt];
      dpre = new long[4 * cnt];
    }
    long[] s = t;
    final int L = 0, X3 = 4, T1 = 8, ACC = 12, T2 = 16;
    for (int j = 0; j < cnt; j++) {
      add(acc, off[j] + 4, acc, off[j] + 4, dden, 4 * j);
    }
    ScalarG1BatchAdder.invertAll(dden, dpre, cnt, s, ACC, T2);
    for (int j = 0; j < cnt; j++) {
      int ko = off[j];
      square(acc, ko, s, L);
      add(s, L, s, L, s, T1);
      add(s, T1, s, L, s, L);
      mul(s, L, dden, 4 * j, s, L);          // lambda = 3x^2 / 2y
      square(s, L, s, X3);
      sub(s, X3, acc, ko, s, X3);
      sub(s, X3, acc, ko, s, X3);            // x3 = l^2 - 2x
      sub(acc, ko, s, X3, s, T1);
      mul(s, L, s, T1, s, T1);
      sub(s, T1, acc, ko + 4, acc, ko + 4);  // y3 = l (x - x3) - y
      copy(s, X3, acc, ko);
    }
  }

  private void pointY(int i, boolean negate, long[] out, int oo) {
    if (negate) {
      neg(by, 4 * i, out, oo);
    } else {
      copy(by, 4 * i, out, oo);
    }
  }
}
