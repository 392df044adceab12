package io.vnft.zk.field;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The radix-2^52 Montgomery multiplication and squaring of {@link FpOps}/{@link FrOps} (and the
 * element classes {@link Fp}/{@link Fr}, generated from the same snippets) against BigInteger:
 * a * b * 2^-256 mod m on raw limbs, for random values, edge values (0, 1, m-1, values with
 * all-ones limbs, powers of two near the 52-bit limb boundaries) and inputs that alias the output.
 */
class MontgomeryMulTest {
  static final BigInteger P = new BigInteger("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47", 16);
  static final BigInteger R = new BigInteger("30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001", 16);

  /** Field-independent view of the static ops. */
  interface Ops {
    void mul(long[] a, int ao, long[] b, int bo, long[] out, int oo);

    void square(long[] a, int ao, long[] out, int oo);

    void mulSum(long[] a, int ao, long[] b, int bo, long[] c, int co, long[] d, int dof, long[] out, int oo);
  }

  static Ops ops(String field) {
    if (field.equals("p")) {
      return new Ops() {
        public void mul(long[] a, int ao, long[] b, int bo, long[] out, int oo) {
          FpOps.mul(a, ao, b, bo, out, oo);
        }

        public void square(long[] a, int ao, long[] out, int oo) {
          FpOps.square(a, ao, out, oo);
        }

        public void mulSum(long[] a, int ao, long[] b, int bo, long[] c, int co, long[] d, int dof, long[] out, int oo) {
          FpOps.mulSum(a, ao, b, bo, c, co, d, dof, out, oo);
        }
      };
    }
    return new Ops() {
      public void mul(long[] a, int ao, long[] b, int bo, long[] out, int oo) {
        FrOps.mul(a, ao, b, bo, out, oo);
      }

      public void square(long[] a, int ao, long[] out, int oo) {
        FrOps.square(a, ao, out, oo);
      }

      public void mulSum(long[] a, int ao, long[] b, int bo, long[] c, int co, long[] d, int dof, long[] out, int oo) {
        FrOps.mulSum(a, ao, b, bo, c, co, d, dof, out, oo);
      }
    };
  }

  static List<BigInteger> values(BigInteger m, Random rnd, int n) {
    List<BigInteger> out = new ArrayList<>();
    BigInteger one = BigInteger.ONE;
    BigInteger[] edges = {BigInteger.ZERO, one, BigInteger.TWO, m.subtract(one), m.subtract(BigInteger.TWO),
        m.shiftRight(1), one.shiftLeft(253), one.shiftLeft(253).subtract(one), one.shiftLeft(64).subtract(one),
        one.shiftLeft(128).subtract(one), one.shiftLeft(192).subtract(one), one.shiftLeft(52), one.shiftLeft(52).subtract(one),
        one.shiftLeft(104).subtract(one), one.shiftLeft(156), one.shiftLeft(208).subtract(one), one.shiftLeft(250).add(one)};
    for (BigInteger e : edges) {
      out.add(e.mod(m));
    }
    while (out.size() < n) {
      BigInteger v = new BigInteger(254, rnd).mod(m);
      if (rnd.nextInt(4) == 0) {
        v = m.subtract(BigInteger.valueOf(rnd.nextInt(1 << 16) + 1));
      }
      out.add(v);
    }
    return out;
  }

  static void put(BigInteger v, long[] t, int o) {
    for (int i = 0; i < 4; i++) {
      t[o + i] = v.shiftRight(64 * i).longValue();
    }
  }

  static BigInteger get(long[] t, int o) {
    BigInteger r = BigInteger.ZERO;
    for (int i = 3; i >= 0; i--) {
      r = r.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(t[o + i])));
    }
    return r;
  }

  @ParameterizedTest
  @ValueSource(strings = {"p", "r"})
  void mulAndSquareMatchBigIntegerOnRawLimbs(String field) {
    BigInteger m = field.equals("p") ? P : R;
    BigInteger rInv = BigInteger.ONE.shiftLeft(256).modInverse(m);
    Ops ops = ops(field);
    List<BigInteger> vs = values(m, new Random(field.hashCode()), 400);
    long[] a = new long[8];
    long[] out = new long[4];
    for (int i = 0; i < vs.size(); i++) {
      for (int j = i; j < Math.min(vs.size(), i + 40); j++) {
        BigInteger x = vs.get(i);
        BigInteger y = vs.get(j);
        put(x, a, 0);
        put(y, a, 4);
        ops.mul(a, 0, a, 4, out, 0);
        BigInteger want = x.multiply(y).multiply(rInv).mod(m);
        assertEquals(want, get(out, 0), () -> field + ": " + x.toString(16) + " * " + y.toString(16));
        ops.mul(a, 4, a, 0, out, 0);
        assertEquals(want, get(out, 0), "commuted");
      }
      BigInteger x = vs.get(i);
      put(x, a, 0);
      ops.square(a, 0, out, 0);
      assertEquals(x.multiply(x).multiply(rInv).mod(m), get(out, 0), () -> field + ": square " + x.toString(16));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"p", "r"})
  void outputsMayAliasInputs(String field) {
    BigInteger m = field.equals("p") ? P : R;
    BigInteger rInv = BigInteger.ONE.shiftLeft(256).modInverse(m);
    Ops ops = ops(field);
    Random rnd = new Random(7);
    for (int it = 0; it < 200; it++) {
      BigInteger x = new BigInteger(254, rnd).mod(m);
      BigInteger y = new BigInteger(254, rnd).mod(m);
      long[] v = new long[12];
      put(x, v, 4);
      put(y, v, 8);
      ops.mul(v, 4, v, 8, v, 4); // out == a
      assertEquals(x.multiply(y).multiply(rInv).mod(m), get(v, 4));
      put(x, v, 4);
      ops.mul(v, 4, v, 8, v, 8); // out == b
      assertEquals(x.multiply(y).multiply(rInv).mod(m), get(v, 8));
      put(x, v, 4);
      ops.mul(v, 4, v, 4, v, 4); // a == b == out
      assertEquals(x.multiply(x).multiply(rInv).mod(m), get(v, 4));
      put(y, v, 0);
      ops.square(v, 0, v, 0);
      assertEquals(y.multiply(y).multiply(rInv).mod(m), get(v, 0));
    }
  }

  /** Inputs in [m, 2m) (lazily reduced sums) still give the fully reduced product. */
  @ParameterizedTest
  @ValueSource(strings = {"p", "r"})
  void inputsBelowTwiceTheModulusGiveReducedOutput(String field) {
    BigInteger m = field.equals("p") ? P : R;
    BigInteger rInv = BigInteger.ONE.shiftLeft(256).modInverse(m);
    Ops ops = ops(field);
    Random rnd = new Random(11);
    long[] a = new long[8];
    long[] out = new long[4];
    for (int it = 0; it < 500; it++) {
      BigInteger x = it == 0 ? m.shiftLeft(1).subtract(BigInteger.ONE) : m.add(new BigInteger(254, rnd).mod(m));
      BigInteger y = it == 0 ? x : new BigInteger(255, rnd).mod(m.shiftLeft(1));
      put(x, a, 0);
      put(y, a, 4);
      ops.mul(a, 0, a, 4, out, 0);
      assertEquals(x.multiply(y).multiply(rInv).mod(m), get(out, 0));
      ops.square(a, 0, out, 0);
      assertEquals(x.multiply(x).multiply(rInv).mod(m), get(out, 0));
    }
  }

  /** mulSum = (ab + cd) / R for reduced inputs and for the modulus itself as an input. */
  @ParameterizedTest
  @ValueSource(strings = {"p", "r"})
  void mulSumMatchesBigInteger(String field) {
    BigInteger m = field.equals("p") ? P : R;
    BigInteger rInv = BigInteger.ONE.shiftLeft(256).modInverse(m);
    Ops ops = ops(field);
    Random rnd = new Random(field.hashCode() + 1);
    List<BigInteger> vs = values(m, rnd, 300);
    vs.add(m); // "at most the modulus"
    long[] v = new long[20];
    for (int it = 0; it < 4000; it++) {
      BigInteger[] x = new BigInteger[4];
      for (int k = 0; k < 4; k++) {
        x[k] = it == 0 ? m : vs.get(it < 4 * vs.size() ? (it / (k + 1) + k) % vs.size() : rnd.nextInt(vs.size()));
        put(x[k], v, 4 * k);
      }
      BigInteger want = x[0].multiply(x[1]).add(x[2].multiply(x[3])).multiply(rInv).mod(m);
      ops.mulSum(v, 0, v, 4, v, 8, v, 12, v, 16);
      BigInteger[] xs = x;
      assertEquals(want, get(v, 16), () -> field + ": " + xs[0] + " " + xs[1] + " " + xs[2] + " " + xs[3]);
      ops.mulSum(v, 0, v, 4, v, 8, v, 12, v, 12); // out == d
      assertEquals(want, get(v, 12), "out aliases d");
      put(x[3], v, 12);
      ops.mulSum(v, 0, v, 4, v, 8, v, 12, v, 0); // out == a
      assertEquals(want, get(v, 0), "out aliases a");
    }
  }

  /** Fp2 products (which use mulSum with a negated factor) against BigInteger, u^2 = -1. */
  @Test
  void fp2MulMatchesBigInteger() {
    Random rnd = new Random(5);
    long[] ab = new long[16];
    for (int it = 0; it < 500; it++) {
      BigInteger a0 = it == 0 ? BigInteger.ZERO : new BigInteger(254, rnd).mod(P);
      BigInteger a1 = it == 1 ? P.subtract(BigInteger.ONE) : new BigInteger(254, rnd).mod(P);
      BigInteger b0 = new BigInteger(254, rnd).mod(P);
      BigInteger b1 = it < 3 ? BigInteger.ZERO : new BigInteger(254, rnd).mod(P);
      Fp2 x = Fp2.of(a0, a1);
      Fp2 y = Fp2.of(b0, b1);
      Fp2 z = x.mul(y);
      assertEquals(a0.multiply(b0).subtract(a1.multiply(b1)).mod(P), z.c0().toBigInteger());
      assertEquals(a0.multiply(b1).add(a1.multiply(b0)).mod(P), z.c1().toBigInteger());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"p", "r"})
  void elementObjectsAgreeWithTheLimbOps(String field) {
    Random rnd = new Random(3);
    long[] a = new long[8];
    long[] out = new long[4];
    for (int it = 0; it < 300; it++) {
      if (field.equals("p")) {
        Fp x = Fp.random(rnd);
        Fp y = it == 0 ? Fp.of(P.subtract(BigInteger.ONE)) : Fp.random(rnd);
        assertEquals(x.toBigInteger().multiply(y.toBigInteger()).mod(P), x.mul(y).toBigInteger());
        assertEquals(x.toBigInteger().pow(2).mod(P), x.square().toBigInteger());
        x.copyLimbsTo(a, 0);
        y.copyLimbsTo(a, 4);
        FpOps.mul(a, 0, a, 4, out, 0);
        assertEquals(x.mul(y), Fp.fromMontLimbs(out, 0));
      } else {
        Fr x = Fr.random(rnd);
        Fr y = it == 0 ? Fr.of(R.subtract(BigInteger.ONE)) : Fr.random(rnd);
        assertEquals(x.toBigInteger().multiply(y.toBigInteger()).mod(R), x.mul(y).toBigInteger());
        assertEquals(x.toBigInteger().pow(2).mod(R), x.square().toBigInteger());
        x.copyLimbsTo(a, 0);
        y.copyLimbsTo(a, 4);
        FrOps.mul(a, 0, a, 4, out, 0);
        assertEquals(x.mul(y), Fr.fromMontLimbs(out, 0));
      }
    }
  }
}
