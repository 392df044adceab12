package io.vnft.zk.groth16.internal;

import io.vnft.zk.curve.G1Point;
import io.vnft.zk.curve.G2Point;
import io.vnft.zk.field.Fp;
import io.vnft.zk.field.Fp2;
import io.vnft.zk.field.FpOps;
import io.vnft.zk.field.FrOps;

/**
 * Many scalar multiplications of the fixed generators, for the setup: a table of
 * {@code d * 2^(11w) * G} (24 windows of 11 bits, 2047 entries each, affine), so each product costs
 * at most 24 mixed Jacobian additions on Montgomery limbs; results are normalised to affine with one
 * batched inversion. The same code serves G1 (over Fp) and G2 (over Fp2 = Fp[u]/(u^2 + 1)).
 * Internal: not part of the public API. Stateless and thread-safe.
 */
public final class FixedBase {
  private FixedBase() {}

  /** Window width in bits; 24 windows of 11 bits cover r < 2^254. */
  private static final int BITS = 11;
  private static final int WINDOWS = (254 + BITS - 1) / BITS;
  private static final int ENTRIES = 1 << BITS;

  /** Limb arithmetic of the coordinate field; elements are {@code k()} longs. */
  abstract static class F {
    abstract int k();

    abstract void mul(long[] a, int ao, long[] b, int bo, long[] o, int oo);

    abstract void sqr(long[] a, int ao, long[] o, int oo);

    abstract void add(long[] a, int ao, long[] b, int bo, long[] o, int oo);

    abstract void sub(long[] a, int ao, long[] b, int bo, long[] o, int oo);

    /** Inverts n elements of v (stride k) in place; zeros stay zero. */
    abstract void batchInverse(long[] v, int n);

    boolean isZero(long[] a, int ao) {
      for (int i = 0; i < k(); i++) {
        if (a[ao + i] != 0) {
          return false;
        }
      }
      return true;
    }

    void setOne(long[] a, int ao) {
      java.util.Arrays.fill(a, ao, ao + k(), 0L);
      FpOps.setOne(a, ao);
    }
  }

  static final F FP = new F() {
    int k() {
      return 4;
    }

    void mul(long[] a, int ao, long[] b, int bo, long[] o, int oo) {
      FpOps.mul(a, ao, b, bo, o, oo);
    }

    void sqr(long[] a, int ao, long[] o, int oo) {
      FpOps.square(a, ao, o, oo);
    }

    void add(long[] a, int ao, long[] b, int bo, long[] o, int oo) {
      FpOps.add(a, ao, b, bo, o, oo);
    }

    void sub(long[] a, int ao, long[] b, int bo, long[] o, int oo) {
      FpOps.sub(a, ao, b, bo, o, oo);
    }

    void batchInverse(long[] v, int n) {
      FpOps.batchInverse(v, n);
    }
  };

  static final F FP2 = new F() {
    private final ThreadLocal<long[]> scratch = ThreadLocal.withInitial(() -> new long[16]);

    int k() {
      return 8;
    }

    void mul(long[] a, int ao, long[] b, int bo, long[] o, int oo) {
      long[] t = scratch.get();
      FpOps.mul(a, ao, b, bo, t, 0); // a0 b0
      FpOps.mul(a, ao + 4, b, bo + 4, t, 4); // a1 b1
      FpOps.add(a, ao, a, ao + 4, t, 8);
      FpOps.add(b, bo, b, bo + 4, t, 12);
      FpOps.mul(t, 8, t, 12, t, 8); // (a0 + a1)(b0 + b1)
      FpOps.sub(t, 8, t, 0, t, 8);
      FpOps.sub(t, 8, t, 4, o, oo + 4);
      FpOps.sub(t, 0, t, 4, o, oo);
    }

    void sqr(long[] a, int ao, long[] o, int oo) {
      long[] t = scratch.get();
      FpOps.add(a, ao, a, ao + 4, t, 0);
      FpOps.sub(a, ao, a, ao + 4, t, 4);
      FpOps.mul(a, ao, a, ao + 4, t, 8);
      FpOps.mul(t, 0, t, 4, o, oo);
      FpOps.add(t, 8, t, 8, o, oo + 4);
    }

    void add(long[] a, int ao, long[] b, int bo, long[] o, int oo) {
      FpOps.add(a, ao, b, bo, o, oo);
      FpOps.add(a, ao + 4, b, bo + 4, o, oo + 4);
    }

    void sub(long[] a, int ao, long[] b, int bo, long[] o, int oo) {
      FpOps.sub(a, ao, b, bo, o, oo);
      FpOps.sub(a, ao + 4, b, bo + 4, o, oo + 4);
    }

    void batchInverse(long[] v, int n) {
      // 1/(a0 + a1 u) = (a0 - a1 u) / (a0^2 + a1^2)
      long[] norms = new long[4 * n];
      long[] t = new long[4];
      for (int i = 0; i < n; i++) {
        FpOps.square(v, 8 * i, norms, 4 * i);
        FpOps.square(v, 8 * i + 4, t, 0);
        FpOps.add(norms, 4 * i, t, 0, norms, 4 * i);
      }
      FpOps.batchInverse(norms, n);
      for (int i = 0; i < n; i++) {
        FpOps.mul(v, 8 * i, norms, 4 * i, v, 8 * i);
        FpOps.mul(v, 8 * i + 4, norms, 4 * i, v, 8 * i + 4);
        FpOps.neg(v, 8 * i + 4, v, 8 * i + 4);
      }
    }
  };

  /** Jacobian arithmetic over F with per-instance scratch (one instance per thread). */
  static final class Jac {
    final F f;
    final int k;
    final long[] s;

    Jac(F f) {
      this.f = f;
      this.k = f.k();
      this.s = new long[12 * k];
    }

    boolean isInf(long[] p, int po) {
      return f.isZero(p, po + 2 * k);
    }

    /** P = 2P (dbl-2009-l, a = 0). */
    void dbl(long[] p, int po) {
      if (isInf(p, po)) {
        return;
      }
      final int x = po, y = po + k, z = po + 2 * k;
      final int a = 0, b = k, c = 2 * k, d = 3 * k, e = 4 * k, ff = 5 * k, t = 6 * k;
      f.sqr(p, x, s, a);
      f.sqr(p, y, s, b);
      f.sqr(s, b, s, c);
      f.add(p, x, s, b, s, d);
      f.sqr(s, d, s, d);
      f.sub(s, d, s, a, s, d);
      f.sub(s, d, s, c, s, d);
      f.add(s, d, s, d, s, d);
      f.add(s, a, s, a, s, e);
      f.add(s, e, s, a, s, e);
      f.sqr(s, e, s, ff);
      // Z3 = 2 Y1 Z1 (before Y1 changes)
      f.mul(p, y, p, z, p, z);
      f.add(p, z, p, z, p, z);
      // X3 = F - 2D
      f.sub(s, ff, s, d, s, t);
      f.sub(s, t, s, d, p, x);
      // Y3 = E (D - X3) - 8C
      f.sub(s, d, p, x, s, t);
      f.mul(s, e, s, t, s, t);
      f.add(s, c, s, c, s, c);
      f.add(s, c, s, c, s, c);
      f.add(s, c, s, c, s, c);
      f.sub(s, t, s, c, p, y);
    }

    /** P += Q, Q affine at q[qo] (x then y). madd-2007-bl. */
    void addAffine(long[] p, int po, long[] q, int qo) {
      final int x = po, y = po + k, z = po + 2 * k;
      if (isInf(p, po)) {
        System.arraycopy(q, qo, p, po, 2 * k);
        f.setOne(p, z);
        return;
      }
      final int z1z1 = 0, u2 = k, s2 = 2 * k, h = 3 * k, hh = 4 * k, i = 5 * k, j = 6 * k, r = 7 * k,
          v = 8 * k, t1 = 9 * k, t2 = 10 * k;
      f.sqr(p, z, s, z1z1);
      f.mul(q, qo, s, z1z1, s, u2);
      f.mul(p, z, s, z1z1, s, s2);
      f.mul(q, qo + k, s, s2, s, s2);
      f.sub(s, u2, p, x, s, h);
      f.sub(s, s2, p, y, s, r);
      if (f.isZero(s, h)) {
        if (f.isZero(s, r)) {
          dbl(p, po);
        } else {
          java.util.Arrays.fill(p, po, po + 3 * k, 0L);
        }
        return;
      }
      f.sqr(s, h, s, hh);
      f.add(s, hh, s, hh, s, i);
      f.add(s, i, s, i, s, i);
      f.mul(s, h, s, i, s, j);
      f.add(s, r, s, r, s, r);
      f.mul(p, x, s, i, s, v);
      f.add(p, z, s, h, s, t1);
      f.sqr(s, t1, s, t1);
      f.sub(s, t1, s, z1z1, s, t1);
      f.sub(s, t1, s, hh, p, z);
      f.mul(p, y, s, j, s, t2);
      f.add(s, t2, s, t2, s, t2);
      f.sqr(s, r, s, t1);
      f.sub(s, t1, s, j, s, t1);
      f.sub(s, t1, s, v, s, t1);
      f.sub(s, t1, s, v, p, x);
      f.sub(s, v, p, x, s, t1);
      f.mul(s, r, s, t1, s, t1);
      f.sub(s, t1, s, t2, p, y);
    }
  }

  /** Normalises n Jacobian points (stride 3k) to affine (stride 2k) in out; infinity -> zeros. */
  static void normalize(F f, long[] jac, int n, long[] out, int threads) {
    int k = f.k();
    long[] zs = new long[k * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(jac, 3 * k * i + 2 * k, zs, k * i, k);
    }
    f.batchInverse(zs, n);
    Parallel.forRange(n, threads, 256, (from, to) -> {
      long[] t = new long[2 * k];
      for (int i = from; i < to; i++) {
        if (f.isZero(zs, k * i)) {
          java.util.Arrays.fill(out, 2 * k * i, 2 * k * i + 2 * k, 0L);
          continue;
        }
        f.sqr(zs, k * i, t, 0); // z^-2
        f.mul(t, 0, zs, k * i, t, k); // z^-3
        f.mul(jac, 3 * k * i, t, 0, out, 2 * k * i);
        f.mul(jac, 3 * k * i + k, t, k, out, 2 * k * i + k);
      }
    });
  }

  /** table[(w * ENTRIES + d) * 2k ..] = d * 2^(BITS w) * G affine, for generator g as affine limbs. */
  static long[] table(F f, long[] g) {
    int k = f.k();
    Jac j = new Jac(f);
    long[] jac = new long[3 * k * WINDOWS * ENTRIES];
    long[] base = g.clone(); // affine 2^(8w) G
    for (int w = 0; w < WINDOWS; w++) {
      int o = 3 * k * w * ENTRIES;
      // entry 0 stays infinity (all zeros)
      for (int d = 1; d < ENTRIES; d++) {
        int po = o + 3 * k * d;
        System.arraycopy(jac, po - 3 * k, jac, po, 3 * k);
        j.addAffine(jac, po, base, 0);
      }
      // next base = 2^BITS * base: double the entry 2^(BITS-1)
      long[] nb = new long[3 * k];
      System.arraycopy(jac, o + 3 * k * (ENTRIES / 2), nb, 0, 3 * k);
      j.dbl(nb, 0);
      long[] aff = new long[2 * k];
      normalize(f, nb, 1, aff, 1);
      base = aff;
    }
    long[] out = new long[2 * k * WINDOWS * ENTRIES];
    normalize(f, jac, WINDOWS * ENTRIES, out, 1);
    return out;
  }

  private static volatile long[] tableG1;
  private static volatile long[] tableG2;

  private static long[] g1Table() {
    long[] t = tableG1;
    if (t == null) {
      long[] g = new long[8];
      G1Point.GENERATOR.xFp().copyLimbsTo(g, 0);
      G1Point.GENERATOR.yFp().copyLimbsTo(g, 4);
      t = table(FP, g);
      tableG1 = t;
    }
    return t;
  }

  private static long[] g2Table() {
    long[] t = tableG2;
    if (t == null) {
      long[] g = new long[16];
      G2Point.GENERATOR.xFp2().c0().copyLimbsTo(g, 0);
      G2Point.GENERATOR.xFp2().c1().copyLimbsTo(g, 4);
      G2Point.GENERATOR.yFp2().c0().copyLimbsTo(g, 8);
      G2Point.GENERATOR.yFp2().c1().copyLimbsTo(g, 12);
      t = table(FP2, g);
      tableG2 = t;
    }
    return t;
  }

  /** The BITS-bit digit of the 4-limb scalar starting at bit b. */
  static int digit(long[] sc, int b) {
    int limb = b >>> 6;
    int sh = b & 63;
    long d = sc[limb] >>> sh;
    if (sh + BITS > 64 && limb + 1 < 4) {
      d |= sc[limb + 1] << (64 - sh);
    }
    return (int) (d & (ENTRIES - 1));
  }

  /** Affine limbs (stride 2k) of s_i * G for Montgomery scalars s_i. */
  static long[] multiply(F f, long[] table, long[] scalarsMont, int count, int threads) {
    int k = f.k();
    long[] jac = new long[3 * k * count];
    Parallel.forRange(count, threads, 64, (from, to) -> {
      Jac j = new Jac(f);
      long[] sc = new long[4];
      for (int i = from; i < to; i++) {
        FrOps.fromMont(scalarsMont, 4 * i, sc, 0);
        int po = 3 * k * i;
        for (int w = 0; w < WINDOWS; w++) {
          int d = digit(sc, w * BITS);
          if (d != 0) {
            j.addAffine(jac, po, table, 2 * k * (w * ENTRIES + d));
          }
        }
      }
    });
    long[] out = new long[2 * k * count];
    normalize(f, jac, count, out, threads);
    return out;
  }

  /**
   * @param scalarsMont the scalars, four Montgomery limbs each
   * @param count number of scalars
   * @param threads the number of threads, at least 1
   * @return {@code s_i * G1} for the {@code count} Montgomery scalars in {@code scalarsMont}
   */
  public static G1Point[] g1(long[] scalarsMont, int count, int threads) {
    long[] aff = multiply(FP, g1Table(), scalarsMont, count, threads);
    G1Point[] out = new G1Point[count];
    Parallel.forRange(count, threads, 1024, (from, to) -> {
      for (int i = from; i < to; i++) {
        out[i] = G1Point.fromUnchecked(Fp.fromMontLimbs(aff, 8 * i), Fp.fromMontLimbs(aff, 8 * i + 4));
      }
    });
    return out;
  }

  /**
   * @param scalarsMont the scalars, four Montgomery limbs each
   * @param count number of scalars
   * @param threads the number of threads, at least 1
   * @return {@code s_i * G2} for the {@code count} Montgomery scalars in {@code scalarsMont}
   */
  public static G2Point[] g2(long[] scalarsMont, int count, int threads) {
    long[] aff = multiply(FP2, g2Table(), scalarsMont, count, threads);
    G2Point[] out = new G2Point[count];
    Parallel.forRange(count, threads, 1024, (from, to) -> {
      for (int i = from; i < to; i++) {
        int o = 16 * i;
        out[i] = G2Point.fromUnchecked(
            new Fp2(Fp.fromMontLimbs(aff, o), Fp.fromMontLimbs(aff, o + 4)),
            new Fp2(Fp.fromMontLimbs(aff, o + 8), Fp.fromMontLimbs(aff, o + 12)));
      }
    });
    return out;
  }
}
