package io.vnft.zk.curve.internal;

import static io.vnft.zk.field.FpOps.add;
import static io.vnft.zk.field.FpOps.copy;
import static io.vnft.zk.field.FpOps.inverse;
import static io.vnft.zk.field.FpOps.mul;
import static io.vnft.zk.field.FpOps.setOne;
import static io.vnft.zk.field.FpOps.square;
import static io.vnft.zk.field.FpOps.sub;

/**
 * Internal, not for users (may change without notice): {@link G1BatchAdder} on {@link
 * io.vnft.zk.field.FpOps}: denominators inverted together with Montgomery's trick (one inversion,
 * 3 (cnt - 1) multiplications), then lambda, x3, y3 (three more). About 6 multiplications per
 * addition. Not thread-safe (scratch).
 */
public final class ScalarG1BatchAdder implements G1BatchAdder {
  static final BatchAdderProvider PROVIDER = new BatchAdderProvider() {
    @Override
    public String name() {
      return "scalar";
    }

    @Override
    public boolean usable() {
      return true;
    }

    @Override
    public G1BatchAdder g1() {
      return new ScalarG1BatchAdder();
    }

    @Override
    public G2BatchAdder g2() {
      return new ScalarG2BatchAdder();
    }
  };

  private long[] den = new long[0];
  private long[] pre = new long[0];
  private final long[] s = new long[4 * 5];

  @Override
  public void addAll(long[] acc, int[] accOff, long[] qx, long[] qy, int[] qOff, int qyShift, boolean[] qNeg, int cnt) {
    if (cnt == 0) {
      return;
    }
    if (den.length < 4 * cnt) {
      den = new long[4 * cnt];
      pre = new long[4 * cnt];
    }
    final int L = 0, X3 = 4, T1 = 8, ACC = 12, T2 = 16;
    for (int j = 0; j < cnt; j++) {
      sub(qx, qOff[j], acc, accOff[j], den, 4 * j);
    }
    invertAll(den, pre, cnt, s, ACC, T2);
    for (int j = 0; j < cnt; j++) {
      int ao = accOff[j];
      int xo = qOff[j];
      int yo = xo + qyShift;
      // l = (yQ - yA) / (xQ - xA); for a negated Q' = (xQ, -yQ) this computes l' = (yQ + yA) / (xQ - xA)
      // = -l instead (no negation of yQ): l'^2 = l^2 and y3 = l (xA - x3) - yA = l' (x3 - xA) - yA
      boolean ng = qNeg != null && qNeg[j];
      if (ng) {
        add(qy, yo, acc, ao + 4, s, L);
      } else {
        sub(qy, yo, acc, ao + 4, s, L);
      }
      mul(s, L, den, 4 * j, s, L);
      square(s, L, s, X3);
      sub(s, X3, acc, ao, s, X3);
      sub(s, X3, qx, xo, s, X3);                 // x3 = l^2 - xA - xQ
      if (ng) {
        sub(s, X3, acc, ao, s, T1);
      } else {
        sub(acc, ao, s, X3, s, T1);
      }
      mul(s, L, s, T1, s, T1);
      sub(s, T1, acc, ao + 4, acc, ao + 4);      // y3 = l (xA - x3) - yA
      copy(s, X3, acc, ao);
    }
  }

  @Override
  public void mulAll(long[] a, long[] b, long[] c, int n) {
    for (int j = 0; j < n; j++) {
      mul(a, 4 * j, b, 4 * j, c, 4 * j);
    }
  }

  /**
   * d[0..np) := their inverses by Montgomery's trick (one inversion, 3 (np - 1) multiplications);
   * none may be zero. pre holds np prefix products; s[acc..acc+3] and s[t..t+3] are scratch.
   */
  static void invertAll(long[] d, long[] pre, int np, long[] s, int acc, int t) {
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
}
