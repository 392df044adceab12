package io.vnft.zk.curve.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.zk.field.Fp;
import io.vnft.zk.field.Fp12;
import io.vnft.zk.field.Fp2;
import io.vnft.zk.field.Fp6;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The limb-level tower against the immutable Fp2/Fp6/Fp12 objects (the plain definitions). */
class Fp12LimbOpsTest {
  static Fp2 fp2(Random r) {
    return new Fp2(Fp.random(r), Fp.random(r));
  }

  static Fp6 fp6(Random r) {
    return new Fp6(fp2(r), fp2(r), fp2(r));
  }

  static Fp12 fp12(Random r) {
    return new Fp12(fp6(r), fp6(r));
  }

  static long[] limbs(Fp12 x) {
    long[] a = new long[48];
    x.copyLimbsTo(a, 0);
    return a;
  }

  static long[] limbs(Fp6 x) {
    long[] a = new long[24];
    x.c0().copyLimbsTo(a, 0);
    x.c1().copyLimbsTo(a, 8);
    x.c2().copyLimbsTo(a, 16);
    return a;
  }

  static Fp6 fp6(long[] a, int o) {
    return Fp12.fromMontLimbs(concat(a, o), 0).c0();
  }

  private static long[] concat(long[] a, int o) {
    long[] r = new long[48];
    System.arraycopy(a, o, r, 0, 24);
    return r;
  }

  static Fp12 fp12(long[] a) {
    return Fp12.fromMontLimbs(a, 0);
  }

  @Test
  void fp12ProductsSquaresAndSparseLinesMatchTheObjects() {
    Random rnd = new Random(71);
    Fp12LimbOps ops = new Fp12LimbOps();
    for (int i = 0; i < 30; i++) {
      Fp12 x = fp12(rnd), y = fp12(rnd);
      long[] a = limbs(x), b = limbs(y), r = new long[48];
      ops.mul12(a, 0, b, 0, r, 0);
      assertEquals(x.mul(y), fp12(r));
      ops.mul12(a, 0, b, 0, a, 0); // output aliasing an input
      assertEquals(x.mul(y), fp12(a));
      a = limbs(x);
      ops.sq12(a, 0, r, 0);
      assertEquals(x.square(), fp12(r));
      assertEquals(x.mul(x), fp12(r));
      Fp2 l0 = fp2(rnd), l1 = fp2(rnd), l2 = fp2(rnd);
      long[] l = new long[24];
      l0.copyLimbsTo(l, 0);
      l1.copyLimbsTo(l, 8);
      l2.copyLimbsTo(l, 16);
      ops.mulBy034(a, 0, l, 0, 8, 16);
      Fp12 sparse = new Fp12(new Fp6(l0, Fp2.ZERO, Fp2.ZERO), new Fp6(l1, l2, Fp2.ZERO));
      assertEquals(x.mul(sparse), fp12(a));
      a = limbs(x);
      ops.mulBy034c1(a, 0, l, 0, 8);
      Fp12 unitLine = new Fp12(new Fp6(l0, Fp2.ZERO, Fp2.ZERO), new Fp6(l1, Fp2.ONE, Fp2.ZERO));
      assertEquals(x.mul(unitLine), fp12(a));
      a = limbs(x);
      ops.inv12(a, 0, r, 0);
      assertEquals(x.inverse(), fp12(r));
      assertTrue(x.mul(fp12(r)).isOne());
      Fp12LimbOps.conj12(a, 0, r, 0);
      assertEquals(x.conjugate(), fp12(r));
      for (int k = 1; k <= 3; k++) {
        ops.frob12(a, 0, k, r, 0);
        assertEquals(x.frobenius(k), fp12(r), "Frobenius " + k);
      }
    }
    assertThrows(ArithmeticException.class, () -> ops.inv12(new long[48], 0, new long[48], 0));
  }

  @Test
  void fusedSmallLinearCombinationsReduceEdgeValuesCorrectly() {
    BigInteger p = Fp.MODULUS;
    Random rnd = new Random(74);
    BigInteger[] edge = {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, p.subtract(BigInteger.ONE),
        p.subtract(BigInteger.TWO), p.shiftRight(1), p.shiftRight(1).add(BigInteger.ONE),
        BigInteger.ONE.shiftLeft(250), BigInteger.ONE.shiftLeft(253).subtract(BigInteger.ONE)};
    BigInteger[] vals = new BigInteger[edge.length + 200];
    System.arraycopy(edge, 0, vals, 0, edge.length);
    for (int i = edge.length; i < vals.length; i++) {
      vals[i] = new BigInteger(254, rnd).mod(p);
    }
    long[] a = new long[8], r = new long[8], z = new long[8];
    for (int i = 0; i < vals.length; i++) {
      for (int j = 0; j < vals.length; j += 7) {
        BigInteger x = vals[i], y = vals[(i + j) % vals.length];
        Fp2 e = Fp2.of(x, y);
        e.copyLimbsTo(a, 0);
        Fp12LimbOps.mulXi(a, 0, r, 0);
        assertEquals(e.mulByXi(), fp2(r), x + ", " + y);
        Fp2 w = Fp2.of(y, x);
        w.copyLimbsTo(z, 0);
        Fp12LimbOps.threeTwo2(a, 0, z, 0, true, r, 0);
        assertEquals(e.dbl().add(e).sub(w.dbl()), fp2(r));
        Fp12LimbOps.threeTwo2(a, 0, z, 0, false, z, 0); // output aliasing z
        assertEquals(e.dbl().add(e).add(w.dbl()), fp2(z));
      }
    }
  }

  private static Fp2 fp2(long[] r) {
    return new Fp2(Fp.fromMontLimbs(r, 0), Fp.fromMontLimbs(r, 4));
  }

  @Test
  void fp6ProductsSquaresAndInversesMatchTheObjects() {
    Random rnd = new Random(72);
    Fp12LimbOps ops = new Fp12LimbOps();
    for (int i = 0; i < 50; i++) {
      Fp6 x = fp6(rnd), y = fp6(rnd);
      long[] a = limbs(x), b = limbs(y), r = new long[24];
      ops.mul6(a, 0, b, 0, r, 0);
      assertEquals(x.mul(y), fp6(r, 0));
      ops.sq6(a, 0, r, 0);
      assertEquals(x.mul(x), fp6(r, 0));
      ops.inv6(a, 0, r, 0);
      assertEquals(x.inverse(), fp6(r, 0));
      ops.mulV6(a, 0, r, 0);
      assertEquals(x.mulByV(), fp6(r, 0));
      Fp2 b0 = fp2(rnd), b1 = fp2(rnd);
      long[] bb = new long[16];
      b0.copyLimbsTo(bb, 0);
      b1.copyLimbsTo(bb, 8);
      ops.mulBy01(a, 0, bb, 0, 8, a, 0);
      assertEquals(x.mul(new Fp6(b0, b1, Fp2.ZERO)), fp6(a, 0));
    }
  }

  @Test
  void cyclotomicSquareMatchesTheFullSquareOnlyInsideTheSubgroup() {
    Random rnd = new Random(73);
    Fp12LimbOps ops = new Fp12LimbOps();
    for (int i = 0; i < 10; i++) {
      Fp12 f = fp12(rnd);
      // f^((p^6 - 1)(p^2 + 1)) lies in the cyclotomic subgroup
      Fp12 g = f.conjugate().mul(f.inverse());
      g = g.frobenius(2).mul(g);
      long[] a = limbs(g), r = new long[48];
      ops.cycSq12(a, 0, r, 0);
      assertEquals(g.square(), fp12(r));
      ops.cycSq12(a, 0, a, 0);
      assertEquals(g.square(), fp12(a));
      long[] out = limbs(f);
      ops.cycSq12(out, 0, out, 0);
      assertFalse(f.square().equals(fp12(out)), "a random element is not in the subgroup");
    }
    // one and the exponent used by the pairing: sanity of the test's own subgroup claim
    BigInteger p = Fp.MODULUS;
    Fp12 h = fp12(rnd);
    Fp12 g = h.conjugate().mul(h.inverse());
    g = g.frobenius(2).mul(g);
    assertTrue(g.pow(p.pow(4).subtract(p.pow(2)).add(BigInteger.ONE)).isOne());
  }
}
