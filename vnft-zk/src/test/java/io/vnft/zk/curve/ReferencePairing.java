package io.vnft.zk.curve;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.field.Fp;
import io.vnft.zk.field.Fp12;
import io.vnft.zk.field.Fp2;
import java.math.BigInteger;

/**
 * Test oracle: the straightforward pairing this package shipped before the limb-level fast path
 * (immutable Fp2/Fp12 objects, Jacobian Miller loop over the bits of 6x + 2, Scott et al. hard part
 * with plain square-and-multiply), kept unchanged to check {@link Pairing} against.
 */
final class ReferencePairing {
  private ReferencePairing() {}

  /** The BN parameter x. */
  static final BigInteger BN_X = new BigInteger("4965661367192848881");
  /** 6x + 2, the optimal ate loop count. */
  static final BigInteger ATE_LOOP = BN_X.multiply(BigInteger.valueOf(6)).add(BigInteger.TWO);

  // Frobenius on the twist: pi(x, y) = (conj(x) * G12, conj(y) * G13)
  private static final Fp2 FROB_X;
  private static final Fp2 FROB_Y;

  static {
    BigInteger pm1 = Fp.MODULUS.subtract(BigInteger.ONE);
    FROB_X = Fp2.XI.pow(pm1.divide(BigInteger.valueOf(3)));
    FROB_Y = Fp2.XI.pow(pm1.divide(BigInteger.TWO));
  }

  /** e(p, q), the reduced pairing (an element of GT). e(O, q) = e(p, O) = 1. */
  static Fp12 pair(G1Point p, G2Point q) {
    return finalExponentiation(millerLoop(new G1Point[] {p}, new G2Point[] {q}));
  }

  /**
   * True if prod_i e(ps[i], qs[i]) == 1 (one shared final exponentiation). Empty arrays give true,
   * like the EIP-197 precompile.
   *
   * @throws InvalidInputException if the arrays are null, contain null, or differ in length
   */
  static boolean pairingCheck(G1Point[] ps, G2Point[] qs) {
    return finalExponentiation(millerLoop(ps, qs)).isOne();
  }

  /** The Miller loop value f_{6x+2,Q}(P) times the Frobenius lines (no final exponentiation). */
  static Fp12 millerLoop(G1Point p, G2Point q) {
    return millerLoop(new G1Point[] {p}, new G2Point[] {q});
  }

  /**
   * The product of the Miller loop values of all pairs, sharing the squarings (no final
   * exponentiation). Pairs with a point at infinity contribute one.
   *
   * @throws InvalidInputException if the arrays are null, contain null, or differ in length
   */
  static Fp12 millerLoop(G1Point[] ps, G2Point[] qs) {
    if (ps == null || qs == null) {
      throw new InvalidInputException("pairing inputs must not be null");
    }
    if (ps.length != qs.length) {
      throw new InvalidInputException("pairing needs as many G1 points as G2 points, got "
          + ps.length + " and " + qs.length);
    }
    int n = 0;
    for (int i = 0; i < ps.length; i++) {
      if (ps[i] == null || qs[i] == null) {
        throw new InvalidInputException("pairing input " + i + " is null");
      }
      if (!ps[i].isInfinity() && !qs[i].isInfinity()) {
        n++;
      }
    }
    Fp[] px = new Fp[n];
    Fp[] py = new Fp[n];
    G2Point[] q = new G2Point[n];
    @SuppressWarnings("unchecked")
    Jacobian<Fp2, G2Point>[] t = new Jacobian[n];
    int k = 0;
    for (int i = 0; i < ps.length; i++) {
      if (!ps[i].isInfinity() && !qs[i].isInfinity()) {
        px[k] = ps[i].xFp();
        py[k] = ps[i].yFp();
        q[k] = qs[i];
        t[k] = Jacobian.of(Jacobian.G2, qs[i]);
        k++;
      }
    }
    Fp12 f = Fp12.ONE;
    if (n == 0) {
      return f;
    }
    for (int bit = ATE_LOOP.bitLength() - 2; bit >= 0; bit--) {
      f = f.square();
      for (int j = 0; j < n; j++) {
        f = doublingStep(f, t, j, px[j], py[j]);
      }
      if (ATE_LOOP.testBit(bit)) {
        for (int j = 0; j < n; j++) {
          f = additionStep(f, t, j, q[j], px[j], py[j]);
        }
      }
    }
    for (int j = 0; j < n; j++) {
      G2Point q1 = frobeniusTwist(q[j]);
      G2Point q2 = frobeniusTwist(q1).negate();
      f = additionStep(f, t, j, q1, px[j], py[j]);
      f = additionStep(f, t, j, q2, px[j], py[j]);
    }
    return f;
  }

  /** pi(Q): the p-power Frobenius endomorphism carried to the twist. */
  static G2Point frobeniusTwist(G2Point q) {
    return G2Point.fromUnchecked(q.xFp2().conjugate().mul(FROB_X), q.yFp2().conjugate().mul(FROB_Y));
  }

  // Line through T tangent, evaluated at P, times f; T <- 2T. With T = (X, Y, Z) Jacobian the
  // tangent line scaled by 2YZ^3 is: yP * 2YZ^3 + (-3X^2 Z^2 xP) w + (3X^3 - 2Y^2) w^3.
  private static Fp12 doublingStep(Fp12 f, Jacobian<Fp2, G2Point>[] ts, int j, Fp xp, Fp yp) {
    Jacobian<Fp2, G2Point> t = ts[j];
    Fp2 x = t.x;
    Fp2 y = t.y;
    Fp2 z = t.z;
    Fp2 xx = x.square();
    Fp2 yy = y.square();
    Fp2 zz = z.square();
    Fp2 xx3 = xx.dbl().add(xx);
    Fp2 a = y.mul(z).mul(zz).dbl().mul(yp);
    Fp2 b = xx3.mul(zz).mul(xp).neg();
    Fp2 c = xx3.mul(x).sub(yy.dbl());
    ts[j] = t.dbl();
    return f.mulBySparse(a, b, c);
  }

  // Line through T and affine Q, evaluated at P, times f; T <- T + Q. With num = yQ Z^3 - Y,
  // den = Z (xQ Z^2 - X) the line scaled by den is: yP den + (-num xP) w + (num xQ - yQ den) w^3.
  private static Fp12 additionStep(Fp12 f, Jacobian<Fp2, G2Point>[] ts, int j, G2Point q, Fp xp, Fp yp) {
    Jacobian<Fp2, G2Point> t = ts[j];
    Fp2 zz = t.z.square();
    Fp2 num = q.yFp2().mul(zz).mul(t.z).sub(t.y);
    Fp2 den = q.xFp2().mul(zz).sub(t.x).mul(t.z);
    Fp2 a = den.mul(yp);
    Fp2 b = num.mul(xp).neg();
    Fp2 c = num.mul(q.xFp2()).sub(q.yFp2().mul(den));
    ts[j] = t.addAffine(q);
    return f.mulBySparse(a, b, c);
  }

  /**
   * f^((p^12 - 1)/r): maps a Miller loop value to GT.
   *
   * @throws ArithmeticException if f is zero
   */
  static Fp12 finalExponentiation(Fp12 f) {
    // easy part: f^((p^6 - 1)(p^2 + 1))
    Fp12 t = f.conjugate().mul(f.inverse());
    t = t.frobenius(2).mul(t);
    // hard part: t^(l0 + l1 p + l2 p^2 + p^3), with l2 = 6x^2 + 1,
    // l1 = -36x^3 - 18x^2 - 12x + 1, l0 = -36x^3 - 30x^2 - 18x - 2. In the cyclotomic
    // subgroup the inverse is the conjugate.
    Fp12 a = expByX(t); // t^x
    Fp12 b = expByX(a); // t^(x^2)
    Fp12 c = expByX(b); // t^(x^3)
    Fp12 c36 = powSmall(c, 36);
    Fp12 b6 = powSmall(b, 6);
    Fp12 b12 = b6.cyclotomicSquare();
    Fp12 b18 = b12.mul(b6);
    Fp12 b30 = b18.mul(b12);
    Fp12 a6 = powSmall(a, 6);
    Fp12 a12 = a6.cyclotomicSquare();
    Fp12 a18 = a12.mul(a6);
    Fp12 l2 = b6.mul(t);
    Fp12 l1 = c36.mul(b18).mul(a12).conjugate().mul(t);
    Fp12 l0 = c36.mul(b30).mul(a18).mul(t.cyclotomicSquare()).conjugate();
    return t.frobenius(3).mul(l2.frobenius(2)).mul(l1.frobenius(1)).mul(l0);
  }

  private static Fp12 expByX(Fp12 f) {
    Fp12 acc = f;
    for (int i = BN_X.bitLength() - 2; i >= 0; i--) {
      acc = acc.cyclotomicSquare();
      if (BN_X.testBit(i)) {
        acc = acc.mul(f);
      }
    }
    return acc;
  }

  private static Fp12 powSmall(Fp12 f, int e) {
    Fp12 acc = f;
    for (int i = 31 - Integer.numberOfLeadingZeros(e) - 1; i >= 0; i--) {
      acc = acc.cyclotomicSquare();
      if (((e >>> i) & 1) != 0) {
        acc = acc.mul(f);
      }
    }
    return acc;
  }
}
