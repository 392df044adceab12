package io.vnft.zk.curve.internal.vector;

import static io.vnft.zk.curve.internal.vector.LaneFp.L;
import static io.vnft.zk.curve.internal.vector.LaneFp.W;

import io.vnft.zk.curve.internal.G1BatchAdder;
import io.vnft.zk.field.FpOps;

/**
 * Internal, not for users: {@link G1BatchAdder} on {@link LaneFp}, L additions per step. The
 * operands are gathered into lane blocks (scalar conversion to balanced 52-bit limbs), the
 * denominators inverted with Montgomery's trick run as L interleaved chains (the L chain
 * products are inverted together with FpOps: one inversion per batch), then lambda, x3 and y3 per
 * block, and the results converted back to fully reduced FpOps limbs. Six lane multiplications per
 * block of L additions. Not thread-safe (scratch).
 */
final class VectorG1BatchAdder implements G1BatchAdder {
  private final LaneFp f = new LaneFp();
  private long[] xa = new long[0];
  private long[] ya = new long[0];
  private long[] xq = new long[0];
  private long[] yq = new long[0];
  private long[] den = new long[0];
  private long[] pre = new long[0];
  private final long[] acc = new long[W];
  private final long[] one = new long[W];
  private final long[] lanes = new long[4 * L];
  private final long[] lanePre = new long[4 * L];
  private final long[] s = new long[8];

  VectorG1BatchAdder() {
    long[] o = new long[4];
    FpOps.setOne(o, 0);
    for (int l = 0; l < L; l++) {
      LaneFp.load(o, 0, false, one, 0, l);
    }
  }

  private void ensure(int blocks) {
    int need = blocks * W;
    if (xa.length < need) {
      xa = new long[need];
      ya = new long[need];
      xq = new long[need];
      yq = new long[need];
      den = new long[need];
      pre = new long[need];
    }
  }

  @Override
  public void addAll(long[] a, int[] accOff, long[] qx, long[] qy, int[] qOff, int qyShift, boolean[] qNeg, int cnt) {
    if (cnt == 0) {
      return;
    }
    int blocks = (cnt + L - 1) / L;
    ensure(blocks);
    for (int j = 0; j < cnt; j++) {
      int b = (j / L) * W;
      int l = j % L;
      int ao = accOff[j];
      int qo = qOff[j];
      LaneFp.load(a, ao, false, xa, b, l);
      LaneFp.load(a, ao + 4, false, ya, b, l);
      LaneFp.load(qx, qo, false, xq, b, l);
      LaneFp.load(qy, qo + qyShift, qNeg != null && qNeg[j], yq, b, l);
    }
    // padding lanes: A = (0, 0), Q = (one, 0), so the denominator is one (never zero)
    for (int j = cnt; j < blocks * L; j++) {
      int b = (j / L) * W;
      int l = j % L;
      for (int i = 0; i < 5; i++) {
        xa[b + L * i + l] = 0;
        ya[b + L * i + l] = 0;
        xq[b + L * i + l] = one[L * i + l];
        yq[b + L * i + l] = 0;
      }
    }
    // forward: den = xQ - xA, pre = running product before it, per lane
    System.arraycopy(one, 0, acc, 0, W);
    for (int b = 0; b < blocks * W; b += W) {
      LaneFp.sub(xq, b, xa, b, den, b);
      System.arraycopy(acc, 0, pre, b, W);
      f.mul(acc, 0, den, b, acc, 0);
    }
    invertLanes();
    // backward: pre := 1 / den, acc := 1 / (product of the earlier dens)
    for (int b = (blocks - 1) * W; b >= 0; b -= W) {
      f.mul(acc, 0, pre, b, pre, b);
      f.mul(acc, 0, den, b, acc, 0);
    }
    // lambda = (yQ - yA) / (xQ - xA), x3 = lambda^2 - xA - xQ, y3 = lambda (xA - x3) - yA;
    // den and yq are reused for lambda and x3, xq for the products
    for (int b = 0; b < blocks * W; b += W) {
      LaneFp.sub(yq, b, ya, b, yq, b);
      f.mul(yq, b, pre, b, yq, b);            // lambda
      f.mul(yq, b, yq, b, den, b);
      LaneFp.sub(den, b, xa, b, den, b);
      LaneFp.sub(den, b, xq, b, den, b);      // x3
      LaneFp.sub(xa, b, den, b, xq, b);
      f.mul(yq, b, xq, b, xq, b);
      LaneFp.sub(xq, b, ya, b, xq, b);        // y3
    }
    for (int j = 0; j < cnt; j++) {
      int b = (j / L) * W;
      int l = j % L;
      LaneFp.store(den, b, l, a, accOff[j]);
      LaneFp.store(xq, b, l, a, accOff[j] + 4);
    }
  }

  // acc's L lanes := their inverses (FpOps, Montgomery's trick over the lanes: one inversion)
  private void invertLanes() {
    FpOps.setOne(s, 0);
    for (int l = 0; l < L; l++) {
      LaneFp.store(acc, 0, l, lanes, 4 * l);
      FpOps.copy(s, 0, lanePre, 4 * l);
      FpOps.mul(s, 0, lanes, 4 * l, s, 0);
    }
    FpOps.inverse(s, 0, s, 0);
    for (int l = L - 1; l >= 0; l--) {
      FpOps.mul(s, 0, lanePre, 4 * l, s, 4);
      FpOps.mul(s, 0, lanes, 4 * l, s, 0);
      LaneFp.load(s, 4, false, acc, 0, l);
    }
  }

  @Override
  public void mulAll(long[] a, long[] b, long[] c, int n) {
    int blocks = (n + L - 1) / L;
    ensure(blocks);
    for (int j = 0; j < blocks * L; j++) {
      int bo = (j / L) * W;
      int l = j % L;
      int src = 4 * Math.min(j, n - 1);
      LaneFp.load(a, src, false, xa, bo, l);
      LaneFp.load(b, src, false, xq, bo, l);
    }
    for (int bo = 0; bo < blocks * W; bo += W) {
      f.mul(xa, bo, xq, bo, xa, bo);
    }
    for (int j = 0; j < n; j++) {
      LaneFp.store(xa, (j / L) * W, j % L, c, 4 * j);
    }
  }
}
