package io.vnft.zk.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.InvalidInputException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FpTest {
  static final BigInteger R = new BigInteger("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47", 16);

  static List<BigInteger> samples(Random rnd, int n) {
    List<BigInteger> out = new ArrayList<>();
    BigInteger[] edges = {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, R.subtract(BigInteger.ONE),
        R.subtract(BigInteger.TWO), R.shiftRight(1), BigInteger.ONE.shiftLeft(253), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
        BigInteger.ONE.shiftLeft(128), BigInteger.ONE.shiftLeft(192).subtract(BigInteger.ONE)};
    for (BigInteger e : edges) {
      out.add(e);
    }
    while (out.size() < n) {
      // mix full-range values with small and near-modulus ones
      BigInteger v = new BigInteger(254, rnd).mod(R);
      switch (rnd.nextInt(4)) {
        case 0: v = R.subtract(BigInteger.valueOf(rnd.nextInt(1000) + 1)); break;
        case 1: v = BigInteger.valueOf(rnd.nextInt(1 << 20)); break;
        default: break;
      }
      out.add(v);
    }
    return out;
  }

  @Test
  void modulusIsTheBn254BaseFieldPrime() {
    assertEquals(R, Fp.MODULUS);
    assertEquals(new BigInteger("21888242871839275222246405745257275088696311157297823662689037894645226208583"), Fp.MODULUS);
  }

  @Test
  void ringOperationsMatchBigInteger() {
    Random rnd = new Random(1);
    List<BigInteger> xs = samples(rnd, 3000);
    List<BigInteger> ys = samples(new Random(2), 3000);
    for (int i = 0; i < xs.size(); i++) {
      BigInteger x = xs.get(i);
      BigInteger y = ys.get((i * 7 + 3) % ys.size());
      Fp a = Fp.of(x);
      Fp b = Fp.of(y);
      assertEquals(x, a.toBigInteger());
      assertEquals(x.add(y).mod(R), a.add(b).toBigInteger(), "add");
      assertEquals(x.subtract(y).mod(R), a.sub(b).toBigInteger(), "sub");
      assertEquals(x.multiply(y).mod(R), a.mul(b).toBigInteger(), "mul " + x + " " + y);
      assertEquals(x.multiply(x).mod(R), a.square().toBigInteger(), "square");
      assertEquals(x.negate().mod(R), a.neg().toBigInteger(), "neg");
      if (x.signum() != 0) {
        assertEquals(x.modInverse(R), a.inverse().toBigInteger(), "inverse");
      }
      if (y.signum() != 0) {
        assertEquals(x.multiply(y.modInverse(R)).mod(R), a.div(b).toBigInteger(), "div");
      }
    }
  }

  @Test
  void powMatchesModPow() {
    Random rnd = new Random(3);
    for (int i = 0; i < 50; i++) {
      BigInteger x = new BigInteger(254, rnd).mod(R);
      BigInteger e = new BigInteger(1 + rnd.nextInt(300), rnd);
      assertEquals(x.modPow(e, R), Fp.of(x).pow(e).toBigInteger());
    }
    assertEquals(Fp.ONE, Fp.of(5).pow(BigInteger.ZERO));
    assertEquals(Fp.of(5).inverse().square(), Fp.of(5).pow(BigInteger.valueOf(-2)));
  }

  @Test
  void fermatLittleTheoremHolds() {
    Fp g = Fp.of(7);
    assertTrue(g.pow(R.subtract(BigInteger.ONE)).isOne());
  }

  @Test
  void constantsAndPredicates() {
    assertTrue(Fp.ZERO.isZero());
    assertTrue(Fp.ONE.isOne());
    assertFalse(Fp.ONE.isZero());
    assertEquals(BigInteger.ONE, Fp.ONE.toBigInteger());
    assertEquals(Fp.ONE, Fp.of(1));
    assertEquals(Fp.of(R.subtract(BigInteger.ONE)), Fp.of(-1));
    assertEquals(Fp.of(R.subtract(BigInteger.valueOf(Long.MAX_VALUE)).subtract(BigInteger.ONE)), Fp.of(Long.MIN_VALUE));
    assertEquals(Fp.ZERO, Fp.of(-1).add(Fp.ONE));
    assertEquals("21888242871839275222246405745257275088696311157297823662689037894645226208582", Fp.of(-1).toString());
    assertEquals(Fp.of(3), Fp.reduce(R.add(BigInteger.valueOf(3))));
    assertEquals(Fp.of(-3), Fp.reduce(BigInteger.valueOf(-3)));
    assertEquals(Fp.of(12345).hashCode(), Fp.reduce(BigInteger.valueOf(12345)).hashCode());
    assertNotEquals(Fp.of(1), Fp.of(2));
  }

  @Test
  void inverseOfZeroThrows() {
    assertThrows(ArithmeticException.class, () -> Fp.ZERO.inverse());
    assertThrows(ArithmeticException.class, () -> Fp.ONE.div(Fp.ZERO));
  }

  @Test
  void nonCanonicalValuesAreRejected() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Fp.of(R));
    assertTrue(e.getMessage().contains("Fp"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> Fp.of(BigInteger.valueOf(-1)));
    assertThrows(InvalidInputException.class, () -> Fp.of((BigInteger) null));
    byte[] be = toBe32(R);
    assertThrows(InvalidInputException.class, () -> Fp.fromBytesBE(be));
    byte[] le = reverse(be);
    assertThrows(InvalidInputException.class, () -> Fp.fromBytesLE(le));
    assertThrows(InvalidInputException.class, () -> Fp.fromBytesBE(new byte[31]));
    assertThrows(InvalidInputException.class, () -> Fp.fromBytesLE(new byte[33]));
    byte[] ff = new byte[32];
    java.util.Arrays.fill(ff, (byte) 0xFF);
    assertThrows(InvalidInputException.class, () -> Fp.fromBytesBE(ff));
  }

  @Test
  void bytesRoundTripInBothOrders() {
    Random rnd = new Random(4);
    for (BigInteger x : samples(rnd, 300)) {
      Fp a = Fp.of(x);
      byte[] be = a.toBytesBE();
      assertArrayEquals(toBe32(x), be);
      assertArrayEquals(reverse(be), a.toBytesLE());
      assertEquals(a, Fp.fromBytesBE(be));
      assertEquals(a, Fp.fromBytesLE(a.toBytesLE()));
    }
  }

  @Test
  void randomIsCanonicalAndSpread() {
    Random rnd = new Random(5);
    int highHalf = 0;
    for (int i = 0; i < 2000; i++) {
      BigInteger v = Fp.random(rnd).toBigInteger();
      assertTrue(v.signum() >= 0 && v.compareTo(R) < 0);
      if (v.compareTo(R.shiftRight(1)) >= 0) {
        highHalf++;
      }
    }
    assertTrue(highHalf > 850 && highHalf < 1150, "uniform halves: " + highHalf);
  }

  @Test
  void limbOpsMatchObjectOpsAndAlias() {
    Random rnd = new Random(6);
    int n = 64;
    long[] v = new long[4 * n];
    Fp[] xs = new Fp[n];
    for (int i = 0; i < n; i++) {
      xs[i] = i == 5 ? Fp.ZERO : Fp.random(rnd);
      FpOps.fromFp(xs[i], v, 4 * i);
    }
    long[] out = new long[4];
    for (int i = 0; i + 1 < n; i++) {
      FpOps.mul(v, 4 * i, v, 4 * i + 4, out, 0);
      assertEquals(xs[i].mul(xs[i + 1]), FpOps.toFp(out, 0));
      FpOps.add(v, 4 * i, v, 4 * i + 4, out, 0);
      assertEquals(xs[i].add(xs[i + 1]), FpOps.toFp(out, 0));
      FpOps.sub(v, 4 * i, v, 4 * i + 4, out, 0);
      assertEquals(xs[i].sub(xs[i + 1]), FpOps.toFp(out, 0));
    }
    long[] w = v.clone();
    FpOps.mul(w, 0, w, 4, w, 0); // aliasing output with input
    assertEquals(xs[0].mul(xs[1]), FpOps.toFp(w, 0));
    FpOps.square(w, 8, w, 8);
    assertEquals(xs[2].square(), FpOps.toFp(w, 8));
    FpOps.neg(w, 12, w, 12);
    assertEquals(xs[3].neg(), FpOps.toFp(w, 12));
    long[] std = new long[4];
    FpOps.fromMont(v, 4, std, 0);
    assertEquals(xs[1].toBigInteger(), FpOps.limbsToBigInteger(std, 0));
    FpOps.toMont(std, 0, std, 0);
    assertEquals(xs[1], FpOps.toFp(std, 0));

    long[] inv = v.clone();
    FpOps.batchInverse(inv, n);
    for (int i = 0; i < n; i++) {
      Fp expect = xs[i].isZero() ? Fp.ZERO : xs[i].inverse();
      assertEquals(expect, FpOps.toFp(inv, 4 * i), "batch inverse " + i);
    }
    assertThrows(InvalidInputException.class, () -> Fp.fromMontLimbs(new long[] {-1, -1, -1, -1}, 0));
  }

  static byte[] toBe32(BigInteger x) {
    byte[] raw = x.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  static byte[] reverse(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }
}
