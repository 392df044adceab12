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
 * cost of one inversion); when the queue is full, and for what still collides at the end of the
 * window, the point goes into a Jacobian side bucket instead (mixed addition), which keeps
 * degenerate windows (the top window, where all digits are 0 or 1) linear.
 * Not thread-safe: one instance per window task.
 */
public final class MsmG1Affine {
  private static final int ADD = 0, DBL = 1, CANCEL = 2;

  private final long[] bx;
  private final long[] by;
  private final int nb;
  private final int batch;
  private final long[] kb;   // bucket k: x at 8k, y at 8k + 4 (one 64-byte line per bucket, random access)
  private final boolean[] set;
  private final int[] mark;  // batch id of the pending addition on each bucket
  private int batchId = 1;
  // pending additions
  private final int[] pb;    // bucket
  private final int[] pi;    // point index
  private final boolean[] pn; // negate point
  private final int[] ptype;
  private final long[] den;
  private final long[] prefix;
  private int pending;
  // points whose bucket already had a pending addition: retried after the next flush
  private final int[] qi;
  private final int[] qk;
  private final boolean[] qn;
  private int qlen;
  private long[] side; // Jacobian overflow buckets, 12 longs each (zero = infinity), made on first use
  private G1LimbOps ops;
  private final long[] t = new long[4 * 6];

  public MsmG1Affine(long[] bx, long[] by, int nb) {
    this.bx = bx;
    this.by = by;
    this.nb = nb;
    this.batch = Math.max(16, Math.min(2048, nb / 4));
    qi = new int[batch];
    qk = new int[batch];
    qn = new boolean[batch];
    kb = new long[8 * nb];
    set = new boolean[nb];
    mark = new int[nb];
    pb = new int[batch];
    pi = new int[batch];
    pn = new boolean[batch];
    ptype = new int[batch];
    den = new long[4 * batch];
    prefix = new long[4 * batch];
  }

  /** The window sum as a Jacobian point written to out[oo..oo+11]. */
  public void windowSum(int[] digits, int windows, int w, boolean[] skip, int n, long[] out, int oo, G1LimbOps ops) {
    this.ops = ops;
    for (int i = 0; i < n; i++) {
      int d = digits[i * windows + w];
      if (d == 0 || skip[i]) {
        continue;
      }
      boolean negate = d < 0;
      offer(i, negate, (negate ? -d : d) - 1);
    }
    flush();
    // one more round for the queue, then whatever still collides goes to the side buckets
    // (keeps degenerate windows, where most points share a bucket, linear)
    requeue();
    flush();
    for (int j = 0; j < qlen; j++) {
      sideAdd(qi[j], qn[j], qk[j]);
    }
    qlen = 0;
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

  private void offer(int i, boolean negate, int k) {
    place(i, negate, k);
    if (pending == batch) {
      flush();
      requeue();
    }
  }

  private void requeue() {
    int m = qlen;
    qlen = 0; // re-queued items are written at indices <= j: safe in place
    for (int j = 0; j < m; j++) {
      place(qi[j], qn[j], qk[j]);
      if (pending == batch) {
        flush();
      }
    }
  }

  // sets an empty bucket, adds a pending addition, or queues the point when its bucket is busy
  private void place(int i, boolean negate, int k) {
    if (!set[k]) {
      copy(bx, 4 * i, kb, 8 * k);
      if (negate) {
        neg(by, 4 * i, kb, 8 * k + 4);
      } else {
        copy(by, 4 * i, kb, 8 * k + 4);
      }
      set[k] = true;
      return;
    }
    if (mark[k] == batchId) {
      if (qlen < qi.length) {
        qi[qlen] = i;
        qk[qlen] = k;
        qn[qlen] = negate;
        qlen++;
      } else {
        sideAdd(i, negate, k);
      }
      return;
    }
    mark[k] = batchId;
    pb[pending] = k;
    pi[pending] = i;
    pn[pending] = negate;
    pending++;
  }

  private void sideAdd(int i, boolean negate, int k) {
    if (side == null) {
      side = new long[12 * nb];
    }
    ops.addAffine(side, 12 * k, bx, by, 4 * i, negate);
  }

  private void flush() {
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
    // Montgomery's trick (no zero denominators here)
    setOne(s, ACC);
    for (int j = 0; j < np; j++) {
      copy(s, ACC, prefix, 4 * j);
      mul(s, ACC, den, 4 * j, s, ACC);
    }
    inverse(s, ACC, s, ACC);
    for (int j = np - 1; j >= 0; j--) {
      mul(s, ACC, prefix, 4 * j, s, T1);   // 1/den_j
      mul(s, ACC, den, 4 * j, s, ACC);
      copy(s, T1, den, 4 * j);
    }
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

  private void pointY(int i, boolean negate, long[] out, int oo) {
    if (negate) {
      neg(by, 4 * i, out, oo);
    } else {
      copy(by, 4 * i, out, oo);
    }
  }
}
