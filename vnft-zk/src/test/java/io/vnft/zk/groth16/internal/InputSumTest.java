package io.vnft.zk.groth16.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vnft.zk.curve.G1Point;
import io.vnft.zk.curve.internal.Glv;
import io.vnft.zk.field.Fr;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InputSumTest {
  private static final BigInteger R = Fr.MODULUS;

  // the oracle: IC[0] + sum x_i IC[i+1] by the plain double-and-add of G1Point
  private static G1Point naive(G1Point[] ic, Fr[] x) {
    G1Point acc = ic[0];
    for (int i = 0; i < x.length; i++) {
      acc = acc.add(ic[i + 1].mul(x[i]));
    }
    return acc;
  }

  private static G1Point randomPoint(Random rnd) {
    return G1Point.GENERATOR.mul(new BigInteger(254, rnd).mod(R));
  }

  @Test
  void matchesDoubleAndAddForRandomInputs() {
    Random rnd = new Random(7);
    for (int n = 0; n <= 4; n++) {
      G1Point[] ic = new G1Point[n + 1];
      for (int i = 0; i <= n; i++) {
        ic[i] = randomPoint(rnd);
      }
      InputSum s = new InputSum(ic);
      assertEquals(n, s.size());
      for (int t = 0; t < 3; t++) {
        Fr[] x = new Fr[n];
        for (int i = 0; i < n; i++) {
          x[i] = Fr.of(new BigInteger(256, rnd).mod(R));
        }
        assertEquals(naive(ic, x), s.sum(x), "n = " + n);
      }
    }
  }

  @Test
  void edgeScalarsAndPoints() {
    Random rnd = new Random(8);
    G1Point p = randomPoint(rnd);
    BigInteger lambda = Glv.LAMBDA;
    BigInteger[] edge = {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(15),
        BigInteger.valueOf(16), BigInteger.valueOf(31), R.subtract(BigInteger.ONE), R.shiftRight(1),
        R.shiftRight(1).add(BigInteger.ONE), lambda, R.subtract(lambda), BigInteger.ONE.shiftLeft(128),
        BigInteger.ONE.shiftLeft(253).subtract(BigInteger.ONE)};
    // IC[0] = -P and x = 1 cancel to infinity; repeated points make additions meet doublings
    G1Point[] ic = {p.negate(), p, p, G1Point.INFINITY, p.dbl()};
    InputSum s = new InputSum(ic);
    for (BigInteger a : edge) {
      for (BigInteger b : edge) {
        Fr[] x = {Fr.of(a), Fr.of(b), Fr.of(a), Fr.of(b)};
        assertEquals(naive(ic, x), s.sum(x), a + ", " + b);
      }
    }
    assertEquals(G1Point.INFINITY, s.sum(new Fr[] {Fr.ONE, Fr.ZERO, Fr.ZERO, Fr.ZERO}));
    assertEquals(G1Point.INFINITY,
        new InputSum(new G1Point[] {G1Point.INFINITY, p}).sum(new Fr[] {Fr.ZERO}));
  }

  @Test
  void wnafDigitsRecomposeTheValue() {
    Random rnd = new Random(9);
    for (int t = 0; t < 200; t++) {
      BigInteger v = new BigInteger(1 + rnd.nextInt(250), rnd);
      long[] k = new long[4];
      for (int i = 0; i < 4; i++) {
        k[i] = v.shiftRight(64 * i).longValue();
      }
      byte[] d = InputSum.wnaf(k, 0);
      BigInteger back = BigInteger.ZERO;
      int lastNonZero = -InputSum.W;
      for (int i = d.length - 1; i >= 0; i--) {
        back = back.shiftLeft(1).add(BigInteger.valueOf(d[i]));
      }
      for (int i = 0; i < d.length; i++) {
        if (d[i] != 0) {
          assertEquals(1, d[i] & 1, "odd digit");
          assertEquals(true, Math.abs(d[i]) < 1 << (InputSum.W - 1));
          assertEquals(true, i - lastNonZero >= InputSum.W, "non-adjacent");
          lastNonZero = i;
        }
      }
      assertEquals(v, back);
    }
  }
}
