import io.vnft.zk.field.FpOps;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.util.Random;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Probe, not part of the SDK and not compiled by Maven: how fast can a BN254 base-field Montgomery
 * multiplication get in Java 17 with the incubating Vector API, next to vnft-zk's scalar
 * {@link FpOps#mul}? Run it with {@code benchmarks/vector-mul-probe.sh}.
 *
 * <p>Technique (four independent multiplications per call, one per 256-bit lane): values are five
 * signed ("balanced") radix-2^52 limbs, |limb| <= 2^51. Each 52x52-bit partial product is split
 * exactly with two double-precision FMAs: {@code h = fma(a, b, C)} with C = 1.5 * 2^104 rounds the
 * product to a multiple of 2^52 (h - C is exact), {@code l = fma(a, b, C - h)} is the exact
 * remainder in [-2^51, 2^51]; both are read back as integers through their bit patterns (h's bits
 * minus C's bits is the high part; l + 1.5 * 2^52 has l in its mantissa), and summed in 64-bit
 * integer lanes with the constant offsets removed once per column. Montgomery reduction: four
 * 52-bit steps with m = t * (-p^-1) mod 2^52 (balanced, computed by the same split) and a last
 * 48-bit step, so R = 2^256 exactly as in FpOps; the result is shifted by 4 bits into place and
 * carry-normalised. The result is a representative, not canonical: below 0.7p in magnitude for
 * |a|, |b| < p and below 1.3p for |a|, |b| < 2p, so outputs are valid inputs again. The product rows and reduction steps are separate methods passing
 * columns through a small scratch array: one large method exceeds C2's node budget in Java 17 and
 * then allocates a box per vector (measured ~260 bytes per multiplication and slower than scalar).
 *
 * <p>The check compares every lane with BigInteger (a * b * 2^-256 mod p) on random and edge inputs
 * in (-2p, 2p). Timings are the minimum per-thread CPU time over rounds of 2000 passes over 1024
 * elements (c = a * b elementwise, independent multiplications, both implementations the same
 * loop). Thread-safety: a single-threaded command-line tool.
 */
public final class VectorMulProbe {
  private static final VectorSpecies<Long> LS = LongVector.SPECIES_256;
  private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_256;
  private static final BigInteger P =
      new BigInteger("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47", 16);
  private static final long MASK52 = (1L << 52) - 1;
  private static final long HALF52 = 1L << 51;
  /** 1.5 * 2^52: adding it puts a small integer into the mantissa. */
  private static final double M = 0x1.8p52;
  private static final long M_BITS = Double.doubleToRawLongBits(M);
  /** 1.5 * 2^104 and 1.5 * 2^100: round a product to a multiple of 2^52 (2^48). */
  private static final double C52 = 0x1.8p104;
  private static final long C52_BITS = Double.doubleToRawLongBits(C52);
  private static final double C48 = 0x1.8p100;
  private static final long C48_BITS = Double.doubleToRawLongBits(C48);
  /** -p^-1 mod 2^52 and mod 2^48 (both below half their modulus, so usable as they are). */
  private static final double PINV52 = -P.modInverse(BigInteger.ONE.shiftLeft(52)).longValue() & MASK52;
  private static final double PINV48 = -P.modInverse(BigInteger.ONE.shiftLeft(48)).longValue() & ((1L << 48) - 1);
  /** p in balanced limbs. */
  private static final double[] PL = new double[5];
  /** Offsets in the raw column sums: column k has nLo(k) low parts (+M_BITS) and nHi(k) high parts (+C52_BITS). */
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

  private VectorMulProbe() {}

  /** Per-thread scratch: inputs as doubles, 10 columns (+ 1 spare) of 4 lanes, the reduction factor m. */
  static final class Scratch {
    final double[] ad = new double[20];
    final double[] bd = new double[20];
    final long[] t = new long[44];
    final double[] md = new double[4];
  }

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

  static BigInteger value(long[] a, int blockOffset, int lane) {
    BigInteger v = BigInteger.ZERO;
    for (int i = 4; i >= 0; i--) {
      v = v.shiftLeft(52).add(BigInteger.valueOf(a[blockOffset + 4 * i + lane]));
    }
    return v;
  }

  private static DoubleVector toDouble(LongVector x) { // exact for |x| <= 2^51
    return x.add(M_BITS).reinterpretAsDoubles().sub(M);
  }

  /** c = a * b / 2^256 (mod p) for the four lanes of one block (20 longs: limb i, lane l at 4i + l). */
  static void mul(long[] a, int ao, long[] b, int bo, long[] c, int co, Scratch s) {
    for (int i = 0; i < 5; i++) {
      toDouble(LongVector.fromArray(LS, a, ao + 4 * i)).intoArray(s.ad, 4 * i);
      toDouble(LongVector.fromArray(LS, b, bo + 4 * i)).intoArray(s.bd, 4 * i);
    }
    java.util.Arrays.fill(s.t, 0, 40, 0L);
    for (int i = 0; i < 5; i++) {
      productRow(s.ad, i, s.bd, s.t);
    }
    for (int k = 0; k < 10; k++) {
      LongVector.fromArray(LS, s.t, 4 * k).sub(OFFSET[k]).intoArray(s.t, 4 * k);
    }
    for (int i = 0; i < 4; i++) {
      reduceStep(s.t, i, 52, i + 1, s.md);
      addHighMultiples(s.md, s.t, i);
    }
    reduceLast(s.t, c, co, s.md);
  }

  // t[i + j] += low(a_i b_j), t[i + j + 1] += high(a_i b_j), raw bit patterns
  private static void productRow(double[] ad, int i, double[] bd, long[] t) {
    DoubleVector cv = DoubleVector.broadcast(DS, C52);
    DoubleVector mv = DoubleVector.broadcast(DS, M);
    DoubleVector ai = DoubleVector.fromArray(DS, ad, 4 * i);
    LongVector col = LongVector.fromArray(LS, t, 4 * i);
    for (int j = 0; j < 5; j++) {
      DoubleVector bj = DoubleVector.fromArray(DS, bd, 4 * j);
      DoubleVector h = ai.fma(bj, cv);
      DoubleVector l = ai.fma(bj, cv.sub(h)).add(mv);
      col.add(l.reinterpretAsLongs()).intoArray(t, 4 * (i + j));
      col = LongVector.fromArray(LS, t, 4 * (i + j + 1)).add(h.reinterpretAsLongs());
    }
    col.intoArray(t, 4 * (i + 5));
  }

  // one Montgomery step on column i of `bits` bits (52, or 48 for the last): m = t_i (-p^-1) mod
  // 2^bits (balanced), (t_i + m p_0) / 2^bits added to column `dst`, m to md for the upper limbs
  private static void reduceStep(long[] t, int i, int bits, int dst, double[] md) {
    double split = bits == 52 ? C52 : C48;
    long half = 1L << (bits - 1);
    DoubleVector cv = DoubleVector.broadcast(DS, split);
    LongVector ti = LongVector.fromArray(LS, t, 4 * i);
    LongVector u = ti.add(half).and(2 * half - 1).sub(half);
    LongVector carry = LongVector.fromArray(LS, t, 4 * dst).add(ti.sub(u).lanewise(VectorOperators.ASHR, bits));
    DoubleVector ud = toDouble(u);
    DoubleVector pinv = DoubleVector.broadcast(DS, bits == 52 ? PINV52 : PINV48);
    DoubleVector m = ud.fma(pinv, cv.sub(ud.fma(pinv, cv)));
    DoubleVector p0 = DoubleVector.broadcast(DS, PL[0]);
    DoubleVector h = m.fma(p0, cv);
    DoubleVector l = m.fma(p0, cv.sub(h));
    // u + l is 0 or +-2^bits, a multiple of h's unit: fold it into the high part exactly
    carry.add(h.add(ud.add(l)).reinterpretAsLongs()).sub(bits == 52 ? C52_BITS : C48_BITS).intoArray(t, 4 * dst);
    m.intoArray(md, 0);
  }

  // columns base + j (j = 1..4) += m p_j, m in md[0..3]; vectors pass through memory, not as
  // arguments (a call that C2 does not inline would box them)
  private static void addHighMultiples(double[] md, long[] t, int base) {
    DoubleVector m = DoubleVector.fromArray(DS, md, 0);
    LongVector col = LongVector.fromArray(LS, t, 4 * (base + 1));
    DoubleVector cv = DoubleVector.broadcast(DS, C52);
    DoubleVector mv = DoubleVector.broadcast(DS, M);
    for (int j = 1; j < 5; j++) {
      DoubleVector pj = DoubleVector.broadcast(DS, PL[j]);
      DoubleVector h = m.fma(pj, cv);
      DoubleVector l = m.fma(pj, cv.sub(h)).add(mv);
      col.add(l.reinterpretAsLongs()).sub(M_BITS).intoArray(t, 4 * (base + j));
      col = LongVector.fromArray(LS, t, 4 * (base + j + 1)).add(h.reinterpretAsLongs()).sub(C52_BITS);
    }
    col.intoArray(t, 4 * (base + 5));
  }

  // last step: 48 bits of column 4 (2^208 * 2^48 = 2^256); its carry (weight 2^256) goes to the
  // spare column 10; the result is that carry plus columns 5..9 times 2^4, carry-normalised
  private static void reduceLast(long[] t, long[] c, int co, double[] md) {
    java.util.Arrays.fill(t, 40, 44, 0L);
    reduceStep(t, 4, 48, 10, md);
    addHighMultiples(md, t, 4);
    LongVector r = LongVector.fromArray(LS, t, 40);
    r = r.add(LongVector.fromArray(LS, t, 20).lanewise(VectorOperators.LSHL, 4));
    for (int j = 0; j < 4; j++) {
      LongVector nextCol = LongVector.fromArray(LS, t, 24 + 4 * j).lanewise(VectorOperators.LSHL, 4);
      LongVector low = r.add(HALF52).and(MASK52).sub(HALF52);
      low.intoArray(c, co + 4 * j);
      r = nextCol.add(r.sub(low).lanewise(VectorOperators.ASHR, 52));
    }
    r.intoArray(c, co + 16);
  }

  /** Runs the check and the timings; no arguments. */
  public static void main(String[] args) {
    int n = 1024;
    Random rnd = new Random(20261129);
    long[] a = new long[5 * n];
    long[] b = new long[5 * n];
    long[] c = new long[5 * n];
    BigInteger[] av = new BigInteger[n];
    BigInteger[] bv = new BigInteger[n];
    BigInteger twoP = P.shiftLeft(1);
    for (int e = 0; e < n; e++) {
      BigInteger x;
      BigInteger y;
      if (e < 16) { // edges: +-(2p - 1), +-(p - 1), 0, 1
        BigInteger[] edge = {twoP.subtract(BigInteger.ONE), P.subtract(BigInteger.ONE), BigInteger.ZERO, BigInteger.ONE};
        x = edge[e % 4];
        y = edge[(e / 4) % 4];
        if ((e & 1) != 0) {
          x = x.negate();
        }
        if ((e & 2) != 0) {
          y = y.negate();
        }
      } else {
        x = new BigInteger(256, rnd).mod(twoP.shiftLeft(1)).subtract(twoP).add(BigInteger.ONE);
        y = new BigInteger(256, rnd).mod(twoP.shiftLeft(1)).subtract(twoP).add(BigInteger.ONE);
      }
      av[e] = x;
      bv[e] = y;
      long[] dx = balanced(x);
      long[] dy = balanced(y);
      int block = (e / 4) * 20;
      for (int i = 0; i < 5; i++) {
        a[block + 4 * i + e % 4] = dx[i];
        b[block + 4 * i + e % 4] = dy[i];
      }
    }
    Scratch s = new Scratch();
    for (int block = 0; block < n / 4; block++) {
      mul(a, 20 * block, b, 20 * block, c, 20 * block, s);
    }
    BigInteger rInv = BigInteger.ONE.shiftLeft(256).modInverse(P);
    int bad = 0;
    for (int e = 0; e < n; e++) {
      BigInteger got = value(c, (e / 4) * 20, e % 4);
      BigInteger want = av[e].multiply(bv[e]).multiply(rInv).mod(P);
      if (!got.mod(P).equals(want) || got.abs().compareTo(twoP) >= 0) {
        bad++;
      }
    }
    System.out.printf("check: %d of %d products wrong (vs BigInteger, and |result| < 2p)%n", bad, n);
    if (bad != 0) {
      System.exit(1);
    }
    // scalar operands: canonical Montgomery limbs of the same values
    long[] sa = new long[4 * n];
    long[] sb = new long[4 * n];
    for (int e = 0; e < n; e++) {
      FpOps.fromBigInteger(av[e].mod(P), sa, 4 * e);
      FpOps.fromBigInteger(bv[e].mod(P), sb, 4 * e);
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int passes = 2000;
    double bestVec = Double.MAX_VALUE;
    double bestScalar = Double.MAX_VALUE;
    for (int round = 0; round < 8; round++) {
      long t0 = mx.getCurrentThreadCpuTime();
      for (int p = 0; p < passes; p++) {
        for (int block = 0; block < n / 4; block++) {
          mul(a, 20 * block, b, 20 * block, c, 20 * block, s);
        }
      }
      bestVec = Math.min(bestVec, (mx.getCurrentThreadCpuTime() - t0) / (double) passes / n);
      t0 = mx.getCurrentThreadCpuTime();
      for (int p = 0; p < passes; p++) {
        for (int e = 0; e < n; e++) {
          FpOps.mul(sa, 4 * e, sb, 4 * e, sa, 4 * e);
        }
      }
      bestScalar = Math.min(bestScalar, (mx.getCurrentThreadCpuTime() - t0) / (double) passes / n);
    }
    System.out.printf("Fp mul, independent products, min per-thread CPU: scalar FpOps.mul %.1f ns,"
        + " Vector API 4 lanes %.1f ns per product, scalar/vector %.2f%n", bestScalar, bestVec,
        bestScalar / bestVec);
  }
}
