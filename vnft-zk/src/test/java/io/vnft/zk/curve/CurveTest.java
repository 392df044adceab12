package io.vnft.zk.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.field.Fp;
import io.vnft.zk.field.Fp2;
import io.vnft.zk.field.Fr;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CurveTest {
  static final BigInteger P = Fp.MODULUS;
  static final BigInteger R = Fr.MODULUS;

  @Test
  void g1GroupLaws() {
    Random rnd = new Random(20);
    G1Point g = G1Point.GENERATOR;
    assertTrue(g.isOnCurve());
    assertTrue(g.mul(R).isInfinity(), "r * G = O");
    assertTrue(g.mul(BigInteger.ZERO).isInfinity());
    assertEquals(g, g.mul(R.add(BigInteger.ONE)));
    assertEquals(g.add(g), g.dbl());
    assertEquals(g.add(g).add(g), g.mul(BigInteger.valueOf(3)));
    assertTrue(g.add(g.negate()).isInfinity());
    assertEquals(g, g.add(G1Point.INFINITY));
    assertEquals(g, G1Point.INFINITY.add(g));
    for (int i = 0; i < 20; i++) {
      Fr a = Fr.random(rnd), b = Fr.random(rnd);
      G1Point pa = g.mul(a), pb = g.mul(b);
      assertTrue(pa.isOnCurve());
      assertEquals(g.mul(a.add(b)), pa.add(pb));
      assertEquals(g.mul(a.mul(b)), pa.mul(b));
      assertEquals(g.mul(a.neg()), pa.negate());
      assertEquals(pa, G1Point.of(pa.x(), pa.y()));
    }
  }

  @Test
  void g2GroupLaws() {
    Random rnd = new Random(21);
    G2Point g = G2Point.GENERATOR;
    assertTrue(g.isOnCurve());
    assertTrue(g.isInSubgroup());
    assertTrue(g.mul(R).isInfinity());
    assertEquals(g.add(g), g.dbl());
    assertEquals(g.add(g).add(g), g.mul(BigInteger.valueOf(3)));
    assertTrue(g.add(g.negate()).isInfinity());
    for (int i = 0; i < 5; i++) {
      Fr a = Fr.random(rnd), b = Fr.random(rnd);
      G2Point pa = g.mul(a), pb = g.mul(b);
      assertEquals(g.mul(a.add(b)), pa.add(pb));
      assertEquals(pa, G2Point.of(pa.x0(), pa.x1(), pa.y0(), pa.y1()));
      assertEquals(pa, G2Point.fromEip197(pa.x1(), pa.x0(), pa.y1(), pa.y0()));
    }
  }

  @Test
  void infinityEncodings() {
    assertTrue(G1Point.of(BigInteger.ZERO, BigInteger.ZERO).isInfinity());
    assertEquals(BigInteger.ZERO, G1Point.INFINITY.x());
    assertTrue(G2Point.of(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO).isInfinity());
  }

  @Test
  void g1RejectsOffCurveAndNonCanonical() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> G1Point.of(BigInteger.ONE, BigInteger.ONE));
    assertTrue(e.getMessage().contains("not on the curve"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> G1Point.of(P.add(BigInteger.ONE), BigInteger.TWO));
    assertTrue(e.getMessage().contains("coordinate x"), e.getMessage());
    // y + p would be the same point mod p, but is not canonical
    e = assertThrows(InvalidInputException.class, () -> G1Point.of(BigInteger.ONE, BigInteger.TWO.add(P)));
    assertTrue(e.getMessage().contains("coordinate y"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> G1Point.of(BigInteger.valueOf(-1), BigInteger.TWO));
    assertThrows(InvalidInputException.class, () -> G1Point.of(null, BigInteger.TWO));
  }

  @Test
  void g2RejectsOffTwistNonCanonicalAndOutsideSubgroup() {
    G2Point g = G2Point.GENERATOR;
    assertThrows(InvalidInputException.class, () -> G2Point.of(g.x0(), g.x1(), g.y0(), g.y1().add(BigInteger.ONE)));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> G2Point.of(g.x0().add(P), g.x1(), g.y0(), g.y1()));
    assertTrue(e.getMessage().contains("x0"), e.getMessage());
    // a point on the twist but outside the order-r subgroup (the twist has a large cofactor)
    G2Point off = findPointOutsideSubgroup();
    assertTrue(off.isOnCurve());
    assertFalse(off.isInSubgroup());
    InvalidInputException e2 = assertThrows(InvalidInputException.class,
        () -> G2Point.of(off.x0(), off.x1(), off.y0(), off.y1()));
    assertTrue(e2.getMessage().contains("subgroup"), e2.getMessage());
  }

  /** A twist point outside G2: take x in Fp2 until x^3 + b' is a square, then its square root. */
  static G2Point findPointOutsideSubgroup() {
    Fp2 b = G2Point.B;
    BigInteger p2 = P.multiply(P);
    for (int i = 1; i < 1000; i++) {
      Fp2 x = new Fp2(Fp.of(i), Fp.ONE);
      Fp2 rhs = x.square().mul(x).add(b);
      // Euler's criterion in Fp2
      if (!rhs.pow(p2.subtract(BigInteger.ONE).shiftRight(1)).isOne()) {
        continue;
      }
      Fp2 y = sqrt(rhs);
      if (y == null) {
        continue;
      }
      G2Point pt = G2Point.fromUnchecked(x, y);
      if (pt.isOnCurve() && !pt.isInSubgroup()) {
        return pt;
      }
    }
    throw new AssertionError("no point found");
  }

  // Square root in Fp2 for p = 3 mod 4 (algorithm 9 of Adj & Rodriguez-Henriquez, "Square root
  // computation over even extension fields").
  static Fp2 sqrt(Fp2 a) {
    BigInteger e1 = P.subtract(BigInteger.valueOf(3)).shiftRight(2);
    Fp2 a1 = a.pow(e1);
    Fp2 alpha = a1.mul(a1).mul(a);
    Fp2 x0 = a1.mul(a);
    if (alpha.equals(Fp2.ONE.neg())) {
      return new Fp2(Fp.ZERO, Fp.ONE).mul(x0);
    }
    Fp2 bb = Fp2.ONE.add(alpha).pow(P.subtract(BigInteger.ONE).shiftRight(1));
    Fp2 root = bb.mul(x0);
    return root.square().equals(a) ? root : null;
  }

  @Test
  void pairingIsBilinearAndNonDegenerate() {
    Random rnd = new Random(22);
    G1Point p = G1Point.GENERATOR;
    G2Point q = G2Point.GENERATOR;
    var e = Pairing.pair(p, q);
    assertFalse(e.isOne(), "e(G1, G2) != 1");
    assertTrue(e.pow(R).isOne(), "e(G1, G2) has order r");
    Fr a = Fr.random(rnd), b = Fr.random(rnd);
    var eab = Pairing.pair(p.mul(a), q.mul(b));
    assertEquals(e.pow(a.mul(b).toBigInteger()), eab);
    assertEquals(Pairing.pair(p.mul(a.mul(b)), q), eab);
    assertEquals(Pairing.pair(p, q.mul(a.mul(b))), eab);
    assertTrue(Pairing.pair(G1Point.INFINITY, q).isOne());
    assertTrue(Pairing.pair(p, G2Point.INFINITY).isOne());
    // e(aP, bQ) * e(-abP, Q) = 1
    assertTrue(Pairing.pairingCheck(new G1Point[] {p.mul(a), p.mul(a.mul(b)).negate()}, new G2Point[] {q.mul(b), q}));
    assertFalse(Pairing.pairingCheck(new G1Point[] {p.mul(a), p.mul(a.mul(b))}, new G2Point[] {q.mul(b), q}));
    assertThrows(InvalidInputException.class, () -> Pairing.pairingCheck(new G1Point[] {p}, new G2Point[0]));
    assertThrows(InvalidInputException.class, () -> Pairing.pairingCheck(new G1Point[] {null}, new G2Point[] {q}));
  }

  @Test
  void finalExponentiationEqualsThePlainExponent() {
    Random rnd = new Random(23);
    G1Point p = G1Point.GENERATOR.mul(Fr.random(rnd));
    G2Point q = G2Point.GENERATOR.mul(Fr.random(rnd));
    var f = Pairing.millerLoop(p, q);
    BigInteger exp = P.pow(12).subtract(BigInteger.ONE).divide(R);
    assertEquals(f.pow(exp), Pairing.finalExponentiation(f));
  }

  @Test
  void hardPartDecompositionIdentity() {
    BigInteger x = Pairing.BN_X;
    BigInteger l2 = x.pow(2).multiply(BigInteger.valueOf(6)).add(BigInteger.ONE);
    BigInteger l1 = x.pow(3).multiply(BigInteger.valueOf(-36)).subtract(x.pow(2).multiply(BigInteger.valueOf(18)))
        .subtract(x.multiply(BigInteger.valueOf(12))).add(BigInteger.ONE);
    BigInteger l0 = x.pow(3).multiply(BigInteger.valueOf(-36)).subtract(x.pow(2).multiply(BigInteger.valueOf(30)))
        .subtract(x.multiply(BigInteger.valueOf(18))).subtract(BigInteger.TWO);
    BigInteger lhs = l0.add(l1.multiply(P)).add(l2.multiply(P.pow(2))).add(P.pow(3));
    assertEquals(P.pow(4).subtract(P.pow(2)).add(BigInteger.ONE).divide(R), lhs);
    assertNotEquals(BigInteger.ZERO, lhs);
  }
}
