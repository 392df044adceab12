package io.vnft.zk.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.curve.internal.MsmJob;
import io.vnft.zk.field.Fp;
import io.vnft.zk.field.Fr;
import io.vnft.zk.field.FrOps;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MsmTest {
  static G1Point[] g1Bases(Random rnd, int n) {
    // distinct random multiples, built incrementally (cheap): B_i = B_{i-1} + R_i
    G1Point[] out = new G1Point[n];
    G1Point step = G1Point.GENERATOR.mul(Fr.random(rnd));
    G1Point jump = G1Point.GENERATOR.mul(Fr.random(rnd));
    G1Point cur = G1Point.GENERATOR.mul(Fr.random(rnd));
    for (int i = 0; i < n; i++) {
      out[i] = cur;
      cur = cur.add(i % 7 == 3 ? jump : step);
    }
    return out;
  }

  // reference: independent double-and-add per point (the object-based Jacobian code), summed
  static G1Point naive(G1Point[] b, Fr[] k) {
    Jacobian<Fp, G1Point> acc = Jacobian.infinity(Jacobian.G1);
    for (int i = 0; i < b.length; i++) {
      acc = acc.add(Jacobian.mul(Jacobian.G1, b[i], k[i].toBigInteger()));
    }
    return acc.toAffine();
  }

  static Fr[] scalars(Random rnd, int n) {
    Fr[] k = new Fr[n];
    for (int i = 0; i < n; i++) {
      switch (i % 11) {
        case 4: k[i] = Fr.ZERO; break;
        case 5: k[i] = Fr.of(-1); break; // r - 1: all digits carry
        case 6: k[i] = Fr.of(1); break;
        case 7: k[i] = Fr.of(rnd.nextInt(1 << 16)); break;
        default: k[i] = Fr.random(rnd);
      }
    }
    return k;
  }

  @Test
  void g1MatchesNaiveSumForManySizes() {
    Random rnd = new Random(30);
    for (int n : new int[] {1, 2, 3, 31, 32, 100, 1000, 1500}) {
      G1Point[] b = g1Bases(rnd, n);
      Fr[] k = scalars(rnd, n);
      if (n > 3) {
        b[n / 2] = G1Point.INFINITY;
        b[3] = b[2].negate(); // P and -P with equal digits cancel inside a bucket
        k[3] = k[2];
        b[1] = b[0]; // repeated base: forces doubling inside a bucket when digits coincide
        k[1] = k[0];
      }
      G1Point expect = naive(b, k);
      assertEquals(expect, Msm.g1(b, k, 1), "n=" + n + " single thread");
      assertEquals(expect, Msm.g1(b, k, 3), "n=" + n + " three threads");
    }
  }

  @Test
  void g1RawLimbVariantTakesStandardFormScalars() {
    Random rnd = new Random(31);
    int n = 200;
    G1Point[] b = g1Bases(rnd, n);
    Fr[] k = scalars(rnd, n);
    long[] limbs = new long[4 * n + 8]; // longer than needed: only n are used
    for (int i = 0; i < n; i++) {
      BigInteger v = k[i].toBigInteger();
      for (int j = 0; j < 4; j++) {
        limbs[4 * i + j] = v.shiftRight(64 * j).longValue();
      }
    }
    assertEquals(naive(b, k), Msm.g1(b, limbs, n, 2));
    // only the first m points count
    Fr[] k10 = java.util.Arrays.copyOf(k, 10);
    G1Point[] b10 = java.util.Arrays.copyOf(b, 10);
    assertEquals(naive(b10, k10), Msm.g1(b, limbs, 10, 2));
  }

  @Test
  void g1EdgeCases() {
    assertTrue(Msm.g1(new G1Point[0], new Fr[0]).isInfinity());
    G1Point[] b = {G1Point.GENERATOR, G1Point.GENERATOR.negate()};
    Fr[] k = {Fr.of(5), Fr.of(5)};
    assertTrue(Msm.g1(b, k).isInfinity(), "P - P");
    assertTrue(Msm.g1(b, new Fr[] {Fr.ZERO, Fr.ZERO}).isInfinity());
    assertTrue(Msm.g1(new G1Point[] {G1Point.INFINITY}, new Fr[] {Fr.of(3)}).isInfinity());
  }

  @Test
  void badInputIsRejected() {
    G1Point[] b = {G1Point.GENERATOR};
    assertThrows(InvalidInputException.class, () -> Msm.g1(b, new Fr[2]));
    assertThrows(InvalidInputException.class, () -> Msm.g1(b, new Fr[] {null}));
    assertThrows(InvalidInputException.class, () -> Msm.g1(new G1Point[] {null}, new Fr[] {Fr.ONE}));
    assertThrows(InvalidInputException.class, () -> Msm.g1(b, new Fr[] {Fr.ONE}, 0));
    assertThrows(InvalidInputException.class, () -> Msm.g1(b, new long[3], 1, 1));
    long[] notReduced = {1L, 0, 0, 0x3000000000000000L | 0x0FFFFFFFFFFFFFFFL};
    assertThrows(InvalidInputException.class, () -> Msm.g1(b, notReduced, 1, 1));
    long[] r = new long[4];
    Fr.of(-1).copyLimbsTo(r, 0);
    FrOps.fromMont(r, 0, r, 0);
    r[0] += 1; // exactly r
    assertThrows(InvalidInputException.class, () -> Msm.g1(b, r, 1, 1));
    assertThrows(InvalidInputException.class, () -> Msm.g2(new G2Point[] {G2Point.GENERATOR}, new Fr[0]));
  }

  @Test
  void g2MatchesNaiveSum() {
    Random rnd = new Random(32);
    for (int n : new int[] {1, 2, 3, 40, 600}) {
      G2Point[] b = new G2Point[n];
      G2Point step = G2Point.GENERATOR.mul(Fr.random(rnd));
      G2Point cur = G2Point.GENERATOR;
      for (int i = 0; i < n; i++) {
        b[i] = cur;
        cur = cur.add(step);
      }
      Fr[] k = scalars(rnd, n);
      for (int i = 40; i < n; i++) {
        k[i] = Fr.of(rnd.nextInt(1 << 20)); // keeps the naive reference cheap; low windows stay busy
      }
      if (n > 3) {
        b[2] = G2Point.INFINITY;
        b[5] = b[4]; // same point twice: doubling inside a bucket
        k[5] = k[4];
        b[7] = b[6].negate(); // P and -P cancel inside a bucket
        k[7] = k[6];
      }
      G2Point expect = G2Point.INFINITY;
      for (int i = 0; i < n; i++) {
        expect = expect.add(b[i].mul(k[i]));
      }
      assertEquals(expect, Msm.g2(b, k, 1), "n=" + n);
      assertEquals(expect, Msm.g2(b, k, 2), "n=" + n);
    }
  }

  @Test
  void glvHalvesMeetEndomorphismImagesAndSmallNegativeScalars() {
    // bases that are endomorphism images of other bases (phi(B) = lambda B) make a GLV half land
    // on the same x as another point: doubling and cancellation across halves; scalars near r
    // (small negative) and small ones use few windows
    Random rnd = new Random(33);
    BigInteger lambda = io.vnft.zk.curve.internal.Glv.LAMBDA;
    for (int n : new int[] {20, 700}) {
      G1Point[] b = g1Bases(rnd, n);
      Fr[] k = new Fr[n];
      for (int i = 0; i < n; i++) {
        int v = rnd.nextInt(1000) - 500;
        k[i] = i % 3 == 0 ? Fr.random(rnd) : Fr.of(v);
      }
      for (int i = 0; i + 1 < n; i += 5) {
        b[i + 1] = b[i].mul(lambda); // phi(b[i])
      }
      k[1] = Fr.ONE; // 1 * phi(B0) ...
      k[0] = Fr.of(5);
      G1Point expect = naive(b, k);
      assertEquals(expect, Msm.g1(b, k, 1), "n=" + n);
      assertEquals(expect, Msm.g1(b, k, 2), "n=" + n);
      Fr[] small = new Fr[n];
      for (int i = 0; i < n; i++) {
        small[i] = Fr.of(rnd.nextInt(7) - 3); // only -3..3: a single window
      }
      assertEquals(naive(b, small), Msm.g1(b, small, 2), "n=" + n + " small");
    }
    G2Point[] b2 = new G2Point[30];
    Fr[] k2 = new Fr[30];
    for (int i = 0; i < 30; i++) {
      b2[i] = i % 2 == 1 ? b2[i - 1].mul(lambda) : G2Point.GENERATOR.mul(Fr.random(rnd));
      k2[i] = i % 4 == 0 ? Fr.random(rnd) : Fr.of(rnd.nextInt(100) - 50);
    }
    G2Point expect2 = G2Point.INFINITY;
    for (int i = 0; i < 30; i++) {
      expect2 = expect2.add(b2[i].mul(k2[i]));
    }
    assertEquals(expect2, Msm.g2(b2, k2, 2));
  }

  @Test
  void signedDigitsRecomposeTheScalar() {
    Random rnd = new Random(33);
    for (int c : new int[] {3, 4, 7, 13, 16}) {
      int windows = 254 / c + 1;
      for (int t = 0; t < 50; t++) {
        BigInteger v = t == 0 ? Fr.MODULUS.subtract(BigInteger.ONE) : new BigInteger(254, rnd).mod(Fr.MODULUS);
        long[] limbs = new long[4];
        for (int j = 0; j < 4; j++) {
          limbs[j] = v.shiftRight(64 * j).longValue();
        }
        int[] d = new int[windows];
        MsmJob.signedDigits(limbs, 0, 1, c, windows, d, new int[windows]);
        BigInteger back = BigInteger.ZERO;
        for (int w = windows - 1; w >= 0; w--) {
          assertTrue(Math.abs(d[w]) <= (1 << (c - 1)));
          back = back.shiftLeft(c).add(BigInteger.valueOf(d[w]));
        }
        assertEquals(v, back, "c=" + c);
      }
    }
  }
}
