package io.vnft.zk.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TowerTest {
  static final BigInteger P = Fp.MODULUS;

  static Fp2 fp2(Random r) {
    return new Fp2(Fp.random(r), Fp.random(r));
  }

  static Fp6 fp6(Random r) {
    return new Fp6(fp2(r), fp2(r), fp2(r));
  }

  static Fp12 fp12(Random r) {
    return new Fp12(fp6(r), fp6(r));
  }

  @Test
  void fp2MatchesSchoolbookComplexArithmetic() {
    Random rnd = new Random(10);
    for (int i = 0; i < 500; i++) {
      BigInteger a = new BigInteger(254, rnd).mod(P), b = new BigInteger(254, rnd).mod(P);
      BigInteger c = new BigInteger(254, rnd).mod(P), d = new BigInteger(254, rnd).mod(P);
      Fp2 x = Fp2.of(a, b);
      Fp2 y = Fp2.of(c, d);
      Fp2 prod = x.mul(y);
      // (a + bu)(c + du) = ac - bd + (ad + bc)u since u^2 = -1
      assertEquals(a.multiply(c).subtract(b.multiply(d)).mod(P), prod.c0().toBigInteger());
      assertEquals(a.multiply(d).add(b.multiply(c)).mod(P), prod.c1().toBigInteger());
      assertEquals(x.mul(x), x.square());
      assertEquals(x.mul(Fp2.XI), x.mulByXi());
      if (!x.isZero()) {
        assertTrue(x.mul(x.inverse()).isOne());
      }
    }
    Fp2 u = new Fp2(Fp.ZERO, Fp.ONE);
    assertEquals(Fp2.ONE.neg(), u.square());
    assertThrows(ArithmeticException.class, () -> Fp2.ZERO.inverse());
  }

  @Test
  void fp6AndFp12AreFieldsWithTheRightNonResidues() {
    Random rnd = new Random(11);
    Fp6 v = new Fp6(Fp2.ZERO, Fp2.ONE, Fp2.ZERO);
    assertEquals(new Fp6(Fp2.XI, Fp2.ZERO, Fp2.ZERO), v.mul(v).mul(v), "v^3 = xi");
    Fp12 w = new Fp12(Fp6.ZERO, Fp6.ONE);
    assertEquals(new Fp12(v, Fp6.ZERO), w.square(), "w^2 = v");
    for (int i = 0; i < 30; i++) {
      Fp6 a = fp6(rnd), b = fp6(rnd), c = fp6(rnd);
      assertEquals(a.mul(b).mul(c), a.mul(b.mul(c)));
      assertEquals(a.mul(b.add(c)), a.mul(b).add(a.mul(c)));
      assertEquals(a.mul(v), a.mulByV());
      assertTrue(a.mul(a.inverse()).isOne());
      Fp12 x = fp12(rnd), y = fp12(rnd), z = fp12(rnd);
      assertEquals(x.mul(y).mul(z), x.mul(y.mul(z)));
      assertEquals(x.mul(y.add(z)), x.mul(y).add(x.mul(z)));
      assertEquals(x.mul(x), x.square());
      assertTrue(x.mul(x.inverse()).isOne());
      Fp2 s0 = fp2(rnd), s1 = fp2(rnd), s2 = fp2(rnd);
      Fp12 sparse = new Fp12(new Fp6(s0, Fp2.ZERO, Fp2.ZERO), new Fp6(s1, s2, Fp2.ZERO));
      assertEquals(x.mul(sparse), x.mulBySparse(s0, s1, s2));
    }
  }

  @Test
  void cyclotomicSquareMatchesSquareInTheCyclotomicSubgroup() {
    Random rnd = new Random(13);
    for (int i = 0; i < 5; i++) {
      Fp12 f = fp12(rnd);
      // easy part of the final exponentiation maps into the cyclotomic subgroup
      Fp12 g = f.conjugate().mul(f.inverse());
      g = g.frobenius(2).mul(g);
      assertEquals(g.square(), g.cyclotomicSquare());
      assertEquals(g.square().square(), g.cyclotomicSquare().cyclotomicSquare());
    }
  }

  @Test
  void frobeniusIsThePowerP() {
    Random rnd = new Random(12);
    Fp12 x = fp12(rnd);
    Fp12 xp = x.pow(P);
    assertEquals(xp, x.frobenius(1));
    assertEquals(xp.pow(P), x.frobenius(2));
    assertEquals(xp.pow(P).pow(P), x.frobenius(3));
    assertEquals(x.frobenius(3).frobenius(3), x.frobenius(6));
    assertEquals(x.conjugate(), x.frobenius(6));
    assertEquals(x, x.frobenius(6).frobenius(6));
    assertNotEquals(x, x.frobenius(1));
  }
}
