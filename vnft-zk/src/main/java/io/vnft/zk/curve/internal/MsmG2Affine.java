package io.vnft.zk.curve.internal;

import static io.vnft.zk.curve.internal.G2LimbOps.add2;
import static io.vnft.zk.curve.internal.G2LimbOps.copy2;
import static io.vnft.zk.curve.internal.G2LimbOps.eq2;
import static io.vnft.zk.curve.internal.G2LimbOps.neg2;
import static io.vnft.zk.curve.internal.G2LimbOps.setOne2;
import static io.vnft.zk.curve.internal.G2LimbOps.sub2;

import io.vnft.zk.field.FpOps;

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
  private final long[] den;
  private final long[] prefix;
  private final long[] nrm;
  private long[] side; // Jacobian overflow buckets, 24 longs each (zero = infinity), made on first use
  private G2LimbOps ops;
  private final long[] t = new long[8 * 6];

  public MsmG2Affine(long[] bx, long[] by, int nb) {
    super(nb);
    this.bx = bx;
    this.by = by;
    kx = new long[8 * nb];
    ky = new long[8 * nb];
    den = new long[8 * batch];
    prefix = new long[4 * batch];
    nrm = new long[4 * batch];
  }

  /** The window sum as a Jacobian point written to out[oo..oo+11]. */
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

  /** The G2 counterpart of MsmG1Affine's lane batch (inversion through the norms, as in flush). */
  private final class LaneBatch {
    private final long[] dn;
    private final long[] nr;
    private final long[] pre;
    private final int[] el;
    private final int[] eo;
    private final int[] et;

    LaneBatch(int lanes) {
      dn = new long[8 * lanes];
      nr = new long[4 * lanes];
      pre = new long[4 * lanes];
      el = new int[lanes];
      eo = new int[lanes];
      et = new int[lanes];
    }

    void accumulate(long[] ax, long[] ay, boolean[] accSet, int[] lane, long[] qx, long[] qy, int[] qo, int cnt) {
      long[] s = t;
      final int L = 0, X3 = 8, T1 = 16, ACC = 24, TN = 28;
      int np = 0;
      for (int j = 0; j < cnt; j++) {
        int sg = lane[j];
        int ao = 8 * sg;
        int o = qo[j];
        if (!accSet[sg]) {
          copy2(qx, o, ax, ao);
          copy2(qy, o, ay, ao);
          accSet[sg] = true;
          continue;
        }
        if (!eq2(qx, o, ax, ao)) {
          sub2(qx, o, ax, ao, dn, 8 * np);
          et[np] = ADD;
        } else if (eq2(qy, o, ay, ao)) {
          add2(ay, ao, ay, ao, dn, 8 * np); // 2y != 0 (no 2-torsion in G2)
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
      invertAll(dn, nr, pre, np, s, ACC, TN);
      for (int j = 0; j < np; j++) {
        int ao = 8 * el[j];
        int o = eo[j];
        if (et[j] == ADD) {
          sub2(qy, o, ay, ao, s, L);
          ops.m2(s, L, dn, 8 * j, s, L);           // l = (yq - ya) / (xq - xa)
          ops.sq2(s, L, s, X3);
          sub2(s, X3, ax, ao, s, X3);
          sub2(s, X3, qx, o, s, X3);               // x3 = l^2 - xa - xq
        } else {
          ops.sq2(ax, ao, s, L);
          add2(s, L, s, L, s, T1);
          add2(s, T1, s, L, s, L);
          ops.m2(s, L, dn, 8 * j, s, L);           // l = 3 xa^2 / 2 ya
          ops.sq2(s, L, s, X3);
          sub2(s, X3, ax, ao, s, X3);
          sub2(s, X3, ax, ao, s, X3);              // x3 = l^2 - 2 xa
        }
        sub2(ax, ao, s, X3, s, T1);
        ops.m2(s, L, s, T1, s, T1);
        sub2(s, T1, ay, ao, ay, ao);               // y3 = l (xa - x3) - ya
        copy2(s, X3, ax, ao);
      }
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
    final int PY = 0, L = 8, X3 = 16, T1 = 24, ACC = 32;
    // denominators
    for (int j = 0; j < np; j++) {
      int k = pb[j];
      int i = pi[j];
      if (!eq2(bx, 8 * i, kx, 8 * k)) {
        sub2(bx, 8 * i, kx, 8 * k, den, 8 * j);
        ptype[j] = ADD;
      } else {
        pointY(i, pn[j], s, PY);
        if (eq2(s, PY, ky, 8 * k)) {
          add2(ky, 8 * k, ky, 8 * k, den, 8 * j); // 2y (never 0: no 2-torsion in G2)
          ptype[j] = DBL;
        } else {
          setOne2(den, 8 * j);
          ptype[j] = CANCEL;
        }
      }
    }
    invertAll(den, nrm, prefix, np, s, ACC, T1);
    for (int j = 0; j < np; j++) {
      int k = pb[j];
      int i = pi[j];
      int ko = 8 * k;
      switch (ptype[j]) {
        case ADD:
          // as in MsmG1Affine: a negated point gives l' = (yP + yB) / (xP - xB) = -l,
          // y3 = l' (x3 - xB) - yB (no negation or copy of yP)
          boolean ng = pn[j];
          if (ng) {
            add2(by, 8 * i, ky, ko, s, L);
          } else {
            sub2(by, 8 * i, ky, ko, s, L);
          }
          ops.m2(s, L, den, 8 * j, s, L);          // lambda (or -lambda)
          ops.sq2(s, L, s, X3);
          sub2(s, X3, kx, ko, s, X3);
          sub2(s, X3, bx, 8 * i, s, X3);           // x3 = l^2 - xB - xP
          if (ng) {
            sub2(s, X3, kx, ko, s, T1);
          } else {
            sub2(kx, ko, s, X3, s, T1);
          }
          ops.m2(s, L, s, T1, s, T1);
          sub2(s, T1, ky, ko, ky, ko);             // y3 = l (xB - x3) - yB
          copy2(s, X3, kx, ko);
          break;
        case DBL:
          ops.sq2(kx, ko, s, L);
          add2(s, L, s, L, s, T1);
          add2(s, T1, s, L, s, L);
          ops.m2(s, L, den, 8 * j, s, L);          // lambda = 3x^2 / 2y
          ops.sq2(s, L, s, X3);
          sub2(s, X3, kx, ko, s, X3);
          sub2(s, X3, kx, ko, s, X3);
          sub2(kx, ko, s, X3, s, T1);
          ops.m2(s, L, s, T1, s, T1);
          sub2(s, T1, ky, ko, ky, ko);
          copy2(s, X3, kx, ko);
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
   * d[0..np) (Fp2, 8 longs each) := their inverses: Montgomery's trick on the norms
   * N(d) = d0^2 + d1^2 in Fp, then 1/d = conj(d) / N(d) — 7 Fp multiplications per element instead
   * of 9 for the trick on Fp2 elements. N(d) != 0 for d != 0 because -1 is not a square mod p
   * (p = 3 mod 4); no d may be zero. norms and pre hold np Fp values; s[acc..acc+3] and
   * s[t..t+3] are scratch.
   */
  private static void invertAll(long[] d, long[] norms, long[] pre, int np, long[] s, int acc, int t) {
    FpOps.setOne(s, acc);
    for (int j = 0; j < np; j++) {
      FpOps.mulSum(d, 8 * j, d, 8 * j, d, 8 * j + 4, d, 8 * j + 4, norms, 4 * j); // d0^2 + d1^2
      FpOps.copy(s, acc, pre, 4 * j);
      FpOps.mul(s, acc, norms, 4 * j, s, acc);
    }
    FpOps.inverse(s, acc, s, acc);
    for (int j = np - 1; j >= 0; j--) {
      FpOps.mul(s, acc, pre, 4 * j, s, t);   // 1/N_j
      FpOps.mul(s, acc, norms, 4 * j, s, acc);
      FpOps.mul(d, 8 * j, s, t, d, 8 * j);
      FpOps.mul(d, 8 * j + 4, s, t, s, t);
      FpOps.neg(s, t, d, 8 * j + 4);          // 1/d = conj(d) / N(d)
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
