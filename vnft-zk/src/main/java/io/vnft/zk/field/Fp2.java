package io.vnft.zk.field;

import io.vnft.api.InvalidInputException;
import java.math.BigInteger;

/**
 * An element c0 + c1*u of Fp2 = Fp[u]/(u^2 + 1), the field of BN254's G2 coordinates; immutable.
 *
 * <p>Layout of the tower (EIP-197, arkworks ark-bn254, snarkjs/ffjavascript): u^2 = -1; the cubic
 * and sextic non-residue used above it is {@link #XI} = 9 + u.
 *
 * <p>Thread-safety: immutable. Exceptions: {@link ArithmeticException} on the inverse of zero;
 * {@link InvalidInputException} from {@link #of(BigInteger, BigInteger)} for non-canonical parts.
 */
public final class Fp2 {
  /** Zero. */
  public static final Fp2 ZERO = new Fp2(Fp.ZERO, Fp.ZERO);
  /** One. */
  public static final Fp2 ONE = new Fp2(Fp.ONE, Fp.ZERO);
  /** The non-residue xi = 9 + u (v^3 = xi in Fp6, w^6 = xi in Fp12). */
  public static final Fp2 XI = new Fp2(Fp.of(9), Fp.ONE);

  private final Fp c0;
  private final Fp c1;

  /** The element c0 + c1*u. */
  public Fp2(Fp c0, Fp c1) {
    this.c0 = c0;
    this.c1 = c1;
  }

  /**
   * The element c0 + c1*u from canonical integers.
   *
   * @throws InvalidInputException if a part is negative or not below p
   */
  public static Fp2 of(BigInteger c0, BigInteger c1) {
    return new Fp2(Fp.of(c0), Fp.of(c1));
  }

  /** The real part. */
  public Fp c0() {
    return c0;
  }

  /** The imaginary part (coefficient of u). */
  public Fp c1() {
    return c1;
  }

  public Fp2 add(Fp2 o) {
    return new Fp2(c0.add(o.c0), c1.add(o.c1));
  }

  public Fp2 sub(Fp2 o) {
    return new Fp2(c0.sub(o.c0), c1.sub(o.c1));
  }

  public Fp2 dbl() {
    return new Fp2(c0.dbl(), c1.dbl());
  }

  public Fp2 neg() {
    return new Fp2(c0.neg(), c1.neg());
  }

  /** The conjugate c0 - c1*u (equals the p-power Frobenius). */
  public Fp2 conjugate() {
    return new Fp2(c0, c1.neg());
  }

  public Fp2 mul(Fp2 o) {
    // Karatsuba: (a0 + a1 u)(b0 + b1 u) = a0b0 - a1b1 + ((a0+a1)(b0+b1) - a0b0 - a1b1) u
    Fp v0 = c0.mul(o.c0);
    Fp v1 = c1.mul(o.c1);
    Fp m = c0.add(c1).mul(o.c0.add(o.c1));
    return new Fp2(v0.sub(v1), m.sub(v0).sub(v1));
  }

  public Fp2 square() {
    // (a + bu)^2 = (a+b)(a-b) + 2ab u
    Fp ab = c0.mul(c1);
    return new Fp2(c0.add(c1).mul(c0.sub(c1)), ab.dbl());
  }

  /** this * s for s in Fp. */
  public Fp2 mul(Fp s) {
    return new Fp2(c0.mul(s), c1.mul(s));
  }

  /** this * xi = this * (9 + u). */
  public Fp2 mulByXi() {
    // (a + bu)(9 + u) = 9a - b + (a + 9b) u
    Fp a8 = c0.dbl().dbl().dbl();
    Fp b8 = c1.dbl().dbl().dbl();
    return new Fp2(a8.add(c0).sub(c1), b8.add(c1).add(c0));
  }

  /**
   * this^-1.
   *
   * @throws ArithmeticException if this is zero
   */
  public Fp2 inverse() {
    Fp norm = c0.square().add(c1.square());
    Fp inv = norm.inverse();
    return new Fp2(c0.mul(inv), c1.mul(inv).neg());
  }

  /** this^e, e >= 0. */
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
    return c0.isZero() && c1.isZero();
  }

  public boolean isOne() {
    return c0.isOne() && c1.isZero();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fp2 && ((Fp2) o).c0.equals(c0) && ((Fp2) o).c1.equals(c1);
  }

  @Override
  public int hashCode() {
    return c0.hashCode() * 31 + c1.hashCode();
  }

  /** "c0 + c1*u" in decimal. */
  @Override
  public String toString() {
    return c0 + " + " + c1 + "*u";
  }
}
