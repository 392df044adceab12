package io.vnft.zk.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.field.Fp;
import io.vnft.zk.field.Fp12;
import io.vnft.zk.field.Fp2;
import io.vnft.zk.field.Fp6;
import io.vnft.zk.field.Fr;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The limb-level pairing (projective lines, NAF loop, prepared G2 lines, windowed hard part)
 * against {@link ReferencePairing}, the plain object-based implementation it replaced, and against
 * the plain exponent (p^12 - 1)/r.
 */
class PairingFastPathTest {
  static final BigInteger P = Fp.MODULUS;
  static final BigInteger R = Fr.MODULUS;

  private static Fp12 randomFp12(Random r) {
    return new Fp12(new Fp6(fp2(r), fp2(r), fp2(r)), new Fp6(fp2(r), fp2(r), fp2(r)));
  }

  private static Fp2 fp2(Random r) {
    return new Fp2(Fp.random(r), Fp.random(r));
  }

  @Test
  void pairMatchesTheReferenceImplementationOnRandomPoints() {
    Random rnd = new Random(81);
    for (int i = 0; i < 4; i++) {
      G1Point p = G1Point.GENERATOR.mul(Fr.random(rnd));
      G2Point q = G2Point.GENERATOR.mul(Fr.random(rnd));
      Fp12 e = Pairing.pair(p, q);
      assertEquals(ReferencePairing.pair(p, q), e);
      assertFalse(e.isOne());
      // the Miller loop values differ by line scalings; their reductions must not
      Fp12 f = Pairing.millerLoop(p, q);
      assertEquals(ReferencePairing.finalExponentiation(ReferencePairing.millerLoop(p, q)),
          ReferencePairing.finalExponentiation(f));
    }
  }

  @Test
  void finalExponentiationEqualsThePlainExponentOnArbitraryElements() {
    Random rnd = new Random(82);
    BigInteger exp = P.pow(12).subtract(BigInteger.ONE).divide(R);
    for (int i = 0; i < 2; i++) {
      Fp12 f = randomFp12(rnd);
      Fp12 e = Pairing.finalExponentiation(f);
      assertEquals(f.pow(exp), e);
      assertEquals(ReferencePairing.finalExponentiation(f), e);
      assertTrue(e.pow(R).isOne(), "lands in the order-r subgroup");
    }
    assertTrue(Pairing.finalExponentiation(Fp12.ONE).isOne());
    assertThrows(ArithmeticException.class, () -> Pairing.finalExponentiation(Fp12.ZERO));
  }

  @Test
  void bilinearInBothArgumentsForRandomScalars() {
    Random rnd = new Random(83);
    G1Point p = G1Point.GENERATOR.mul(Fr.random(rnd));
    G2Point q = G2Point.GENERATOR.mul(Fr.random(rnd));
    Fr a = Fr.random(rnd), b = Fr.random(rnd);
    Fp12 e = Pairing.pair(p, q);
    assertEquals(e.pow(a.toBigInteger()), Pairing.pair(p.mul(a), q));
    assertEquals(e.pow(b.toBigInteger()), Pairing.pair(p, q.mul(b)));
    // e(P1 + P2, Q) = e(P1, Q) e(P2, Q) and e(P, Q1 + Q2) = e(P, Q1) e(P, Q2)
    G1Point p2 = G1Point.GENERATOR.mul(Fr.random(rnd));
    G2Point q2 = G2Point.GENERATOR.mul(Fr.random(rnd));
    assertEquals(e.mul(Pairing.pair(p2, q)), Pairing.pair(p.add(p2), q));
    assertEquals(e.mul(Pairing.pair(p, q2)), Pairing.pair(p, q.add(q2)));
    assertEquals(e.conjugate(), Pairing.pair(p.negate(), q), "e(-P, Q) = e(P, Q)^-1");
  }

  @Test
  void preparedLinesGiveTheSameChecksAsPlainPoints() {
    Random rnd = new Random(84);
    Fr a = Fr.random(rnd), b = Fr.random(rnd), c = Fr.random(rnd);
    G1Point g1 = G1Point.GENERATOR;
    G2Point g2 = G2Point.GENERATOR;
    // e(aG1, bG2) e(cG1, G2) e(-(ab + c)G1, G2) = 1
    G1Point[] ps = {g1.mul(a), g1.mul(c), g1.mul(a.mul(b).add(c)).negate()};
    G2Point[] qs = {g2.mul(b), g2, g2};
    Pairing.G2Prepared[] pq = new Pairing.G2Prepared[qs.length];
    for (int i = 0; i < qs.length; i++) {
      pq[i] = Pairing.prepare(qs[i]);
      assertEquals(qs[i], pq[i].point());
    }
    assertTrue(Pairing.pairingCheck(ps, qs));
    assertTrue(Pairing.pairingCheck(ps, pq));
    assertTrue(ReferencePairing.pairingCheck(ps, qs));
    ps[1] = g1.mul(c.add(Fr.ONE));
    assertFalse(Pairing.pairingCheck(ps, qs));
    assertFalse(Pairing.pairingCheck(ps, pq));
    assertFalse(ReferencePairing.pairingCheck(ps, qs));
    // the multi-pair Miller loop reduces to the product of the single pairings
    Fp12 prod = Pairing.pair(ps[0], qs[0]).mul(Pairing.pair(ps[1], qs[1])).mul(Pairing.pair(ps[2], qs[2]));
    assertEquals(prod, Pairing.finalExponentiation(Pairing.millerLoop(ps, qs)));
    assertNotEquals(Fp12.ONE, prod);
  }

  @Test
  void linesPreparedForOneUseGiveTheSameResultsAsNormalisedOnes() {
    Random rnd = new Random(87);
    Fr a = Fr.random(rnd), b = Fr.random(rnd), c = Fr.random(rnd);
    G1Point g1 = G1Point.GENERATOR;
    G2Point g2 = G2Point.GENERATOR;
    G1Point[] ps = {g1.mul(a), g1.mul(c), g1.mul(a.mul(b).add(c)).negate()};
    G2Point[] qs = {g2.mul(b), g2, g2};
    Pairing.G2Prepared[] once = new Pairing.G2Prepared[qs.length];
    Pairing.G2Prepared[] mixed = new Pairing.G2Prepared[qs.length];
    for (int i = 0; i < qs.length; i++) {
      once[i] = Pairing.prepareOnce(qs[i]);
      mixed[i] = i == 0 ? once[i] : Pairing.prepare(qs[i]);
      assertEquals(qs[i], once[i].point());
    }
    assertTrue(Pairing.pairingCheck(ps, once));
    assertTrue(Pairing.pairingCheck(ps, mixed));
    Fp12 target = Pairing.pair(ps[0], qs[0]);
    assertTrue(Pairing.pairingProductEquals(new G1Point[] {ps[0]}, new Pairing.G2Prepared[] {once[0]}, target));
    ps[1] = g1.mul(c.add(Fr.ONE));
    assertFalse(Pairing.pairingCheck(ps, once));
    assertFalse(Pairing.pairingCheck(ps, mixed));
    assertTrue(Pairing.prepareOnce(G2Point.INFINITY).isInfinity());
    assertThrows(InvalidInputException.class, () -> Pairing.prepareOnce(null));
  }

  @Test
  void pairingProductEqualsComparesWithAGivenTargetInGT() {
    Random rnd = new Random(86);
    Fr a = Fr.random(rnd), b = Fr.random(rnd), c = Fr.random(rnd);
    G1Point g1 = G1Point.GENERATOR;
    G2Point g2 = G2Point.GENERATOR;
    G1Point[] ps = {g1.mul(a), g1.mul(c)};
    Pairing.G2Prepared[] qs = {Pairing.prepare(g2.mul(b)), Pairing.prepare(g2)};
    Fp12 target = Pairing.pair(g1, g2).pow(a.mul(b).add(c).toBigInteger());
    assertTrue(Pairing.pairingProductEquals(ps, qs, target));
    assertFalse(Pairing.pairingProductEquals(ps, qs, target.mul(Pairing.pair(g1, g2))));
    // moving e(g1, g2)^(ab + c) to the left gives the plain check
    assertTrue(Pairing.pairingCheck(new G1Point[] {ps[0], ps[1], g1.mul(a.mul(b).add(c)).negate()},
        new G2Point[] {g2.mul(b), g2, g2}));
    assertTrue(Pairing.pairingProductEquals(new G1Point[0], new Pairing.G2Prepared[0], Fp12.ONE));
    assertThrows(InvalidInputException.class, () -> Pairing.pairingProductEquals(ps, qs, null));
  }

  @Test
  void infinityPairsContributeOneAndBadInputIsRefused() {
    G1Point p = G1Point.GENERATOR.mul(Fr.of(5));
    G2Point q = G2Point.GENERATOR.mul(Fr.of(7));
    Pairing.G2Prepared inf = Pairing.prepare(G2Point.INFINITY);
    assertTrue(inf.isInfinity());
    assertFalse(Pairing.prepare(q).isInfinity());
    assertTrue(Pairing.pairingCheck(new G1Point[] {p}, new Pairing.G2Prepared[] {inf}));
    assertTrue(Pairing.pairingCheck(new G1Point[] {G1Point.INFINITY, p, p.negate()},
        new Pairing.G2Prepared[] {Pairing.prepare(q), Pairing.prepare(q), Pairing.prepare(q)}));
    assertFalse(Pairing.pairingCheck(new G1Point[] {G1Point.INFINITY, p},
        new Pairing.G2Prepared[] {Pairing.prepare(q), Pairing.prepare(q)}));
    assertThrows(InvalidInputException.class, () -> Pairing.prepare(null));
    assertThrows(InvalidInputException.class,
        () -> Pairing.pairingCheck(new G1Point[] {p}, new Pairing.G2Prepared[0]));
    assertThrows(InvalidInputException.class,
        () -> Pairing.pairingCheck(new G1Point[] {p}, new Pairing.G2Prepared[] {null}));
    assertThrows(InvalidInputException.class,
        () -> Pairing.pairingCheck(null, (Pairing.G2Prepared[]) null));
  }

  @Test
  void twistFrobeniusIsThePPowerEndomorphism() {
    Random rnd = new Random(85);
    G2Point q = G2Point.GENERATOR.mul(Fr.random(rnd));
    // on G2, pi acts as multiplication by p (mod r)
    assertEquals(q.mul(P.mod(R)), Pairing.frobeniusTwist(q));
    assertEquals(ReferencePairing.frobeniusTwist(q), Pairing.frobeniusTwist(q));
  }
}
