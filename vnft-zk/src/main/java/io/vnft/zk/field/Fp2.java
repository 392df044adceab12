package io.vnft.zk.field;

import io.vnft.api.InvalidInputException;
import java.math.BigInteger;

/**
 * An element c0 + c1*u of Fp2 = Fp[u]/(u^2 + 1), the field of BN254's G2 coordinates; immutable.
 *
 * <p>Layout of the tower (EIP-197, arkworks ark-bn254, snarkjs/ffjavascript): u^2 = -1; the cubic
 * and sextic non-residue used above it is {@link #XI} = 9 + u. Both parts are held inline as
 * Montgomery limbs in one array (no Fp objects inside), worked on by {@link FpOps}.
 *
 * <p>Thread-safety: immutable. Exceptions: {@link ArithmeticException} on the inverse of zero;
 * {@link InvalidInputException} from {@link #of(BigInteger, BigInteger)} for non-canonical parts.
 */
public final class Fp2 implements FieldElement<Fp2> {
  /** Zero. */
  public static final Fp2 ZERO = new Fp2(Fp.ZERO, Fp.ZERO);
  /** One. */
  public static final Fp2 ONE = new Fp2(Fp.ONE, Fp.ZERO);
  /** The non-residue xi = 9 + u (v^3 = xi in Fp6, w^6 = xi in Fp12). */
  public static final Fp2 XI = new Fp2(Fp.of(9), Fp.ONE);

  // c0 limbs at v[0..3], c1 limbs at v[4..7] (Montgomery form, reduced); never mutated
  private final long[] v;

  private Fp2(long[] v) {
    this.v = v;
  }

  /**
   * The element c0 + c1*u.
   *
   * @param c0 the real part
   * @param c1 the coefficient of u
   */
  public Fp2(Fp c0, Fp c1) {
    v = new long[8];
    c0.copyLimbsTo(v, 0);
    c1.copyLimbsTo(v, 4);
  }

  /**
   * The element c0 + c1*u from canonical integers.
   *
   * @param c0 the real part, in [0, p)
   * @param c1 the coefficient of u, in [0, p)
   * @return the element
   * @throws InvalidInputException if a part is negative or not below p
   */
  public static Fp2 of(BigInteger c0, BigInteger c1) {
    return new Fp2(Fp.of(c0), Fp.of(c1));
  }

  /**
   * The real part.
   *
   * @return the real part
   */
  public Fp c0() {
    return Fp.ofLimbsUnchecked(v[0], v[1], v[2], v[3]);
  }

  /**
   * The imaginary part (coefficient of u).
   *
   * @return the imaginary part (coefficient of u)
   */
  public Fp c1() {
    return Fp.ofLimbsUnchecked(v[4], v[5], v[6], v[7]);
  }

  /**
   * Writes the 8 Montgomery limbs (c0 then c1) to out[oo..oo+7].
   *
   * @param out receives the 8 limbs
   * @param oo offset of the first limb in out
   */
  public void copyLimbsTo(long[] out, int oo) {
    System.arraycopy(v, 0, out, oo, 8);
  }

  /** this + o. */
  public Fp2 add(Fp2 o) {
    long[] r = new long[8];
    FpOps.add(v, 0, o.v, 0, r, 0);
    FpOps.add(v, 4, o.v, 4, r, 4);
    return new Fp2(r);
  }

  /** this - o. */
  public Fp2 sub(Fp2 o) {
    long[] r = new long[8];
    FpOps.sub(v, 0, o.v, 0, r, 0);
    FpOps.sub(v, 4, o.v, 4, r, 4);
    return new Fp2(r);
  }

  /** 2 * this. */
  public Fp2 dbl() {
    return add(this);
  }

  /** -this. */
  public Fp2 neg() {
    long[] r = new long[8];
    FpOps.neg(v, 0, r, 0);
    FpOps.neg(v, 4, r, 4);
    return new Fp2(r);
  }

  /**
   * The conjugate c0 - c1*u (equals the p-power Frobenius).
   *
   * @return the conjugate c0 - c1*u (equals the p-power Frobenius)
   */
  public Fp2 conjugate() {
    long[] r = new long[8];
    System.arraycopy(v, 0, r, 0, 4);
    FpOps.neg(v, 4, r, 4);
    return new Fp2(r);
  }

  /** this * o: (a0 b0 - a1 b1, a0 b1 + a1 b0), each part one {@link FpOps#mulSum} (one reduction). */
  public Fp2 mul(Fp2 o) {
    long[] r = new long[8];
    long[] w = o.v;
    FpOps.neg(w, 4, r, 4);                               // -b1
    FpOps.mulSum(v, 0, w, 0, v, 4, r, 4, r, 0);          // a0 b0 - a1 b1
    FpOps.mulSum(v, 0, w, 4, v, 4, w, 0, r, 4);          // a0 b1 + a1 b0
    return new Fp2(r);
  }

  /** this^2 (2 Fp multiplications). */
  public Fp2 square() {
    long[] r = new long[8];
    long[] t = new long[8];
    FpOps.add(v, 0, v, 4, t, 0);
    FpOps.sub(v, 0, v, 4, t, 4);
    FpOps.mul(v, 0, v, 4, r, 4);
    FpOps.add(r, 4, r, 4, r, 4);
    FpOps.mul(t, 0, t, 4, r, 0);
    return new Fp2(r);
  }

  /**
   * this * f for f in Fp.
   *
   * @param f the Fp factor
   * @return this * f for f in Fp
   */
  public Fp2 mul(Fp f) {
    long[] r = new long[8];
    f.copyLimbsTo(r, 0);
    FpOps.mul(v, 4, r, 0, r, 4);
    FpOps.mul(v, 0, r, 0, r, 0);
    return new Fp2(r);
  }

  /**
   * this * xi = this * (9 + u) = (9 c0 - c1) + (c0 + 9 c1) u.
   *
   * @return this * xi = this * (9 + u) = (9 c0 - c1) + (c0 + 9 c1) u
   */
  public Fp2 mulByXi() {
    long[] r = new long[8];
    long[] t = new long[8];
    FpOps.add(v, 0, v, 0, t, 0);
    FpOps.add(t, 0, t, 0, t, 0);
    FpOps.add(t, 0, t, 0, t, 0);
    FpOps.add(t, 0, v, 0, t, 0);        // 9 c0
    FpOps.add(v, 4, v, 4, t, 4);
    FpOps.add(t, 4, t, 4, t, 4);
    FpOps.add(t, 4, t, 4, t, 4);
    FpOps.add(t, 4, v, 4, t, 4);        // 9 c1
    FpOps.sub(t, 0, v, 4, r, 0);
    FpOps.add(t, 4, v, 0, r, 4);
    return new Fp2(r);
  }

  // c0^2 + c1^2 (the norm, an Fp element) as Montgomery limbs
  private long[] norm() {
    long[] n = new long[8];
    FpOps.square(v, 0, n, 0);
    FpOps.square(v, 4, n, 4);
    FpOps.add(n, 0, n, 4, n, 0);
    return n;
  }

  /**
   * this^-1 = conj(this) / (c0^2 + c1^2).
   *
   * @throws ArithmeticException if this is zero
   */
  public Fp2 inverse() {
    long[] n = norm();
    FpOps.inverse(n, 0, n, 0);
    return mul(Fp.ofLimbsUnchecked(n[0], n[1], n[2], n[3])).conjugate();
  }

  /**
   * this^e, e >= 0.
   *
   * @param e the exponent, e &gt;= 0
   * @return this^e, e >= 0
   */
  public Fp2 pow(BigInteger e) {
    Fp2 acc = ONE;
    for (int i = e.bitLength() - 1; i >= 0; i--) {
      acc = acc.square();
      if (e.testBit(i)) {
        acc = acc.mul(this);
      }
    }
    return acc;
  }

  public boolean isZero() {
    return FpOps.isZero(v, 0) && FpOps.isZero(v, 4);
  }

  /**
   * True if this is one.
   *
   * @return whether this is one
   */
  public boolean isOne() {
    return FpOps.isOne(v, 0) && FpOps.isZero(v, 4);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Fp2)) {
      return false;
    }
    return java.util.Arrays.equals(v, ((Fp2) o).v);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(v);
  }

  /** "c0 + c1*u" in decimal. */
  @Override
  public String toString() {
    return c0() + " + " + c1() + "*u";
  }
}
