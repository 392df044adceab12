package io.vnft.zk.field;

import java.math.BigInteger;

/**
 * An element c0 + c1*w of Fp12 = Fp6[w]/(w^2 - v) (EIP-197 / arkworks ark-bn254 tower; w^6 = xi =
 * 9 + u); immutable. Pairing values (the target group GT, the r-th roots of unity) live here.
 *
 * <p>Thread-safety: immutable; the Frobenius constants are computed once at class load.
 * Exceptions: {@link ArithmeticException} on the inverse of zero.
 */
public final class Fp12 {
  /** Zero. */
  public static final Fp12 ZERO = new Fp12(Fp6.ZERO, Fp6.ZERO);
  /** One (the identity of GT). */
  public static final Fp12 ONE = new Fp12(Fp6.ONE, Fp6.ZERO);

  // GAMMA[k][i] = xi^(i (p^k - 1) / 6): the factor the k-th Frobenius puts on the w^i coefficient.
  private static final Fp2[][] GAMMA = new Fp2[4][6];

  static {
    BigInteger p = Fp.MODULUS;
    for (int k = 1; k <= 3; k++) {
      BigInteger e = p.pow(k).subtract(BigInteger.ONE).divide(BigInteger.valueOf(6));
      Fp2 g = Fp2.XI.pow(e);
      Fp2 acc = Fp2.ONE;
      for (int i = 0; i < 6; i++) {
        GAMMA[k][i] = acc;
        acc = acc.mul(g);
      }
    }
  }

  private final Fp6 c0;
  private final Fp6 c1;

  /**
   * The element c0 + c1*w.
   *
   * @param c0 the coefficient of 1
   * @param c1 the coefficient of w
   */
  public Fp12(Fp6 c0, Fp6 c1) {
    this.c0 = c0;
    this.c1 = c1;
  }

  /**
   * The element whose 48 Montgomery limbs (c0.c0.c0, c0.c0.c1, c0.c1.c0, ..., c1.c2.c1, 4 limbs
   * each, the layout of {@link #copyLimbsTo}) start at a[ao].
   *
   * @param a the array holding the limbs (copied, not kept)
   * @param ao offset of the first limb
   * @return the element
   * @throws io.vnft.api.InvalidInputException if a 4-limb group is not reduced below p
   */
  public static Fp12 fromMontLimbs(long[] a, int ao) {
    return new Fp12(fp6(a, ao), fp6(a, ao + 24));
  }

  private static Fp6 fp6(long[] a, int ao) {
    return new Fp6(fp2(a, ao), fp2(a, ao + 8), fp2(a, ao + 16));
  }

  private static Fp2 fp2(long[] a, int ao) {
    return new Fp2(Fp.fromMontLimbs(a, ao), Fp.fromMontLimbs(a, ao + 4));
  }

  /**
   * Writes the 48 Montgomery limbs (c0 then c1; each Fp6 as c0, c1, c2; each Fp2 as 8 limbs).
   *
   * @param out receives the 48 limbs
   * @param oo offset of the first limb in out
   */
  public void copyLimbsTo(long[] out, int oo) {
    c0.c0().copyLimbsTo(out, oo);
    c0.c1().copyLimbsTo(out, oo + 8);
    c0.c2().copyLimbsTo(out, oo + 16);
    c1.c0().copyLimbsTo(out, oo + 24);
    c1.c1().copyLimbsTo(out, oo + 32);
    c1.c2().copyLimbsTo(out, oo + 40);
  }

  /**
   * The coefficient of 1.
   *
   * @return c0
   */
  public Fp6 c0() {
    return c0;
  }

  /**
   * The coefficient of w.
   *
   * @return c1
   */
  public Fp6 c1() {
    return c1;
  }

  /**
   * this + o.
   *
   * @param o the other operand
   * @return this + o
   */
  public Fp12 add(Fp12 o) {
    return new Fp12(c0.add(o.c0), c1.add(o.c1));
  }

  /**
   * this - o.
   *
   * @param o the other operand
   * @return this - o
   */
  public Fp12 sub(Fp12 o) {
    return new Fp12(c0.sub(o.c0), c1.sub(o.c1));
  }

  /**
   * this * o.
   *
   * @param o the other operand
   * @return this * o
   */
  public Fp12 mul(Fp12 o) {
    Fp6 v0 = c0.mul(o.c0);
    Fp6 v1 = c1.mul(o.c1);
    Fp6 m = c0.add(c1).mul(o.c0.add(o.c1));
    return new Fp12(v0.add(v1.mulByV()), m.sub(v0).sub(v1));
  }

  /**
   * this^2.
   *
   * @return this^2
   */
  public Fp12 square() {
    // (a + bw)^2 = a^2 + b^2 v + 2ab w ; complex-style squaring with two Fp6 mults
    Fp6 ab = c0.mul(c1);
    Fp6 t = c0.add(c1).mul(c0.add(c1.mulByV()));
    return new Fp12(t.sub(ab).sub(ab.mulByV()), ab.dbl());
  }

  /**
   * Multiplies by the sparse element (a, 0, 0) + (b, c, 0) w, the shape of a Miller-loop line.
   *
   * @param a the coefficient of 1
   * @param b the coefficient of w
   * @param c the coefficient of v w
   * @return the product
   */
  public Fp12 mulBySparse(Fp2 a, Fp2 b, Fp2 c) {
    // c0 * a (scalar in Fp2) ; c1 * (b + c v)
    Fp6 v0 = c0.mul(a);
    Fp6 v1 = mulBy01(c1, b, c);
    Fp6 m = mulBy01(c0.add(c1), a.add(b), c);
    return new Fp12(v0.add(v1.mulByV()), m.sub(v0).sub(v1));
  }

  // x * (b0 + b1 v)
  private static Fp6 mulBy01(Fp6 x, Fp2 b0, Fp2 b1) {
    Fp2 v0 = x.c0().mul(b0);
    Fp2 v1 = x.c1().mul(b1);
    Fp2 t0 = x.c2().mul(b1).mulByXi().add(v0);
    Fp2 t1 = x.c0().add(x.c1()).mul(b0.add(b1)).sub(v0).sub(v1);
    Fp2 t2 = x.c2().mul(b0).add(v1);
    return new Fp6(t0, t1, t2);
  }

  /**
   * this^2 for an element of the cyclotomic subgroup (norm 1 over Fp6, e.g. after the easy part of
   * the final exponentiation): Granger and Scott's squaring ("Faster squaring in the cyclotomic
   * subgroup of sixth degree extensions", 2010), 6 Fp2 squarings-worth instead of a full square.
   * The result is wrong for elements outside that subgroup.
   *
   * @return this^2 for an element of the cyclotomic subgroup (norm 1 over Fp6, e.g
   */
  public Fp12 cyclotomicSquare() {
    Fp2 z0 = c0.c0(), z4 = c0.c1(), z3 = c0.c2();
    Fp2 z2 = c1.c0(), z1 = c1.c1(), z5 = c1.c2();
    // (z0 + z1 y)^2, (z2 + z3 y)^2, (z4 + z5 y)^2 in Fp4 = Fp2[y]/(y^2 - xi)
    Fp2 tmp = z0.mul(z1);
    Fp2 t0 = z0.add(z1).mul(z1.mulByXi().add(z0)).sub(tmp).sub(tmp.mulByXi());
    Fp2 t1 = tmp.dbl();
    tmp = z2.mul(z3);
    Fp2 t2 = z2.add(z3).mul(z3.mulByXi().add(z2)).sub(tmp).sub(tmp.mulByXi());
    Fp2 t3 = tmp.dbl();
    tmp = z4.mul(z5);
    Fp2 t4 = z4.add(z5).mul(z5.mulByXi().add(z4)).sub(tmp).sub(tmp.mulByXi());
    Fp2 t5 = tmp.dbl();
    Fp2 n0 = t0.sub(z0).dbl().add(t0);          // 3 t0 - 2 z0
    Fp2 n1 = t1.add(z1).dbl().add(t1);          // 3 t1 + 2 z1
    Fp2 x5 = t5.mulByXi();
    Fp2 n2 = z2.add(x5).dbl().add(x5);          // 3 xi t5 + 2 z2
    Fp2 n3 = t4.sub(z3).dbl().add(t4);          // 3 t4 - 2 z3
    Fp2 n4 = t2.sub(z4).dbl().add(t2);          // 3 t2 - 2 z4
    Fp2 n5 = z5.add(t3).dbl().add(t3);          // 3 t3 + 2 z5
    return new Fp12(new Fp6(n0, n4, n3), new Fp6(n2, n1, n5));
  }

  /**
   * The conjugate c0 - c1*w (the p^6 Frobenius; the inverse on the cyclotomic subgroup).
   *
   * @return c0 - c1*w
   */
  public Fp12 conjugate() {
    return new Fp12(c0, c1.neg());
  }

  /**
   * this^-1.
   *
   * @return this^-1
   * @throws ArithmeticException if this is zero
   */
  public Fp12 inverse() {
    Fp6 t = c0.square().sub(c1.square().mulByV()).inverse();
    return new Fp12(c0.mul(t), c1.mul(t).neg());
  }

  /**
   * this^(p^k) for k in 0..11.
   *
   * @param k the power, 0 to 11
   * @return this^(p^k) for k in 0..11
   */
  public Fp12 frobenius(int k) {
    if (k < 0 || k > 11) {
      throw new IllegalArgumentException("Frobenius power k must be in [0, 11], got " + k);
    }
    Fp12 r = this;
    while (k >= 6) {
      r = r.conjugate();
      k -= 6;
    }
    while (k >= 3) {
      r = r.frob(3);
      k -= 3;
    }
    if (k > 0) {
      r = r.frob(k);
    }
    return r;
  }

  private Fp12 frob(int k) {
    Fp2[] g = GAMMA[k];
    boolean conj = (k & 1) == 1;
    // w-basis: a0 + b0 w + a1 w^2 + b1 w^3 + a2 w^4 + b2 w^5
    Fp2 a0 = c0.c0(), a1 = c0.c1(), a2 = c0.c2();
    Fp2 b0 = c1.c0(), b1 = c1.c1(), b2 = c1.c2();
    if (conj) {
      a0 = a0.conjugate();
      a1 = a1.conjugate();
      a2 = a2.conjugate();
      b0 = b0.conjugate();
      b1 = b1.conjugate();
      b2 = b2.conjugate();
    }
    return new Fp12(
        new Fp6(a0, a1.mul(g[2]), a2.mul(g[4])),
        new Fp6(b0.mul(g[1]), b1.mul(g[3]), b2.mul(g[5])));
  }

  /**
   * this^e, e >= 0 (square-and-multiply).
   *
   * @param e the exponent, e &gt;= 0
   * @return this^e, e >= 0 (square-and-multiply)
   */
  public Fp12 pow(BigInteger e) {
    if (e.signum() < 0) {
      return inverse().pow(e.negate());
    }
    Fp12 acc = ONE;
    for (int i = e.bitLength() - 1; i >= 0; i--) {
      acc = acc.square();
      if (e.testBit(i)) {
        acc = acc.mul(this);
      }
    }
    return acc;
  }

  /**
   * this^e for a small non-negative exponent.
   *
   * @param e the exponent, e &gt;= 0
   * @return this^e for a small non-negative exponent
   */
  public Fp12 pow(long e) {
    return pow(BigInteger.valueOf(e));
  }

  /**
   * True if this is zero.
   *
   * @return whether both coefficients are zero
   */
  public boolean isZero() {
    return c0.isZero() && c1.isZero();
  }

  /**
   * True if this is one.
   *
   * @return whether this is one
   */
  public boolean isOne() {
    return c0.isOne() && c1.isZero();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fp12 && ((Fp12) o).c0.equals(c0) && ((Fp12) o).c1.equals(c1);
  }

  @Override
  public int hashCode() {
    return c0.hashCode() * 31 + c1.hashCode();
  }

  @Override
  public String toString() {
    return "[" + c0 + "] + [" + c1 + "]*w";
  }
}
