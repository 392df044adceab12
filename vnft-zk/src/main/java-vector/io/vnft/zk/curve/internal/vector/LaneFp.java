package io.vnft.zk.curve.internal.vector;

import java.math.BigInteger;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Internal, not for users: BN254 base-field arithmetic on {@link #L} independent elements at a
 * time with the incubating Vector API, at the widest species the CPU prefers (8 lanes with
 * AVX-512). Needs {@code --add-modules jdk.incubator.vector}; compiled apart from the rest of
 * vnft-zk (src/main/java-vector) and reached only through {@link VectorBatchAdderProvider}.
 *
 * <p>Layout: a block of {@code W = 5 L} longs holds L elements, limb i of lane l at {@code L i + l}: five signed ("balanced") radix-2^52 limbs, limbs 0..3 in [-2^51, 2^51), the value of
 * Montgomery form x 2^256 mod p (the same as {@link io.vnft.zk.field.FpOps}) but not reduced: it
 * may be any integer congruent to it of magnitude below 8p (what {@link #store} accepts; the
 * callers' comments bound each intermediate). {@link #load} and {@link #store}
 * convert one lane from and to FpOps' four fully reduced 64-bit limbs, so the bytes out are those
 * FpOps would give.
 *
 * <p>Multiplication: each 52x52-bit limb product is split exactly by two double FMAs
 * ({@code h = fma(a, b, C)} with C = 1.5 2^104 rounds to a multiple of 2^52, {@code l = fma(a, b,
 * C - h)} is the exact rest); the parts are summed as integers through their bit patterns in
 * 64-bit lanes, constant offsets removed once per column. Montgomery reduction by 2^256: four
 * 52-bit steps and a last 48-bit one (m balanced, so |m p / 2^256| &lt; p / 2), giving |c| &lt;
 * |a b| / 2^256 + p / 2. The product rows and reduction steps are small methods passing columns
 * through scratch arrays: one large method exceeds C2's inlining budget and then boxes vectors.
 * Additions and subtractions are limb-wise, then carry-normalised back to balanced limbs.
 *
 * <p>Not thread-safe: an instance owns its scratch; one per window task.
 */
final class LaneFp {
  static final VectorSpecies<Long> LS = LongVector.SPECIES_PREFERRED;
  static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
  /** Lanes per block. */
  static final int L = LS.length();
  /** Longs per block (five limbs of L lanes). */
  static final int W = 5 * L;

  static final BigInteger P =
      new BigInteger("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47", 16);
  private static final long MASK52 = (1L << 52) - 1;
  private static final long HALF52 = 1L << 51;
  /** 1.5 2^52: adding it puts a small integer into the mantissa. */
  private static final double M = 0x1.8p52;
  private static final long M_BITS = Double.doubleToRawLongBits(M);
  /** 1.5 2^104 and 1.5 2^100: round a product to a multiple of 2^52 (2^48). */
  private static final double C52 = 0x1.8p104;
  private static final long C52_BITS = Double.doubleToRawLongBits(C52);
  private static final double C48 = 0x1.8p100;
  private static final long C48_BITS = Double.doubleToRawLongBits(C48);
  /** -p^-1 mod 2^52 and mod 2^48 (both below half their modulus, so usable as they are). */
  private static final double PINV52 = -P.modInverse(BigInteger.ONE.shiftLeft(52)).longValue() & MASK52;
  private static final double PINV48 = -P.modInverse(BigInteger.ONE.shiftLeft(48)).longValue() & ((1L << 48) - 1);
  /** p in balanced limbs (doubles, for the reduction). */
  private static final double[] PL = new double[5];
  /** 8p, 4p, 2p, p in unsigned 52-bit limbs (store: shift up by 8p, then reduce). */
  private static final long[] P8U = unsigned(P.shiftLeft(3));
  private static final long[] P4U = unsigned(P.shiftLeft(2));
  private static final long[] P2U = unsigned(P.shiftLeft(1));
  private static final long[] P1U = unsigned(P);
  private static final long[][] SUBTRAHENDS = {P8U, P4U, P2U, P1U};
  /** Column k of a product holds nLo(k) low parts (+M_BITS) and nHi(k) high parts (+C52_BITS). */
  private static final long[] OFFSET = new long[10];

  static {
    long[] d = balanced(P);
    for (int i = 0; i < 5; i++) {
      PL[i] = d[i];
    }
    for (int k = 0; k < 10; k++) {
      int nLo = k <= 8 ? Math.min(k, 8 - k) + 1 : 0;
      int nHi = k >= 1 ? Math.min(k - 1, 9 - k) + 1 : 0;
      OFFSET[k] = nLo * M_BITS + nHi * C52_BITS;
    }
  }

  private final double[] ad = new double[W];
  private final double[] bd = new double[W];
  private final long[] t = new long[11 * L];

  static long[] balanced(BigInteger v) {
    long[] d = new long[5];
    BigInteger x = v;
    for (int i = 0; i < 4; i++) {
      long lo = x.longValue() & MASK52;
      if (lo >= HALF52) {
        lo -= 1L << 52;
      }
      d[i] = lo;
      x = x.subtract(BigInteger.valueOf(lo)).shiftRight(52);
    }
    d[4] = x.longValueExact();
    return d;
  }

  private static long[] unsigned(BigInteger v) {
    long[] d = new long[5];
    for (int i = 0; i < 5; i++) {
      d[i] = v.shiftRight(52 * i).longValue() & MASK52;
    }
    return d;
  }

  /** Lane {@code lane} of block {@code dst[db..]} := the FpOps element src[so..so+3], negated if asked. */
  static void load(long[] src, int so, boolean negate, long[] dst, int db, int lane) {
    long w0 = src[so];
    long w1 = src[so + 1];
    long w2 = src[so + 2];
    long w3 = src[so + 3];
    long u0 = w0 & MASK52;
    long u1 = ((w0 >>> 52) | (w1 << 12)) & MASK52;
    long u2 = ((w1 >>> 40) | (w2 << 24)) & MASK52;
    long u3 = ((w2 >>> 28) | (w3 << 36)) & MASK52;
    long u4 = w3 >>> 16;
    // to balanced: a limb at or above 2^51 becomes limb - 2^52 with a carry of one
    long c = (u0 + HALF52) >>> 52;
    u0 -= c << 52;
    u1 += c;
    c = (u1 + HALF52) >>> 52;
    u1 -= c << 52;
    u2 += c;
    c = (u2 + HALF52) >>> 52;
    u2 -= c << 52;
    u3 += c;
    c = (u3 + HALF52) >>> 52;
    u3 -= c << 52;
    u4 += c;
    if (negate) {
      u0 = -u0;
      u1 = -u1;
      u2 = -u2;
      u3 = -u3;
      u4 = -u4;
    }
    int o = db + lane;
    dst[o] = u0;
    dst[o + L] = u1;
    dst[o + 2 * L] = u2;
    dst[o + 3 * L] = u3;
    dst[o + 4 * L] = u4;
  }

  /** dst[dOff..dOff+3] := lane {@code lane} of block src[sb..], fully reduced (|value| &lt; 8p required). */
  static void store(long[] src, int sb, int lane, long[] dst, int dOff) {
    int o = sb + lane;
    // + 8p makes the value positive (below 16p); then unsigned radix-2^52 limbs
    long v = src[o] + P8U[0];
    long u0 = v & MASK52;
    v = src[o + L] + P8U[1] + (v >> 52);
    long u1 = v & MASK52;
    v = src[o + 2 * L] + P8U[2] + (v >> 52);
    long u2 = v & MASK52;
    v = src[o + 3 * L] + P8U[3] + (v >> 52);
    long u3 = v & MASK52;
    long u4 = src[o + 4 * L] + P8U[4] + (v >> 52);
    // subtract 8p, 4p, 2p, p where no borrow results: [0, 16p) -> [0, p)
    for (long[] k : SUBTRAHENDS) {
      long d0 = u0 - k[0];
      long d1 = u1 - k[1] + (d0 >> 63);
      long d2 = u2 - k[2] + (d1 >> 63);
      long d3 = u3 - k[3] + (d2 >> 63);
      long d4 = u4 - k[4] + (d3 >> 63);
      // branch-free (the outcome is data-dependent, a branch mispredicts about half the time)
      long take = ~(d4 >> 63);
      u0 = (d0 & MASK52 & take) | (u0 & ~take);
      u1 = (d1 & MASK52 & take) | (u1 & ~take);
      u2 = (d2 & MASK52 & take) | (u2 & ~take);
      u3 = (d3 & MASK52 & take) | (u3 & ~take);
      u4 = (d4 & take) | (u4 & ~take);
    }
    dst[dOff] = u0 | (u1 << 52);
    dst[dOff + 1] = (u1 >>> 12) | (u2 << 40);
    dst[dOff + 2] = (u2 >>> 24) | (u3 << 28);
    dst[dOff + 3] = (u3 >>> 36) | (u4 << 16);
  }

  private static DoubleVector toDouble(LongVector x) { // exact for |x| <= 2^51
    return x.add(M_BITS).reinterpretAsDoubles().sub(M);
  }

  /** c = a - b (blocks; c may alias a or b). */
  static void sub(long[] a, int ao, long[] b, int bo, long[] c, int co) {
    LongVector carry = LongVector.zero(LS);
    for (int i = 0; i < 4; i++) {
      LongVector v = LongVector.fromArray(LS, a, ao + L * i).sub(LongVector.fromArray(LS, b, bo + L * i)).add(carry);
      LongVector low = v.add(HALF52).and(MASK52).sub(HALF52);
      low.intoArray(c, co + L * i);
      carry = v.sub(low).lanewise(VectorOperators.ASHR, 52);
    }
    LongVector.fromArray(LS, a, ao + 4 * L).sub(LongVector.fromArray(LS, b, bo + 4 * L)).add(carry).intoArray(c, co + 4 * L);
  }

  /** c = a + b (blocks; c may alias a or b). */
  static void add(long[] a, int ao, long[] b, int bo, long[] c, int co) {
    LongVector carry = LongVector.zero(LS);
    for (int i = 0; i < 4; i++) {
      LongVector v = LongVector.fromArray(LS, a, ao + L * i).add(LongVector.fromArray(LS, b, bo + L * i)).add(carry);
      LongVector low = v.add(HALF52).and(MASK52).sub(HALF52);
      low.intoArray(c, co + L * i);
      carry = v.sub(low).lanewise(VectorOperators.ASHR, 52);
    }
    LongVector.fromArray(LS, a, ao + 4 * L).add(LongVector.fromArray(LS, b, bo + 4 * L)).add(carry).intoArray(c, co + 4 * L);
  }

  /** c = a * b / 2^256 (mod p) on blocks; c may alias a or b. */
  void mul(long[] a, int ao, long[] b, int bo, long[] c, int co) {
    for (int i = 0; i < 5; i++) {
      toDouble(LongVector.fromArray(LS, a, ao + L * i)).intoArray(ad, L * i);
      toDouble(LongVector.fromArray(LS, b, bo + L * i)).intoArray(bd, L * i);
    }
    java.util.Arrays.fill(t, 0, 10 * L, 0L);
    for (int i = 0; i < 5; i++) {
      productRow(ad, i, bd, t);
    }
    for (int k = 0; k < 10; k++) {
      LongVector.fromArray(LS, t, L * k).sub(OFFSET[k]).intoArray(t, L * k);
    }
    for (int i = 0; i < 4; i++) {
      reduceStep(t, i, 52, i + 1);
    }
    reduceLast(t, c, co);
  }

  // t[i + j] += low(a_i b_j), t[i + j + 1] += high(a_i b_j), raw bit patterns
  private static void productRow(double[] ad, int i, double[] bd, long[] t) {
    DoubleVector cv = DoubleVector.broadcast(DS, C52);
    DoubleVector mv = DoubleVector.broadcast(DS, M);
    DoubleVector ai = DoubleVector.fromArray(DS, ad, L * i);
    LongVector col = LongVector.fromArray(LS, t, L * i);
    for (int j = 0; j < 5; j++) {
      DoubleVector bj = DoubleVector.fromArray(DS, bd, L * j);
      DoubleVector h = ai.fma(bj, cv);
      DoubleVector l = ai.fma(bj, cv.sub(h)).add(mv);
      col.add(l.reinterpretAsLongs()).intoArray(t, L * (i + j));
      col = LongVector.fromArray(LS, t, L * (i + j + 1)).add(h.reinterpretAsLongs());
    }
    col.intoArray(t, L * (i + 5));
  }

  // one Montgomery step on column i of `bits` bits (52, or 48 for the last): m = t_i (-p^-1) mod
  // 2^bits (balanced); (t_i + m p_0) / 2^bits goes to column dst, m p_j (j = 1..4) to columns
  // i + j and i + j + 1. One method, so m stays in a register (through memory it costs a
  // store-to-load round trip on the critical path)
  private static void reduceStep(long[] t, int i, int bits, int dst) {
    double split = bits == 52 ? C52 : C48;
    long half = 1L << (bits - 1);
    DoubleVector cv = DoubleVector.broadcast(DS, split);
    LongVector ti = LongVector.fromArray(LS, t, L * i);
    LongVector u = ti.add(half).and(2 * half - 1).sub(half);
    LongVector carry = LongVector.fromArray(LS, t, L * dst).add(ti.sub(u).lanewise(VectorOperators.ASHR, bits));
    DoubleVector ud = toDouble(u);
    DoubleVector pinv = DoubleVector.broadcast(DS, bits == 52 ? PINV52 : PINV48);
    DoubleVector m = ud.fma(pinv, cv.sub(ud.fma(pinv, cv)));
    DoubleVector p0 = DoubleVector.broadcast(DS, PL[0]);
    DoubleVector h0 = m.fma(p0, cv);
    DoubleVector l0 = m.fma(p0, cv.sub(h0));
    // u + l0 is 0 or +-2^bits, a multiple of h0's unit: fold it into the high part exactly
    carry.add(h0.add(ud.add(l0)).reinterpretAsLongs()).sub(bits == 52 ? C52_BITS : C48_BITS).intoArray(t, L * dst);
    LongVector col = LongVector.fromArray(LS, t, L * (i + 1));
    DoubleVector c52 = DoubleVector.broadcast(DS, C52);
    DoubleVector mv = DoubleVector.broadcast(DS, M);
    for (int j = 1; j < 5; j++) {
      DoubleVector pj = DoubleVector.broadcast(DS, PL[j]);
      DoubleVector h = m.fma(pj, c52);
      DoubleVector l = m.fma(pj, c52.sub(h)).add(mv);
      col.add(l.reinterpretAsLongs()).sub(M_BITS).intoArray(t, L * (i + j));
      col = LongVector.fromArray(LS, t, L * (i + j + 1)).add(h.reinterpretAsLongs()).sub(C52_BITS);
    }
    col.intoArray(t, L * (i + 5));
  }

  // last step: 48 bits of column 4 (2^208 2^48 = 2^256); its carry (weight 2^256) goes to the
  // spare column 10; the result is that carry plus columns 5..9 times 2^4, carry-normalised
  private static void reduceLast(long[] t, long[] c, int co) {
    java.util.Arrays.fill(t, 10 * L, 11 * L, 0L);
    reduceStep(t, 4, 48, 10);
    LongVector r = LongVector.fromArray(LS, t, 10 * L);
    r = r.add(LongVector.fromArray(LS, t, 5 * L).lanewise(VectorOperators.LSHL, 4));
    for (int j = 0; j < 4; j++) {
      LongVector nextCol = LongVector.fromArray(LS, t, (6 + j) * L).lanewise(VectorOperators.LSHL, 4);
      LongVector low = r.add(HALF52).and(MASK52).sub(HALF52);
      low.intoArray(c, co + L * j);
      r = nextCol.add(r.sub(low).lanewise(VectorOperators.ASHR, 52));
    }
    r.intoArray(c, co + 4 * L);
  }
}
