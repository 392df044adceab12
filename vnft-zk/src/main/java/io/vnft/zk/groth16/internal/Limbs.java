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

  /**
   * out = a * b (Montgomery). Aliasing allowed.
   *
   * @param a first factor, four Fr Montgomery limbs
   * @param ao offset of a in limbs
   * @param b second factor, four Fr Montgomery limbs
   * @param bo offset of b in limbs
   * @param out receives the product, reduced
   * @param oo offset of the result in out, in limbs
   */
  public static void mul(long[] a, int ao, long[] b, int bo, long[] out, int oo) {
    FrOps.mul(a, ao, b, bo, out, oo);
  }

  /**
   * out = a + b. Aliasing allowed.
   *
   * @param a first summand, four Fr Montgomery limbs (reduced)
   * @param ao offset of a in limbs
   * @param b second summand, four Fr Montgomery limbs (reduced)
   * @param bo offset of b in limbs
   * @param out receives the sum mod r
   * @param oo offset of the result in out, in limbs
   */
  public static void add(long[] a, int ao, long[] b, int bo, long[] out, int oo) {
    FrOps.add(a, ao, b, bo, out, oo);
  }

  /**
   * out = a - b. Aliasing allowed.
   *
   * @param a the minuend, four Fr Montgomery limbs (reduced)
   * @param ao offset of a in limbs
   * @param b the subtrahend, four Fr Montgomery limbs (reduced)
   * @param bo offset of b in limbs
   * @param out receives the difference mod r
   * @param oo offset of the result in out, in limbs
   */
  public static void sub(long[] a, int ao, long[] b, int bo, long[] out, int oo) {
    FrOps.sub(a, ao, b, bo, out, oo);
  }

  /**
   * Writes the Montgomery form of x mod r at v[o..o+3].
   *
   * @param x any integer (reduced mod r first, so negative values wrap)
   * @param v receives the four Montgomery limbs
   * @param o offset in v, in limbs
   */
  public static void fromBig(BigInteger x, long[] v, int o) {
    FrOps.fromBigInteger(x.mod(R), v, o);
  }

  /**
   * Reads the value of the Montgomery element at v[o..o+3].
   *
   * @param v the array holding the element
   * @param o offset of the element in v, in limbs
   * @return the value in [0, r)
   */
  public static BigInteger toBig(long[] v, int o) {
    return FrOps.toBigInteger(v, o);
  }

  /**
   * Converts the element at v[o..] from Montgomery form to standard form into out[oo..].
   *
   * @param v the array holding the Montgomery element
   * @param o offset of the element in v, in limbs
   * @param out receives the four little-endian 64-bit limbs of the integer value; may alias v
   * @param oo offset of the result in out, in limbs
   */
  public static void fromMont(long[] v, int o, long[] out, int oo) {
    FrOps.fromMont(v, o, out, oo);
  }
}
