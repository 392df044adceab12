package io.vnft.zk.curve;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.curve.internal.G1LimbOps;
import io.vnft.zk.field.Fp;
import io.vnft.zk.field.Fr;
import java.math.BigInteger;

/**
 * A point of BN254's G1: the curve y^2 = x^3 + 3 over Fp, in affine coordinates, or the point at
 * infinity; immutable. G1 has prime order r ({@link Fr#MODULUS}) and cofactor 1, so every point on
 * the curve is in the group.
 *
 * <p>Encoding conventions: EIP-196 and snarkjs write infinity as (0, 0) (snarkjs JSON adds a third
 * coordinate "1"/"0"); {@link #of(BigInteger, BigInteger)} accepts (0, 0) as infinity.
 *
 * <p>Thread-safety: immutable. Exceptions: {@link InvalidInputException} for coordinates outside
 * [0, p) or points off the curve.
 */
public final class G1Point {
  /** The point at infinity (the group identity). */
  public static final G1Point INFINITY = new G1Point(Fp.ZERO, Fp.ZERO, true);
  /** The standard generator (1, 2) (EIP-196). */
  public static final G1Point GENERATOR = new G1Point(Fp.ONE, Fp.of(2), false);

  static final Fp B = Fp.of(3);

  private final Fp x;
  private final Fp y;
  private final boolean infinity;

  private G1Point(Fp x, Fp y, boolean infinity) {
    this.x = x;
    this.y = y;
    this.infinity = infinity;
  }

  /**
   * The point (x, y), validated: both coordinates canonical and on the curve; (0, 0) is infinity.
   *
   * @param x the x coordinate, below p
   * @param y the y coordinate, below p
   * @return the validated point
   * @throws InvalidInputException naming the coordinate and the bound, or saying the point is off
   *     the curve
   */
  public static G1Point of(BigInteger x, BigInteger y) {
    Fp fx = coord("x", x);
    Fp fy = coord("y", y);
    return of(fx, fy);
  }

  /**
   * The point (x, y) from field elements, validated to be on the curve; (0, 0) is infinity.
   *
   * @param x the x coordinate
   * @param y the y coordinate
   * @return the validated point
   * @throws InvalidInputException if the point is not on the curve
   */
  public static G1Point of(Fp x, Fp y) {
    if (x.isZero() && y.isZero()) {
      return INFINITY;
    }
    G1Point p = new G1Point(x, y, false);
    if (!p.isOnCurve()) {
      throw new InvalidInputException("G1 point (" + x + ", " + y + ") is not on the curve y^2 = x^3 + 3");
    }
    return p;
  }

  private static Fp coord(String name, BigInteger v) {
    return coordinate("G1", name, v);
  }

  /** A coordinate from outside data: non-null and in [0, p), else InvalidInputException naming it. */
  static Fp coordinate(String group, String name, BigInteger v) {
    if (v == null) {
      throw new InvalidInputException(group + " coordinate " + name + " is null");
    }
    if (v.signum() < 0 || v.compareTo(Fp.MODULUS) >= 0) {
      throw new InvalidInputException(group + " coordinate " + name + " = " + v + " is not in [0, p), p = " + Fp.MODULUS);
    }
    return Fp.of(v);
  }

  /**
   * The point (x, y) WITHOUT any check, for trusted internal data (values this library computed).
   * (0, 0) is infinity.
   *
   * @param x the x coordinate, trusted
   * @param y the y coordinate, trusted
   * @return the point, unchecked
   */
  public static G1Point fromUnchecked(Fp x, Fp y) {
    if (x.isZero() && y.isZero()) {
      return INFINITY;
    }
    return new G1Point(x, y, false);
  }

  /**
   * The x coordinate (0 for infinity).
   *
   * @return the x coordinate (0 for infinity)
   */
  public BigInteger x() {
    return x.toBigInteger();
  }

  /**
   * The y coordinate (0 for infinity).
   *
   * @return the y coordinate (0 for infinity)
   */
  public BigInteger y() {
    return y.toBigInteger();
  }

  /**
   * The x coordinate as a field element (zero for infinity).
   *
   * @return the x coordinate as a field element (zero for infinity)
   */
  public Fp xFp() {
    return x;
  }

  /**
   * The y coordinate as a field element (zero for infinity).
   *
   * @return the y coordinate as a field element (zero for infinity)
   */
  public Fp yFp() {
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
   * True for infinity or if y^2 = x^3 + 3.
   *
   * @return whether the point satisfies y^2 = x^3 + 3 (or is infinity)
   */
  public boolean isOnCurve() {
    if (infinity) {
      return true;
    }
    return y.square().equals(x.square().mul(x).add(B));
  }

  /**
   * this + o.
   *
   * @param o the other operand
   * @return this + o
   */
  public G1Point add(G1Point o) {
    if (infinity) {
      return o;
    }
    if (o.infinity) {
      return this;
    }
    Fp lambda;
    if (x.equals(o.x)) {
      if (!y.equals(o.y) || y.isZero()) {
        return INFINITY;
      }
      lambda = x.square().mul(B).div(y.dbl()); // 3x^2 / 2y (B happens to be 3)
    } else {
      lambda = o.y.sub(y).div(o.x.sub(x));
    }
    Fp x3 = lambda.square().sub(x).sub(o.x);
    Fp y3 = lambda.mul(x.sub(x3)).sub(y);
    return new G1Point(x3, y3, false);
  }

  /**
   * 2 * this.
   *
   * @return 2 * this
   */
  public G1Point dbl() {
    return add(this);
  }

  /**
   * -this.
   *
   * @return -this
   */
  public G1Point negate() {
    return infinity ? this : new G1Point(x, y.neg(), false);
  }

  /**
   * k * this for any integer k (negative k negates; reduced mod r as G1 has order r).
   *
   * @param k the scalar, any sign and size
   * @return k * this
   */
  public G1Point mul(BigInteger k) {
    return mulReduced(k.mod(Fr.MODULUS));
  }

  /**
   * k * this.
   *
   * @param k the scalar
   * @return k * this
   */
  public G1Point mul(Fr k) {
    return mulReduced(k.toBigInteger());
  }

  // k * this by double-and-add on Montgomery limbs (0 <= k)
  private G1Point mulReduced(BigInteger k) {
    if (infinity || k.signum() == 0) {
      return INFINITY;
    }
    G1LimbOps ops = new G1LimbOps();
    long[] bx = new long[4];
    long[] by = new long[4];
    x.copyLimbsTo(bx, 0);
    y.copyLimbsTo(by, 0);
    long[] acc = new long[12];
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      ops.dbl(acc, 0);
      if (k.testBit(i)) {
        ops.addAffine(acc, 0, bx, by, 0, false);
      }
    }
    return G1LimbOps.toAffine(acc, 0);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof G1Point)) {
      return false;
    }
    G1Point p = (G1Point) o;
    return infinity == p.infinity && x.equals(p.x) && y.equals(p.y);
  }

  @Override
  public int hashCode() {
    return infinity ? 0 : x.hashCode() * 31 + y.hashCode();
  }

  @Override
  public String toString() {
    return infinity ? "G1(infinity)" : "G1(" + x + ", " + y + ")";
  }
}
