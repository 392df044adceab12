package io.vnft.zk.curve.internal;

import io.vnft.zk.curve.G2Point;
import io.vnft.zk.field.Fp;
import io.vnft.zk.field.Fp2;
import io.vnft.zk.field.FpOps;

/**
 * Internal, not for users (may change without notice): allocation-free G2 Jacobian arithmetic on
 * Montgomery limbs, the Fp2 counterpart of {@link G1LimbOps}. An Fp2 element is 8 longs (c0 then
 * c1, 4 limbs each, u^2 = -1); a Jacobian point is 24 longs (X, Y, Z); Z = 0 means infinity. Same
 * formulas as G1 (a = 0; the twist's b does not enter them).
 *
 * <p>Thread-safety: an instance holds scratch space, so use one instance per thread. No checks.
 */
public final class G2LimbOps {
  /** A new instance with its own scratch space. */
  public G2LimbOps() {}

  private final long[] t = new long[8 * 12];
  private final long[] u = new long[4 * 4]; // Fp2 multiplication scratch
  private static final int Z1Z1 = 0, U2 = 8, S2 = 16, H = 24, R = 32, HH = 40, I = 48, J = 56, V = 64, T1 = 72,
      T2 = 80, T3 = 88;

  /**
   * Sets point at (p, po) to infinity.
   *
   * @param p array holding a Jacobian G2 point (24 longs: X, Y, Z; Z = 0 is infinity)
   * @param po offset of the point in p, in longs
   */
  public static void setInf(long[] p, int po) {
    setZero2(p, po);
    setZero2(p, po + 8);
    setZero2(p, po + 16);
  }

  /**
   * True if the Jacobian point at (p, po) is infinity (Z = 0).
   *
   * @param p array holding a Jacobian G2 point (24 longs: X, Y, Z; Z = 0 is infinity)
   * @param po offset of the point in p, in longs
   * @return whether Z is zero
   */
  public static boolean isInf(long[] p, int po) {
    return isZero2(p, po + 16);
  }

  /**
   * P += (x, y) affine, with (x, y) at bx[bo], by[bo] and y negated if negY.
   *
   * @param p array holding a Jacobian G2 point (24 longs: X, Y, Z; Z = 0 is infinity)
   * @param po offset of the point in p, in longs
   * @param bx array holding the affine x coordinate (8 longs, Montgomery form)
   * @param by array holding the affine y coordinate (8 longs)
   * @param bo offset of x in bx and of y in by, in longs
   * @param negY whether to add (x, -y) instead of (x, y)
   */
  public void addAffine(long[] p, int po, long[] bx, long[] by, int bo, boolean negY) {
    long[] s = t;
    if (isInf(p, po)) {
      copy2(bx, bo, p, po);
      if (negY) {
        neg2(by, bo, p, po + 8);
      } else {
        copy2(by, bo, p, po + 8);
      }
      setOne2(p, po + 16);
      return;
    }
    final int x1 = po, y1 = po + 8, z1 = po + 16;
    sq2(p, z1, s, Z1Z1);
    m2(bx, bo, s, Z1Z1, s, U2);
    m2(p, z1, s, Z1Z1, s, S2);
    if (negY) {
      neg2(by, bo, s, T3);
      m2(s, T3, s, S2, s, S2);
    } else {
      m2(by, bo, s, S2, s, S2);
    }
    sub2(s, U2, p, x1, s, H);
    sub2(s, S2, p, y1, s, R);
    if (isZero2(s, H)) {
      if (isZero2(s, R)) {
        dbl(p, po);
      } else {
        setInf(p, po);
      }
      return;
    }
    sq2(s, H, s, HH);
    add2(s, HH, s, HH, s, I);
    add2(s, I, s, I, s, I); // I = 4 HH
    m2(s, H, s, I, s, J);
    add2(s, R, s, R, s, R); // r = 2 (S2 - Y1)
    m2(p, x1, s, I, s, V);
    // Z3 = (Z1 + H)^2 - Z1Z1 - HH (uses old Z1)
    add2(p, z1, s, H, s, T1);
    sq2(s, T1, s, T1);
    sub2(s, T1, s, Z1Z1, s, T1);
    sub2(s, T1, s, HH, p, z1);
    // Y1 * J before Y1 is overwritten
    m2(p, y1, s, J, s, T2);
    add2(s, T2, s, T2, s, T2);
    // X3 = r^2 - J - 2V
    sq2(s, R, s, T1);
    sub2(s, T1, s, J, s, T1);
    sub2(s, T1, s, V, s, T1);
    sub2(s, T1, s, V, p, x1);
    // Y3 = r (V - X3) - 2 Y1 J
    sub2(s, V, p, x1, s, T1);
    m2(s, R, s, T1, s, T1);
    sub2(s, T1, s, T2, p, y1);
  }

  /**
   * P = 2P (dbl-2009-l, a = 0).
   *
   * @param p array holding a Jacobian G2 point (24 longs: X, Y, Z; Z = 0 is infinity)
   * @param po offset of the point in p, in longs
   */
  public void dbl(long[] p, int po) {
    long[] s = t;
    if (isInf(p, po)) {
      return;
    }
    final int x1 = po, y1 = po + 8, z1 = po + 16;
    final int A = Z1Z1, B = U2, C = S2, D = H, E = R, F = HH;
    sq2(p, x1, s, A);
    sq2(p, y1, s, B);
    sq2(s, B, s, C);
    add2(p, x1, s, B, s, D);
    sq2(s, D, s, D);
    sub2(s, D, s, A, s, D);
    sub2(s, D, s, C, s, D);
    add2(s, D, s, D, s, D);
    add2(s, A, s, A, s, E);
    add2(s, E, s, A, s, E);
    sq2(s, E, s, F);
    // Z3 = 2 Y1 Z1 (before Y1 changes)
    m2(p, y1, p, z1, p, z1);
    add2(p, z1, p, z1, p, z1);
    // X3 = F - 2D
    sub2(s, F, s, D, s, T1);
    sub2(s, T1, s, D, p, x1);
    // Y3 = E (D - X3) - 8C
    sub2(s, D, p, x1, s, T1);
    m2(s, E, s, T1, s, T1);
    add2(s, C, s, C, s, C);
    add2(s, C, s, C, s, C);
    add2(s, C, s, C, s, C);
    sub2(s, T1, s, C, p, y1);
  }

  /**
   * P += Q, both Jacobian (add-2007-bl). Q may not alias P.
   *
   * @param p array holding a Jacobian G2 point (24 longs: X, Y, Z; Z = 0 is infinity)
   * @param po offset of the point in p, in longs
   * @param q array holding the Jacobian point Q (24 longs); must not overlap P
   * @param qo offset of Q in q, in longs
   */
  public void addJac(long[] p, int po, long[] q, int qo) {
    long[] s = t;
    if (isInf(q, qo)) {
      return;
    }
    if (isInf(p, po)) {
      System.arraycopy(q, qo, p, po, 24);
      return;
    }
    final int x1 = po, y1 = po + 8, z1 = po + 16, x2 = qo, y2 = qo + 8, z2 = qo + 16;
    final int Z2Z2 = HH, U1 = I, S1 = J;
    sq2(p, z1, s, Z1Z1);
    sq2(q, z2, s, Z2Z2);
    m2(p, x1, s, Z2Z2, s, U1);
    m2(q, x2, s, Z1Z1, s, U2);
    m2(p, y1, q, z2, s, S1);
    m2(s, S1, s, Z2Z2, s, S1);
    m2(q, y2, p, z1, s, S2);
    m2(s, S2, s, Z1Z1, s, S2);
    sub2(s, U2, s, U1, s, H);
    sub2(s, S2, s, S1, s, R);
    if (isZero2(s, H)) {
      if (isZero2(s, R)) {
        dbl(p, po);
      } else {
        setInf(p, po);
      }
      return;
    }
    add2(s, R, s, R, s, R);
    // Z3 = ((Z1 + Z2)^2 - Z1Z1 - Z2Z2) H
    add2(p, z1, q, z2, s, T1);
    sq2(s, T1, s, T1);
    sub2(s, T1, s, Z1Z1, s, T1);
    sub2(s, T1, s, Z2Z2, s, T1);
    m2(s, T1, s, H, p, z1);
    // I = (2H)^2 ; J = H I ; V = U1 I   (reuse: T2 = I, T3 = J', V)
    add2(s, H, s, H, s, T2);
    sq2(s, T2, s, T2);
    m2(s, H, s, T2, s, T3);
    m2(s, U1, s, T2, s, V);
    // X3 = r^2 - J - 2V
    sq2(s, R, s, T1);
    sub2(s, T1, s, T3, s, T1);
    sub2(s, T1, s, V, s, T1);
    sub2(s, T1, s, V, p, x1);
    // Y3 = r (V - X3) - 2 S1 J
    m2(s, S1, s, T3, s, T2);
    add2(s, T2, s, T2, s, T2);
    sub2(s, V, p, x1, s, T1);
    m2(s, R, s, T1, s, T1);
    sub2(s, T1, s, T2, p, y1);
  }

  // ---- Fp2 on limbs: element = 8 longs (c0, c1) ----

  /**
   * out = a * b in Fp2: (a0 b0 - a1 b1, a0 b1 + a1 b0), each part one {@link FpOps#mulSum} (two
   * products, one reduction), which beats Karatsuba's 3 multiplications + 5 additions. Out may alias.
   *
   * @param a first operand, an Fp2 element (8 longs, reduced)
   * @param ao offset of a in longs
   * @param b second operand, an Fp2 element (8 longs, reduced)
   * @param bo offset of b in longs
   * @param out receives the result (8 longs); may alias an input
   * @param oo offset of the result in out, in longs
   */
  public void m2(long[] a, int ao, long[] b, int bo, long[] out, int oo) {
    long[] w = u;
    FpOps.neg(b, bo + 4, w, 0);                                 // -b1
    FpOps.mulSum(a, ao, b, bo + 4, a, ao + 4, b, bo, w, 4);     // a0 b1 + a1 b0
    FpOps.mulSum(a, ao, b, bo, a, ao + 4, w, 0, out, oo);       // a0 b0 - a1 b1
    FpOps.copy(w, 4, out, oo + 4);
  }

  /**
   * out = a^2 in Fp2.
   *
   * @param a the operand, an Fp2 element (8 longs, reduced)
   * @param ao offset of a in longs
   * @param out receives the result (8 longs); may alias an input
   * @param oo offset of the result in out, in longs
   */
  public void sq2(long[] a, int ao, long[] out, int oo) {
    long[] w = u;
    FpOps.add(a, ao, a, ao + 4, w, 0);
    FpOps.sub(a, ao, a, ao + 4, w, 4);
    FpOps.mul(a, ao, a, ao + 4, w, 8);
    FpOps.mul(w, 0, w, 4, out, oo);
    FpOps.add(w, 8, w, 8, out, oo + 4);
  }

  /**
   * out = a + b in Fp2, reduced.
   *
   * @param a first operand, an Fp2 element (8 longs, reduced)
   * @param ao offset of a in longs
   * @param b second operand, an Fp2 element (8 longs, reduced)
   * @param bo offset of b in longs
   * @param out receives the result (8 longs); may alias an input
   * @param oo offset of the result in out, in longs
   */
  public static void add2(long[] a, int ao, long[] b, int bo, long[] out, int oo) {
    FpOps.add(a, ao, b, bo, out, oo);
    FpOps.add(a, ao + 4, b, bo + 4, out, oo + 4);
  }

  /**
   * out = a - b in Fp2, reduced.
   *
   * @param a first operand, an Fp2 element (8 longs, reduced)
   * @param ao offset of a in longs
   * @param b second operand, an Fp2 element (8 longs, reduced)
   * @param bo offset of b in longs
   * @param out receives the result (8 longs); may alias an input
   * @param oo offset of the result in out, in longs
   */
  public static void sub2(long[] a, int ao, long[] b, int bo, long[] out, int oo) {
    FpOps.sub(a, ao, b, bo, out, oo);
    FpOps.sub(a, ao + 4, b, bo + 4, out, oo + 4);
  }

  /**
   * out = -a in Fp2.
   *
   * @param a the operand, an Fp2 element (8 longs, reduced)
   * @param ao offset of a in longs
   * @param out receives the result (8 longs); may alias an input
   * @param oo offset of the result in out, in longs
   */
  public static void neg2(long[] a, int ao, long[] out, int oo) {
    FpOps.neg(a, ao, out, oo);
    FpOps.neg(a, ao + 4, out, oo + 4);
  }

  /**
   * out = a (8 longs).
   *
   * @param a the operand, an Fp2 element (8 longs, reduced)
   * @param ao offset of a in longs
   * @param out receives the result (8 longs); may alias an input
   * @param oo offset of the result in out, in longs
   */
  public static void copy2(long[] a, int ao, long[] out, int oo) {
    System.arraycopy(a, ao, out, oo, 8);
  }

  /**
   * True if the Fp2 element a is zero.
   *
   * @param a the operand, an Fp2 element (8 longs, reduced)
   * @param ao offset of a in longs
   * @return whether all 8 longs are zero
   */
  public static boolean isZero2(long[] a, int ao) {
    return FpOps.isZero(a, ao) && FpOps.isZero(a, ao + 4);
  }

  /**
   * Sets a to the Fp2 one (1 + 0u, Montgomery form).
   *
   * @param a the Fp2 element to set (8 longs)
   * @param ao offset of a in longs
   */
  public static void setOne2(long[] a, int ao) {
    FpOps.setOne(a, ao);
    FpOps.setZero(a, ao + 4);
  }

  /**
   * Sets a to zero.
   *
   * @param a the Fp2 element to set (8 longs)
   * @param ao offset of a in longs
   */
  public static void setZero2(long[] a, int ao) {
    java.util.Arrays.fill(a, ao, ao + 8, 0L);
  }

  /**
   * True if a == b (8 longs each).
   *
   * @param a first operand, an Fp2 element (8 longs, reduced)
   * @param ao offset of a in longs
   * @param b second operand, an Fp2 element (8 longs, reduced)
   * @param bo offset of b in longs
   * @return whether the two elements are equal (limb by limb, so both must be reduced)
   */
  public static boolean eq2(long[] a, int ao, long[] b, int bo) {
    return FpOps.eq(a, ao, b, bo) && FpOps.eq(a, ao + 4, b, bo + 4);
  }

  /**
   * out = a^-1 in Fp2: conj(a) / (a0^2 + a1^2). Throws ArithmeticException for zero.
   *
   * @param a the operand, an Fp2 element (8 longs, reduced)
   * @param ao offset of a in longs
   * @param out receives the result (8 longs); may alias an input
   * @param oo offset of the result in out, in longs
   */
  public void inv2(long[] a, int ao, long[] out, int oo) {
    long[] w = u;
    FpOps.square(a, ao, w, 0);
    FpOps.square(a, ao + 4, w, 4);
    FpOps.add(w, 0, w, 4, w, 0);
    FpOps.inverse(w, 0, w, 0);
    FpOps.mul(a, ao, w, 0, out, oo);
    FpOps.mul(a, ao + 4, w, 0, w, 4);
    FpOps.neg(w, 4, out, oo + 4);
  }

  /**
   * Writes x (8 longs) of an Fp2 element.
   *
   * @param x the element to write
   * @param out receives the limbs of c0 then c1 (Montgomery form)
   * @param oo offset of the result in out, in longs
   */
  public static void fromFp2(Fp2 x, long[] out, int oo) {
    x.c0().copyLimbsTo(out, oo);
    x.c1().copyLimbsTo(out, oo + 4);
  }

  /**
   * The affine point of the Jacobian point at (p, po).
   *
   * @param p array holding a Jacobian G2 point (24 longs: X, Y, Z; Z = 0 is infinity); not modified
   * @param po offset of the point in p, in longs
   * @return the point in affine form (infinity if Z is zero); one field inversion
   */
  public G2Point toAffine(long[] p, int po) {
    if (isInf(p, po)) {
      return G2Point.INFINITY;
    }
    // 1/Z = conj(Z) / |Z|^2
    long[] zi = new long[8];
    long[] nrm = new long[8];
    FpOps.square(p, po + 16, nrm, 0);
    FpOps.square(p, po + 20, nrm, 4);
    FpOps.add(nrm, 0, nrm, 4, nrm, 0);
    FpOps.inverse(nrm, 0, nrm, 0);
    FpOps.mul(p, po + 16, nrm, 0, zi, 0);
    FpOps.mul(p, po + 20, nrm, 0, zi, 4);
    FpOps.neg(zi, 4, zi, 4);
    long[] zi2 = new long[8];
    long[] x = new long[8];
    long[] y = new long[8];
    sq2(zi, 0, zi2, 0);
    m2(p, po, zi2, 0, x, 0);
    m2(p, po + 8, zi2, 0, y, 0);
    m2(y, 0, zi, 0, y, 0);
    return G2Point.fromUnchecked(new Fp2(Fp.fromMontLimbs(x, 0), Fp.fromMontLimbs(x, 4)),
        new Fp2(Fp.fromMontLimbs(y, 0), Fp.fromMontLimbs(y, 4)));
  }
}
