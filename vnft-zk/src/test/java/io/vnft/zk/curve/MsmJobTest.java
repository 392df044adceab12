package io.vnft.zk.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.curve.internal.MsmJob;
import io.vnft.zk.field.Fr;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The multi-MSM task set used by the prover ({@link MsmJob#runAll}) against naive sums. */
class MsmJobTest {
  private static long[] limbs(Fr[] k, int pad) {
    long[] out = new long[4 * (k.length + pad)];
    for (int i = 0; i < k.length; i++) {
      BigInteger v = k[i].toBigInteger();
      for (int j = 0; j < 4; j++) {
        out[4 * (pad + i) + j] = v.shiftRight(64 * j).longValue();
      }
    }
    return out;
  }

  private static G2Point naive2(G2Point[] b, Fr[] k) {
    G2Point acc = G2Point.INFINITY;
    for (int i = 0; i < b.length; i++) {
      acc = acc.add(b[i].mul(k[i]));
    }
    return acc;
  }

  @Test
  void severalJobsShareTheThreadsAndMatchNaiveSums() {
    Random rnd = new Random(40);
    // job 1: batch-affine G1 with infinity bases, zero scalars, repeated and opposite bases
    int n1 = 1300;
    G1Point[] b1 = MsmTest.g1Bases(rnd, n1);
    Fr[] k1 = MsmTest.scalars(rnd, n1);
    b1[10] = G1Point.INFINITY;
    b1[21] = b1[20];
    k1[21] = k1[20];
    b1[31] = b1[30].negate();
    k1[31] = k1[30];
    // job 2: Jacobian path (n < 512 GLV points), scalars read at an offset of 3
    int n2 = 100;
    G1Point[] b2 = MsmTest.g1Bases(rnd, n2);
    Fr[] k2 = MsmTest.scalars(rnd, n2);
    // job 3: G2, batch-affine (600 inputs -> up to 1200 GLV points), small scalars keep naive cheap
    int n3 = 600;
    G2Point[] b3 = new G2Point[n3];
    G2Point step = G2Point.GENERATOR.mul(Fr.random(rnd));
    G2Point cur = G2Point.GENERATOR;
    Fr[] k3 = new Fr[n3];
    for (int i = 0; i < n3; i++) {
      b3[i] = cur;
      cur = cur.add(step);
      k3[i] = i < 30 ? Fr.random(rnd) : Fr.of(rnd.nextInt(1 << 18) - (1 << 17));
    }
    b3[5] = G2Point.INFINITY;
    k3[7] = Fr.ZERO;
    // job 4: only zero scalars; job 5: n = 1; job 6: n = 0
    G1Point[] b4 = MsmTest.g1Bases(rnd, 5);
    Fr[] k4 = new Fr[5];
    Arrays.fill(k4, Fr.ZERO);
    G1Point[] b5 = {G1Point.GENERATOR.mul(Fr.of(77))};
    Fr[] k5 = {Fr.of(-5)};
    G1Point[] expect = {MsmTest.naive(b1, k1), MsmTest.naive(b2, k2), null, G1Point.INFINITY,
        G1Point.GENERATOR.mul(Fr.of(77).mul(Fr.of(-5))), G1Point.INFINITY};
    G2Point expect3 = naive2(b3, k3);
    for (int threads : new int[] {1, 2, 3}) {
      MsmJob j1 = MsmJob.g1(b1, limbs(k1, 0), 0, n1);
      MsmJob j2 = MsmJob.g1(b2, limbs(k2, 3), 3, n2);
      MsmJob j3 = MsmJob.g2(b3, limbs(k3, 0), 0, n3);
      MsmJob j4 = MsmJob.g1(b4, limbs(k4, 0), 0, 5);
      MsmJob j5 = MsmJob.g1(b5, limbs(k5, 0), 0, 1);
      MsmJob j6 = MsmJob.g1(b5, limbs(k5, 0), 0, 0);
      MsmJob.runAll(threads, j1, j2, j3, j4, j5, j6);
      String t = " on " + threads + " threads";
      assertEquals(expect[0], j1.g1Result(), "job 1" + t);
      assertEquals(expect[1], j2.g1Result(), "job 2" + t);
      assertEquals(expect3, j3.g2Result(), "job 3" + t);
      assertEquals(expect[3], j4.g1Result(), "job 4" + t);
      assertEquals(expect[4], j5.g1Result(), "job 5" + t);
      assertEquals(expect[5], j6.g1Result(), "job 6" + t);
    }
  }

  @Test
  void degenerateWindowsWhereAllPointsShareBuckets() {
    // one scalar for every point: in each window all digits are equal, so every addition of a
    // batch collides (queue, then Jacobian side buckets); plus a second job whose scalars are
    // 2^100 + small, so the top windows use a single bucket
    Random rnd = new Random(41);
    int n = 1500;
    G1Point[] b = MsmTest.g1Bases(rnd, n);
    b[3] = b[2]; // repeated base with the same scalar: doubling inside a bucket
    Fr same = Fr.random(rnd);
    Fr[] k = new Fr[n];
    Arrays.fill(k, same);
    Fr[] k2 = new Fr[n];
    Fr big = Fr.of(BigInteger.ONE.shiftLeft(100));
    for (int i = 0; i < n; i++) {
      k2[i] = big.add(Fr.of(rnd.nextInt(64)));
    }
    G1Point sum = G1Point.INFINITY;
    for (G1Point p : b) {
      sum = sum.add(p);
    }
    MsmJob j1 = MsmJob.g1(b, limbs(k, 0), 0, n);
    MsmJob j2 = MsmJob.g1(b, limbs(k2, 0), 0, n);
    MsmJob.runAll(2, j1, j2);
    assertEquals(sum.mul(same), j1.g1Result());
    assertEquals(MsmTest.naive(b, k2), j2.g1Result());
  }

  @Test
  void digitsReportTheLargestDigitOfEachWindow() {
    Random rnd = new Random(42);
    int n = 300;
    int c = 9;
    int windows = 130 / c + 1;
    long[] k = new long[4 * n];
    for (int i = 0; i < n; i++) {
      BigInteger v = new BigInteger(i % 3 == 0 ? 40 : 128, rnd);
      for (int j = 0; j < 4; j++) {
        k[4 * i + j] = v.shiftRight(64 * j).longValue();
      }
    }
    int[] digits = new int[n * windows];
    int[] maxAbs = new int[windows];
    MsmJob.signedDigits(k, 0, n, c, windows, digits, maxAbs);
    int[] expect = new int[windows];
    for (int i = 0; i < n; i++) {
      for (int w = 0; w < windows; w++) {
        expect[w] = Math.max(expect[w], Math.abs(digits[i * windows + w]));
      }
    }
    assertTrue(expect[windows - 1] < (1 << (c - 1)), "top window of 128-bit scalars is not full");
    assertEquals(Arrays.toString(expect), Arrays.toString(maxAbs));
  }

  @Test
  void rangesOutsideTheArraysAreRejected() {
    G1Point[] b = {G1Point.GENERATOR};
    assertThrows(InvalidInputException.class, () -> MsmJob.g1(b, new long[4], 0, 2));
    assertThrows(InvalidInputException.class, () -> MsmJob.g1(b, new long[4], 1, 1));
    assertThrows(InvalidInputException.class, () -> MsmJob.g1(b, new long[4], 0, -1));
    long[] notReduced = {1L, 0, 0, -1L};
    assertThrows(InvalidInputException.class, () -> MsmJob.g1(b, notReduced, 0, 1));
  }
}
