package io.vnft.zk.curve.internal;

import static io.vnft.zk.field.FpOps.add;
import static io.vnft.zk.field.FpOps.copy;
import static io.vnft.zk.field.FpOps.eq;
import static io.vnft.zk.field.FpOps.inverse;
import static io.vnft.zk.field.FpOps.mul;
import static io.vnft.zk.field.FpOps.neg;
import static io.vnft.zk.field.FpOps.setOne;
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
  private final long[] den;
  private final long[] prefix;
  private long[] side; // Jacobian overflow buckets, 12 longs each (zero = infinity), made on first use
  private G1LimbOps ops;
  private final long[] t = new long[4 * 6];

  public MsmG1Affine(long[] bx, long[] by, int nb) {
    super(nb);
    this.bx = bx;
    this.by = by;
    kb = new long[8 * nb];
    den = new long[4 * batch];
    prefix = new long[4 * batch];
  }

  /** The window sum as a Jacobian point written to out[oo..oo+11]. */
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
   * equal points double, opposite points empty the lane, the rest share one inversion.
   */
  private final class LaneBatch {
    private final long[] dn;
    private final long[] pre;
    private final int[] el;
    private final int[] eo;
    private final int[] et;

    LaneBatch(int lanes) {
      dn = new long[4 * lanes];
      pre = new long[4 * lanes];
      el = new int[lanes];
      eo = new int[lanes];
      et = new int[lanes];
    }

    void accumulate(long[] acc, boolean[] accSet, int[] lane, long[] q, int[] qo, int cnt) {
      long[] s = t;
      final int L = 0, X3 = 4, T1 = 8, ACC = 12;
      int np = 0;
      for (int j = 0; j < cnt; j++) {
        int sg = lane[j];
        int ao = 8 * sg;
        int o = qo[j];
        if (!accSet[sg]) {
          copy(q, o, acc, ao);
          copy(q, o + 4, acc, ao + 4);
          accSet[sg] = true;
          continue;
        }
        if (!eq(q, o, acc, ao)) {
          sub(q, o, acc, ao, dn, 4 * np);
          et[np] = ADD;
        } else if (eq(q, o + 4, acc, ao + 4)) {
          add(acc, ao + 4, acc, ao + 4, dn, 4 * np); // 2y != 0 (no 2-torsion)
          et[np] = DBL;
        } else {
          accSet[sg] = false; // P + (-P)
          continue;
        }
        el[np] = sg;
        eo[np] = o;
        np++;
      }
      if (np == 0) {
        return;
      }
      invertAll(dn, pre, np, s, ACC, T1);
      for (int j = 0; j < np; j++) {
        int ao = 8 * el[j];
        int o = eo[j];
        if (et[j] == ADD) {
          sub(q, o + 4, acc, ao + 4, s, L);
          mul(s, L, dn, 4 * j, s, L);              // l = (yq - ya) / (xq - xa)
          square(s, L, s, X3);
          sub(s, X3, acc, ao, s, X3);
          sub(s, X3, q, o, s, X3);                 // x3 = l^2 - xa - xq
        } else {
          square(acc, ao, s, L);
          add(s, L, s, L, s, T1);
          add(s, T1, s, L, s, L);
          mul(s, L, dn, 4 * j, s, L);              // l = 3 xa^2 / 2 ya
          square(s, L, s, X3);
          sub(s, X3, acc, ao, s, X3);
          sub(s, X3, acc, ao, s, X3);              // x3 = l^2 - 2 xa
        }
        sub(acc, ao, s, X3, s, T1);
        mul(s, L, s, T1, s, T1);
        sub(s, T1, acc, ao + 4, acc, ao + 4);      // y3 = l (xa - x3) - ya
        copy(s, X3, acc, ao);
      }
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
    final int PY = 0, L = 4, X3 = 8, T1 = 12, ACC = 16;
    // denominators
    for (int j = 0; j < np; j++) {
      int k = pb[j];
      int i = pi[j];
      if (!eq(bx, 4 * i, kb, 8 * k)) {
        sub(bx, 4 * i, kb, 8 * k, den, 4 * j);
        ptype[j] = ADD;
      } else {
        pointY(i, pn[j], s, PY);
        if (eq(s, PY, kb, 8 * k + 4)) {
          add(kb, 8 * k + 4, kb, 8 * k + 4, den, 4 * j); // 2y (never 0: no 2-torsion on BN254 G1)
          ptype[j] = DBL;
        } else {
          setOne(den, 4 * j);
          ptype[j] = CANCEL;
        }
      }
    }
    invertAll(den, prefix, np, s, ACC, T1);
    for (int j = 0; j < np; j++) {
      int k = pb[j];
      int i = pi[j];
      int ko = 8 * k;
      switch (ptype[j]) {
        case ADD:
          // l = (yP - yB) / (xP - xB); for a negated point P' = (xP, -yP) the code computes
          // l' = (yP + yB) / (xP - xB) = -l instead (no negation or copy of yP): l'^2 = l^2 and
          // y3 = l (xB - x3) - yB = l' (x3 - xB) - yB
          boolean ng = pn[j];
          if (ng) {
            add(by, 4 * i, kb, ko + 4, s, L);
          } else {
            sub(by, 4 * i, kb, ko + 4, s, L);
          }
          mul(s, L, den, 4 * j, s, L);            // lambda (or -lambda)
          square(s, L, s, X3);
          sub(s, X3, kb, ko, s, X3);
          sub(s, X3, bx, 4 * i, s, X3);           // x3 = l^2 - xB - xP
          if (ng) {
            sub(s, X3, kb, ko, s, T1);
          } else {
            sub(kb, ko, s, X3, s, T1);
          }
          mul(s, L, s, T1, s, T1);
          sub(s, T1, kb, ko + 4, kb, ko + 4);     // y3 = l (xB - x3) - yB
          copy(s, X3, kb, ko);
          break;
        case DBL:
          square(kb, ko, s, L);
          add(s, L, s, L, s, T1);
          add(s, T1, s, L, s, L);
          mul(s, L, den, 4 * j, s, L);          // lambda = 3x^2 / 2y
          square(s, L, s, X3);
          sub(s, X3, kb, ko, s, X3);
          sub(s, X3, kb, ko, s, X3);
          sub(kb, ko, s, X3, s, T1);
          mul(s, L, s, T1, s, T1);
          sub(s, T1, kb, ko + 4, kb, ko + 4);
          copy(s, X3, kb, ko);
          break;
        default:
          set[k] = false;
          break;
      }
    }
    pending = 0;
    batchId++;
  }

  /**
   * d[0..np) := their inverses by Montgomery's trick (one inversion, 3 (np - 1) multiplications);
   * none may be zero. pre holds np prefix products; s[acc..acc+3] and s[t..t+3] are scratch.
   */
  private static void invertAll(long[] d, long[] pre, int np, long[] s, int acc, int t) {
    setOne(s, acc);
    for (int j = 0; j < np; j++) {
      copy(s, acc, pre, 4 * j);
      mul(s, acc, d, 4 * j, s, acc);
    }
    inverse(s, acc, s, acc);
    for (int j = np - 1; j >= 0; j--) {
      mul(s, acc, pre, 4 * j, s, t);   // 1/d_j
      mul(s, acc, d, 4 * j, s, acc);
      copy(s, t, d, 4 * j);
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
