package io.vnft.zk.groth16.internal;

import io.vnft.zk.curve.G1Point;
import io.vnft.zk.curve.internal.G1LimbOps;
import io.vnft.zk.curve.internal.Glv;
import io.vnft.zk.field.FpOps;
import io.vnft.zk.field.Fr;
import io.vnft.zk.field.FrOps;

/**
 * Internal, not for users (may change without notice): the verifier's input commitment
 * {@code vk_x = IC[0] + sum_i x_i IC[i+1]} for a fixed list of G1 points and a few scalars.
 *
 * <p>Method: each scalar is split by GLV ({@link Glv#decompose}) into two halves of about 128
 * bits, {@code x P = k1 (+-P) + k2 (+-phi(P))}, each half is written in width-{@value #W} NAF
 * (odd digits in [-15, 15]), and all 2n halves share one run of about 128 Jacobian doublings
 * with one mixed addition per non-zero digit (about 128 / 6 per half) from tables of the affine
 * odd multiples {@code P, 3P, ..., 15P} and their images under phi, built once per key. For one
 * input this is about 128 doublings and 45 additions instead of 254 doublings and 127 additions
 * of a plain double-and-add. Mixed additions fall back to doubling or infinity when the two
 * points meet ({@link G1LimbOps#addAffine}), so every input gives the exact sum.
 *
 * <p>Thread-safety: immutable after construction; {@link #sum} allocates its own scratch, so
 * instances may be shared between threads. No argument checks beyond what is documented.
 */
public final class InputSum {
  /** wNAF width: digits are odd and below 2^(W-1) in absolute value. */
  static final int W = 5;
  private static final int TABLE = 1 << (W - 2); // odd multiples 1, 3, ..., 2^(W-1) - 1

  private final G1Point ic0;
  private final int n;
  // per input i: x and y of the odd multiples of P_i (tx[i]) and of phi(P_i) (tx[n + i]), 4 limbs
  // each, Montgomery form; null for a point at infinity
  private final long[][] tx;
  private final long[][] ty;

  /**
   * Builds the tables for {@code ic[1..]}; {@code ic[0]} is added as it is.
   *
   * @param ic IC[0..n], non-null points of G1 (the prime-order group; the endomorphism relies on it)
   */
  public InputSum(G1Point[] ic) {
    this.ic0 = ic[0];
    this.n = ic.length - 1;
    this.tx = new long[2 * n][];
    this.ty = new long[2 * n][];
    for (int i = 0; i < n; i++) {
      G1Point p = ic[i + 1];
      if (p.isInfinity()) {
        continue;
      }
      long[] x = new long[4 * TABLE];
      long[] y = new long[4 * TABLE];
      long[] bx = new long[4 * TABLE];
      G1Point twoP = p.dbl();
      G1Point m = p;
      for (int j = 0; j < TABLE; j++) {
        // jP is never infinity: P has prime order r > 2^(W-1)
        m.xFp().copyLimbsTo(x, 4 * j);
        m.yFp().copyLimbsTo(y, 4 * j);
        FpOps.mul(x, 4 * j, Glv.BETA_MONT, 0, bx, 4 * j);
        m = m.add(twoP);
      }
      tx[i] = x;
      ty[i] = y;
      tx[n + i] = bx;
      ty[n + i] = y; // phi keeps y
    }
  }

  /** @return the number of scalars {@link #sum} expects */
  public int size() {
    return n;
  }

  /**
   * @param x exactly {@link #size()} non-null scalars
   * @return {@code IC[0] + sum_i x[i] IC[i+1]}
   */
  public G1Point sum(Fr[] x) {
    int m = 2 * n;
    long[] k = new long[4 * m];
    long[] std = new long[4];
    long[] scratch = new long[Glv.SCRATCH];
    boolean[] negBase = new boolean[m];
    byte[][] naf = new byte[m][];
    int len = 0;
    for (int i = 0; i < n; i++) {
      if (tx[i] == null) {
        continue;
      }
      x[i].copyLimbsTo(std, 0);
      FrOps.fromMont(std, 0, std, 0);
      int f = Glv.decompose(std, 0, k, 4 * i, k, 4 * (n + i), scratch);
      negBase[i] = (f & 1) != 0;
      negBase[n + i] = (f & 2) != 0;
      naf[i] = wnaf(k, 4 * i);
      naf[n + i] = wnaf(k, 4 * (n + i));
      len = Math.max(len, Math.max(naf[i].length, naf[n + i].length));
    }
    G1LimbOps ops = new G1LimbOps();
    long[] acc = new long[12]; // Jacobian, zero Z: infinity
    for (int b = len - 1; b >= 0; b--) {
      ops.dbl(acc, 0);
      for (int j = 0; j < m; j++) {
        byte[] d = naf[j];
        if (d == null || b >= d.length || d[b] == 0) {
          continue;
        }
        int v = d[b];
        boolean neg = v < 0;
        int slot = 4 * ((neg ? -v : v) >> 1);
        ops.addAffine(acc, 0, tx[j], ty[j], slot, neg != negBase[j]);
      }
    }
    if (!ic0.isInfinity()) {
      long[] x0 = new long[4];
      long[] y0 = new long[4];
      ic0.xFp().copyLimbsTo(x0, 0);
      ic0.yFp().copyLimbsTo(y0, 0);
      ops.addAffine(acc, 0, x0, y0, 0, false);
    }
    return G1LimbOps.toAffine(acc, 0);
  }

  /**
   * Width-W NAF of the non-negative four-limb value at k[ko] (destroyed): digit i at index i, each
   * zero or odd in [-(2^(W-1) - 1), 2^(W-1) - 1], sum d_i 2^i = k.
   */
  static byte[] wnaf(long[] k, int ko) {
    long k0 = k[ko], k1 = k[ko + 1], k2 = k[ko + 2], k3 = k[ko + 3];
    byte[] out = new byte[258];
    int len = 0;
    int i = 0;
    final int mask = (1 << W) - 1;
    while ((k0 | k1 | k2 | k3) != 0) {
      int d = 0;
      if ((k0 & 1) != 0) {
        d = (int) (k0 & mask);
        if (d >= 1 << (W - 1)) {
          d -= 1 << W;
        }
        // k -= d (d odd, |d| < 2^(W-1)); the result is even and non-negative
        if (d > 0) {
          long s = k0 - d;
          long b = Long.compareUnsigned(k0, d) < 0 ? 1 : 0;
          k0 = s;
          if (b != 0) {
            long t1 = k1 - 1;
            b = k1 == 0 ? 1 : 0;
            k1 = t1;
            if (b != 0) {
              long t2 = k2 - 1;
              b = k2 == 0 ? 1 : 0;
              k2 = t2;
              if (b != 0) {
                k3 -= 1;
              }
            }
          }
        } else {
          long s = k0 + (-d);
          long c = Long.compareUnsigned(s, k0) < 0 ? 1 : 0;
          k0 = s;
          if (c != 0) {
            k1 += 1;
            if (k1 == 0) {
              k2 += 1;
              if (k2 == 0) {
                k3 += 1;
              }
            }
          }
        }
      }
      out[i++] = (byte) d;
      if (d != 0) {
        len = i;
      }
      k0 = (k0 >>> 1) | (k1 << 63);
      k1 = (k1 >>> 1) | (k2 << 63);
      k2 = (k2 >>> 1) | (k3 << 63);
      k3 >>>= 1;
    }
    return java.util.Arrays.copyOf(out, len);
  }
}
