package io.vnft.zk.curve.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vnft.zk.field.Fp;
import io.vnft.zk.field.FpOps;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The lazy-reduction primitives against BigInteger, and the lazy Fp6/Fp12 formulas of
 * {@link Fp12LimbOps} against their reduced references on random and extreme inputs (every
 * component p - 1, 0 or 1), where the bounds the formulas rely on are tightest.
 */
class FpWideTest {
  private static final BigInteger P = Fp.MODULUS;
  private static final BigInteger R_INV = BigInteger.ONE.shiftLeft(256).modInverse(P);

  private static long[] raw(BigInteger v) {
    long[] a = new long[4];
    for (int i = 0; i < 4; i++) {
      a[i] = v.shiftRight(64 * i).longValue();
    }
    return a;
  }

  private static BigInteger big(long[] a, int o) {
    BigInteger v = BigInteger.ZERO;
    for (int i = 3; i >= 0; i--) {
      v = v.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(a[o + i])));
    }
    return v;
  }

  private static BigInteger value(long[] w) {
    BigInteger v = BigInteger.ZERO;
    for (int i = FpWide.COLS - 1; i >= 0; i--) {
      v = v.shiftLeft(52).add(BigInteger.valueOf(w[i]));
    }
    return v;
  }

  @Test
  void wideProductsAreExactAndRedcReducesSignedSums() {
    Random rnd = new Random(5);
    BigInteger lim = BigInteger.ONE.shiftLeft(256);
    for (int t = 0; t < 2000; t++) {
      // operands anywhere below 2^256 (unreduced sums), including the top value
      BigInteger a = t == 0 ? lim.subtract(BigInteger.ONE) : new BigInteger(256, rnd);
      BigInteger b = t == 0 ? lim.subtract(BigInteger.ONE) : new BigInteger(256, rnd);
      BigInteger c = new BigInteger(254, rnd).mod(P);
      BigInteger d = new BigInteger(254, rnd).mod(P);
      long[] w = new long[FpWide.COLS];
      FpWide.mulWide(raw(a), 0, raw(b), 0, w, 0);
      assertEquals(a.multiply(b).shiftLeft(4), value(w));
      FpWide.mulSubWide(raw(c), 0, raw(d), 0, w, 0);
      FpWide.mulSubWide(raw(c), 0, raw(d), 0, w, 0);
      FpWide.mulAddWide(raw(d), 0, raw(d), 0, w, 0);
      BigInteger sum = a.multiply(b).subtract(c.multiply(d).shiftLeft(1)).add(d.multiply(d));
      assertEquals(sum.shiftLeft(4), value(w));
      long[] z = raw(c);
      FpWide.addHigh(w, 0, z, 0, -3);
      sum = sum.subtract(c.multiply(BigInteger.valueOf(3)).shiftLeft(256));
      // keep the sum inside the documented [-40 p, 43 p) 2^256
      if (sum.compareTo(P.multiply(BigInteger.valueOf(-40)).shiftLeft(256)) < 0
          || sum.compareTo(P.multiply(BigInteger.valueOf(43)).shiftLeft(256)) >= 0) {
        continue;
      }
      long[] out = new long[4];
      FpWide.redc(w, 0, out, 0);
      assertEquals(sum.multiply(R_INV).mod(P), big(out, 0));
    }
  }

  @Test
  void redcAtTheEndsOfItsRange() {
    BigInteger[] ends = {P.multiply(BigInteger.valueOf(-40)).shiftLeft(256),
        P.multiply(BigInteger.valueOf(43)).shiftLeft(256).subtract(BigInteger.ONE), BigInteger.ZERO,
        BigInteger.ONE, P.shiftLeft(256), P.shiftLeft(256).subtract(BigInteger.ONE)};
    for (BigInteger v : ends) {
      // write 16 v as columns: low 52 bits per column, the rest (signed) in the top column
      long[] w = new long[FpWide.COLS];
      BigInteger x = v.shiftLeft(4);
      for (int i = 0; i < FpWide.COLS - 1; i++) {
        w[i] = x.and(BigInteger.ONE.shiftLeft(52).subtract(BigInteger.ONE)).longValue();
        x = x.shiftRight(52);
      }
      w[FpWide.COLS - 1] = x.longValueExact();
      long[] out = new long[4];
      FpWide.redc(w, 0, out, 0);
      assertEquals(v.multiply(R_INV).mod(P), big(out, 0), v.toString());
    }
  }

  @Test
  void addNRAddsWithCarries() {
    Random rnd = new Random(6);
    for (int t = 0; t < 500; t++) {
      BigInteger a = new BigInteger(255, rnd);
      BigInteger b = new BigInteger(255, rnd);
      long[] r = new long[4];
      FpWide.addNR(raw(a), 0, raw(b), 0, r, 0);
      assertEquals(a.add(b), big(r, 0));
    }
    long[] r = new long[4];
    long[] ones = {-1L, -1L, -1L, 0x3fffffffffffffffL};
    long[] one = {1, 0, 0, 0};
    FpWide.addNR(ones, 0, one, 0, r, 0);
    assertArrayEquals(new long[] {0, 0, 0, 0x4000000000000000L}, r);
  }

  @Test
  void fusedFp2WideProductMatchesThreeSeparateProducts() {
    Random rnd = new Random(12);
    Fp12LimbOps ops = new Fp12LimbOps();
    BigInteger top = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);
    for (int t = 0; t < 500; t++) {
      long[] a = new long[8];
      long[] b = new long[8];
      for (int i = 0; i < 8; i += 4) {
        // components anywhere below 2^255, the largest value included
        System.arraycopy(raw(t == 0 ? top : new BigInteger(255, rnd)), 0, a, i, 4);
        System.arraycopy(raw(t == 0 ? top : new BigInteger(255, rnd)), 0, b, i, 4);
      }
      long[] x = new long[2 * FpWide.COLS];
      long[] y = new long[2 * FpWide.COLS];
      FpWide.mul2Wide(a, 0, b, 0, x, 0);
      ops.fp2WSeparate(a, 0, b, 0, y, 0);
      assertArrayEquals(y, x);
      BigInteger a0 = big(a, 0), a1 = big(a, 4), b0 = big(b, 0), b1 = big(b, 4);
      assertEquals(a0.multiply(b0).subtract(a1.multiply(b1)).shiftLeft(4),
          value(java.util.Arrays.copyOf(x, FpWide.COLS)));
    }
  }

  @Test
  void fusedFp2WideSquareMatchesSeparateProducts() {
    Random rnd = new Random(13);
    Fp12LimbOps ops = new Fp12LimbOps();
    for (int t = 0; t < 500; t++) {
      long[] a = t < 3 ? extreme(rnd, 8, t % 2) : extreme(rnd, 8, 2);
      long[] x = new long[2 * FpWide.COLS];
      long[] y = new long[2 * FpWide.COLS];
      FpWide.sq2Wide(a, 0, x, 0);
      ops.sq2WSeparate(a, 0, y, 0);
      assertArrayEquals(y, x);
      BigInteger a0 = big(a, 0), a1 = big(a, 4);
      assertEquals(a0.add(a1).multiply(a0.add(P).subtract(a1)).shiftLeft(4),
          value(java.util.Arrays.copyOf(x, FpWide.COLS)));
    }
  }

  // elements whose Montgomery limbs are p - 1, 0 or 1 per component (fully reduced extremes)
  private static long[] extreme(Random rnd, int n, int mode) {
    long[] a = new long[n];
    long[] pm1 = raw(P.subtract(BigInteger.ONE));
    for (int i = 0; i < n; i += 4) {
      int k = mode == 0 ? 0 : mode == 1 ? rnd.nextInt(3) : 3;
      if (k == 0) {
        System.arraycopy(pm1, 0, a, i, 4);
      } else if (k == 1) {
        a[i] = 1;
      } else if (k == 3) {
        FpOps.fromBigInteger(new BigInteger(256, rnd).mod(P), a, i);
      }
    }
    return a;
  }

  @Test
  void lazyTowerFormulasMatchTheReducedOnes() {
    Random rnd = new Random(11);
    Fp12LimbOps ops = new Fp12LimbOps();
    for (int t = 0; t < 300; t++) {
      int mode = t % 3;
      long[] a = extreme(rnd, 48, mode);
      long[] b = extreme(rnd, 48, mode);
      long[] x = new long[48];
      long[] y = new long[48];
      ops.mul6(a, 0, b, 24, x, 0);
      ops.mul6Reduced(a, 0, b, 24, y, 0);
      assertArrayEquals(y, x, "mul6");
      ops.mul12(a, 0, b, 0, x, 0);
      ops.mul12Reduced(a, 0, b, 0, y, 0);
      assertArrayEquals(y, x, "mul12");
      ops.cycSq12(a, 0, x, 0);
      ops.cycSq12Reduced(a, 0, y, 0);
      assertArrayEquals(y, x, "cycSq12");
      long[] f1 = a.clone();
      long[] f2 = a.clone();
      ops.mulBy034c1(f1, 0, b, 0, 8);
      ops.mulBy034c1Reduced(f2, 0, b, 0, 8);
      assertArrayEquals(f2, f1, "mulBy034c1");
      f1 = a.clone();
      f2 = a.clone();
      ops.mulBy034(f1, 0, b, 0, 8, 16);
      ops.mulBy034Reduced(f2, 0, b, 0, 8, 16);
      assertArrayEquals(f2, f1, "mulBy034");
      // in place (output aliases the input)
      System.arraycopy(a, 0, x, 0, 48);
      ops.cycSq12(x, 0, x, 0);
      ops.cycSq12Reduced(a, 0, y, 0);
      assertArrayEquals(y, x, "cycSq12 in place");
      System.arraycopy(a, 0, x, 0, 48);
      ops.mul12(x, 0, x, 0, x, 0);
      ops.mul12Reduced(a, 0, a, 0, y, 0);
      assertArrayEquals(y, x, "mul12 in place");
      System.arraycopy(a, 0, x, 0, 48);
      ops.mul6(x, 0, x, 24, x, 0);
      ops.mul6Reduced(a, 0, a, 24, y, 0);
      assertArrayEquals(java.util.Arrays.copyOf(y, 24), java.util.Arrays.copyOf(x, 24), "mul6 in place");
    }
  }
}
