package io.vnft.zk.groth16.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vnft.zk.curve.G1Point;
import io.vnft.zk.curve.G2Point;
import io.vnft.zk.field.Fr;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FixedBaseTest {
  private static long[] scalars(Fr[] s) {
    long[] l = new long[4 * s.length];
    for (int i = 0; i < s.length; i++) {
      s[i].copyLimbsTo(l, 4 * i);
    }
    return l;
  }

  private static Fr[] sample() {
    Random rnd = new Random(5);
    Fr[] s = new Fr[40];
    s[0] = Fr.ZERO;
    s[1] = Fr.ONE;
    s[2] = Fr.of(Fr.MODULUS.subtract(BigInteger.ONE));
    s[3] = Fr.of(256);
    s[4] = Fr.of(255);
    s[5] = Fr.of(BigInteger.ONE.shiftLeft(253));
    for (int i = 6; i < s.length; i++) {
      s[i] = Fr.reduce(new BigInteger(300, rnd));
    }
    return s;
  }

  @Test
  void g1MatchesScalarMultiplication() {
    Fr[] s = sample();
    G1Point[] got = FixedBase.g1(scalars(s), s.length, 2);
    for (int i = 0; i < s.length; i++) {
      assertEquals(G1Point.GENERATOR.mul(s[i]), got[i], "scalar " + i);
    }
    assertEquals(G1Point.INFINITY, got[0]);
  }

  @Test
  void g2MatchesScalarMultiplication() {
    Fr[] s = sample();
    G2Point[] got = FixedBase.g2(scalars(s), s.length, 2);
    for (int i = 0; i < s.length; i++) {
      assertEquals(G2Point.GENERATOR.mul(s[i]), got[i], "scalar " + i);
      assertEquals(true, got[i].isOnCurve());
    }
  }
}
