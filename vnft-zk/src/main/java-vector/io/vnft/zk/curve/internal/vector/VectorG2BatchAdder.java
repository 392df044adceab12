package io.vnft.zk.curve.internal.vector;

import static io.vnft.zk.curve.internal.vector.LaneFp.L;
import static io.vnft.zk.curve.internal.vector.LaneFp.W;

import io.vnft.zk.curve.internal.G2BatchAdder;
import io.vnft.zk.field.FpOps;

/**
 * Internal, not for users: {@link G2BatchAdder} on {@link LaneFp}, L additions per step. An Fp2
 * element is two lane blocks (c0, c1; u^2 = -1). The denominators d are inverted through their
 * norms N(d) = d0^2 + d1^2 (Montgomery's trick as L interleaved chains, the L chain products
 * inverted together with FpOps), 1/d = conj(d) / N(d); then lambda, x3, y3 with schoolbook Fp2
 * products (four lane products each: no sums of sums, so the bounds below stay small). Per block
 * of L additions: 17 lane multiplications.
 *
 * <p>Bounds (magnitudes, inputs fully reduced, a lane product below |a b| / 2^256 + p / 2 with
 * p / 2^256 &lt; 0.19): d_i &lt; p, N &lt; 1.4p, chain values &lt; 0.8p, 1/d parts &lt; 0.7p, numerator
 * parts &lt; 2p, lambda parts &lt; 1.5p, lambda^2 parts &lt; 1.9p, x3 parts &lt; 3.9p, xA - x3 &lt; 4.9p, y3
 * parts &lt; 4.8p: all below the 8p that {@link LaneFp#store} accepts. Not thread-safe (scratch).
 */
final class VectorG2BatchAdder implements G2BatchAdder {
  private final LaneFp f = new LaneFp();
  // Fp2 blocks: element j at block j / L, c0 at 2 W (j / L), c1 at 2 W (j / L) + W
  private long[] xa = new long[0];
  private long[] ya = new long[0];
  private long[] xq = new long[0];
  private long[] yq = new long[0];
  private long[] den = new long[0];
  // Fp blocks
  private long[] nrm = new long[0];
  private long[] pre = new long[0];
  private final long[] acc = new long[W];
  private final long[] one = new long[W];
  private final long[] u = new long[2 * W];
  private final long[] v = new long[2 * W];
  private final long[] t0 = new long[W];
  private final long[] zero = new long[W];
  private final long[] lanes = new long[4 * L];
  private final long[] lanePre = new long[4 * L];
  private final long[] s = new long[8];

  VectorG2BatchAdder() {
    long[] o = new long[4];
    FpOps.setOne(o, 0);
    for (int l = 0; l < L; l++) {
      LaneFp.load(o, 0, false, one, 0, l);
    }
  }

  private void ensure(int blocks) {
    if (nrm.length < blocks * W) {
      xa = new long[2 * blocks * W];
      ya = new long[2 * blocks * W];
      xq = new long[2 * blocks * W];
      yq = new long[2 * blocks * W];
      den = new long[2 * blocks * W];
      nrm = new long[blocks * W];
      pre = new long[blocks * W];
    }
  }

  private static void load2(long[] src, int so, boolean negate, long[] dst, int b2, int l) {
    LaneFp.load(src, so, negate, dst, b2, l);
    LaneFp.load(src, so + 4, negate, dst, b2 + W, l);
  }

  /** c = a b in Fp2 (schoolbook); a, b, c blocks pairs at their offsets; c must not alias a or b. */
  private void mul2(long[] a, int ao, long[] b, int bo, long[] c, int co) {
    f.mul(a, ao, b, bo, c, co);                // a0 b0
    f.mul(a, ao + W, b, bo + W, t0, 0);        // a1 b1
    LaneFp.sub(c, co, t0, 0, c, co);           // c0 = a0 b0 - a1 b1
    f.mul(a, ao, b, bo + W, c, co + W);        // a0 b1
    f.mul(a, ao + W, b, bo, t0, 0);            // a1 b0
    LaneFp.add(c, co + W, t0, 0, c, co + W);   // c1 = a0 b1 + a1 b0
  }

  @Override
  public void addAll(long[] ax, long[] ay, int[] aOff, long[] qx, long[] qy, int[] qOff, boolean[] qNeg, int cnt) {
    if (cnt == 0) {
      return;
    }
    int blocks = (cnt + L - 1) / L;
    ensure(blocks);
    for (int j = 0; j < cnt; j++) {
      int b2 = 2 * W * (j / L);
      int l = j % L;
      load2(ax, aOff[j], false, xa, b2, l);
      load2(ay, aOff[j], false, ya, b2, l);
      load2(qx, qOff[j], false, xq, b2, l);
      load2(qy, qOff[j], qNeg != null && qNeg[j], yq, b2, l);
    }
    // padding lanes: A = (0, 0), Q = (one, 0): denominator one
    for (int j = cnt; j < blocks * L; j++) {
      int b2 = 2 * W * (j / L);
      int l = j % L;
      for (int i = 0; i < 5; i++) {
        int o = b2 + L * i + l;
        xa[o] = 0;
        xa[o + W] = 0;
        ya[o] = 0;
        ya[o + W] = 0;
        xq[o] = one[L * i + l];
        xq[o + W] = 0;
        yq[o] = 0;
        yq[o + W] = 0;
      }
    }
    // forward: d = xQ - xA, N = d0^2 + d1^2, pre = chain product before N
    System.arraycopy(one, 0, acc, 0, W);
    for (int b = 0; b < blocks; b++) {
      int b2 = 2 * W * b;
      int b1 = W * b;
      LaneFp.sub(xq, b2, xa, b2, den, b2);
      LaneFp.sub(xq, b2 + W, xa, b2 + W, den, b2 + W);
      f.mul(den, b2, den, b2, nrm, b1);
      f.mul(den, b2 + W, den, b2 + W, t0, 0);
      LaneFp.add(nrm, b1, t0, 0, nrm, b1);
      System.arraycopy(acc, 0, pre, b1, W);
      f.mul(acc, 0, nrm, b1, acc, 0);
    }
    invertLanes();
    // backward: pre := 1 / N, then den := conj(d) / N = 1 / d
    for (int b = blocks - 1; b >= 0; b--) {
      int b2 = 2 * W * b;
      int b1 = W * b;
      f.mul(acc, 0, pre, b1, pre, b1);
      f.mul(acc, 0, nrm, b1, acc, 0);
      f.mul(den, b2, pre, b1, den, b2);
      f.mul(den, b2 + W, pre, b1, t0, 0);
      LaneFp.sub(zero, 0, t0, 0, den, b2 + W);
    }
    for (int b = 0; b < blocks; b++) {
      int b2 = 2 * W * b;
      // u = yQ - yA; lambda (in v) = u / d
      LaneFp.sub(yq, b2, ya, b2, u, 0);
      LaneFp.sub(yq, b2 + W, ya, b2 + W, u, W);
      mul2(u, 0, den, b2, v, 0);
      // u = lambda^2 = (l0^2 - l1^2, 2 l0 l1)
      f.mul(v, 0, v, 0, u, 0);
      f.mul(v, W, v, W, t0, 0);
      LaneFp.sub(u, 0, t0, 0, u, 0);
      f.mul(v, 0, v, W, u, W);
      LaneFp.add(u, W, u, W, u, W);
      // x3 = lambda^2 - xA - xQ, into xq (xQ is not needed after this)
      for (int c = 0; c < 2; c++) {
        int o = b2 + c * W;
        LaneFp.sub(u, c * W, xa, o, u, c * W);
        LaneFp.sub(u, c * W, xq, o, xq, o);
        LaneFp.sub(xa, o, xq, o, u, c * W);      // u = xA - x3
      }
      // y3 = lambda (xA - x3) - yA, into yq
      mul2(v, 0, u, 0, yq, b2);
      LaneFp.sub(yq, b2, ya, b2, yq, b2);
      LaneFp.sub(yq, b2 + W, ya, b2 + W, yq, b2 + W);
    }
    for (int j = 0; j < cnt; j++) {
      int b2 = 2 * W * (j / L);
      int l = j % L;
      LaneFp.store(xq, b2, l, ax, aOff[j]);
      LaneFp.store(xq, b2 + W, l, ax, aOff[j] + 4);
      LaneFp.store(yq, b2, l, ay, aOff[j]);
      LaneFp.store(yq, b2 + W, l, ay, aOff[j] + 4);
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
}
