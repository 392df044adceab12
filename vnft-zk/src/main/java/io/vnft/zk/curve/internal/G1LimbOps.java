package io.vnft.zk.curve.internal;

import static io.vnft.zk.field.FpOps.add;
import static io.vnft.zk.field.FpOps.copy;
import static io.vnft.zk.field.FpOps.isZero;
import static io.vnft.zk.field.FpOps.mul;
import static io.vnft.zk.field.FpOps.mulSum;
import static io.vnft.zk.field.FpOps.neg;
import static io.vnft.zk.field.FpOps.setOne;
import static io.vnft.zk.field.FpOps.setZero;
import static io.vnft.zk.field.FpOps.square;
import static io.vnft.zk.field.FpOps.sub;

import io.vnft.zk.curve.G1Point;
import io.vnft.zk.field.Fp;
import io.vnft.zk.field.FpOps;

/**
 * Internal, not for users (may change without notice): allocation-free G1 Jacobian arithmetic on
 * Montgomery limbs ({@link FpOps}) used by the MSM and the prover. A Jacobian point is 12 longs
 * (X, Y, Z, 4 limbs each) at an offset, affine (X/Z^2, Y/Z^3); Z = 0 means infinity. Formulas:
 * dbl-2009-l, madd-2007-bl, add-2007-bl from the Explicit-Formulas Database (a = 0).
 *
 * <p>Thread-safety: an instance holds scratch space, so use one instance per thread. No checks:
 * inputs must be valid reduced limbs.
 */
public final class G1LimbOps {
  /** A new instance with its own scratch space. */
  public G1LimbOps() {}

  private final long[] t = new long[4 * 12];
  private static final int Z1Z1 = 0, U2 = 4, S2 = 8, H = 12, R = 16, HH = 20, I = 24, J = 28, V = 32, T1 = 36,
      T2 = 40, T3 = 44;

  /**
   * Sets point at (p, po) to infinity.
   *
   * @param p array holding a Jacobian G1 point (12 longs: X, Y, Z; Z = 0 is infinity)
   * @param po offset of the point in p, in longs
   */
  public static void setInf(long[] p, int po) {
    setZero(p, po);
    setZero(p, po + 4);
    setZero(p, po + 8);
  }

  /**
   * True if the Jacobian point at (p, po) is infinity (Z = 0).
   *
   * @param p array holding a Jacobian G1 point (12 longs: X, Y, Z; Z = 0 is infinity)
   * @param po offset of the point in p, in longs
   * @return whether Z is zero
   */
  public static boolean isInf(long[] p, int po) {
    return isZero(p, po + 8);
  }

  /**
   * P += (x, y) affine, with (x, y) at bx[bo], by[bo] and y negated if negY.
   *
   * @param p array holding a Jacobian G1 point (12 longs: X, Y, Z; Z = 0 is infinity)
   * @param po offset of the point in p, in longs
   * @param bx array holding the affine x coordinate (4 longs, Montgomery form)
   * @param by array holding the affine y coordinate (4 longs)
   * @param bo offset of x in bx and of y in by, in longs
   * @param negY whether to add (x, -y) instead of (x, y)
   */
  public void addAffine(long[] p, int po, long[] bx, long[] by, int bo, boolean negY) {
    addAffine(p, po, bx, bo, by, bo, negY);
  }

  /**
   * P += (x, y) affine, with x at bx[xo], y at by[yo] and y negated if negY.
   *
   * @param p array holding a Jacobian G1 point (12 longs: X, Y, Z; Z = 0 is infinity)
   * @param po offset of the point in p, in longs
   * @param bx array holding the affine x coordinate (4 longs, Montgomery form)
   * @param xo offset of x in bx, in longs
   * @param by array holding the affine y coordinate (4 longs)
   * @param yo offset of y in by, in longs
   * @param negY whether to add (x, -y) instead of (x, y)
   */
  public void addAffine(long[] p, int po, long[] bx, int xo, long[] by, int yo, boolean negY) {
    long[] s = t;
    if (isInf(p, po)) {
      copy(bx, xo, p, po);
      if (negY) {
        neg(by, yo, p, po + 4);
      } else {
        copy(by, yo, p, po + 4);
      }
      setOne(p, po + 8);
      return;
    }
    final int x1 = po, y1 = po + 4, z1 = po + 8;
    square(p, z1, s, Z1Z1);
    mul(bx, xo, s, Z1Z1, s, U2);
    mul(p, z1, s, Z1Z1, s, S2);
    if (negY) {
      neg(by, yo, s, T3);
      mul(s, T3, s, S2, s, S2);
    } else {
      mul(by, yo, s, S2, s, S2);
    }
    sub(s, U2, p, x1, s, H);
    sub(s, S2, p, y1, s, R);
    if (isZero(s, H)) {
      if (isZero(s, R)) {
        dbl(p, po);
      } else {
        setInf(p, po);
      }
      return;
    }
    square(s, H, s, HH);
    add(s, HH, s, HH, s, I);
    add(s, I, s, I, s, I); // I = 4 HH
    mul(s, H, s, I, s, J);
    add(s, R, s, R, s, R); // r = 2 (S2 - Y1)
    mul(p, x1, s, I, s, V);
    // Z3 = (Z1 + H)^2 - Z1Z1 - HH (uses old Z1)
    add(p, z1, s, H, s, T1);
    square(s, T1, s, T1);
    sub(s, T1, s, Z1Z1, s, T1);
    sub(s, T1, s, HH, p, z1);
    // -2 Y1 (Y1 is overwritten last)
    neg(p, y1, s, T2);
    add(s, T2, s, T2, s, T2);
    // X3 = r^2 - J - 2V
    square(s, R, s, T1);
    sub(s, T1, s, J, s, T1);
    sub(s, T1, s, V, s, T1);
    sub(s, T1, s, V, p, x1);
    // Y3 = r (V - X3) + (-2 Y1) J with one reduction
    sub(s, V, p, x1, s, T1);
    mulSum(s, R, s, T1, s, T2, s, J, p, y1);
  }

  /**
   * P = 2P (dbl-2009-l, a = 0).
   *
   * @param p array holding a Jacobian G1 point (12 longs: X, Y, Z; Z = 0 is infinity)
   * @param po offset of the point in p, in longs
   */
  public void dbl(long[] p, int po) {
    long[] s = t;
    if (isInf(p, po)) {
      return;
    }
    final int x1 = po, y1 = po + 4, z1 = po + 8;
    final int A = Z1Z1, B = U2, C = S2, D = H, E = R, F = HH;
    square(p, x1, s, A);
    square(p, y1, s, B);
    square(s, B, s, C);
    add(p, x1, s, B, s, D);
    square(s, D, s, D);
    sub(s, D, s, A, s, D);
    sub(s, D, s, C, s, D);
    add(s, D, s, D, s, D);
    add(s, A, s, A, s, E);
    add(s, E, s, A, s, E);
    square(s, E, s, F);
    // Z3 = 2 Y1 Z1 (before Y1 changes)
    mul(p, y1, p, z1, p, z1);
    add(p, z1, p, z1, p, z1);
    // X3 = F - 2D
    sub(s, F, s, D, s, T1);
    sub(s, T1, s, D, p, x1);
    // Y3 = E (D - X3) - 8C
    sub(s, D, p, x1, s, T1);
    mul(s, E, s, T1, s, T1);
    add(s, C, s, C, s, C);
    add(s, C, s, C, s, C);
    add(s, C, s, C, s, C);
    sub(s, T1, s, C, p, y1);
  }

  /**
   * P += Q, both Jacobian (add-2007-bl). Q may not alias P.
   *
   * @param p array holding a Jacobian G1 point (12 longs: X, Y, Z; Z = 0 is infinity)
   * @param po offset of the point in p, in longs
   * @param q array holding the Jacobian point Q (12 longs); must not overlap P
   * @param qo offset of Q in q, in longs
   */
  public void addJac(long[] p, int po, long[] q, int qo) {
    long[] s = t;
    if (isInf(q, qo)) {
      return;
    }
    if (isInf(p, po)) {
      System.arraycopy(q, qo, p, po, 12);
      return;
    }
    final int x1 = po, y1 = po + 4, z1 = po + 8, x2 = qo, y2 = qo + 4, z2 = qo + 8;
    final int Z2Z2 = HH, U1 = I, S1 = J;
    square(p, z1, s, Z1Z1);
    square(q, z2, s, Z2Z2);
    mul(p, x1, s, Z2Z2, s, U1);
    mul(q, x2, s, Z1Z1, s, U2);
    mul(p, y1, q, z2, s, S1);
    mul(s, S1, s, Z2Z2, s, S1);
    mul(q, y2, p, z1, s, S2);
    mul(s, S2, s, Z1Z1, s, S2);
    sub(s, U2, s, U1, s, H);
    sub(s, S2, s, S1, s, R);
    if (isZero(s, H)) {
      if (isZero(s, R)) {
        dbl(p, po);
      } else {
        setInf(p, po);
      }
      return;
    }
    add(s, R, s, R, s, R);
    // Z3 = ((Z1 + Z2)^2 - Z1Z1 - Z2Z2) H
    add(p, z1, q, z2, s, T1);
    square(s, T1, s, T1);
    sub(s, T1, s, Z1Z1, s, T1);
    sub(s, T1, s, Z2Z2, s, T1);
    mul(s, T1, s, H, p, z1);
    // I = (2H)^2 ; J = H I ; V = U1 I   (reuse: T2 = I, T3 = J', V)
    add(s, H, s, H, s, T2);
    square(s, T2, s, T2);
    mul(s, H, s, T2, s, T3);
    mul(s, U1, s, T2, s, V);
    // X3 = r^2 - J - 2V
    square(s, R, s, T1);
    sub(s, T1, s, T3, s, T1);
    sub(s, T1, s, V, s, T1);
    sub(s, T1, s, V, p, x1);
    // Y3 = r (V - X3) + (-2 S1) J with one reduction
    neg(s, S1, s, T2);
    add(s, T2, s, T2, s, T2);
    sub(s, V, p, x1, s, T1);
    mulSum(s, R, s, T1, s, T2, s, T3, p, y1);
  }

  /**
   * The affine point of the Jacobian point at (p, po).
   *
   * @param p array holding a Jacobian G1 point (12 longs: X, Y, Z; Z = 0 is infinity); not modified
   * @param po offset of the point in p, in longs
   * @return the point in affine form (infinity if Z is zero); one field inversion
   */
  public static G1Point toAffine(long[] p, int po) {
    if (isInf(p, po)) {
      return G1Point.INFINITY;
    }
    long[] zi = new long[4];
    long[] zi2 = new long[4];
    long[] x = new long[4];
    long[] y = new long[4];
    FpOps.inverse(p, po + 8, zi, 0);
    square(zi, 0, zi2, 0);
    mul(p, po, zi2, 0, x, 0);
    mul(p, po + 4, zi2, 0, y, 0);
    mul(y, 0, zi, 0, y, 0);
    return G1Point.fromUnchecked(Fp.fromMontLimbs(x, 0), Fp.fromMontLimbs(y, 0));
  }
}
