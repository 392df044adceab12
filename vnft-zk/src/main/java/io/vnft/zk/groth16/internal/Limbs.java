package io.vnft.zk.groth16.internal;

import io.vnft.zk.field.Fr;
import io.vnft.zk.field.FrOps;
import java.math.BigInteger;

/**
 * The few scalar-field operations the QAP and NTT need, over Montgomery limb vectors (element i
 * of a vector {@code v} is {@code v[4i..4i+3]}, little-endian 64-bit limbs): thin delegates to
 * {@link FrOps}. Internal: not part of the public API. Stateless and thread-safe.
 */
public final class Limbs {
  private Limbs() {}

  /** The BN254 scalar field modulus r. */
  public static final BigInteger R = Fr.MODULUS;

  /** out = a * b (Montgomery). Aliasing allowed. */
  public static void mul(long[] a, int ao, long[] b, int bo, long[] out, int oo) {
    FrOps.mul(a, ao, b, bo, out, oo);
  }

  /** out = a + b. Aliasing allowed. */
  public static void add(long[] a, int ao, long[] b, int bo, long[] out, int oo) {
    FrOps.add(a, ao, b, bo, out, oo);
  }

  /** out = a - b. Aliasing allowed. */
  public static void sub(long[] a, int ao, long[] b, int bo, long[] out, int oo) {
    FrOps.sub(a, ao, b, bo, out, oo);
  }

  /** Writes the Montgomery form of x mod r at v[o..o+3]. */
  public static void fromBig(BigInteger x, long[] v, int o) {
    FrOps.fromBigInteger(x.mod(R), v, o);
  }

  /** Reads the value of the Montgomery element at v[o..o+3]. */
  public static BigInteger toBig(long[] v, int o) {
    return FrOps.toBigInteger(v, o);
  }

  /** Converts the element at v[o..] from Montgomery form to standard form into out[oo..]. */
  public static void fromMont(long[] v, int o, long[] out, int oo) {
    FrOps.fromMont(v, o, out, oo);
  }
}
