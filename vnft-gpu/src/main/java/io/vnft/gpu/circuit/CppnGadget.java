package io.vnft.gpu.circuit;

import io.vnft.gpu.model.CppnSpec;
import io.vnft.gpu.model.CppnWeights;
import io.vnft.gpu.model.Latent;
import io.vnft.zk.circuit.CircuitApi;
import io.vnft.zk.circuit.Var;
import io.vnft.zk.field.Fr;
import java.math.BigInteger;

/**
 * {@value CppnSpec#MODEL_ID} as constraints in vnft-zk's circuit DSL: the latent from the seed
 * (Poseidon + canonical byte decomposition) and the network plus palette at one pixel, for a
 * video shape fixed when the gadget is built. Every step follows
 * {@code docs/model-vnft-cppn-1.md}; the fixed weights are constants (linear layers are free).
 *
 * <p>The triangle activation {@code tri(floor(a / 2^s) mod 512)} of a signed {@code a} with
 * {@code |a| < 2^(B-1)} decomposes {@code a + 2^(B-1)} into {@code B} bits (proving the range)
 * and reads bits {@code s .. s+8}: {@code tri = low + top * (255 - 2 low)}; cost {@code B + 2}.
 *
 * <p>Immutable; {@link #pixel} may be called from one {@code define} at a time.
 */
public final class CppnGadget {
  /** Signed widths (bits) of the pre-activations of layer 1, layers 2/3 and the output. */
  static final int B1 = 18;
  static final int BH = 20;

  private final int width;
  private final int height;
  private final int[][] w2;
  private final int[] b2;
  private final int[][] w3;
  private final int[] b3;
  private final int[][] w4;
  private final int[] b4;

  /**
   * @param weights the fixed weights
   * @param width frame width (circuit constant)
   * @param height frame height (circuit constant)
   */
  public CppnGadget(CppnWeights weights, int width, int height) {
    this.width = width;
    this.height = height;
    this.w2 = weights.w2();
    this.b2 = weights.b2();
    this.w3 = weights.w3();
    this.b3 = weights.b3();
    this.w4 = weights.w4();
    this.b4 = weights.b4();
  }

  /**
   * The latent: {@code Poseidon(seed, k)} for k = 0..3, each split canonically into its low 248
   * bits and top 6 bits (checked below r, so a prover cannot use the alias {@code h + r}), bytes
   * 0..30 of each, minus 128.
   *
   * @param api the circuit being defined
   * @param seed the token's seed, a field element
   * @return the {@value CppnSpec#LATENT} latent values (affine in bits, free to use)
   */
  public static Var[] latent(CircuitApi api, Var seed) {
    Var[] z = new Var[CppnSpec.LATENT];
    int n = 0;
    for (int k = 0; k < CppnSpec.LATENT_HASHES; k++) {
      Var[] low = Gadgets.canonicalLow248(api, api.poseidon(seed, api.constant(k)));
      for (int b = 0; b < Latent.BYTES_PER_HASH && n < z.length; b++) {
        z[n++] = api.addConst(Gadgets.byteOf(api, low, b), -128);
      }
    }
    return z;
  }

  /** {@code floor((2c + 1 + M - n) * 128 / M) - 128} for a pixel coordinate {@code c < n}. */
  private static Var coord(CircuitApi api, Var c, int n, int m) {
    Var num = api.addConst(api.mulConst(c, 256), 128L * (1 + m - n));
    if (m == 1) {
      return api.addConst(num, -128);
    }
    Var q = api.hint("coordQuotient", 1,
        in -> new Fr[] {Fr.of(in[0].toBigInteger().divide(BigInteger.valueOf(m)))}, num)[0];
    api.assertRange(q, 8);
    Gadgets.assertBelow(api, api.sub(num, api.mulConst(q, m)), m);
    return api.addConst(q, -128);
  }

  /** {@code mirror ? min(c, n-1-c) : c} for {@code c} already known to lie in [0, n). */
  private static Var mirror(CircuitApi api, Var c, int n, Var mirrorBit) {
    if (n == 1) {
      return c;
    }
    Var other = api.addConst(api.neg(c), n - 1);
    Var m = api.select(api.lessThan(c, other, Gadgets.bitsFor(n - 1)), c, other);
    return api.select(mirrorBit, m, c);
  }

  /**
   * The model's output at one pixel.
   *
   * @param api the circuit being defined
   * @param z the latent ({@link #latent})
   * @param styleBits the style's bits, least significant first (at least 7)
   * @param frame the frame index, known to lie in [0, 2^14)
   * @param x the column, known to lie in [0, width)
   * @param y the row, known to lie in [0, height)
   * @return {@code r<<16 | g<<8 | b}
   */
  public Var pixel(CircuitApi api, Var[] z, Var[] styleBits, Var frame, Var x, Var y) {
    int m = Math.max(width, height);
    int hid = CppnSpec.HIDDEN;
    Var[] in = api.scope("inputs", () -> {
      Var cx = coord(api, mirror(api, x, width, styleBits[5]), width, m);
      Var cy = coord(api, mirror(api, y, height, styleBits[6]), height, m);
      Var r = api.addConst(api.shiftRightFloor(api.add(api.square(cx), api.square(cy)), 7, 17), -128);
      return new Var[] {cx, cy, r};
    });
    Var[] h1 = api.scope("layer1", () -> {
      Var[] h = new Var[hid];
      for (int i = 0; i < hid; i++) {
        Var a = api.mulConst(z[CppnSpec.LATENT_BIAS + i], 1L << CppnSpec.BIAS1_SHIFT);
        for (int j = 0; j < CppnSpec.INPUTS; j++) {
          a = api.add(a, api.mul(z[CppnSpec.INPUTS * i + j], in[j]));
        }
        h[i] = api.addConst(Gadgets.tri(api, a, CppnSpec.SHIFT1, B1), -CppnSpec.CENTRE);
      }
      return h;
    });
    Var[] h2 = api.scope("layer2", () -> dense(api, h1, w2, b2, CppnSpec.SHIFT_HIDDEN, null));
    Var[] time = api.scope("time", () -> {
      Var step = api.addConst(api.add(api.mulConst(styleBits[3], 2), api.mulConst(styleBits[4], 4)), 2);
      Var phase = api.mul(frame, step);
      Var t1 = api.addConst(Gadgets.tri(api, phase, 0, 18), -CppnSpec.CENTRE);
      Var t2 = api.addConst(Gadgets.tri(api, api.addConst(phase, CppnSpec.T2_OFFSET), 0, 18), -CppnSpec.CENTRE);
      Var[] ct = new Var[hid];
      for (int i = 0; i < hid; i++) {
        int k = CppnSpec.LATENT_TIME + CppnSpec.TIME_INPUTS * i;
        Var v = api.add(api.mul(z[k], t1), api.mul(z[k + 1], t2));
        ct[i] = api.shiftRightFloor(v, CppnSpec.TIME_SHIFT, 17);
      }
      return ct;
    });
    Var[] h3 = api.scope("layer3", () -> dense(api, h2, w3, b3, CppnSpec.SHIFT_HIDDEN, time));
    Var[] o = api.scope("output", () -> {
      Var[] out = new Var[CppnSpec.OUTPUTS];
      for (int i = 0; i < out.length; i++) {
        out[i] = Gadgets.tri(api, api.addConst(api.dotConst(h3, longs(w4[i])), b4[i]), CppnSpec.SHIFT_OUT, BH);
      }
      return out;
    });
    return api.scope("palette", () -> palette(api, styleBits, o[0], o[1]));
  }

  private static Var[] dense(CircuitApi api, Var[] in, int[][] w, int[] b, int shift, Var[] timeTerm) {
    Var[] h = new Var[w.length];
    for (int i = 0; i < w.length; i++) {
      Var a = api.addConst(api.dotConst(in, longs(w[i])), b[i]);
      if (timeTerm != null) {
        a = api.add(a, api.mulConst(timeTerm[i], 1L << shift));
      }
      h[i] = api.addConst(Gadgets.tri(api, a, shift, BH), -CppnSpec.CENTRE);
    }
    return h;
  }

  private static long[] longs(int[] v) {
    long[] l = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      l[i] = v[i];
    }
    return l;
  }

  /**
   * The palette stage. A palette constant {@code T[p]} with {@code p = b0 + 2 b1 + 4 b2} is the
   * multilinear polynomial {@code sum_S c_S prod_{i in S} b_i} (Moebius coefficients), linear in
   * the monomials {@code 1, b0, b1, b2, b0b1, b0b2, b1b2, b0b1b2} (4 constraints for all).
   */
  private static Var palette(CircuitApi api, Var[] sb, Var o0, Var o1) {
    Var b01 = api.mul(sb[0], sb[1]);
    Var b02 = api.mul(sb[0], sb[2]);
    Var b12 = api.mul(sb[1], sb[2]);
    Var b012 = api.mul(b01, sb[2]);
    Var[] mono = {api.constant(1), sb[0], sb[1], b01, sb[2], b02, b12, b012}; // index = subset mask
    Var rgb = api.constant(0);
    for (int c = 0; c < 3; c++) {
      Var[] prm = new Var[4];
      for (int k = 0; k < 4; k++) {
        long[] t = new long[8];
        for (int p = 0; p < 8; p++) {
          t[p] = CppnSpec.palette(p, c)[k];
        }
        prm[k] = api.dotConst(mono, moebius(t));
      }
      Var lo = prm[0];
      Var span = api.sub(prm[1], prm[0]);
      Var zc = api.add(api.mul(prm[2], o0), prm[3]);
      Var t = Gadgets.tri(api, zc, 0, 11);
      Var pc = api.add(lo, api.shiftRightFloor(api.mul(span, t), 8, 17));
      Var v = api.shiftRightFloor(api.mul(pc, api.addConst(o1, 256)), 9, 18);
      rgb = api.add(api.mulConst(rgb, 256), v);
    }
    return rgb;
  }

  /** Coefficients {@code c_S = sum_{U subset S} (-1)^{|S|-|U|} T[U]} by subset mask. */
  static long[] moebius(long[] t) {
    long[] c = t.clone();
    for (int bit = 0; bit < 3; bit++) {
      for (int mask = 0; mask < 8; mask++) {
        if ((mask & (1 << bit)) != 0) {
          c[mask] -= c[mask ^ (1 << bit)];
        }
      }
    }
    return c;
  }
}
