package io.vnft.zk.curve.internal;

import static io.vnft.zk.curve.internal.G2LimbOps.add2;
import static io.vnft.zk.curve.internal.G2LimbOps.copy2;
import static io.vnft.zk.curve.internal.G2LimbOps.neg2;
import static io.vnft.zk.curve.internal.G2LimbOps.sub2;

import io.vnft.zk.field.Fp;
import io.vnft.zk.field.Fp2;
import io.vnft.zk.field.FpOps;
import java.math.BigInteger;

/**
 * Internal, not for users (may change without notice): allocation-free Fp2/Fp6/Fp12 arithmetic on
 * Montgomery limbs for the pairing (Miller loop and final exponentiation), the tower of
 * {@code io.vnft.zk.field.Fp12}: Fp2 = Fp[u]/(u^2 + 1), Fp6 = Fp2[v]/(v^3 - xi), Fp12 =
 * Fp6[w]/(w^2 - v), xi = 9 + u.
 *
 * <p>Layout: an Fp2 element is 8 longs (c0 then c1); an Fp6 element 24 longs (c0, c1, c2); an
 * Fp12 element 48 longs (c0 then c1, each an Fp6). Every operation reads all of its inputs before
 * it writes its output, so the output may alias an input unless a method says otherwise.
 *
 * <p>Multiplication formulas: Fp2 as {@link G2LimbOps} does it, Karatsuba Fp6 (6 Fp2 mul), Fp12
 * by Karatsuba over Fp6 (3 Fp6 mul) and complex squaring (2 Fp6 mul); Chung-Hasan SQR2 for Fp6
 * squaring (Devegili, O hEigeartaigh, Scott, Dahab, "Multiplication and squaring on
 * pairing-friendly fields", 2006); sparse multiplication by a Miller line with three non-zero Fp2 coefficients at
 * w^0, w^1, w^3 (13 Fp2 mul instead of 18); Granger-Scott squaring in the cyclotomic subgroup
 * ("Faster squaring in the cyclotomic subgroup of sixth degree extensions", PKC 2010).
 * Multiplication by xi and the 3t +- 2z of that squaring are fused into one pass with a single
 * reduction (table-based quotient estimate) instead of chains of modular additions.
 *
 * <p>Lazy reduction (Aranha, Karabina, Longa, Gebotys, Lopez, "Faster explicit formulas for
 * computing pairings over ordinary curves", EUROCRYPT 2011): {@link #mul6}, {@link #mul12},
 * {@link #cycSq12}, {@link #mulBy034} and {@link #mulBy034c1} form their Fp products unreduced
 * ({@link FpWide}), add and subtract them (and multiply by xi) on the wide values, and reduce once
 * per output Fp coefficient: mul6 18 products and 6 reductions (12 with reduced Fp2 products),
 * mul12 54 and 12 (36), cycSq12 21 and 12 (18 + 12). Each method's Javadoc gives the bounds that keep its
 * sums inside the range {@link FpWide#redc} accepts; the package-private {@code ...Reduced} forms
 * are the previous, reduced formulas, kept as test references.
 *
 * <p>Thread-safety: an instance holds scratch space, so use one instance per thread. No checks.
 */
public final class Fp12LimbOps {
  /** Longs per Fp2, Fp6, Fp12 element. */
  public static final int FP2 = 8, FP6 = 24, FP12 = 48;

  // GAMMA[k] (k = 1..3) holds xi^(i (p^k - 1) / 6) for i = 0..5 at offset 8 i: the factor the
  // p^k-Frobenius puts on the coefficient of w^i (after conjugating the Fp2 parts for odd k).
  private static final long[][] GAMMA = new long[4][6 * FP2];

  static {
    BigInteger p = Fp.MODULUS;
    for (int k = 1; k <= 3; k++) {
      BigInteger e = p.pow(k).subtract(BigInteger.ONE).divide(BigInteger.valueOf(6));
      Fp2 g = Fp2.XI.pow(e);
      Fp2 acc = Fp2.ONE;
      for (int i = 0; i < 6; i++) {
        acc.copyLimbsTo(GAMMA[k], FP2 * i);
        acc = acc.mul(g);
      }
    }
  }

  // p as limbs, and for the fused small linear combinations below: QTAB[t] = floor(t 2^250 / p)
  // for t < 256, QP[5q..5q+4] = q p. A value v < 2^258 is reduced by subtracting QP[QTAB[v >>
  // 250]] (leaves v' < 1.09 p, as 2^250 / p < 0.083) and then p once if v' >= p.
  private static final long P0, P1, P2, P3;
  private static final byte[] QTAB = new byte[256];
  private static final long[] QP = new long[5 * 22];

  static {
    BigInteger p = Fp.MODULUS;
    P0 = p.longValue();
    P1 = p.shiftRight(64).longValue();
    P2 = p.shiftRight(128).longValue();
    P3 = p.shiftRight(192).longValue();
    for (int t = 0; t < 256; t++) {
      QTAB[t] = (byte) BigInteger.valueOf(t).shiftLeft(250).divide(p).intValueExact();
    }
    for (int q = 0; q < 22; q++) {
      BigInteger m = p.multiply(BigInteger.valueOf(q));
      for (int i = 0; i < 5; i++) {
        QP[5 * q + i] = m.shiftRight(64 * i).longValue();
      }
    }
  }

  private static long carry(long x, long y, long s) {
    return ((x & y) | ((x | y) & ~s)) >>> 63;
  }

  private static long borrow(long x, long y, long d) {
    return ((~x & y) | (~(x ^ y) & d)) >>> 63;
  }

  // r = v mod p for v = v0 + v1 2^64 + ... + v4 2^256 < 2^258
  private static void reduce(long v0, long v1, long v2, long v3, long v4, long[] r, int ro) {
    int k = 5 * QTAB[(int) ((v4 << 6) | (v3 >>> 58))];
    long m0 = QP[k], m1 = QP[k + 1], m2 = QP[k + 2], m3 = QP[k + 3];
    // d = v - q p < 2^255: the low four limbs suffice
    long d0 = v0 - m0; long b = borrow(v0, m0, d0);
    long d1 = v1 - m1 - b; b = borrow(v1, m1, d1);
    long d2 = v2 - m2 - b; b = borrow(v2, m2, d2);
    long d3 = v3 - m3 - b;
    long e0 = d0 - P0; b = borrow(d0, P0, e0);
    long e1 = d1 - P1 - b; b = borrow(d1, P1, e1);
    long e2 = d2 - P2 - b; b = borrow(d2, P2, e2);
    long e3 = d3 - P3 - b; b = borrow(d3, P3, e3);
    long keep = -b; // all ones if d < p
    r[ro] = (e0 & ~keep) | (d0 & keep);
    r[ro + 1] = (e1 & ~keep) | (d1 & keep);
    r[ro + 2] = (e2 & ~keep) | (d2 & keep);
    r[ro + 3] = (e3 & ~keep) | (d3 & keep);
  }

  // r = ((2^sx + 1) x + 2^sy y) mod p for x < p, y <= p, sx in 1..3, sy in 0..1 (the sum stays
  // below 2^258 as p < 2^254)
  private static void lin(long x0, long x1, long x2, long x3, int sx, long y0, long y1, long y2, long y3,
      int sy, long[] r, int ro) {
    // a = x << sx (5 limbs), sx in 1..3
    long a0 = x0 << sx, a1 = (x1 << sx) | (x0 >>> (64 - sx)), a2 = (x2 << sx) | (x1 >>> (64 - sx)),
        a3 = (x3 << sx) | (x2 >>> (64 - sx)), a4 = x3 >>> (64 - sx);
    // a += x
    long s0 = a0 + x0; long c = carry(a0, x0, s0);
    long s1 = a1 + x1 + c; c = carry(a1, x1, s1);
    long s2 = a2 + x2 + c; c = carry(a2, x2, s2);
    long s3 = a3 + x3 + c; c = carry(a3, x3, s3);
    long s4 = a4 + c;
    // b = y << sy (sy in 0..1)
    long b0 = y0, b1 = y1, b2 = y2, b3 = y3, b4 = 0;
    if (sy != 0) {
      b0 = y0 << 1; b1 = (y1 << 1) | (y0 >>> 63); b2 = (y2 << 1) | (y1 >>> 63);
      b3 = (y3 << 1) | (y2 >>> 63); b4 = y3 >>> 63;
    }
    long t0 = s0 + b0; c = carry(s0, b0, t0);
    long t1 = s1 + b1 + c; c = carry(s1, b1, t1);
    long t2 = s2 + b2 + c; c = carry(s2, b2, t2);
    long t3 = s3 + b3 + c; c = carry(s3, b3, t3);
    long t4 = s4 + b4 + c;
    reduce(t0, t1, t2, t3, t4, r, ro);
  }

  /** A new instance with its own scratch space. */
  public Fp12LimbOps() {}

  private final G2LimbOps g2 = new G2LimbOps(); // Fp2 mul/square (own scratch)
  private final long[] s2 = new long[16];   // Fp2 level (inv2, mulV6)
  private final long[] s6 = new long[80];   // Fp6 level (mul6, sq6, mulBy01)
  private final long[] s6b = new long[24];  // Fp6-by-Fp2 helpers called from Fp12 level
  private final long[] s12 = new long[128]; // Fp12 level
  private final long[] sinv = new long[96]; // inverses

  // ---------------------------------------------------------------- Fp2

  /**
   * r = a * b. Delegates to {@link G2LimbOps#m2}, the project's one Fp2 multiplication on limbs
   * (Karatsuba, or whatever faster form the field layer gives it), so both stay in step.
   *
   * @param a first operand, an Fp2 element (8 limbs)
   * @param ao offset of a in limbs
   * @param b second operand, an Fp2 element (8 limbs)
   * @param bo offset of b in limbs
   * @param r receives the result, 8 limbs, reduced; may alias an input
   * @param ro offset of the result in r, in limbs
   */
  public void mul2(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
    g2.m2(a, ao, b, bo, r, ro);
  }

  /**
   * r = a^2 (2 Fp mul; delegates to {@link G2LimbOps#sq2}).
   *
   * @param a the operand, an Fp2 element (8 limbs)
   * @param ao offset of a in limbs
   * @param r receives the result, 8 limbs, reduced; may alias an input
   * @param ro offset of the result in r, in limbs
   */
  public void sq2(long[] a, int ao, long[] r, int ro) {
    g2.sq2(a, ao, r, ro);
  }

  /**
   * r = a * xi = (9 a0 - a1) + (a0 + 9 a1) u, each part with one reduction.
   *
   * @param a the operand, an Fp2 element (8 limbs)
   * @param ao offset of a in limbs
   * @param r receives the result, 8 limbs, reduced; may alias an input
   * @param ro offset of the result in r, in limbs
   */
  public static void mulXi(long[] a, int ao, long[] r, int ro) {
    long x0 = a[ao], x1 = a[ao + 1], x2 = a[ao + 2], x3 = a[ao + 3];
    long y0 = a[ao + 4], y1 = a[ao + 5], y2 = a[ao + 6], y3 = a[ao + 7];
    // n = p - y in (0, p]
    long n0 = P0 - y0; long b = borrow(P0, y0, n0);
    long n1 = P1 - y1 - b; b = borrow(P1, y1, n1);
    long n2 = P2 - y2 - b; b = borrow(P2, y2, n2);
    long n3 = P3 - y3 - b;
    lin(x0, x1, x2, x3, 3, n0, n1, n2, n3, 0, r, ro);      // 9 x + (p - y) < 10 p
    lin(y0, y1, y2, y3, 3, x0, x1, x2, x3, 0, r, ro + 4);  // 9 y + x < 10 p
  }

  /**
   * r = 3t - 2z (if minus) or 3t + 2z, on Fp2 elements, each part with one reduction.
   *
   * @param t the Fp2 element t (8 limbs)
   * @param to offset of t in limbs
   * @param z the Fp2 element z (8 limbs)
   * @param zo offset of z in limbs
   * @param minus true for 3t - 2z, false for 3t + 2z
   * @param r receives the result, 8 limbs, reduced; may alias an input
   * @param ro offset of the result in r, in limbs
   */
  public static void threeTwo2(long[] t, int to, long[] z, int zo, boolean minus, long[] r, int ro) {
    for (int h = 0; h < 8; h += 4) {
      long z0 = z[zo + h], z1 = z[zo + h + 1], z2 = z[zo + h + 2], z3 = z[zo + h + 3];
      if (minus) {
        long n0 = P0 - z0; long b = borrow(P0, z0, n0);
        long n1 = P1 - z1 - b; b = borrow(P1, z1, n1);
        long n2 = P2 - z2 - b; b = borrow(P2, z2, n2);
        long n3 = P3 - z3 - b;
        z0 = n0; z1 = n1; z2 = n2; z3 = n3;
      }
      lin(t[to + h], t[to + h + 1], t[to + h + 2], t[to + h + 3], 1, z0, z1, z2, z3, 1, r, ro + h);
    }
  }

  /**
   * r = a * s for s in Fp (4 limbs at so); s must not alias r.
   *
   * @param a the operand, an Fp2 element (8 limbs)
   * @param ao offset of a in limbs
   * @param s array holding the Fp factor s (4 limbs); must not be r at an overlapping offset
   * @param so offset of s in limbs
   * @param r receives the result, 8 limbs, reduced
   * @param ro offset of the result in r, in limbs
   */
  public static void mulFp2(long[] a, int ao, long[] s, int so, long[] r, int ro) {
    FpOps.mul(a, ao, s, so, r, ro);
    FpOps.mul(a, ao + 4, s, so, r, ro + 4);
  }

  /**
   * r = conj(a).
   *
   * @param a the operand, an Fp2 element (8 limbs)
   * @param ao offset of a in limbs
   * @param r receives the result, 8 limbs, reduced; may alias an input
   * @param ro offset of the result in r, in limbs
   */
  public static void conj2(long[] a, int ao, long[] r, int ro) {
    FpOps.copy(a, ao, r, ro);
    FpOps.neg(a, ao + 4, r, ro + 4);
  }

  /**
   * r = a^-1; throws ArithmeticException for zero.
   *
   * @param a the operand, an Fp2 element (8 limbs)
   * @param ao offset of a in limbs
   * @param r receives the result, 8 limbs, reduced; may alias an input
   * @param ro offset of the result in r, in limbs
   */
  public void inv2(long[] a, int ao, long[] r, int ro) {
    long[] t = s2;
    FpOps.square(a, ao, t, 0);
    FpOps.square(a, ao + 4, t, 4);
    FpOps.add(t, 0, t, 4, t, 0);
    FpOps.inverse(t, 0, t, 0);
    FpOps.mul(a, ao, t, 0, r, ro);
    FpOps.mul(a, ao + 4, t, 0, t, 4);
    FpOps.neg(t, 4, r, ro + 4);
  }

  // ---------------------------------------------------------------- Fp6

  /**
   * r = a + b.
   *
   * @param a first operand, an Fp6 element (24 limbs)
   * @param ao offset of a in limbs
   * @param b second operand, an Fp6 element (24 limbs)
   * @param bo offset of b in limbs
   * @param r receives the result, 24 limbs, reduced; may alias an input
   * @param ro offset of the result in r, in limbs
   */
  public static void add6(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
    add2(a, ao, b, bo, r, ro);
    add2(a, ao + 8, b, bo + 8, r, ro + 8);
    add2(a, ao + 16, b, bo + 16, r, ro + 16);
  }

  /**
   * r = a - b.
   *
   * @param a first operand, an Fp6 element (24 limbs)
   * @param ao offset of a in limbs
   * @param b second operand, an Fp6 element (24 limbs)
   * @param bo offset of b in limbs
   * @param r receives the result, 24 limbs, reduced; may alias an input
   * @param ro offset of the result in r, in limbs
   */
  public static void sub6(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
    sub2(a, ao, b, bo, r, ro);
    sub2(a, ao + 8, b, bo + 8, r, ro + 8);
    sub2(a, ao + 16, b, bo + 16, r, ro + 16);
  }

  /**
   * r = -a.
   *
   * @param a the operand, an Fp6 element (24 limbs)
   * @param ao offset of a in limbs
   * @param r receives the result, 24 limbs, reduced; may alias an input
   * @param ro offset of the result in r, in limbs
   */
  public static void neg6(long[] a, int ao, long[] r, int ro) {
    neg2(a, ao, r, ro);
    neg2(a, ao + 8, r, ro + 8);
    neg2(a, ao + 16, r, ro + 16);
  }

  /**
   * r = a * v = (xi a2, a0, a1).
   *
   * @param a the operand, an Fp6 element (24 limbs)
   * @param ao offset of a in limbs
   * @param r receives the result, 24 limbs, reduced; may alias an input
   * @param ro offset of the result in r, in limbs
   */
  public void mulV6(long[] a, int ao, long[] r, int ro) {
    long[] t = s2;
    mulXi(a, ao + 16, t, 8); // a2 xi first: r may alias a
    copy2(a, ao + 8, r, ro + 16);
    copy2(a, ao, r, ro + 8);
    copy2(t, 8, r, ro);
  }

  private static final int V0 = 0, V1 = 8, V2 = 16, TA = 24, TB = 32, T = 40, R0 = 48, R1 = 56;

  // ---------------------------------------------------------------- lazy reduction (FpWide)

  private static final int C = FpWide.COLS, W2 = 2 * FpWide.COLS; // longs per wide Fp, Fp2
  private final long[] w = new long[16 * W2];  // wide Fp2 values
  private final long[] wn = new long[64];      // unreduced (NR) Fp2 sums
  private final long[] wt = new long[2 * C + 8];  // fp2W scratch

  /**
   * Wide Fp2 product (Karatsuba, 3 wide Fp products): re = a0 b0 - a1 b1 at w[wo..], im = a0 b1 +
   * a1 b0 at w[wo + 10..]. Components of a and b below 2^255 (unreduced sums of two reduced
   * elements are fine).
   */
  private void fp2W(long[] a, int ao, long[] b, int bo, long[] w, int wo) {
    FpWide.mul2Wide(a, ao, b, bo, w, wo);
  }

  // fp2W through three separate wide products (the reference for FpWide.mul2Wide in the tests)
  void fp2WSeparate(long[] a, int ao, long[] b, int bo, long[] w, int wo) {
    long[] t = wt;
    FpWide.mulWide(a, ao, b, bo, t, 0);
    FpWide.mulWide(a, ao + 4, b, bo + 4, t, C);
    FpWide.addNR(a, ao, a, ao + 4, t, 2 * C);
    FpWide.addNR(b, bo, b, bo + 4, t, 2 * C + 4);
    FpWide.mulWide(t, 2 * C, t, 2 * C + 4, w, wo + C);
    for (int i = 0; i < C; i++) {
      long p0 = t[i], p1 = t[C + i];
      w[wo + i] = p0 - p1;
      w[wo + C + i] -= p0 + p1;
    }
  }

  // r = a + b on Fp2 without reduction (components below 2p)
  private static void add2NR(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
    FpWide.addNR(a, ao, b, bo, r, ro);
    FpWide.addNR(a, ao + 4, b, bo + 4, r, ro + 4);
  }

  // r (Fp2, reduced) = the wide Fp2 at w[wo]
  private static void redc2(long[] w, int wo, long[] r, int ro) {
    FpWide.redc(w, wo, r, ro);
    FpWide.redc(w, wo + C, r, ro + 4);
  }

  // p and 2p as four 64-bit limbs (for unreduced negation)
  private static final long[] P_LIMBS = new long[4], TWO_P_LIMBS = new long[4];

  static {
    for (int i = 0; i < 4; i++) {
      P_LIMBS[i] = Fp.MODULUS.shiftRight(64 * i).longValue();
      TWO_P_LIMBS[i] = Fp.MODULUS.shiftLeft(1).shiftRight(64 * i).longValue();
    }
  }

  // r = c - a on four limbs, no reduction (c >= a)
  private static void subNR(long[] c, long[] a, int ao, long[] r, int ro) {
    long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
    long d0 = c[0] - a0; long b = borrow(c[0], a0, d0);
    long d1 = c[1] - a1 - b; b = borrow(c[1], a1, d1);
    long d2 = c[2] - a2 - b; b = borrow(c[2], a2, d2);
    r[ro] = d0;
    r[ro + 1] = d1;
    r[ro + 2] = d2;
    r[ro + 3] = c[3] - a3 - b;
  }

  /**
   * Wide Fp2 square of a (components below p): re = (a0 + a1)(a0 + p - a1) (in [0, 4 p^2)), im =
   * (2 a0) a1 (in [0, 2 p^2)); 2 wide Fp products. Uses wn[32..48).
   */
  private void sq2W(long[] a, int ao, long[] w, int wo) {
    FpWide.sq2Wide(a, ao, w, wo);
  }

  // sq2W through separate sums and wide products (the reference for FpWide.sq2Wide in the tests)
  void sq2WSeparate(long[] a, int ao, long[] w, int wo) {
    long[] n = wn;
    FpWide.addNR(a, ao, a, ao + 4, n, 32);
    subNR(P_LIMBS, a, ao + 4, n, 36);
    FpWide.addNR(n, 36, a, ao, n, 36);
    FpWide.mulWide(n, 32, n, 36, w, wo);
    FpWide.addNR(a, ao, a, ao, n, 40);
    FpWide.mulWide(n, 40, a, ao + 4, w, wo + C);
  }

  // w += k * xi * z (z a reduced Fp2 at z[zo]; xi z = (9 z0 - z1) + (z0 + 9 z1) u) as z 2^260 terms
  private static void addHighXi(long[] w, int wo, long[] z, int zo, int k) {
    FpWide.addHigh(w, wo, z, zo, 9 * k);
    FpWide.addHigh(w, wo, z, zo + 4, -k);
    FpWide.addHigh(w, wo + C, z, zo, k);
    FpWide.addHigh(w, wo + C, z, zo + 4, 9 * k);
  }

  // w += k * z (reduced Fp2) as z 2^260 terms
  private static void addHigh2(long[] w, int wo, long[] z, int zo, int k) {
    FpWide.addHigh(w, wo, z, zo, k);
    FpWide.addHigh(w, wo + C, z, zo + 4, k);
  }

  /**
   * r = a * b (Karatsuba over Fp2, 6 wide Fp2 products = 18 Fp products, one reduction per output
   * Fp coefficient: 6 instead of 12 as with reduced Fp2 products). Bounds, in units of p^2 for the
   * sums of products: |c0.re| &lt; 63, c0.im in (-42, 80), |c1|, |c2| &lt; 30, all inside the
   * [-40 p, 43 p) 2^256 that {@link FpWide#redc} accepts; at most 65 products add to one column.
   *
   * @param a first operand, an Fp6 element (24 limbs)
   * @param ao offset of a in limbs
   * @param b second operand, an Fp6 element (24 limbs)
   * @param bo offset of b in limbs
   * @param r receives the result, 24 limbs, reduced; may alias an input
   * @param ro offset of the result in r, in limbs
   */
  public void mul6(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
    final int o = 6 * W2;
    mul6W(a, ao, b, bo, o);
    redc2(w, o, r, ro);
    redc2(w, o + W2, r, ro + 8);
    redc2(w, o + 2 * W2, r, ro + 16);
  }

  // the three wide Fp2 coefficients of a b (inputs reduced) into w[o..o + 3 W2), o >= 6 W2 (uses
  // w[0..6 W2) as scratch)
  private void mul6W(long[] a, int ao, long[] b, int bo, int o) {
    long[] w = this.w, n = this.wn;
    final int v0 = 0, v1 = W2, v2 = 2 * W2, t0 = 3 * W2, t1 = 4 * W2, t2 = 5 * W2;
    fp2W(a, ao, b, bo, w, v0);
    fp2W(a, ao + 8, b, bo + 8, w, v1);
    fp2W(a, ao + 16, b, bo + 16, w, v2);
    add2NR(a, ao + 8, a, ao + 16, n, 0);
    add2NR(b, bo + 8, b, bo + 16, n, 8);
    fp2W(n, 0, n, 8, w, t0);
    add2NR(a, ao, a, ao + 8, n, 0);
    add2NR(b, bo, b, bo + 8, n, 8);
    fp2W(n, 0, n, 8, w, t1);
    add2NR(a, ao, a, ao + 16, n, 0);
    add2NR(b, bo, b, bo + 16, n, 8);
    fp2W(n, 0, n, 8, w, t2);
    for (int i = 0; i < C; i++) {
      long v0r = w[v0 + i], v0i = w[v0 + C + i], v1r = w[v1 + i], v1i = w[v1 + C + i];
      long v2r = w[v2 + i], v2i = w[v2 + C + i];
      // c0 = v0 + xi (t0 - v1 - v2), xi (x + y u) = (9x - y) + (x + 9y) u
      long zr = w[t0 + i] - v1r - v2r, zi = w[t0 + C + i] - v1i - v2i;
      w[o + i] = v0r + 9 * zr - zi;
      w[o + C + i] = v0i + zr + 9 * zi;
      // c1 = t1 - v0 - v1 + xi v2
      w[o + W2 + i] = w[t1 + i] - v0r - v1r + 9 * v2r - v2i;
      w[o + W2 + C + i] = w[t1 + C + i] - v0i - v1i + v2r + 9 * v2i;
      // c2 = t2 - v0 - v2 + v1
      w[o + 2 * W2 + i] = w[t2 + i] - v0r - v2r + v1r;
      w[o + 2 * W2 + C + i] = w[t2 + C + i] - v0i - v2i + v1i;
    }
  }

  /** r = a * b (Karatsuba, 6 Fp2 mul with a reduction each; the reference for {@link #mul6}). */
  void mul6Reduced(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
    long[] s = s6;
    mul2(a, ao, b, bo, s, V0);
    mul2(a, ao + 8, b, bo + 8, s, V1);
    mul2(a, ao + 16, b, bo + 16, s, V2);
    // c0 = xi ((a1 + a2)(b1 + b2) - v1 - v2) + v0
    add2(a, ao + 8, a, ao + 16, s, TA);
    add2(b, bo + 8, b, bo + 16, s, TB);
    mul2(s, TA, s, TB, s, T);
    sub2(s, T, s, V1, s, T);
    sub2(s, T, s, V2, s, T);
    mulXi(s, T, s, T);
    add2(s, T, s, V0, s, R0);
    // c1 = (a0 + a1)(b0 + b1) - v0 - v1 + xi v2
    add2(a, ao, a, ao + 8, s, TA);
    add2(b, bo, b, bo + 8, s, TB);
    mul2(s, TA, s, TB, s, T);
    sub2(s, T, s, V0, s, T);
    sub2(s, T, s, V1, s, T);
    mulXi(s, V2, s, TA);
    add2(s, T, s, TA, s, R1);
    // c2 = (a0 + a2)(b0 + b2) - v0 - v2 + v1
    add2(a, ao, a, ao + 16, s, TA);
    add2(b, bo, b, bo + 16, s, TB);
    mul2(s, TA, s, TB, s, T);
    sub2(s, T, s, V0, s, T);
    sub2(s, T, s, V2, s, T);
    add2(s, T, s, V1, r, ro + 16);
    copy2(s, R0, r, ro);
    copy2(s, R1, r, ro + 8);
  }

  /**
   * r = a^2 (Chung-Hasan SQR2: 2 Fp2 mul + 3 Fp2 squarings).
   *
   * @param a the operand, an Fp6 element (24 limbs)
   * @param ao offset of a in limbs
   * @param r receives the result, 24 limbs, reduced; may alias an input
   * @param ro offset of the result in r, in limbs
   */
  public void sq6(long[] a, int ao, long[] r, int ro) {
    long[] s = s6;
    final int S0 = V0, AB = V1, S2 = V2, BC = TA, S4 = TB;
    sq2(a, ao, s, S0);
    mul2(a, ao, a, ao + 8, s, AB);
    add2(s, AB, s, AB, s, AB);                 // 2 a0 a1
    sub2(a, ao, a, ao + 8, s, T);
    add2(s, T, a, ao + 16, s, T);
    sq2(s, T, s, S2);                          // (a0 - a1 + a2)^2
    mul2(a, ao + 8, a, ao + 16, s, BC);
    add2(s, BC, s, BC, s, BC);                 // 2 a1 a2
    sq2(a, ao + 16, s, S4);
    // c2 = 2ab + s2 + 2bc - s0 - s4
    add2(s, AB, s, S2, s, T);
    add2(s, T, s, BC, s, T);
    sub2(s, T, s, S0, s, T);
    sub2(s, T, s, S4, r, ro + 16);
    // c0 = s0 + xi 2bc ; c1 = 2ab + xi s4
    mulXi(s, BC, s, BC);
    add2(s, S0, s, BC, r, ro);
    mulXi(s, S4, s, S4);
    add2(s, AB, s, S4, r, ro + 8);
  }

  /**
   * r = a * (b0 + b1 v), b0 and b1 in Fp2 (5 Fp2 mul); b0, b1 must not alias r.
   *
   * @param a first operand, an Fp6 element (24 limbs)
   * @param ao offset of a in limbs
   * @param b array holding the Fp2 coefficients b0 and b1 (8 limbs each); must not overlap r
   * @param b0 offset of b0 in b, in limbs
   * @param b1 offset of b1 in b, in limbs
   * @param r receives the result, 24 limbs, reduced
   * @param ro offset of the result in r, in limbs
   */
  public void mulBy01(long[] a, int ao, long[] b, int b0, int b1, long[] r, int ro) {
    long[] s = s6;
    mul2(a, ao, b, b0, s, V0);
    mul2(a, ao + 8, b, b1, s, V1);
    // c0 = xi a2 b1 + v0
    mul2(a, ao + 16, b, b1, s, T);
    mulXi(s, T, s, T);
    add2(s, T, s, V0, s, R0);
    // c1 = (a0 + a1)(b0 + b1) - v0 - v1
    add2(a, ao, a, ao + 8, s, TA);
    add2(b, b0, b, b1, s, TB);
    mul2(s, TA, s, TB, s, T);
    sub2(s, T, s, V0, s, T);
    sub2(s, T, s, V1, s, R1);
    // c2 = a2 b0 + v1
    mul2(a, ao + 16, b, b0, s, T);
    add2(s, T, s, V1, r, ro + 16);
    copy2(s, R0, r, ro);
    copy2(s, R1, r, ro + 8);
  }

  /**
   * r = a * c for c in Fp2 (3 Fp2 mul); c must not alias r.
   *
   * @param a the operand, an Fp6 element (24 limbs)
   * @param ao offset of a in limbs
   * @param c the Fp2 factor c (8 limbs); must not overlap r
   * @param co offset of c in limbs
   * @param r receives the result, 24 limbs, reduced
   * @param ro offset of the result in r, in limbs
   */
  public void mulFp2x6(long[] a, int ao, long[] c, int co, long[] r, int ro) {
    mul2(a, ao, c, co, r, ro);
    mul2(a, ao + 8, c, co, r, ro + 8);
    mul2(a, ao + 16, c, co, r, ro + 16);
  }

  /**
   * r = a^-1; throws ArithmeticException for zero.
   *
   * @param a the operand, an Fp6 element (24 limbs)
   * @param ao offset of a in limbs
   * @param r receives the result, 24 limbs, reduced; may alias an input
   * @param ro offset of the result in r, in limbs
   */
  public void inv6(long[] a, int ao, long[] r, int ro) {
    long[] s = sinv;
    final int A = 48, B = 56, C = 64, F = 72, X = 80, Y = 88;
    // A = c0^2 - xi c1 c2 ; B = xi c2^2 - c0 c1 ; C = c1^2 - c0 c2 (Guide to PBC, alg. 5.23)
    sq2(a, ao, s, A);
    mul2(a, ao + 8, a, ao + 16, s, X);
    mulXi(s, X, s, X);
    sub2(s, A, s, X, s, A);
    sq2(a, ao + 16, s, B);
    mulXi(s, B, s, B);
    mul2(a, ao, a, ao + 8, s, X);
    sub2(s, B, s, X, s, B);
    sq2(a, ao + 8, s, C);
    mul2(a, ao, a, ao + 16, s, X);
    sub2(s, C, s, X, s, C);
    // F = xi (c2 B + c1 C) + c0 A
    mul2(a, ao + 16, s, B, s, F);
    mul2(a, ao + 8, s, C, s, X);
    add2(s, F, s, X, s, F);
    mulXi(s, F, s, F);
    mul2(a, ao, s, A, s, X);
    add2(s, F, s, X, s, F);
    inv2(s, F, s, Y);
    mul2(s, A, s, Y, r, ro);
    mul2(s, B, s, Y, r, ro + 8);
    mul2(s, C, s, Y, r, ro + 16);
  }

  // ---------------------------------------------------------------- Fp12

  /**
   * r = 1.
   *
   * @param r receives one (48 limbs, Montgomery form)
   * @param ro offset of the result in r, in limbs
   */
  public static void setOne12(long[] r, int ro) {
    java.util.Arrays.fill(r, ro, ro + FP12, 0L);
    FpOps.setOne(r, ro);
  }

  /**
   * True if a == 1.
   *
   * @param a the operand, an Fp12 element (48 limbs)
   * @param ao offset of a in limbs
   * @return whether a is the Fp12 one (Montgomery limbs compared exactly, so a must be reduced)
   */
  public static boolean isOne12(long[] a, int ao) {
    if (!FpOps.isOne(a, ao)) {
      return false;
    }
    for (int i = ao + 4; i < ao + FP12; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * r = a.
   *
   * @param a the operand, an Fp12 element (48 limbs)
   * @param ao offset of a in limbs
   * @param r receives the result, 48 limbs, reduced; may alias an input
   * @param ro offset of the result in r, in limbs
   */
  public static void copy12(long[] a, int ao, long[] r, int ro) {
    System.arraycopy(a, ao, r, ro, FP12);
  }

  /**
   * r = conj(a) = a0 - a1 w (the p^6 Frobenius; the inverse on the cyclotomic subgroup).
   *
   * @param a the operand, an Fp12 element (48 limbs)
   * @param ao offset of a in limbs
   * @param r receives the result, 48 limbs, reduced; may alias an input
   * @param ro offset of the result in r, in limbs
   */
  public static void conj12(long[] a, int ao, long[] r, int ro) {
    if (a != r || ao != ro) {
      System.arraycopy(a, ao, r, ro, FP6);
    }
    neg6(a, ao + FP6, r, ro + FP6);
  }

  private static final int M0 = 0, M1 = 24, MA = 48, MB = 72, MT = 96;

  /**
   * r = a * b: Karatsuba over Fp6 on wide values (3 wide Fp6 products = 54 Fp products, each
   * normalised so that the sums below cannot overflow a column), 12 reductions instead of 18.
   * Bounds (p^2 units): the Fp6 products have |c0.re| &lt; 63, c0.im in (-42, 80), c1 in (-17, 15) +
   * (-5, 27) u, c2 in (-7, 7) + (-4, 10) u, so r1 = C - A - B lies in (-202, 185) and r0 = A + B v
   * in (-136, 177): inside [-40 p, 43 p) 2^256 (p^2 = 0.19 p 2^256).
   *
   * @param a first operand, an Fp12 element (48 limbs)
   * @param ao offset of a in limbs
   * @param b second operand, an Fp12 element (48 limbs)
   * @param bo offset of b in limbs
   * @param r receives the result, 48 limbs, reduced; may alias an input
   * @param ro offset of the result in r, in limbs
   */
  public void mul12(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
    long[] w = this.w, s = s12;
    final int wa = 6 * W2, wb = 9 * W2, wc = 12 * W2;
    mul6W(a, ao, b, bo, wa);
    mul6W(a, ao + FP6, b, bo + FP6, wb);
    add6(a, ao, a, ao + FP6, s, MA);
    add6(b, bo, b, bo + FP6, s, MB);
    mul6W(s, MA, s, MB, wc);
    for (int k = 0; k < 6; k++) {
      FpWide.normalize(w, wa + C * k);
      FpWide.normalize(w, wb + C * k);
      FpWide.normalize(w, wc + C * k);
    }
    for (int i = 0; i < C; i++) {
      for (int h = 0; h < W2; h += C) {
        long a0 = w[wa + h + i], a1 = w[wa + W2 + h + i], a2 = w[wa + 2 * W2 + h + i];
        long b0 = w[wb + h + i], b1 = w[wb + W2 + h + i], b2 = w[wb + 2 * W2 + h + i];
        // r1 = C - A - B
        w[wc + h + i] -= a0 + b0;
        w[wc + W2 + h + i] -= a1 + b1;
        w[wc + 2 * W2 + h + i] -= a2 + b2;
        // r0 = A + B v = (A0 + xi B2, A1 + B0, A2 + B1)
        w[wa + W2 + h + i] = a1 + b0;
        w[wa + 2 * W2 + h + i] = a2 + b1;
      }
      long cr = w[wb + 2 * W2 + i], ci = w[wb + 2 * W2 + C + i];
      w[wa + i] += 9 * cr - ci;
      w[wa + C + i] += cr + 9 * ci;
    }
    for (int j = 0; j < 3; j++) {
      redc2(w, wa + W2 * j, r, ro + 8 * j);
      redc2(w, wc + W2 * j, r, ro + FP6 + 8 * j);
    }
  }

  /** r = a * b (3 Fp6 mul = 54 Fp mul; the reduced reference for {@link #mul12}). */
  void mul12Reduced(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
    long[] s = s12;
    mul6(a, ao, b, bo, s, M0);
    mul6(a, ao + FP6, b, bo + FP6, s, M1);
    add6(a, ao, a, ao + FP6, s, MA);
    add6(b, bo, b, bo + FP6, s, MB);
    mul6(s, MA, s, MB, s, MA);
    sub6(s, MA, s, M0, s, MA);
    sub6(s, MA, s, M1, r, ro + FP6);
    mulV6(s, M1, s, M1);
    add6(s, M0, s, M1, r, ro);
  }

  /**
   * r = a^2 (complex squaring: 2 Fp6 mul).
   *
   * @param a the operand, an Fp12 element (48 limbs)
   * @param ao offset of a in limbs
   * @param r receives the result, 48 limbs, reduced; may alias an input
   * @param ro offset of the result in r, in limbs
   */
  public void sq12(long[] a, int ao, long[] r, int ro) {
    long[] s = s12;
    mul6(a, ao, a, ao + FP6, s, M0);               // ab
    add6(a, ao, a, ao + FP6, s, MA);               // a + b
    mulV6(a, ao + FP6, s, MB);
    add6(s, MB, a, ao, s, MB);                     // a + b v
    mul6(s, MA, s, MB, s, MA);                     // a^2 + b^2 v + ab (1 + v)
    sub6(s, MA, s, M0, s, MA);
    mulV6(s, M0, s, M1);
    sub6(s, MA, s, M1, r, ro);
    add6(s, M0, s, M0, r, ro + FP6);
  }

  /**
   * f = f * (a + b w + c w^3), the shape of a Miller line (a at c0.c0, b at c1.c0, c at c1.c1).
   * The line is given as three Fp2 at l[la], l[lb], l[lc]; l must not be f. Karatsuba over Fp6
   * with lazy reduction: f0 a (3 wide Fp2 products), f1 (b + c v) and (f0 + f1)(a + b + c v) (6
   * each), 12 reductions. Bounds (p^2 units): every output sum lies in (-25, 70), at most 67
   * products per column.
   *
   * @param f the Fp12 accumulator (48 limbs), multiplied in place
   * @param fo offset of f in limbs
   * @param l array holding the line coefficients (Fp2, 8 limbs each); not f
   * @param la offset of a (the w^0 coefficient) in l
   * @param lb offset of b (w^1) in l
   * @param lc offset of c (w^3) in l
   */
  public void mulBy034(long[] f, int fo, long[] l, int la, int lb, int lc) {
    long[] w = this.w, n = this.wn;
    final int f0 = fo, f1 = fo + FP6;
    final int V0 = 0, V1 = 3 * W2, S = 6 * W2, T = 9 * W2;
    for (int j = 0; j < 3; j++) {
      fp2W(f, f0 + 8 * j, l, la, w, V0 + W2 * j);
    }
    by01W(f, f1, l, lb, l, lc, V1, T);
    for (int j = 0; j < 3; j++) {
      add2NR(f, f0 + 8 * j, f, f1 + 8 * j, n, 8 * j);   // f0 + f1
    }
    add2NR(l, la, l, lb, n, 24);                          // a + b
    by01W(n, 0, n, 24, l, lc, S, T);
    for (int i = 0; i < C; i++) {
      for (int h = 0; h < W2; h += C) {
        long a0 = w[V0 + h + i], a1 = w[V0 + W2 + h + i], a2 = w[V0 + 2 * W2 + h + i];
        long b0 = w[V1 + h + i], b1 = w[V1 + W2 + h + i];
        // f1 = S - V0 - V1
        w[S + h + i] -= a0 + b0;
        w[S + W2 + h + i] -= a1 + b1;
        w[S + 2 * W2 + h + i] -= a2 + w[V1 + 2 * W2 + h + i];
        // f0 = V0 + V1 v = (V0_0 + xi V1_2, V0_1 + V1_0, V0_2 + V1_1)
        w[V0 + W2 + h + i] = a1 + b0;
        w[V0 + 2 * W2 + h + i] = a2 + b1;
      }
      long cr = w[V1 + 2 * W2 + i], ci = w[V1 + 2 * W2 + C + i];
      w[V0 + i] += 9 * cr - ci;
      w[V0 + C + i] += cr + 9 * ci;
    }
    for (int j = 0; j < 3; j++) {
      redc2(w, V0 + W2 * j, f, f0 + 8 * j);
      redc2(w, S + W2 * j, f, f1 + 8 * j);
    }
  }

  // wide (a0 + a1 v + a2 v^2)(b0 + b1 v) into w[o], w[o + W2], w[o + 2 W2]: c0 = a0 b0 + xi a2 b1,
  // c1 = a0 b1 + a1 b0, c2 = a1 b1 + a2 b0 (6 wide Fp2 products; components of a and b0 below 2p,
  // of b1 below p); uses w[t..t + 2 W2)
  private void by01W(long[] a, int ao, long[] b, int b0, long[] c, int b1, int o, int t) {
    long[] w = this.w;
    fp2W(a, ao, b, b0, w, o);
    fp2W(a, ao + 16, c, b1, w, t);
    fp2W(a, ao, c, b1, w, o + W2);
    fp2W(a, ao + 8, b, b0, w, t + W2);
    fp2W(a, ao + 8, c, b1, w, o + 2 * W2);
    for (int i = 0; i < C; i++) {
      long xr = w[t + i], xi = w[t + C + i];
      w[o + i] += 9 * xr - xi;
      w[o + C + i] += xr + 9 * xi;
      w[o + W2 + i] += w[t + W2 + i];
      w[o + W2 + C + i] += w[t + W2 + C + i];
    }
    fp2W(a, ao + 16, b, b0, w, t);
    for (int i = 0; i < W2; i++) {
      w[o + 2 * W2 + i] += w[t + i];
    }
  }

  /**
   * f = f * (a + b w + c w^3), the shape of a Miller line (a at c0.c0, b at c1.c0, c at c1.c1):
   * 13 Fp2 multiplications (reduced; the reference for the lazy form). The line is given as three Fp2 at l[la], l[lb], l[lc]; l must not be f.
   */
  void mulBy034Reduced(long[] f, int fo, long[] l, int la, int lb, int lc) {
    long[] s = s12;
    final int f0 = fo, f1 = fo + FP6;
    mulFp2x6(f, f0, l, la, s, M0);                 // A = f0 a
    mulBy01(f, f1, l, lb, lc, s, M1);              // B = f1 (b + c v)
    add6(f, f0, f, f1, f, f1);                     // f1 = f0 + f1
    add2(l, la, l, lb, s, MT);                     // a + b
    copy2(l, lc, s, MT + 8);
    mulBy01(f, f1, s, MT, MT + 8, f, f1);
    sub6(f, f1, s, M0, f, f1);
    sub6(f, f1, s, M1, f, f1);
    // f0 = A + B v = (A0 + xi B2, A1 + B0, A2 + B1)
    mulXi(s, M1 + 16, s, MT);
    add2(s, M0, s, MT, f, f0);
    add2(s, M0 + 8, s, M1, f, f0 + 8);
    add2(s, M0 + 16, s, M1 + 8, f, f0 + 16);
  }

  /**
   * f = f * (A + B w + w^3) = f * ((A, 0, 0) + (B, 1, 0) w), a Miller line divided by its w^3
   * coefficient. A at l[la], B at l[lb]; l must not be f. Karatsuba over Fp6 with lazy reduction:
   * 9 wide Fp2 products (f0 A, f1 B, (f0 + f1)(A + B)), the products by v added as z 2^260 terms,
   * 12 reductions. Bounds (p^2 units, plus at most 10 p from the added terms): within (-8, 14),
   * at most 23 products per column.
   *
   * @param f the Fp12 accumulator (48 limbs), multiplied in place
   * @param fo offset of f in limbs
   * @param l array holding the line coefficients A and B (Fp2, 8 limbs each); not f
   * @param la offset of A (the w^0 coefficient) in l
   * @param lb offset of B (w^1) in l
   */
  public void mulBy034c1(long[] f, int fo, long[] l, int la, int lb) {
    long[] w = this.w, n = this.wn;
    final int f0 = fo, f1 = fo + FP6;
    final int V0 = 0, V1 = 3 * W2, S = 6 * W2;
    add2NR(l, la, l, lb, n, 0);                           // A + B
    for (int j = 0; j < 3; j++) {
      fp2W(f, f0 + 8 * j, l, la, w, V0 + W2 * j);         // f0 A
      fp2W(f, f1 + 8 * j, l, lb, w, V1 + W2 * j);         // f1 B
      add2NR(f, f0 + 8 * j, f, f1 + 8 * j, n, 8);
      fp2W(n, 8, n, 0, w, S + W2 * j);                    // (f0 + f1)(A + B)
    }
    for (int i = 0; i < C; i++) {
      for (int h = 0; h < W2; h += C) {
        long a0 = w[V0 + h + i], a1 = w[V0 + W2 + h + i], a2 = w[V0 + 2 * W2 + h + i];
        long b0 = w[V1 + h + i], b1 = w[V1 + W2 + h + i];
        // f1' = (f0 + f1)(A + B) - f0 A - f1 B + f0 v
        w[S + h + i] -= a0 + b0;
        w[S + W2 + h + i] -= a1 + b1;
        w[S + 2 * W2 + h + i] -= a2 + w[V1 + 2 * W2 + h + i];
        // f0' = f0 A + (f1 B + f1 v) v = (V0_0 + xi (V1B_2 + f1_1), V0_1 + V1B_0 + xi f1_2,
        // V0_2 + V1B_1 + f1_0)
        w[V0 + W2 + h + i] = a1 + b0;
        w[V0 + 2 * W2 + h + i] = a2 + b1;
      }
      long cr = w[V1 + 2 * W2 + i], ci = w[V1 + 2 * W2 + C + i];
      w[V0 + i] += 9 * cr - ci;
      w[V0 + C + i] += cr + 9 * ci;
    }
    // the terms with v, read from f before f is written
    addHighXi(w, S, f, f0 + 16, 1);
    addHigh2(w, S + W2, f, f0, 1);
    addHigh2(w, S + 2 * W2, f, f0 + 8, 1);
    addHighXi(w, V0, f, f1 + 8, 1);
    addHighXi(w, V0 + W2, f, f1 + 16, 1);
    addHigh2(w, V0 + 2 * W2, f, f1, 1);
    for (int j = 0; j < 3; j++) {
      redc2(w, V0 + W2 * j, f, f0 + 8 * j);
      redc2(w, S + W2 * j, f, f1 + 8 * j);
    }
  }

  /**
   * f = f * (A + B w + w^3) = f * ((A, 0, 0) + (B, 1, 0) w), a Miller line divided by its w^3
   * coefficient: 9 Fp2 multiplications (reduced; the reference for the lazy form). A at l[la], B at l[lb]; l must not be f.
   */
  void mulBy034c1Reduced(long[] f, int fo, long[] l, int la, int lb) {
    long[] s = s12;
    final int f0 = fo, f1 = fo + FP6;
    mulFp2x6(f, f0, l, la, s, M0);                 // v0 = f0 A
    mulFp2x6(f, f1, l, lb, s, M1);                 // f1 B
    mulV6(f, f1, s, MA);                           // f1 v
    add6(s, M1, s, MA, s, M1);                     // v1 = f1 (B + v)
    add6(f, f0, f, f1, f, f1);                     // f1 = f0 + f1
    add2(l, la, l, lb, s, MT);                     // A + B
    mulFp2x6(f, f1, s, MT, s, MA);
    mulV6(f, f1, s, MB);
    add6(s, MA, s, MB, f, f1);                     // (f0 + f1)(A + B + v)
    sub6(f, f1, s, M0, f, f1);
    sub6(f, f1, s, M1, f, f1);
    // f0 = v0 + v1 v = (v0_0 + xi v1_2, v0_1 + v1_0, v0_2 + v1_1)
    mulXi(s, M1 + 16, s, MT);
    add2(s, M0, s, MT, f, f0);
    add2(s, M0 + 8, s, M1, f, f0 + 8);
    add2(s, M0 + 16, s, M1 + 8, f, f0 + 16);
  }

  /**
   * r = a^2 for a in the cyclotomic subgroup (Granger-Scott: three Fp4 squarings), wrong for other
   * elements. Lazy reduction: each Fp4 square is x^2 + xi y^2 (2 + 2 wide Fp products) and 2 x y
   * (3), the outputs 3 t -+ 2 z are formed on the wide values (z added as z 2^260 terms): 21 wide
   * Fp products and 12 reductions. Bounds (p^2 units): 3 t within (-6, 120), at most 33 products
   * per column.
   *
   * @param a the operand, an Fp12 element (48 limbs) in the cyclotomic subgroup
   * @param ao offset of a in limbs
   * @param r receives the result, 48 limbs, reduced; may alias an input
   * @param ro offset of the result in r, in limbs
   */
  public void cycSq12(long[] a, int ao, long[] r, int ro) {
    long[] w = this.w;
    // z0 = c0.c0, z4 = c0.c1, z3 = c0.c2, z2 = c1.c0, z1 = c1.c1, z5 = c1.c2
    final int z0 = ao, z4 = ao + 8, z3 = ao + 16, z2 = ao + 24, z1 = ao + 32, z5 = ao + 40;
    // wide outputs in r's slot order: 3 t0, 3 t2, 3 t4, 3 xi t5, 3 t1, 3 t3
    final int o0 = 0, o1 = W2, o2 = 2 * W2, o3 = 3 * W2, o4 = 4 * W2, o5 = 5 * W2, tx = 6 * W2, ty = 7 * W2;
    fp4SquareW(a, z0, z1, false, o0, o4, tx, ty);
    fp4SquareW(a, z2, z3, false, o1, o5, tx, ty);
    fp4SquareW(a, z4, z5, true, o2, o3, tx, ty);
    for (int i = 0; i < 6 * W2; i++) {
      w[i] *= 3;
    }
    addHigh2(w, o0, a, z0, -2);
    addHigh2(w, o1, a, z4, -2);
    addHigh2(w, o2, a, z3, -2);
    addHigh2(w, o3, a, z2, 2);
    addHigh2(w, o4, a, z1, 2);
    addHigh2(w, o5, a, z5, 2);
    for (int j = 0; j < 6; j++) {
      redc2(w, W2 * j, r, ro + 8 * j);
    }
  }

  // (x + y Y)^2 in Fp4 = Fp2[Y]/(Y^2 - xi), wide: re = x^2 + xi y^2 at w[re], im = 2 x y (or
  // 2 x (xi y) = xi im if xiIm) at w[im]
  private void fp4SquareW(long[] a, int x, int y, boolean xiIm, int re, int im, int tx, int ty) {
    long[] w = this.w, n = this.wn;
    sq2W(a, x, w, tx);
    sq2W(a, y, w, ty);
    for (int i = 0; i < C; i++) {
      long yr = w[ty + i], yi = w[ty + C + i];
      w[re + i] = w[tx + i] + 9 * yr - yi;
      w[re + C + i] = w[tx + C + i] + yr + 9 * yi;
    }
    int yo = y;
    long[] ya = a;
    if (xiIm) {
      mulXi(a, y, n, 48);
      ya = n;
      yo = 48;
    }
    FpWide.addNR(a, x, a, x, n, 56);      // 2 x0 (below 2p)
    FpWide.addNR(a, x + 4, a, x + 4, n, 60);
    fp2W(n, 56, ya, yo, w, im);
  }

  /**
   * r = a^2 for a in the cyclotomic subgroup (Granger-Scott, 3 Fp4 squarings = 18 Fp mul); wrong
   * for other elements.
   */
  void cycSq12Reduced(long[] a, int ao, long[] r, int ro) {
    long[] s = s12;
    // z0 = c0.c0, z4 = c0.c1, z3 = c0.c2, z2 = c1.c0, z1 = c1.c1, z5 = c1.c2
    final int z0 = ao, z4 = ao + 8, z3 = ao + 16, z2 = ao + 24, z1 = ao + 32, z5 = ao + 40;
    final int t0 = 0, t1 = 8, t2 = 16, t3 = 24, t4 = 32, t5 = 40, x = 48, y = 56;
    fp4Square(a, z0, z1, s, t0, t1, x, y);
    fp4Square(a, z2, z3, s, t2, t3, x, y);
    fp4Square(a, z4, z5, s, t4, t5, x, y);
    // outputs: c0 = (3 t0 - 2 z0, 3 t2 - 2 z4, 3 t4 - 2 z3), c1 = (3 xi t5 + 2 z2, 3 t1 + 2 z1, 3 t3 + 2 z5)
    threeTwo2(s, t0, a, z0, true, r, ro);
    threeTwo2(s, t2, a, z4, true, r, ro + 8);
    threeTwo2(s, t4, a, z3, true, r, ro + 16);
    mulXi(s, t5, s, t5);
    threeTwo2(s, t5, a, z2, false, r, ro + 24);
    threeTwo2(s, t1, a, z1, false, r, ro + 32);
    threeTwo2(s, t3, a, z5, false, r, ro + 40);
  }

  // (x + y Y)^2 in Fp4 = Fp2[Y]/(Y^2 - xi): re = x^2 + xi y^2, im = 2xy = (x + y)^2 - x^2 - y^2
  private void fp4Square(long[] a, int x, int y, long[] s, int re, int im, int u, int w) {
    sq2(a, x, s, u);
    sq2(a, y, s, w);
    add2(a, x, a, y, s, im);
    sq2(s, im, s, im);
    sub2(s, im, s, u, s, im);
    sub2(s, im, s, w, s, im);
    mulXi(s, w, s, w);
    add2(s, u, s, w, s, re);
  }

  /**
   * r = a^-1 = (a0 - a1 w) / (a0^2 - a1^2 v); throws ArithmeticException for zero.
   *
   * @param a the operand, an Fp12 element (48 limbs)
   * @param ao offset of a in limbs
   * @param r receives the result, 48 limbs, reduced; may alias an input
   * @param ro offset of the result in r, in limbs
   */
  public void inv12(long[] a, int ao, long[] r, int ro) {
    long[] s = sinv;
    sq6(a, ao, s, 0);
    sq6(a, ao + FP6, s, 24);
    mulV6(s, 24, s, 24);
    sub6(s, 0, s, 24, s, 0);
    inv6(s, 0, s, 0);
    mul6(a, ao, s, 0, s, 24);
    mul6(a, ao + FP6, s, 0, s, 0);
    System.arraycopy(s, 24, r, ro, FP6);
    neg6(s, 0, r, ro + FP6);
  }

  /**
   * r = a^(p^k) for k in 1..3.
   *
   * @param a the operand, an Fp12 element (48 limbs)
   * @param ao offset of a in limbs
   * @param k the Frobenius power, 1, 2 or 3
   * @param r receives the result, 48 limbs, reduced; may alias an input
   * @param ro offset of the result in r, in limbs
   */
  public void frob12(long[] a, int ao, int k, long[] r, int ro) {
    long[] g = GAMMA[k];
    boolean odd = (k & 1) == 1;
    // w-basis order of the six Fp2 slots: c0.c0 = w^0, c0.c1 = w^2, c0.c2 = w^4, c1.c0 = w^1,
    // c1.c1 = w^3, c1.c2 = w^5
    final int[] pow = POW;
    for (int i = 0; i < 6; i++) {
      int src = ao + 8 * i;
      int dst = ro + 8 * i;
      if (odd) {
        conj2(a, src, r, dst);
        src = dst;
        if (pow[i] != 0) {
          mul2(r, src, g, 8 * pow[i], r, dst);
        }
      } else if (pow[i] != 0) {
        // even k: the factors are in Fp (imaginary part zero)
        mulFp2(a, src, g, 8 * pow[i], r, dst);
      } else if (a != r || ao != ro) {
        copy2(a, src, r, dst);
      }
    }
  }

  private static final int[] POW = {0, 2, 4, 1, 3, 5};
}
