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

class FrTest {
  static final BigInteger R = new BigInteger("30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001", 16);

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

  // The decimal form is the well-known BN254 group order (EIP-197, circom's default prime).
  @Test
  void modulusIsTheBn254ScalarFieldOrder() {
    assertEquals(R, Fr.MODULUS);
    assertEquals(new BigInteger("21888242871839275222246405745257275088548364400416034343698204186575808495617"), Fr.MODULUS);
  }

  @Test
  void ringOperationsMatchBigInteger() {
    Random rnd = new Random(1);
    List<BigInteger> xs = samples(rnd, 3000);
    List<BigInteger> ys = samples(new Random(2), 3000);
    for (int i = 0; i < xs.size(); i++) {
      BigInteger x = xs.get(i);
      BigInteger y = ys.get((i * 7 + 3) % ys.size());
      Fr a = Fr.of(x);
      Fr b = Fr.of(y);
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
      assertEquals(x.modPow(e, R), Fr.of(x).pow(e).toBigInteger());
    }
    assertEquals(Fr.ONE, Fr.of(5).pow(BigInteger.ZERO));
    assertEquals(Fr.of(5).inverse().square(), Fr.of(5).pow(BigInteger.valueOf(-2)));
  }

  @Test
  void fermatLittleTheoremHolds() {
    Fr g = Fr.of(7);
    assertTrue(g.pow(R.subtract(BigInteger.ONE)).isOne());
  }

  @Test
  void constantsAndPredicates() {
    assertTrue(Fr.ZERO.isZero());
    assertTrue(Fr.ONE.isOne());
    assertFalse(Fr.ONE.isZero());
    assertEquals(BigInteger.ONE, Fr.ONE.toBigInteger());
    assertEquals(Fr.ONE, Fr.of(1));
    assertEquals(Fr.of(R.subtract(BigInteger.ONE)), Fr.of(-1));
    assertEquals(Fr.of(R.subtract(BigInteger.valueOf(Long.MAX_VALUE)).subtract(BigInteger.ONE)), Fr.of(Long.MIN_VALUE));
    assertEquals(Fr.ZERO, Fr.of(-1).add(Fr.ONE));
    assertEquals("21888242871839275222246405745257275088548364400416034343698204186575808495616", Fr.of(-1).toString());
    assertEquals(Fr.of(3), Fr.reduce(R.add(BigInteger.valueOf(3))));
    assertEquals(Fr.of(-3), Fr.reduce(BigInteger.valueOf(-3)));
    assertEquals(Fr.of(12345).hashCode(), Fr.reduce(BigInteger.valueOf(12345)).hashCode());
    assertNotEquals(Fr.of(1), Fr.of(2));
  }

  @Test
  void inverseOfZeroThrows() {
    assertThrows(ArithmeticException.class, () -> Fr.ZERO.inverse());
    assertThrows(ArithmeticException.class, () -> Fr.ONE.div(Fr.ZERO));
  }

  @Test
  void nonCanonicalValuesAreRejected() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Fr.of(R));
    assertTrue(e.getMessage().contains("Fr"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> Fr.of(BigInteger.valueOf(-1)));
    assertThrows(InvalidInputException.class, () -> Fr.of((BigInteger) null));
    byte[] be = toBe32(R);
    assertThrows(InvalidInputException.class, () -> Fr.fromBytesBE(be));
    byte[] le = reverse(be);
    assertThrows(InvalidInputException.class, () -> Fr.fromBytesLE(le));
    assertThrows(InvalidInputException.class, () -> Fr.fromBytesBE(new byte[31]));
    assertThrows(InvalidInputException.class, () -> Fr.fromBytesLE(new byte[33]));
    byte[] ff = new byte[32];
    java.util.Arrays.fill(ff, (byte) 0xFF);
    assertThrows(InvalidInputException.class, () -> Fr.fromBytesBE(ff));
  }

  @Test
  void bytesRoundTripInBothOrders() {
    Random rnd = new Random(4);
    for (BigInteger x : samples(rnd, 300)) {
      Fr a = Fr.of(x);
      byte[] be = a.toBytesBE();
      assertArrayEquals(toBe32(x), be);
      assertArrayEquals(reverse(be), a.toBytesLE());
      assertEquals(a, Fr.fromBytesBE(be));
      assertEquals(a, Fr.fromBytesLE(a.toBytesLE()));
    }
  }

  @Test
  void randomIsCanonicalAndSpread() {
    Random rnd = new Random(5);
    int highHalf = 0;
    for (int i = 0; i < 2000; i++) {
      BigInteger v = Fr.random(rnd).toBigInteger();
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
    Fr[] xs = new Fr[n];
    for (int i = 0; i < n; i++) {
      xs[i] = i == 5 ? Fr.ZERO : Fr.random(rnd);
      FrOps.fromFr(xs[i], v, 4 * i);
    }
    long[] out = new long[4];
    for (int i = 0; i + 1 < n; i++) {
      FrOps.mul(v, 4 * i, v, 4 * i + 4, out, 0);
      assertEquals(xs[i].mul(xs[i + 1]), FrOps.toFr(out, 0));
      FrOps.add(v, 4 * i, v, 4 * i + 4, out, 0);
      assertEquals(xs[i].add(xs[i + 1]), FrOps.toFr(out, 0));
      FrOps.sub(v, 4 * i, v, 4 * i + 4, out, 0);
      assertEquals(xs[i].sub(xs[i + 1]), FrOps.toFr(out, 0));
    }
    long[] w = v.clone();
    FrOps.mul(w, 0, w, 4, w, 0); // aliasing output with input
    assertEquals(xs[0].mul(xs[1]), FrOps.toFr(w, 0));
    FrOps.square(w, 8, w, 8);
    assertEquals(xs[2].square(), FrOps.toFr(w, 8));
    FrOps.neg(w, 12, w, 12);
    assertEquals(xs[3].neg(), FrOps.toFr(w, 12));
    long[] std = new long[4];
    FrOps.fromMont(v, 4, std, 0);
    assertEquals(xs[1].toBigInteger(), FrOps.limbsToBigInteger(std, 0));
    FrOps.toMont(std, 0, std, 0);
    assertEquals(xs[1], FrOps.toFr(std, 0));

    long[] inv = v.clone();
    FrOps.batchInverse(inv, n);
    for (int i = 0; i < n; i++) {
      Fr expect = xs[i].isZero() ? Fr.ZERO : xs[i].inverse();
      assertEquals(expect, FrOps.toFr(inv, 4 * i), "batch inverse " + i);
    }
    assertThrows(InvalidInputException.class, () -> Fr.fromMontLimbs(new long[] {-1, -1, -1, -1}, 0));
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
