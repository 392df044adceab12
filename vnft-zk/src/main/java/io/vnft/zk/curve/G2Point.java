package io.vnft.zk.curve;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.curve.internal.G2LimbOps;
import io.vnft.zk.field.Fp;
import io.vnft.zk.field.Fp2;
import io.vnft.zk.field.Fr;
import java.math.BigInteger;

/**
 * A point of BN254's G2: the order-r subgroup of the sextic twist y^2 = x^3 + 3/(9+u) over Fp2, in
 * affine coordinates (x = x0 + x1*u, y = y0 + y1*u), or the point at infinity; immutable.
 *
 * <p>Encodings differ in the order of the Fp2 parts: EIP-197 (the ecPairing precompile and
 * Solidity verifiers) writes each coordinate imaginary part first, (x1, x0, y1, y0); snarkjs JSON
 * ({@code vk_beta_2}, {@code pi_b}) and iden3 binary files list [x0, x1] (real part first). The
 * factory {@link #of(BigInteger, BigInteger, BigInteger, BigInteger)} takes real part first;
 * {@link #fromEip197(BigInteger, BigInteger, BigInteger, BigInteger)} takes the EIP-197 order. All
 * zeros is infinity.
 *
 * <p>The twist has a large cofactor, so unlike G1 being on the curve is not enough: {@link #of}
 * also checks membership of the order-r subgroup (a multiplication by r).
 *
 * <p>Thread-safety: immutable. Exceptions: {@link InvalidInputException} for non-canonical
 * coordinates, points off the twist or outside the subgroup.
 */
public final class G2Point {
  /** The point at infinity (the group identity). */
  public static final G2Point INFINITY = new G2Point(Fp2.ZERO, Fp2.ZERO, true);

  /** The twist coefficient b' = 3 / (9 + u). */
  static final Fp2 B = new Fp2(Fp.of(3), Fp.ZERO).mul(Fp2.XI.inverse());

  /** The standard generator of G2 (EIP-197). */
  public static final G2Point GENERATOR = new G2Point(
      Fp2.of(new BigInteger("10857046999023057135944570762232829481370756359578518086990519993285655852781"),
          new BigInteger("11559732032986387107991004021392285783925812861821192530917403151452391805634")),
      Fp2.of(new BigInteger("8495653923123431417604973247489272438418190587263600148770280649306958101930"),
          new BigInteger("4082367875863433681332203403145435568316851327593401208105741076214120093531")),
      false);

  private final Fp2 x;
  private final Fp2 y;
  private final boolean infinity;

  private G2Point(Fp2 x, Fp2 y, boolean infinity) {
    this.x = x;
    this.y = y;
    this.infinity = infinity;
  }

  /**
   * The point (x0 + x1*u, y0 + y1*u), real parts first (snarkjs order), validated: canonical
   * coordinates, on the twist, in the order-r subgroup. All zeros is infinity.
   *
   * @param x0 real part of x, below p
   * @param x1 imaginary part of x, below p
   * @param y0 real part of y, below p
   * @param y1 imaginary part of y, below p
   * @return the validated point
   * @throws InvalidInputException naming the coordinate and the bound, or the failed check
   */
  public static G2Point of(BigInteger x0, BigInteger x1, BigInteger y0, BigInteger y1) {
    Fp2 fx = new Fp2(coord("x0", x0), coord("x1", x1));
    Fp2 fy = new Fp2(coord("y0", y0), coord("y1", y1));
    return of(fx, fy);
  }

  /**
   * The point from the EIP-197 word order (x1, x0, y1, y0) (imaginary parts first), validated like
   * {@link #of(BigInteger, BigInteger, BigInteger, BigInteger)}.
   *
   * @param x1 imaginary part of x, below p
   * @param x0 real part of x, below p
   * @param y1 imaginary part of y, below p
   * @param y0 real part of y, below p
   * @return the validated point
   * @throws InvalidInputException as for {@code of}
   */
  public static G2Point fromEip197(BigInteger x1, BigInteger x0, BigInteger y1, BigInteger y0) {
    return of(x0, x1, y0, y1);
  }

  /**
   * The point (x, y) from field elements, validated (on the twist and in the subgroup); all zeros
   * is infinity.
   *
   * @param x the x coordinate
   * @param y the y coordinate
   * @return the validated point
   * @throws InvalidInputException if the point is off the twist or not in the order-r subgroup
   */
  public static G2Point of(Fp2 x, Fp2 y) {
    if (x.isZero() && y.isZero()) {
      return INFINITY;
    }
    G2Point p = new G2Point(x, y, false);
    if (!p.isOnCurve()) {
      throw new InvalidInputException("G2 point (" + x + ", " + y + ") is not on the twist y^2 = x^3 + 3/(9+u)");
    }
    if (!p.isInSubgroup()) {
      throw new InvalidInputException("G2 point (" + x + ", " + y + ") is on the twist but not in the order-r subgroup");
    }
    return p;
  }

  private static Fp coord(String name, BigInteger v) {
    return G1Point.coordinate("G2", name, v);
  }

  /**
   * The point (x, y) WITHOUT checks, for trusted internal data only; all zeros is infinity.
   *
   * @param x the x coordinate, trusted
   * @param y the y coordinate, trusted
   * @return the point, unchecked
   */
  public static G2Point fromUnchecked(Fp2 x, Fp2 y) {
    if (x.isZero() && y.isZero()) {
      return INFINITY;
    }
    return new G2Point(x, y, false);
  }

  /**
   * Real part of x.
   *
   * @return the real part of x, in [0, p) (0 for infinity)
   */
  public BigInteger x0() {
    return x.c0().toBigInteger();
  }

  /**
   * Imaginary part of x.
   *
   * @return the imaginary part of x, in [0, p)
   */
  public BigInteger x1() {
    return x.c1().toBigInteger();
  }

  /**
   * Real part of y.
   *
   * @return the real part of y, in [0, p)
   */
  public BigInteger y0() {
    return y.c0().toBigInteger();
  }

  /**
   * Imaginary part of y.
   *
   * @return the imaginary part of y, in [0, p)
   */
  public BigInteger y1() {
    return y.c1().toBigInteger();
  }

  /**
   * x as an Fp2 element (zero for infinity).
   *
   * @return x as an Fp2 element (zero for infinity)
   */
  public Fp2 xFp2() {
    return x;
  }

  /**
   * y as an Fp2 element (zero for infinity).
   *
   * @return y as an Fp2 element (zero for infinity)
   */
  public Fp2 yFp2() {
    return y;
  }

  /**
   * True for the point at infinity (the group identity).
   *
   * @return whether this is the point at infinity
   */
  public boolean isInfinity() {
    return infinity;
  }

  /**
   * True for infinity or if y^2 = x^3 + 3/(9+u).
   *
   * @return whether the point satisfies the twist equation (or is infinity)
   */
  public boolean isOnCurve() {
    if (infinity) {
      return true;
    }
    return y.square().equals(x.square().mul(x).add(B));
  }

  /**
   * True if r * this is infinity (this is in G2 proper). Assumes the point is on the twist.
   *
   * @return whether r * this is infinity (this is in G2 proper)
   */
  public boolean isInSubgroup() {
    if (infinity) {
      return true;
    }
    long[] acc = new long[24];
    mulLimbs(Fr.MODULUS, acc);
    return G2LimbOps.isInf(acc, 0);
  }

  // acc = k * this by double-and-add on Montgomery limbs (k >= 0)
  private G2LimbOps mulLimbs(BigInteger k, long[] acc) {
    G2LimbOps ops = new G2LimbOps();
    long[] bx = new long[8];
    long[] by = new long[8];
    G2LimbOps.fromFp2(x, bx, 0);
    G2LimbOps.fromFp2(y, by, 0);
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      ops.dbl(acc, 0);
      if (k.testBit(i)) {
        ops.addAffine(acc, 0, bx, by, 0, false);
      }
    }
    return ops;
  }

  private G2Point mulReduced(BigInteger k) {
    if (infinity || k.signum() == 0) {
      return INFINITY;
    }
    long[] acc = new long[24];
    return mulLimbs(k, acc).toAffine(acc, 0);
  }

  /**
   * this + o.
   *
   * @param o the other operand
   * @return this + o
   */
  public G2Point add(G2Point o) {
    if (infinity) {
      return o;
    }
    if (o.infinity) {
      return this;
    }
    return Jacobian.of(Jacobian.G2, this).addAffine(o).toAffine();
  }

  /**
   * 2 * this.
   *
   * @return 2 * this
   */
  public G2Point dbl() {
    return Jacobian.of(Jacobian.G2, this).dbl().toAffine();
  }

  /**
   * -this.
   *
   * @return -this
   */
  public G2Point negate() {
    return infinity ? this : new G2Point(x, y.neg(), false);
  }

  /**
   * k * this for any integer k (reduced mod r; valid for points in G2).
   *
   * @param k the scalar, any sign and size
   * @return k * this
   */
  public G2Point mul(BigInteger k) {
    return mulReduced(k.mod(Fr.MODULUS));
  }

  /**
   * k * this.
   *
   * @param k the scalar
   * @return k * this
   */
  public G2Point mul(Fr k) {
    return mulReduced(k.toBigInteger());
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof G2Point)) {
      return false;
    }
    G2Point p = (G2Point) o;
    return infinity == p.infinity && x.equals(p.x) && y.equals(p.y);
  }

  @Override
  public int hashCode() {
    return infinity ? 0 : x.hashCode() * 31 + y.hashCode();
  }

  @Override
  public String toString() {
    return infinity ? "G2(infinity)" : "G2(" + x + ", " + y + ")";
  }
}
