package io.vnft.zk.groth16.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vnft.api.InvalidInputException;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DomainTest {
  private static final BigInteger R = Limbs.R;

  private static long[] randomVector(int n, Random rnd) {
    long[] v = new long[4 * n];
    for (int i = 0; i < n; i++) {
      Limbs.fromBig(new BigInteger(256, rnd).mod(R), v, 4 * i);
    }
    return v;
  }

  @Test
  void rootsHaveExactOrder() {
    for (int log = 1; log <= Domain.MAX_LOG; log++) {
      BigInteger w = Domain.root(log);
      assertEquals(BigInteger.ONE, w.modPow(BigInteger.ONE.shiftLeft(log), R));
      assertNotEquals(BigInteger.ONE, w.modPow(BigInteger.ONE.shiftLeft(log - 1), R));
    }
    // ffjavascript picks 5 as the quadratic non-residue of the BN254 scalar field; w[28] = 5^t.
    BigInteger t = R.subtract(BigInteger.ONE).shiftRight(28);
    assertEquals(BigInteger.valueOf(5).modPow(t, R), Domain.root(28));
  }

  @Test
  void fftEvaluatesThePolynomialAtPowersOfTheRoot() {
    Random rnd = new Random(1);
    for (int log = 0; log <= 5; log++) {
      Domain d = new Domain(log);
      int n = d.size();
      long[] v = randomVector(n, rnd);
      BigInteger[] coef = new BigInteger[n];
      for (int i = 0; i < n; i++) {
        coef[i] = Limbs.toBig(v, 4 * i);
      }
      d.fft(v, 2);
      BigInteger w = Domain.root(log);
      for (int i = 0; i < n; i++) {
        BigInteger x = w.modPow(BigInteger.valueOf(i), R);
        BigInteger acc = BigInteger.ZERO;
        for (int j = n - 1; j >= 0; j--) {
          acc = acc.multiply(x).add(coef[j]).mod(R);
        }
        assertEquals(acc, Limbs.toBig(v, 4 * i), "log " + log + " point " + i);
      }
    }
  }

  @Test
  void ifftInvertsFftMultiThreaded() {
    Random rnd = new Random(2);
    Domain d = new Domain(12);
    long[] v = randomVector(d.size(), rnd);
    long[] orig = v.clone();
    d.fft(v, 2);
    d.ifft(v, 2);
    for (int i = 0; i < v.length; i++) {
      assertEquals(orig[i], v[i]);
    }
  }

  @Test
  void scaleByPowersMultipliesByGeometricSequence() {
    Random rnd = new Random(3);
    Domain d = new Domain(6);
    long[] v = randomVector(d.size(), rnd);
    long[] orig = v.clone();
    long[] g = new long[4];
    BigInteger gv = BigInteger.valueOf(7);
    Limbs.fromBig(gv, g, 0);
    d.scaleByPowers(v, g, 3);
    for (int i = 0; i < d.size(); i++) {
      assertEquals(Limbs.toBig(orig, 4 * i).multiply(gv.modPow(BigInteger.valueOf(i), R)).mod(R),
          Limbs.toBig(v, 4 * i));
    }
  }

  @Test
  void rejectsShortVectorsAndBadSizes() {
    Domain d = new Domain(4);
    assertThrows(InvalidInputException.class, () -> d.fft(new long[4 * 8], 1));
    assertThrows(InvalidInputException.class, () -> new Domain(29));
    assertThrows(InvalidInputException.class, () -> new Domain(-1));
  }
}
