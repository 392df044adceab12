package io.vnft.zk.curve.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.zk.curve.G1Point;
import io.vnft.zk.curve.G2Point;
import io.vnft.zk.field.Fp;
import io.vnft.zk.field.Fr;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GlvTest {
  private static final BigInteger P = Fp.MODULUS;
  private static final BigInteger R = Fr.MODULUS;
  private static final BigInteger THREE = BigInteger.valueOf(3);

  // standard (not Montgomery) little-endian limbs
  static void limbs(BigInteger v, long[] out) {
    for (int i = 0; i < 4; i++) {
      out[i] = v.shiftRight(64 * i).longValue();
    }
  }

  static BigInteger value(long[] l) {
    BigInteger v = BigInteger.ZERO;
    for (int i = 3; i >= 0; i--) {
      v = v.shiftLeft(64).add(new BigInteger(Long.toUnsignedString(l[i])));
    }
    return v;
  }

  @Test
  void constantsAreNonTrivialCubeRootsOfUnity() {
    assertEquals(BigInteger.ONE, Glv.BETA.modPow(THREE, P));
    assertNotEquals(BigInteger.ONE, Glv.BETA);
    assertEquals(BigInteger.ONE, Glv.LAMBDA.modPow(THREE, R));
    assertEquals(BigInteger.ZERO,
        Glv.LAMBDA.multiply(Glv.LAMBDA).add(Glv.LAMBDA).add(BigInteger.ONE).mod(R));
  }

  @Test
  void latticeBasisIsShortAndInTheKernel() {
    // a + b lambda = 0 mod r for v1 = (A1, B1), v2 = (A2, -|B2|); |det| = r
    assertEquals(BigInteger.ZERO, Glv.A1.add(Glv.B1.multiply(Glv.LAMBDA)).mod(R));
    assertEquals(BigInteger.ZERO, Glv.A2.subtract(Glv.B2_ABS.multiply(Glv.LAMBDA)).mod(R));
    BigInteger det = Glv.A1.multiply(Glv.B2_ABS.negate()).subtract(Glv.A2.multiply(Glv.B1));
    assertEquals(R, det.abs());
    for (BigInteger v : new BigInteger[] {Glv.A1, Glv.B1, Glv.A2, Glv.B2_ABS}) {
      assertTrue(v.bitLength() <= 128, v.toString());
    }
  }

  @Test
  void endomorphismIsLambdaOnG1AndG2() {
    Random rnd = new Random(5);
    for (int i = 0; i < 3; i++) {
      G1Point p = G1Point.GENERATOR.mul(Fr.random(rnd));
      G1Point phi = G1Point.of(p.x().multiply(Glv.BETA).mod(P), p.y());
      assertEquals(p.mul(Glv.LAMBDA), phi);
      G2Point q = G2Point.GENERATOR.mul(Fr.random(rnd));
      G2Point psi = G2Point.of(q.x0().multiply(Glv.BETA_G2).mod(P), q.x1().multiply(Glv.BETA_G2).mod(P),
          q.y0(), q.y1());
      assertEquals(q.mul(Glv.LAMBDA), psi);
      // beta itself pairs with the other root on G2, so the choice matters
      G2Point wrong = G2Point.of(q.x0().multiply(Glv.BETA).mod(P), q.x1().multiply(Glv.BETA).mod(P),
          q.y0(), q.y1());
      assertNotEquals(q.mul(Glv.LAMBDA), wrong);
    }
  }

  @Test
  void decompositionRecombinesWithSmallHalves() {
    Random rnd = new Random(17);
    List<BigInteger> ks = new ArrayList<>();
    for (long v : new long[] {0, 1, 2, 3, 1L << 40}) {
      ks.add(BigInteger.valueOf(v));
      ks.add(R.subtract(BigInteger.valueOf(v)).mod(R));
    }
    ks.add(Glv.LAMBDA);
    ks.add(R.subtract(Glv.LAMBDA));
    ks.add(R.shiftRight(1));
    ks.add(R.shiftRight(1).add(BigInteger.ONE));
    ks.add(BigInteger.ONE.shiftLeft(253));
    for (int i = 0; i < 2000; i++) {
      ks.add(new BigInteger(254, rnd).mod(R));
    }
    long[] k = new long[4];
    long[] h1 = new long[4];
    long[] h2 = new long[4];
    long[] scratch = new long[Glv.SCRATCH];
    for (BigInteger v : ks) {
      limbs(v, k);
      int f = Glv.decompose(k, 0, h1, 0, h2, 0, scratch);
      BigInteger k1 = value(h1);
      BigInteger k2 = value(h2);
      assertTrue(k1.bitLength() <= 129 && k2.bitLength() <= 129, v + " -> " + k1 + ", " + k2);
      if ((f & 1) != 0) {
        k1 = k1.negate();
      }
      if ((f & 2) != 0) {
        k2 = k2.negate();
      }
      assertEquals(v, k1.add(k2.multiply(Glv.LAMBDA)).mod(R), "k = " + v);
    }
  }

  @Test
  void smallAndSmallNegativeScalarsHaveNoSecondHalf() {
    long[] k = new long[4];
    long[] h1 = new long[4];
    long[] h2 = new long[4];
    long[] scratch = new long[Glv.SCRATCH];
    for (BigInteger v : new BigInteger[] {BigInteger.valueOf(7), R.subtract(BigInteger.valueOf(7))}) {
      limbs(v, k);
      int f = Glv.decompose(k, 0, h1, 0, h2, 0, scratch);
      assertEquals(BigInteger.valueOf(7), value(h1));
      assertEquals(BigInteger.ZERO, value(h2));
      assertEquals(v.equals(BigInteger.valueOf(7)) ? 0 : 1, f);
    }
  }
}
