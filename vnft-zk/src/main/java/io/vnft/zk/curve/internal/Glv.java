package io.vnft.zk.curve.internal;

import io.vnft.zk.field.Fp;
import io.vnft.zk.field.Fr;
import java.math.BigInteger;

/**
 * Internal, not for users (may change without notice): the GLV endomorphism of BN254 and the
 * decomposition of a scalar k (mod r) into two halves of about 128 bits each, used by the MSM.
 *
 * <p>BN254 has j-invariant 0, so phi(x, y) = (beta x, y), with beta a primitive cube root of unity
 * in Fp, is an endomorphism; on the prime-order subgroup it acts as multiplication by lambda, a
 * cube root of unity in Fr: phi(P) = lambda P. The same holds on the G2 twist (x in Fp2, beta in
 * Fp), where beta^2 pairs with the same lambda. Constants {@link #BETA} and {@link #LAMBDA} are the
 * values used by gnark-crypto (ecc/bn254, {@code thirdRootOneG1} and {@code lambdaGLV}); they are
 * checked by the tests (beta^3 = 1, lambda^2 + lambda + 1 = 0, phi(P) = lambda P on G1 and G2).
 *
 * <p>The short lattice basis v1 = (A1, B1), v2 = (A2, B2) with a + b lambda = 0 mod r comes from
 * the extended Euclidean algorithm on (r, lambda) (Gallant, Lambert, Vanstone, "Faster point
 * multiplication on elliptic curves with efficient endomorphisms", CRYPTO 2001, section 4); the
 * tests recheck both relations and |det| = r. The decomposition first replaces k by r - k (and
 * flips the sign) when k > (r - 1) / 2, so small negative field elements stay small, then rounds
 * (k, 0) to the lattice with precomputed 2^256-scaled constants (Babai rounding): k = k1 + lambda
 * k2 (mod r) with |k1|, |k2| below about 2^128 (the tests check &lt; 2^130).
 *
 * <p>Thread-safety: immutable constants and static methods; each call uses only its arguments.
 */
public final class Glv {
  private Glv() {}

  /** Cube root of unity in Fp for G1: (beta x, y) = lambda (x, y). gnark-crypto thirdRootOneG1. */
  public static final BigInteger BETA =
      new BigInteger("2203960485148121921418603742825762020974279258880205651966");
  /** Cube root of unity in Fr (gnark-crypto lambdaGLV). */
  public static final BigInteger LAMBDA =
      new BigInteger("4407920970296243842393367215006156084916469457145843978461");
  /** beta^2: on the G2 twist (beta^2 x, y) = lambda (x, y) (checked by the tests). */
  public static final BigInteger BETA_G2 = BETA.multiply(BETA).mod(Fp.MODULUS);

  // lattice basis (extended Euclid on (r, lambda)); B2 < 0, stored as its absolute value
  static final BigInteger A1 = new BigInteger("147946756881789319010696353538189108491");
  static final BigInteger B1 = new BigInteger("9931322734385697763");
  static final BigInteger A2 = new BigInteger("9931322734385697763");
  static final BigInteger B2_ABS = new BigInteger("147946756881789319000765030803803410728");

  private static final long[] A1L = limbs(A1, 2);
  private static final long[] B1L = limbs(B1, 1);
  private static final long[] A2L = limbs(A2, 1);
  private static final long[] B2L = limbs(B2_ABS, 2);
  // round-down constants: G1C = floor(|B2| 2^256 / r), G2C = floor(B1 2^256 / r)
  private static final long[] G1C = limbs(B2_ABS.shiftLeft(256).divide(Fr.MODULUS), 3);
  private static final long[] G2C = limbs(B1.shiftLeft(256).divide(Fr.MODULUS), 2);
  private static final long[] R = limbs(Fr.MODULUS, 4);
  private static final long[] HALF_R = limbs(Fr.MODULUS.shiftRight(1), 4);

  /** beta in Montgomery limbs (4), for G1. */
  public static final long[] BETA_MONT = montLimbs(BETA);
  /** beta^2 in Montgomery limbs (4), for G2. */
  public static final long[] BETA_G2_MONT = montLimbs(BETA_G2);

  /** Scratch size in longs needed by {@link #decompose}. */
  public static final int SCRATCH = 32;

  private static long[] montLimbs(BigInteger v) {
    long[] out = new long[4];
    Fp.of(v).copyLimbsTo(out, 0);
    return out;
  }

  private static long[] limbs(BigInteger v, int n) {
    if (v.signum() < 0 || v.bitLength() > 64 * n) {
      throw new IllegalStateException("GLV constant does not fit " + n + " limbs");
    }
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = v.shiftRight(64 * i).longValue();
    }
    return out;
  }

  static long mulHi(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  /**
   * Splits k (standard form, four limbs at k[ko..ko+3], must be below r) into magnitudes |k1|
   * (written to out1[o1..o1+3]) and |k2| (out2[o2..o2+3]) with k = s1 |k1| + s2 |k2| lambda (mod r).
   *
   * @param scratch at least {@link #SCRATCH} longs, used as work space
   * @param k the scalar, standard form, below r
   * @param ko offset of k in longs
   * @param out1 receives |k1|, four limbs (about 128 bits)
   * @param o1 offset of |k1| in out1
   * @param out2 receives |k2|, four limbs (about 128 bits)
   * @param o2 offset of |k2| in out2
   * @return bit 0 set when s1 = -1, bit 1 set when s2 = -1
   */
  public static int decompose(long[] k, int ko, long[] out1, int o1, long[] out2, int o2, long[] scratch) {
    long k0 = k[ko], kk1 = k[ko + 1], kk2 = k[ko + 2], kk3 = k[ko + 3];
    boolean neg = greater(k0, kk1, kk2, kk3, HALF_R);
    if (neg) { // k = r - k
      long d0 = R[0] - k0;
      long b = Long.compareUnsigned(R[0], k0) < 0 ? 1 : 0;
      long d1 = R[1] - kk1 - b;
      b = (Long.compareUnsigned(R[1], kk1) < 0 || (R[1] == kk1 && b == 1)) ? 1 : 0;
      long d2 = R[2] - kk2 - b;
      b = (Long.compareUnsigned(R[2], kk2) < 0 || (R[2] == kk2 && b == 1)) ? 1 : 0;
      long d3 = R[3] - kk3 - b;
      k0 = d0;
      kk1 = d1;
      kk2 = d2;
      kk3 = d3;
    }
    long[] s = scratch;
    s[0] = k0;
    s[1] = kk1;
    s[2] = kk2;
    s[3] = kk3;
    // c1 = floor(k G1C / 2^256) (< 2^128), c2 = floor(k G2C / 2^256) (< 2^64, since k < 2^253)
    mulFull(s, 0, 4, G1C, 0, 3, s, 4); // 7 limbs at s[4..10]
    long c10 = s[8], c11 = s[9];
    mulFull(s, 0, 4, G2C, 0, 2, s, 4); // 6 limbs at s[4..9]
    long c2 = s[8];
    // k1 = k - c1 A1 - c2 A2 (mod 2^192), k2 = c2 |B2| - c1 B1 (mod 2^192)
    s[12] = c10;
    s[13] = c11;
    s[14] = c2;
    mulLow3(s, 12, 2, A1L, 2, s, 4);     // c1 A1 -> s[4..6]
    mulLow3(s, 14, 1, A2L, 1, s, 7);     // c2 A2 -> s[7..9]
    long r0 = s[0], r1 = s[1], r2 = s[2];
    long[] t = sub3(r0, r1, r2, s[4], s[5], s[6]);
    t = sub3(t[0], t[1], t[2], s[7], s[8], s[9]);
    int flags = 0;
    flags |= store(t, out1, o1, neg) ? 1 : 0;
    mulLow3(s, 14, 1, B2L, 2, s, 4);     // c2 |B2|
    mulLow3(s, 12, 2, B1L, 1, s, 7);     // c1 B1
    t = sub3(s[4], s[5], s[6], s[7], s[8], s[9]);
    flags |= store(t, out2, o2, neg) ? 2 : 0;
    return flags;
  }

  // writes |t| (t a signed 192-bit number) and returns the sign (xor neg) of the half
  private static boolean store(long[] t, long[] out, int oo, boolean neg) {
    boolean minus = t[2] < 0;
    if (minus) {
      long n0 = ~t[0] + 1;
      long c = n0 == 0 ? 1 : 0;
      long n1 = ~t[1] + c;
      c = (c == 1 && n1 == 0) ? 1 : 0;
      long n2 = ~t[2] + c;
      t[0] = n0;
      t[1] = n1;
      t[2] = n2;
    }
    out[oo] = t[0];
    out[oo + 1] = t[1];
    out[oo + 2] = t[2];
    out[oo + 3] = 0;
    boolean isZero = (t[0] | t[1] | t[2]) == 0;
    return !isZero && (minus ^ neg);
  }

  private static long[] sub3(long a0, long a1, long a2, long b0, long b1, long b2) {
    long d0 = a0 - b0;
    long br = Long.compareUnsigned(a0, b0) < 0 ? 1 : 0;
    long d1 = a1 - b1 - br;
    br = (Long.compareUnsigned(a1, b1) < 0 || (a1 == b1 && br == 1)) ? 1 : 0;
    long d2 = a2 - b2 - br;
    return new long[] {d0, d1, d2};
  }

  private static boolean greater(long k0, long k1, long k2, long k3, long[] h) {
    int c = Long.compareUnsigned(k3, h[3]);
    if (c == 0) {
      c = Long.compareUnsigned(k2, h[2]);
      if (c == 0) {
        c = Long.compareUnsigned(k1, h[1]);
        if (c == 0) {
          c = Long.compareUnsigned(k0, h[0]);
        }
      }
    }
    return c > 0;
  }

  // out[oo..oo+an+bn-1] = a * b (schoolbook, unsigned); out must not overlap a or b
  private static void mulFull(long[] a, int ao, int an, long[] b, int bo, int bn, long[] out, int oo) {
    java.util.Arrays.fill(out, oo, oo + an + bn, 0L);
    for (int i = 0; i < an; i++) {
      long carry = 0;
      long ai = a[ao + i];
      for (int j = 0; j < bn; j++) {
        long lo = ai * b[bo + j];
        long hi = mulHi(ai, b[bo + j]);
        long t = out[oo + i + j];
        long s = lo + t;
        if (Long.compareUnsigned(s, lo) < 0) {
          hi++;
        }
        long s2 = s + carry;
        if (Long.compareUnsigned(s2, s) < 0) {
          hi++;
        }
        out[oo + i + j] = s2;
        carry = hi;
      }
      out[oo + i + bn] = carry;
    }
  }

  // out[oo..oo+2] = (a * b) mod 2^192 for a of an limbs at a[ao], b of bn limbs (an + bn <= 4)
  // (uses out[24..27] of the scratch array as work space)
  private static void mulLow3(long[] a, int ao, int an, long[] b, int bn, long[] out, int oo) {
    mulFull(a, ao, an, b, 0, bn, out, 24);
    for (int i = 0; i < 3; i++) {
      out[oo + i] = i < an + bn ? out[24 + i] : 0;
    }
  }
}
