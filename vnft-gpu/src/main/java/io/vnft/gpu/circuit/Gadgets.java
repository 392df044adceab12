package io.vnft.gpu.circuit;

import io.vnft.zk.circuit.CircuitApi;
import io.vnft.zk.circuit.Var;
import io.vnft.zk.field.Fr;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Integer helpers the models' pixel gadgets share, written on {@link CircuitApi}: range checks
 * against a constant, floor division by a constant, the triangle wave, the canonical bits of a
 * field element. Each helper states the range its input must already be known to lie in; the
 * helpers that decompose prove that range themselves. Stateless.
 */
final class Gadgets {
  /** {@code r >> 248}: the top 6 bits of the scalar field modulus. */
  static final int R_TOP = 48;
  /** {@code r mod 2^248}. */
  static final BigInteger R_LOW = Fr.MODULUS.subtract(BigInteger.valueOf(R_TOP).shiftLeft(248));

  private Gadgets() {}

  /** @return the number of bits of a non-negative {@code maxValue} (0 for 0) */
  static int bitsFor(long maxValue) {
    return 64 - Long.numberOfLeadingZeros(maxValue);
  }

  /**
   * @return the smallest signed width {@code B} with {@code -2^(B-1) <= lo} and {@code hi < 2^(B-1)}
   */
  static int signedBits(long lo, long hi) {
    return 1 + Math.max(bitsFor(Math.max(hi, 0)), bitsFor(Math.max(-lo - 1, 0)));
  }

  /** Constrains {@code 0 <= v < n} for a constant {@code n >= 1}. */
  static void assertBelow(CircuitApi api, Var v, long n) {
    if (n == 1) {
      api.assertEqual(v, api.constant(0));
      return;
    }
    int bits = bitsFor(n - 1);
    api.assertRange(v, bits);
    api.assertRange(api.addConst(api.neg(v), n - 1), bits);
  }

  /**
   * {@code tri(floor(a / 2^s) mod 512)} in [0, 255] for {@code |a| < 2^(bits-1)}: decomposes
   * {@code a + 2^(bits-1)} into {@code bits} bits (proving the range) and reads bits
   * {@code s .. s+8}, {@code tri = low + top * (255 - 2 low)}; {@code bits + 2} constraints. The
   * offset is a multiple of 512 shifted by s, so {@code bits - 1 - s >= 9} is required.
   */
  static Var tri(CircuitApi api, Var a, int s, int bits) {
    Var[] b = api.toBits(api.addConst(a, Fr.of(BigInteger.ONE.shiftLeft(bits - 1))), bits);
    Var low = api.fromBits(Arrays.copyOfRange(b, s, s + 8));
    Var top = b[s + 8];
    Var flip = api.mul(top, api.addConst(api.mulConst(low, -2), 255));
    return api.add(low, flip);
  }

  /**
   * The low 248 bits of a field element {@code h}, with its top 6 bits range-checked and the pair
   * checked below r: {@code h = low + 2^248 top} as integers, so a prover cannot use the alias
   * {@code h + r}.
   *
   * @return the 248 bits, least significant first
   */
  static Var[] canonicalLow248(CircuitApi api, Var h) {
    Var[] parts = api.hint("latentSplit", 2, in -> {
      BigInteger v = in[0].toBigInteger();
      return new Fr[] {Fr.of(v.mod(BigInteger.ONE.shiftLeft(248))), Fr.of(v.shiftRight(248))};
    }, h);
    Var[] low = api.toBits(parts[0], 248);
    api.assertRange(parts[1], 6);
    api.assertEqual(h, api.add(parts[0], api.mulConst(parts[1], Fr.of(BigInteger.ONE.shiftLeft(248)))));
    Var below = api.lessThan(parts[1], api.constant(R_TOP), 6);
    Var top = api.isEqual(parts[1], api.constant(R_TOP));
    Var lowBelow = api.lessThan(parts[0], api.constant(Fr.of(R_LOW)), 248);
    api.assertEqual(api.or(below, api.and(top, lowBelow)), api.constant(1));
    return low;
  }

  /** @return byte {@code n} of little-endian bits: {@code bits[8n .. 8n+8)} as a number in [0, 255] (free) */
  static Var byteOf(CircuitApi api, Var[] bits, int n) {
    return api.fromBits(Arrays.copyOfRange(bits, 8 * n, 8 * n + 8));
  }

  /**
   * {@code floor(num / d)} for a constant {@code d >= 1} and a {@code num} already known to lie in
   * {@code [lo, hi]} (signed, {@code |lo|, |hi| < 2^62}): a hint gives the quotient q, and
   * {@code 0 <= num - d q < d} plus {@code q - floor(lo/d)} in a power-of-two range pin it down
   * (the integers involved are far below r, so the field equation is the integer one). Free when
   * every value of the range has the same quotient.
   */
  static Var floorDiv(CircuitApi api, Var num, long d, long lo, long hi) {
    if (d == 1) {
      return num;
    }
    long qlo = Math.floorDiv(lo, d);
    long qhi = Math.floorDiv(hi, d);
    if (qlo == qhi) {
      return api.constant(qlo);
    }
    BigInteger bd = BigInteger.valueOf(d);
    Var q = api.hint("floorDiv" + d, 1, in -> {
      BigInteger v = signed(in[0]);
      BigInteger[] qr = v.divideAndRemainder(bd);
      BigInteger fq = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
      return new Fr[] {Fr.reduce(fq)};
    }, num)[0];
    api.assertRange(api.addConst(q, -qlo), Math.max(1, bitsFor(qhi - qlo)));
    assertBelow(api, api.sub(num, api.mulConst(q, d)), d);
    return q;
  }

  /** @return the signed value of a field element: {@code v} if below r/2, else {@code v - r} */
  static BigInteger signed(Fr x) {
    BigInteger v = x.toBigInteger();
    return v.compareTo(Fr.MODULUS.shiftRight(1)) > 0 ? v.subtract(Fr.MODULUS) : v;
  }
}
