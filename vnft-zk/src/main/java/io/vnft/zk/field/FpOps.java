package io.vnft.zk.field;

import java.math.BigInteger;

/**
 * Static, allocation-free arithmetic modulo the BN254 base field p on Montgomery limbs.
 *
 * <p>An element is four little-endian 64-bit limbs {@code a[ao..ao+3]} holding {@code x * 2^256 mod
 * m} (Montgomery form), always fully reduced (below the modulus). Element {@code i} of a vector
 * {@code long[] v} sits at {@code v[4i..4i+3]}; every method takes an offset in limbs. Outputs may
 * alias inputs. Multiplication is CIOS Montgomery multiplication using the "no final carry"
 * shortcut that holds because the modulus' top limb is below 2^62.
 *
 * <p>Thread-safety: stateless; callers own the arrays. Exceptions: {@link ArithmeticException}
 * on inversion of zero; array bounds are the caller's responsibility (hot path, unchecked).
 */
public final class FpOps {
  private FpOps() {}

  /** Number of limbs per element. */
  public static final int LIMBS = 4;

  static final long Q0 = 0x3c208c16d87cfd47L, Q1 = 0x97816a916871ca8dL, Q2 = 0xb85045b68181585dL, Q3 = 0x30644e72e131a029L;
  /** -m^-1 mod 2^64. */
  static final long INV = 0x87d20782e4866389L;
  static final long R2_0 = 0xf32cfc5b538afa89L, R2_1 = 0xb5e71911d44501fbL, R2_2 = 0x47ab1eff0a417ff6L, R2_3 = 0x06d89f71cab8351fL;
  static final long ONE0 = 0xd35d438dc58f0d9dL, ONE1 = 0x0a78eb28f5c70b3dL, ONE2 = 0x666ea36f7879462cL, ONE3 = 0x0e0a77c19a07df2fL;

  /** Unsigned high 64 bits of a 64x64 product (Java 17 has only the signed intrinsic). */
  static long mulHi(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  /** Carry out of s = x + y (unsigned). */
  static long carry(long x, long y, long s) {
    return ((x & y) | ((x | y) & ~s)) >>> 63;
  }

  /** Borrow out of d = x - y (unsigned). */
  static long borrow(long x, long y, long d) {
    return ((~x & y) | (~(x ^ y) & d)) >>> 63;
  }


  /** out = a * b (Montgomery). */
  public static void mul(long[] a, int ao, long[] b, int bo, long[] out, int oo) {
    final long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
    final long b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2], b3 = b[bo + 3];
    mulInto(a0, a1, a2, a3, b0, b1, b2, b3, out, oo);
  }

  /** out = a * b (Montgomery) on limbs given as values. */
  static void mulInto(long a0, long a1, long a2, long a3, long b0, long b1, long b2, long b3, long[] out, int oo) {

    long t0, t1, t2, t3, A, C, m, lo, hi, s, x;
    t0 = a0 * b0; A = mulHi(a0, b0);
    m = t0 * INV;
    lo = m * Q0; hi = mulHi(m, Q0); s = lo + t0; C = hi + carry(lo, t0, s);
    lo = a1 * b0; hi = mulHi(a1, b0); s = lo + A; A = hi + carry(lo, A, s); t1 = s;
    lo = m * Q1; hi = mulHi(m, Q1); x = t1 + C; hi += carry(t1, C, x); s = lo + x; C = hi + carry(lo, x, s); t0 = s;
    lo = a2 * b0; hi = mulHi(a2, b0); s = lo + A; A = hi + carry(lo, A, s); t2 = s;
    lo = m * Q2; hi = mulHi(m, Q2); x = t2 + C; hi += carry(t2, C, x); s = lo + x; C = hi + carry(lo, x, s); t1 = s;
    lo = a3 * b0; hi = mulHi(a3, b0); s = lo + A; A = hi + carry(lo, A, s); t3 = s;
    lo = m * Q3; hi = mulHi(m, Q3); x = t3 + C; hi += carry(t3, C, x); s = lo + x; C = hi + carry(lo, x, s); t2 = s;
    t3 = C + A;
    lo = a0 * b1; hi = mulHi(a0, b1); s = lo + t0; A = hi + carry(lo, t0, s); t0 = s;
    m = t0 * INV;
    lo = m * Q0; hi = mulHi(m, Q0); s = lo + t0; C = hi + carry(lo, t0, s);
    lo = a1 * b1; hi = mulHi(a1, b1); x = t1 + A; hi += carry(t1, A, x); s = lo + x; A = hi + carry(lo, x, s); t1 = s;
    lo = m * Q1; hi = mulHi(m, Q1); x = t1 + C; hi += carry(t1, C, x); s = lo + x; C = hi + carry(lo, x, s); t0 = s;
    lo = a2 * b1; hi = mulHi(a2, b1); x = t2 + A; hi += carry(t2, A, x); s = lo + x; A = hi + carry(lo, x, s); t2 = s;
    lo = m * Q2; hi = mulHi(m, Q2); x = t2 + C; hi += carry(t2, C, x); s = lo + x; C = hi + carry(lo, x, s); t1 = s;
    lo = a3 * b1; hi = mulHi(a3, b1); x = t3 + A; hi += carry(t3, A, x); s = lo + x; A = hi + carry(lo, x, s); t3 = s;
    lo = m * Q3; hi = mulHi(m, Q3); x = t3 + C; hi += carry(t3, C, x); s = lo + x; C = hi + carry(lo, x, s); t2 = s;
    t3 = C + A;
    lo = a0 * b2; hi = mulHi(a0, b2); s = lo + t0; A = hi + carry(lo, t0, s); t0 = s;
    m = t0 * INV;
    lo = m * Q0; hi = mulHi(m, Q0); s = lo + t0; C = hi + carry(lo, t0, s);
    lo = a1 * b2; hi = mulHi(a1, b2); x = t1 + A; hi += carry(t1, A, x); s = lo + x; A = hi + carry(lo, x, s); t1 = s;
    lo = m * Q1; hi = mulHi(m, Q1); x = t1 + C; hi += carry(t1, C, x); s = lo + x; C = hi + carry(lo, x, s); t0 = s;
    lo = a2 * b2; hi = mulHi(a2, b2); x = t2 + A; hi += carry(t2, A, x); s = lo + x; A = hi + carry(lo, x, s); t2 = s;
    lo = m * Q2; hi = mulHi(m, Q2); x = t2 + C; hi += carry(t2, C, x); s = lo + x; C = hi + carry(lo, x, s); t1 = s;
    lo = a3 * b2; hi = mulHi(a3, b2); x = t3 + A; hi += carry(t3, A, x); s = lo + x; A = hi + carry(lo, x, s); t3 = s;
    lo = m * Q3; hi = mulHi(m, Q3); x = t3 + C; hi += carry(t3, C, x); s = lo + x; C = hi + carry(lo, x, s); t2 = s;
    t3 = C + A;
    lo = a0 * b3; hi = mulHi(a0, b3); s = lo + t0; A = hi + carry(lo, t0, s); t0 = s;
    m = t0 * INV;
    lo = m * Q0; hi = mulHi(m, Q0); s = lo + t0; C = hi + carry(lo, t0, s);
    lo = a1 * b3; hi = mulHi(a1, b3); x = t1 + A; hi += carry(t1, A, x); s = lo + x; A = hi + carry(lo, x, s); t1 = s;
    lo = m * Q1; hi = mulHi(m, Q1); x = t1 + C; hi += carry(t1, C, x); s = lo + x; C = hi + carry(lo, x, s); t0 = s;
    lo = a2 * b3; hi = mulHi(a2, b3); x = t2 + A; hi += carry(t2, A, x); s = lo + x; A = hi + carry(lo, x, s); t2 = s;
    lo = m * Q2; hi = mulHi(m, Q2); x = t2 + C; hi += carry(t2, C, x); s = lo + x; C = hi + carry(lo, x, s); t1 = s;
    lo = a3 * b3; hi = mulHi(a3, b3); x = t3 + A; hi += carry(t3, A, x); s = lo + x; A = hi + carry(lo, x, s); t3 = s;
    lo = m * Q3; hi = mulHi(m, Q3); x = t3 + C; hi += carry(t3, C, x); s = lo + x; C = hi + carry(lo, x, s); t2 = s;
    t3 = C + A;
    long d0 = t0 - Q0; long br = borrow(t0, Q0, d0);
    long d1 = t1 - Q1 - br; br = borrow(t1, Q1, d1);
    long d2 = t2 - Q2 - br; br = borrow(t2, Q2, d2);
    long d3 = t3 - Q3 - br; br = borrow(t3, Q3, d3);
    long keep = -br; // all ones if t < q
    long r0 = (d0 & ~keep) | (t0 & keep);
    long r1 = (d1 & ~keep) | (t1 & keep);
    long r2 = (d2 & ~keep) | (t2 & keep);
    long r3 = (d3 & ~keep) | (t3 & keep);
    out[oo] = r0; out[oo + 1] = r1; out[oo + 2] = r2; out[oo + 3] = r3;
  }

  /** out = a^2 (Montgomery). */
  public static void square(long[] a, int ao, long[] out, int oo) {
    final long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
    mulInto(a0, a1, a2, a3, a0, a1, a2, a3, out, oo);
  }

  /** out = a + b. */
  public static void add(long[] a, int ao, long[] b, int bo, long[] out, int oo) {
    long x0 = a[ao], x1 = a[ao + 1], x2 = a[ao + 2], x3 = a[ao + 3];
    long y0 = b[bo], y1 = b[bo + 1], y2 = b[bo + 2], y3 = b[bo + 3];
    long s0 = x0 + y0; long c = carry(x0, y0, s0);
    long s1 = x1 + y1 + c; c = carry(x1, y1, s1);
    long s2 = x2 + y2 + c; c = carry(x2, y2, s2);
    long s3 = x3 + y3 + c; // no overflow: both < 2^254
    long d0 = s0 - Q0; long br = borrow(s0, Q0, d0);
    long d1 = s1 - Q1 - br; br = borrow(s1, Q1, d1);
    long d2 = s2 - Q2 - br; br = borrow(s2, Q2, d2);
    long d3 = s3 - Q3 - br; br = borrow(s3, Q3, d3);
    long keep = -br; // all ones if t < q
    long r0 = (d0 & ~keep) | (s0 & keep);
    long r1 = (d1 & ~keep) | (s1 & keep);
    long r2 = (d2 & ~keep) | (s2 & keep);
    long r3 = (d3 & ~keep) | (s3 & keep);
    out[oo] = r0; out[oo + 1] = r1; out[oo + 2] = r2; out[oo + 3] = r3;
  }

  /** out = 2a. */
  public static void dbl(long[] a, int ao, long[] out, int oo) {
    add(a, ao, a, ao, out, oo);
  }

  /** out = a - b. */
  public static void sub(long[] a, int ao, long[] b, int bo, long[] out, int oo) {
    long x0 = a[ao], x1 = a[ao + 1], x2 = a[ao + 2], x3 = a[ao + 3];
    long y0 = b[bo], y1 = b[bo + 1], y2 = b[bo + 2], y3 = b[bo + 3];
    long e0 = x0 - y0; long bw = borrow(x0, y0, e0);
    long e1 = x1 - y1 - bw; bw = borrow(x1, y1, e1);
    long e2 = x2 - y2 - bw; bw = borrow(x2, y2, e2);
    long e3 = x3 - y3 - bw; bw = borrow(x3, y3, e3);
    long mk = -bw; // add q back if we borrowed
    long f0 = e0 + (Q0 & mk); long cc = carry(e0, Q0 & mk, f0);
    long f1 = e1 + (Q1 & mk) + cc; cc = carry(e1, Q1 & mk, f1);
    long f2 = e2 + (Q2 & mk) + cc; cc = carry(e2, Q2 & mk, f2);
    long f3 = e3 + (Q3 & mk) + cc;
    long r0 = f0;
    long r1 = f1;
    long r2 = f2;
    long r3 = f3;
    out[oo] = r0; out[oo + 1] = r1; out[oo + 2] = r2; out[oo + 3] = r3;
  }

  /** out = -a. */
  public static void neg(long[] a, int ao, long[] out, int oo) {
    long x0 = a[ao], x1 = a[ao + 1], x2 = a[ao + 2], x3 = a[ao + 3];
    if ((x0 | x1 | x2 | x3) == 0) {
      out[oo] = 0; out[oo + 1] = 0; out[oo + 2] = 0; out[oo + 3] = 0;
      return;
    }
    long d0 = Q0 - x0; long br = borrow(Q0, x0, d0);
    long u = Q1 - x1; long b1 = borrow(Q1, x1, u); long d1 = u - br; br = b1 | borrow(u, br, d1);
    u = Q2 - x2; b1 = borrow(Q2, x2, u); long d2 = u - br; br = b1 | borrow(u, br, d2);
    long d3 = Q3 - x3 - br;
    out[oo] = d0; out[oo + 1] = d1; out[oo + 2] = d2; out[oo + 3] = d3;
  }

  /** out = a. */
  public static void copy(long[] a, int ao, long[] out, int oo) {
    out[oo] = a[ao]; out[oo + 1] = a[ao + 1]; out[oo + 2] = a[ao + 2]; out[oo + 3] = a[ao + 3];
  }

  /** Sets out to zero. */
  public static void setZero(long[] out, int oo) {
    out[oo] = 0; out[oo + 1] = 0; out[oo + 2] = 0; out[oo + 3] = 0;
  }

  /** Sets out to one (Montgomery form of 1). */
  public static void setOne(long[] out, int oo) {
    out[oo] = ONE0; out[oo + 1] = ONE1; out[oo + 2] = ONE2; out[oo + 3] = ONE3;
  }

  /** True if a is zero. */
  public static boolean isZero(long[] a, int ao) {
    return (a[ao] | a[ao + 1] | a[ao + 2] | a[ao + 3]) == 0;
  }

  /** True if a is the Montgomery form of one. */
  public static boolean isOne(long[] a, int ao) {
    return a[ao] == ONE0 && a[ao + 1] == ONE1 && a[ao + 2] == ONE2 && a[ao + 3] == ONE3;
  }

  /** True if a == b. */
  public static boolean eq(long[] a, int ao, long[] b, int bo) {
    return a[ao] == b[bo] && a[ao + 1] == b[bo + 1] && a[ao + 2] == b[bo + 2] && a[ao + 3] == b[bo + 3];
  }

  /** out = Montgomery form of the standard-form value a (a must be below the modulus). */
  public static void toMont(long[] a, int ao, long[] out, int oo) {
    mulInto(a[ao], a[ao + 1], a[ao + 2], a[ao + 3], R2_0, R2_1, R2_2, R2_3, out, oo);
  }

  /** out = standard form of the Montgomery-form value a. */
  public static void fromMont(long[] a, int ao, long[] out, int oo) {
    mulInto(a[ao], a[ao + 1], a[ao + 2], a[ao + 3], 1L, 0L, 0L, 0L, out, oo);
  }

  /** True if the standard-form limbs a are below the modulus. */
  public static boolean isCanonical(long[] a, int ao) {
    long x0 = a[ao], x1 = a[ao + 1], x2 = a[ao + 2], x3 = a[ao + 3];
    if (x3 != Q3) return Long.compareUnsigned(x3, Q3) < 0;
    if (x2 != Q2) return Long.compareUnsigned(x2, Q2) < 0;
    if (x1 != Q1) return Long.compareUnsigned(x1, Q1) < 0;
    return Long.compareUnsigned(x0, Q0) < 0;
  }


  private static final long[] INV_EXP = {0x3c208c16d87cfd45L, 0x97816a916871ca8dL, 0xb85045b68181585dL, 0x30644e72e131a029L};

  /** out = a^-1 (Fermat: a^(m-2)). Throws ArithmeticException if a is zero. */
  public static void inverse(long[] a, int ao, long[] out, int oo) {
    if (isZero(a, ao)) {
      throw new ArithmeticException("inverse of zero");
    }
    powLimbs(a, ao, INV_EXP, out, oo);
  }

  /** out = a^e where e is a non-negative integer given as little-endian 64-bit limbs. */
  public static void powLimbs(long[] a, int ao, long[] e, long[] out, int oo) {
    long[] base = new long[4];
    copy(a, ao, base, 0);
    long[] acc = new long[4];
    setOne(acc, 0);
    int top = e.length * 64 - 1;
    while (top >= 0 && ((e[top >>> 6] >>> (top & 63)) & 1) == 0) top--;
    for (int i = top; i >= 0; i--) {
      square(acc, 0, acc, 0);
      if (((e[i >>> 6] >>> (i & 63)) & 1) != 0) {
        mul(acc, 0, base, 0, acc, 0);
      }
    }
    copy(acc, 0, out, oo);
  }

  /**
   * Inverts the n elements of v in place with Montgomery's trick (one inversion, 3(n-1)
   * multiplications). Zero elements are left as zero (they are skipped, not an error).
   */
  public static void batchInverse(long[] v, int n) {
    if (n <= 0) return;
    long[] prefix = new long[4 * n];
    long[] acc = new long[4];
    setOne(acc, 0);
    for (int i = 0; i < n; i++) {
      copy(acc, 0, prefix, 4 * i);
      if (!isZero(v, 4 * i)) {
        mul(acc, 0, v, 4 * i, acc, 0);
      }
    }
    if (isZero(acc, 0)) return; // only zeros
    inverse(acc, 0, acc, 0);
    long[] tmp = new long[4];
    for (int i = n - 1; i >= 0; i--) {
      if (isZero(v, 4 * i)) continue;
      mul(acc, 0, prefix, 4 * i, tmp, 0);
      mul(acc, 0, v, 4 * i, acc, 0);
      copy(tmp, 0, v, 4 * i);
    }
  }

  /** Writes the Montgomery form of v (0 <= v < modulus, unchecked) into out. */
  public static void fromBigInteger(BigInteger v, long[] out, int oo) {
    long[] t = new long[4];
    for (int i = 0; i < 4; i++) {
      t[i] = v.shiftRight(64 * i).longValue();
    }
    toMont(t, 0, out, oo);
  }

  /** The integer value of the Montgomery-form element a. */
  public static BigInteger toBigInteger(long[] a, int ao) {
    long[] t = new long[4];
    fromMont(a, ao, t, 0);
    return limbsToBigInteger(t, 0);
  }

  static BigInteger limbsToBigInteger(long[] t, int o) {
    byte[] be = new byte[33];
    for (int i = 0; i < 4; i++) {
      long l = t[o + i];
      for (int k = 0; k < 8; k++) {
        be[32 - (8 * i + k)] = (byte) (l >>> (8 * k));
      }
    }
    return new BigInteger(be);
  }


  /** Writes the limbs of x (Montgomery form) into out. */
  public static void fromFp(Fp x, long[] out, int oo) {
    x.copyLimbsTo(out, oo);
  }

  /** The element whose Montgomery limbs are a[ao..ao+3] (must be reduced). */
  public static Fp toFp(long[] a, int ao) {
    return Fp.fromMontLimbs(a, ao);
  }

}
