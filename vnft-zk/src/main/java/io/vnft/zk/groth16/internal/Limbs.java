package io.vnft.zk.groth16.internal;

import java.math.BigInteger;

/**
 * The few scalar-field operations the QAP and NTT need, over Montgomery limb vectors (element i
 * of a vector {@code v} is {@code v[4i..4i+3]}, little-endian 64-bit limbs). One place that binds
 * the Groth16 code to the field implementation. Internal: not part of the public API.
 */
public final class Limbs {
  private Limbs() {}

  /** The BN254 scalar field modulus r. */
  public static final BigInteger R = new BigInteger(
      "21888242871839275222246405745257275088548364400416034343698204186575808495617");

  private static final BigInteger MONT = BigInteger.ONE.shiftLeft(256).mod(R);
  private static final BigInteger MONT_INV = MONT.modInverse(R);

  static BigInteger get(long[] v, int o) {
    BigInteger x = BigInteger.ZERO;
    for (int i = 3; i >= 0; i--) {
      x = x.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(v[o + i])));
    }
    return x;
  }

  static void put(BigInteger x, long[] v, int o) {
    for (int i = 0; i < 4; i++) {
      v[o + i] = x.longValue();
      x = x.shiftRight(64);
    }
  }

  /** out = a * b (Montgomery). Aliasing allowed. */
  public static void mul(long[] a, int ao, long[] b, int bo, long[] out, int oo) {
    put(get(a, ao).multiply(get(b, bo)).multiply(MONT_INV).mod(R), out, oo);
  }

  /** out = a + b. Aliasing allowed. */
  public static void add(long[] a, int ao, long[] b, int bo, long[] out, int oo) {
    put(get(a, ao).add(get(b, bo)).mod(R), out, oo);
  }

  /** out = a - b. Aliasing allowed. */
  public static void sub(long[] a, int ao, long[] b, int bo, long[] out, int oo) {
    put(get(a, ao).subtract(get(b, bo)).mod(R), out, oo);
  }

  /** Writes the Montgomery form of x (0 <= x < r) at v[o..o+3]. */
  public static void fromBig(BigInteger x, long[] v, int o) {
    put(x.mod(R).multiply(MONT).mod(R), v, o);
  }

  /** Reads the value of the Montgomery element at v[o..o+3]. */
  public static BigInteger toBig(long[] v, int o) {
    return get(v, o).multiply(MONT_INV).mod(R);
  }

  /** Converts the element at v[o..] from Montgomery form to standard form into out[oo..]. */
  public static void fromMont(long[] v, int o, long[] out, int oo) {
    put(toBig(v, o), out, oo);
  }
}
