package io.vnft.zk.groth16.internal;

import io.vnft.api.InvalidInputException;
import java.math.BigInteger;

/**
 * A radix-2 evaluation domain of size {@code n = 2^log} over the BN254 scalar field, with
 * precomputed twiddles, and in-place multi-threaded NTTs over Montgomery limb vectors.
 *
 * <p>The generator is the one snarkjs/ffjavascript use, so Lagrange bases from a powers-of-tau
 * ceremony match: {@code nqr} = the smallest integer {@code >= 2} that is a quadratic non-residue
 * mod r, {@code w[28] = nqr^((r-1)/2^28)}, {@code w[k] = w[k+1]^2} (ffjavascript
 * src/wasm_field1.js). {@link #fft} maps coefficients to evaluations at {@code w^0..w^(n-1)};
 * {@link #ifft} is its inverse. Internal: not part of the public API. Immutable and thread-safe.
 */
public final class Domain {
  /** 2-adicity of r - 1 for BN254. */
  public static final int MAX_LOG = 28;

  private static final BigInteger[] ROOTS = computeRoots();

  private final int log;
  private final int n;
  /** w^i, i in [0, n/2), Montgomery limbs. */
  private final long[] tw;
  /** w^-i, i in [0, n/2), Montgomery limbs. */
  private final long[] itw;
  private final long[] nInv = new long[4];

  private static BigInteger[] computeRoots() {
    BigInteger r = Limbs.R;
    BigInteger rm1 = r.subtract(BigInteger.ONE);
    BigInteger half = rm1.shiftRight(1);
    BigInteger nqr = BigInteger.TWO;
    while (nqr.modPow(half, r).equals(BigInteger.ONE)) {
      nqr = nqr.add(BigInteger.ONE);
    }
    BigInteger t = rm1.shiftRight(MAX_LOG);
    BigInteger[] w = new BigInteger[MAX_LOG + 1];
    w[MAX_LOG] = nqr.modPow(t, r);
    for (int i = MAX_LOG - 1; i >= 0; i--) {
      w[i] = w[i + 1].multiply(w[i + 1]).mod(r);
    }
    if (!w[0].equals(BigInteger.ONE)) {
      throw new IllegalStateException("root of unity table is wrong");
    }
    return w;
  }

  /**
   * The primitive 2^log-th root of unity, as ffjavascript's {@code Fr.w[log]}.
   *
   * @param log log2 of the order, at most the two-adicity of r (28)
   * @return the root as an integer in [0, r)
   */
  public static BigInteger root(int log) {
    if (log < 0 || log > MAX_LOG) {
      throw new InvalidInputException("domain log " + log + " out of range [0, " + MAX_LOG + "]");
    }
    return ROOTS[log];
  }

  /**
   * @param log the domain size exponent, 0..28
   * @throws InvalidInputException when log is out of range
   */
  public Domain(int log) {
    BigInteger w = root(log);
    this.log = log;
    this.n = 1 << log;
    int h = Math.max(1, n / 2);
    tw = new long[4 * h];
    itw = new long[4 * h];
    long[] wm = new long[4];
    long[] iwm = new long[4];
    Limbs.fromBig(w, wm, 0);
    Limbs.fromBig(w.modInverse(Limbs.R), iwm, 0);
    Limbs.fromBig(BigInteger.ONE, tw, 0);
    Limbs.fromBig(BigInteger.ONE, itw, 0);
    for (int i = 1; i < h; i++) {
      Limbs.mul(tw, 4 * (i - 1), wm, 0, tw, 4 * i);
      Limbs.mul(itw, 4 * (i - 1), iwm, 0, itw, 4 * i);
    }
    Limbs.fromBig(BigInteger.valueOf(n).modInverse(Limbs.R), nInv, 0);
  }

  /** @return log2 of the size */
  public int log() {
    return log;
  }

  /** @return the number of points */
  public int size() {
    return n;
  }

  /**
   * In place: coefficients (natural order) to evaluations at w^i (natural order).
   *
   * @param v as many elements as the domain has, four Montgomery limbs each; transformed in place
   * @param threads the number of threads, at least 1
   */
  public void fft(long[] v, int threads) {
    transform(v, tw, threads);
  }

  /**
   * In place: evaluations at w^i to coefficients (both natural order).
   *
   * @param v as many elements as the domain has, four Montgomery limbs each; transformed in place
   * @param threads the number of threads, at least 1
   */
  public void ifft(long[] v, int threads) {
    transform(v, itw, threads);
    Parallel.forRange(n, threads, 4096, (from, to) -> {
      for (int i = from; i < to; i++) {
        Limbs.mul(v, 4 * i, nInv, 0, v, 4 * i);
      }
    });
  }

  /**
   * In place: {@code v[i] *= g^i} where {@code g} is given in Montgomery limbs. Used to move
   * coefficients onto the coset {@code g * <w>}.
   *
   * @param v the elements, four Montgomery limbs each; scaled in place
   * @param g the factor g, four Montgomery limbs
   * @param threads the number of threads, at least 1
   */
  public void scaleByPowers(long[] v, long[] g, int threads) {
    int chunks = Math.max(1, threads);
    int per = (n + chunks - 1) / chunks;
    Parallel.forRange(chunks, threads, 1, (cf, ct) -> {
      long[] p = new long[4];
      for (int c = cf; c < ct; c++) {
        int from = c * per;
        int to = Math.min(n, from + per);
        if (from >= to) {
          continue;
        }
        // p = g^from by square-and-multiply
        Limbs.fromBig(BigInteger.ONE, p, 0);
        long[] base = g.clone();
        for (int e = from; e != 0; e >>>= 1) {
          if ((e & 1) != 0) {
            Limbs.mul(p, 0, base, 0, p, 0);
          }
          Limbs.mul(base, 0, base, 0, base, 0);
        }
        for (int i = from; i < to; i++) {
          Limbs.mul(v, 4 * i, p, 0, v, 4 * i);
          Limbs.mul(p, 0, g, 0, p, 0);
        }
      }
    });
  }

  private void transform(long[] v, long[] twiddles, int threads) {
    if (v.length < 4 * n) {
      throw new InvalidInputException("vector has " + v.length / 4 + " elements, domain needs " + n);
    }
    bitReverse(v);
    for (int stage = 1; stage <= log; stage++) {
      final int s = stage;
      final int half = 1 << (s - 1);
      final int stride = n >>> s;
      Parallel.forRange(n / 2, threads, 2048, (from, to) -> {
        long[] t = new long[4];
        for (int k = from; k < to; k++) {
          int j = k & (half - 1);
          int i0 = ((k >>> (s - 1)) << s) + j;
          int i1 = i0 + half;
          int a = 4 * i0;
          int b = 4 * i1;
          if (j == 0) {
            System.arraycopy(v, b, t, 0, 4);
          } else {
            Limbs.mul(v, b, twiddles, 4 * j * stride, t, 0);
          }
          Limbs.sub(v, a, t, 0, v, b);
          Limbs.add(v, a, t, 0, v, a);
        }
      });
    }
  }

  private void bitReverse(long[] v) {
    int shift = 32 - log;
    if (log == 0) {
      return;
    }
    for (int i = 0; i < n; i++) {
      int j = Integer.reverse(i) >>> shift;
      if (i < j) {
        for (int l = 0; l < 4; l++) {
          long x = v[4 * i + l];
          v[4 * i + l] = v[4 * j + l];
          v[4 * j + l] = x;
        }
      }
    }
  }
}
