package io.vnft.zk.field;

import java.math.BigInteger;

/**
 * An element c0 + c1*v + c2*v^2 of Fp6 = Fp2[v]/(v^3 - xi), xi = 9 + u (EIP-197 / arkworks
 * ark-bn254 tower); immutable.
 *
 * <p>Thread-safety: immutable. Exceptions: {@link ArithmeticException} on the inverse of zero.
 */
public final class Fp6 {
  /** Zero. */
  public static final Fp6 ZERO = new Fp6(Fp2.ZERO, Fp2.ZERO, Fp2.ZERO);
  /** One. */
  public static final Fp6 ONE = new Fp6(Fp2.ONE, Fp2.ZERO, Fp2.ZERO);

  private final Fp2 c0;
  private final Fp2 c1;
  private final Fp2 c2;

  /**
   * The element c0 + c1*v + c2*v^2.
   *
   * @param c0 the coefficient of 1
   * @param c1 the coefficient of v
   * @param c2 the coefficient of v^2
   */
  public Fp6(Fp2 c0, Fp2 c1, Fp2 c2) {
    this.c0 = c0;
    this.c1 = c1;
    this.c2 = c2;
  }

  /**
   * The coefficient of 1.
   *
   * @return c0
   */
  public Fp2 c0() {
    return c0;
  }

  /**
   * The coefficient of v.
   *
   * @return c1
   */
  public Fp2 c1() {
    return c1;
  }

  /**
   * The coefficient of v^2.
   *
   * @return c2
   */
  public Fp2 c2() {
    return c2;
  }

  /**
   * this + o.
   *
   * @param o the other operand
   * @return this + o
   */
  public Fp6 add(Fp6 o) {
    return new Fp6(c0.add(o.c0), c1.add(o.c1), c2.add(o.c2));
  }

  /**
   * this - o.
   *
   * @param o the other operand
   * @return this - o
   */
  public Fp6 sub(Fp6 o) {
    return new Fp6(c0.sub(o.c0), c1.sub(o.c1), c2.sub(o.c2));
  }

  /**
   * -this.
   *
   * @return -this
   */
  public Fp6 neg() {
    return new Fp6(c0.neg(), c1.neg(), c2.neg());
  }

  /**
   * 2 * this.
   *
   * @return 2 * this
   */
  public Fp6 dbl() {
    return new Fp6(c0.dbl(), c1.dbl(), c2.dbl());
  }

  /**
   * this * o.
   *
   * @param o the other operand
   * @return this * o
   */
  public Fp6 mul(Fp6 o) {
    // Karatsuba-style (Devegili et al., "Multiplication and squaring on pairing-friendly fields")
    Fp2 v0 = c0.mul(o.c0);
    Fp2 v1 = c1.mul(o.c1);
    Fp2 v2 = c2.mul(o.c2);
    Fp2 t0 = c1.add(c2).mul(o.c1.add(o.c2)).sub(v1).sub(v2).mulByXi().add(v0);
    Fp2 t1 = c0.add(c1).mul(o.c0.add(o.c1)).sub(v0).sub(v1).add(v2.mulByXi());
    Fp2 t2 = c0.add(c2).mul(o.c0.add(o.c2)).sub(v0).sub(v2).add(v1);
    return new Fp6(t0, t1, t2);
  }

  /**
   * this^2.
   *
   * @return this^2
   */
  public Fp6 square() {
    return mul(this);
  }

  /**
   * this * s for s in Fp2.
   *
   * @param s the Fp2 factor
   * @return this * s for s in Fp2
   */
  public Fp6 mul(Fp2 s) {
    return new Fp6(c0.mul(s), c1.mul(s), c2.mul(s));
  }

  /**
   * this * v.
   *
   * @return this * v
   */
  public Fp6 mulByV() {
    return new Fp6(c2.mulByXi(), c0, c1);
  }

  /**
   * this^-1.
   *
   * @return this^-1
   * @throws ArithmeticException if this is zero
   */
  public Fp6 inverse() {
    // Standard formula for cubic extensions (e.g. "Guide to pairing-based cryptography", alg. 5.23)
    Fp2 a = c0.square().sub(c1.mul(c2).mulByXi());
    Fp2 b = c2.square().mulByXi().sub(c0.mul(c1));
    Fp2 c = c1.square().sub(c0.mul(c2));
    Fp2 f = c2.mul(b).add(c1.mul(c)).mulByXi().add(c0.mul(a));
    Fp2 fi = f.inverse();
    return new Fp6(a.mul(fi), b.mul(fi), c.mul(fi));
  }

  /**
   * this^e, e >= 0.
   *
   * @param e the exponent, e &gt;= 0
   * @return this^e, e >= 0
   */
  public Fp6 pow(BigInteger e) {
    Fp6 acc = ONE;
    for (int i = e.bitLength() - 1; i >= 0; i--) {
      acc = acc.square();
      if (e.testBit(i)) {
        acc = acc.mul(this);
      }
    }
    return acc;
  }

  /**
   * True if this is zero.
   *
   * @return whether all three coefficients are zero
   */
  public boolean isZero() {
    return c0.isZero() && c1.isZero() && c2.isZero();
  }

  /**
   * True if this is one.
   *
   * @return whether this is one
   */
  public boolean isOne() {
    return c0.isOne() && c1.isZero() && c2.isZero();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Fp6)) {
      return false;
    }
    Fp6 x = (Fp6) o;
    return c0.equals(x.c0) && c1.equals(x.c1) && c2.equals(x.c2);
  }

  @Override
  public int hashCode() {
    return (c0.hashCode() * 31 + c1.hashCode()) * 31 + c2.hashCode();
  }

  @Override
  public String toString() {
    return "(" + c0 + ") + (" + c1 + ")*v + (" + c2 + ")*v^2";
  }
}
