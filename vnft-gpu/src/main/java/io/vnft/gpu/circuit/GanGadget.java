package io.vnft.gpu.circuit;

import io.vnft.api.VideoFormat;
import io.vnft.gpu.model.GanLatent;
import io.vnft.gpu.model.GanSpec;
import io.vnft.gpu.model.GanWeights;
import io.vnft.zk.circuit.CircuitApi;
import io.vnft.zk.circuit.Var;
import java.util.Arrays;

/**
 * {@value GanSpec#MODEL_ID} as constraints in vnft-zk's circuit DSL: exactly {@link
 * io.vnft.gpu.model.ReferenceGan#pixel} (the steps of {@link GanSpec}), with the weights as
 * constants, so linear layers are free and only the integer non-linearities cost constraints.
 *
 * <ul>
 *   <li>latent: the seed's canonical little-endian bits (low 248 bits proven, the pair checked
 *       below r); bytes, background, amplitudes and phases are linear in them;
 *   <li>conditioning: decomposed into {@value GanSpec#CONDITIONING_BITS} bits (proving it below
 *       2^{@value GanSpec#CONDITIONING_BITS}), the 30 signed bytes read from them;
 *   <li>motion, coordinates and the morph level: floor divisions by the shape's constants through
 *       a quotient hint and range checks; displacements, shifted coordinates and their quotients
 *       may be negative, so the range checks are offset by their lower bounds;
 *   <li>each neuron {@code clamp(floor(a / 2^s), 0, 255)} with {@code |a| < 2^23}: one 24-bit
 *       decomposition of {@code a + 2^23}; the sign bit selects 0, the bits above {@code s + 8}
 *       select 255, else bits {@code s .. s+7} (29 constraints);
 *   <li>the composite {@code bg + floor(alpha (fg - bg) / 256)} per channel.
 * </ul>
 *
 * <p>Immutable and thread-safe; a {@link PixelGadget.Video} it returns belongs to one {@code define}.
 */
public final class GanGadget implements PixelGadget {
  /** Name of the conditioning public input. */
  public static final String CONDITIONING_INPUT = "conditioning";
  /** Signed width of every pre-activation: {@code |a| < 2^23} ({@link GanSpec}). */
  static final int PRE_BITS = 24;
  /** Largest motion amplitude in 1/256 of {@code max(W, H)}: {@code (b & 15) M / 256}. */
  private static final int AMPLITUDE_NIBBLE_MAX = 15;
  /** Seed byte of the background's red channel ({@link GanLatent#background}); green and blue follow. */
  private static final int BACKGROUND_BYTE = 4;

  private final long[][][] w;
  private final long[][] b;
  private final int[] s;

  /** @param weights the model's weights (circuit constants; {@link GanWeights#builtIn()} for the registered model) */
  public GanGadget(GanWeights weights) {
    w = new long[GanSpec.LAYERS][][];
    b = new long[GanSpec.LAYERS][];
    s = new int[GanSpec.LAYERS];
    for (int l = 0; l < GanSpec.LAYERS; l++) {
      int[][] wl = weights.weights(l);
      w[l] = new long[wl.length][];
      for (int o = 0; o < wl.length; o++) {
        w[l][o] = Arrays.stream(wl[o]).asLongStream().toArray();
      }
      b[l] = Arrays.stream(weights.biases(l)).asLongStream().toArray();
      s[l] = weights.shift(l);
    }
  }

  /** @return {@value GanSpec#MODEL_ID} */
  @Override
  public String modelId() {
    return GanSpec.MODEL_ID;
  }

  /** @return {@value #CONDITIONING_INPUT} */
  @Override
  public String conditioningInput() {
    return CONDITIONING_INPUT;
  }

  /**
   * Scopes {@code latent} (the seed's canonical bits) and {@code conditioning} (its 240 bits).
   *
   * @param api the circuit being defined
   * @param format the video shape
   * @param seed the token's seed
   * @param conditioning the conditioning public input; solving fails if it is not below 2^240
   * @return the model bound to that seed and conditioning
   */
  @Override
  public Video video(CircuitApi api, VideoFormat format, Var seed, Var conditioning) {
    Var[] bits = api.scope("latent", () -> Gadgets.canonicalLow248(api, seed));
    Var[][] ab = api.scope("conditioning", () -> concepts(api, conditioning));
    return (frame, x, y) -> pixel(api, format, bits, ab, frame, x, y);
  }

  /**
   * The levels of the two concept vectors (the values are {@code STEP} times these): level i of
   * {@code A_0 .. A_39, B_0 .. B_39} is the two's complement of little-endian bits
   * {@code [LEVEL_BITS (2 DIMS - 1 - i), +LEVEL_BITS)} (free: linear in the bits).
   */
  private static Var[][] concepts(CircuitApi api, Var conditioning) {
    if (GanSpec.STEP % 8 != 0) {
      throw new IllegalStateException("the morph needs STEP a multiple of 8");
    }
    Var[] bits = api.toBits(conditioning, GanSpec.CONDITIONING_BITS);
    Var[][] ab = new Var[2][GanSpec.DIMS];
    for (int i = 0; i < 2 * GanSpec.DIMS; i++) {
      int lo = GanSpec.LEVEL_BITS * (2 * GanSpec.DIMS - 1 - i);
      Var low = api.fromBits(Arrays.copyOfRange(bits, lo, lo + GanSpec.LEVEL_BITS - 1));
      Var level = api.sub(low, api.mulConst(bits[lo + GanSpec.LEVEL_BITS - 1], 1L << (GanSpec.LEVEL_BITS - 1)));
      ab[i / GanSpec.DIMS][i % GanSpec.DIMS] = level;
    }
    return ab;
  }

  private Var pixel(CircuitApi api, VideoFormat f, Var[] seedBits, Var[][] ab, Var frame, Var x, Var y) {
    int wd = f.width();
    int ht = f.height();
    int frames = f.frames();
    int m = Math.max(wd, ht);
    int amax = (AMPLITUDE_NIBBLE_MAX * m) >> 8;
    Var[] d = api.scope("motion", () -> {
      Var q = Gadgets.floorDiv(api, api.mulConst(frame, GanSpec.PERIOD), frames, 0, (long) GanSpec.PERIOD * (frames - 1));
      Var cq = api.add(q, api.mul(seedBits[8 * 11], q)); // cycles = 1 + (b[11] & 1)
      Var dx = displacement(api, nibble(api, seedBits, 7), api.mulConst(Gadgets.byteOf(api, seedBits, 9), 2), cq, m, amax);
      Var dy = displacement(api, nibble(api, seedBits, 8), api.mulConst(Gadgets.byteOf(api, seedBits, 10), 2), cq, m, amax);
      return new Var[] {dx, dy};
    });
    long[] rx = coordRange(wd, m, amax);
    long[] ry = coordRange(ht, m, amax);
    Var[] spatial = api.scope("inputs", () -> {
      Var cx = coord(api, api.sub(x, d[0]), wd, m, amax);
      Var cy = coord(api, api.sub(y, d[1]), ht, m, amax);
      Var[] in = new Var[GanSpec.SPATIAL];
      in[0] = cx;
      in[1] = cy;
      long r2 = maxSquare(rx) + maxSquare(ry);
      Var sq = api.add(api.square(cx), api.square(cy));
      in[2] = api.addConst(api.shiftRightFloor(sq, 7, Math.max(8, Gadgets.signedBits(0, r2))), -128);
      int i = 3;
      for (int c = 0; c < 2; c++) {
        Var v = c == 0 ? cx : cy;
        long[] range = c == 0 ? rx : ry;
        for (int k = 0; k < GanSpec.FREQUENCIES; k++) {
          for (int ph = 0; ph <= 128; ph += 128) {
            Var a = api.addConst(api.mulConst(v, 1L << k), ph);
            int bits = Math.max(10, Gadgets.signedBits(range[0] << k, (range[1] << k) + ph));
            in[i++] = api.addConst(Gadgets.tri(api, a, 0, bits), -128);
          }
        }
      }
      // the diagonals: tri(floor(d 2^k / 2) + ph) = tri(floor((d 2^k + 2 ph) / 2)), read at shift 1
      for (int c = 0; c < 2; c++) {
        Var dg = c == 0 ? api.add(cx, cy) : api.sub(cx, cy);
        long[] range = c == 0 ? new long[] {rx[0] + ry[0], rx[1] + ry[1]} : new long[] {rx[0] - ry[1], rx[1] - ry[0]};
        for (int k = 0; k < GanSpec.FREQUENCIES; k++) {
          for (int ph = 0; ph <= 128; ph += 128) {
            Var a = api.addConst(api.mulConst(dg, 1L << k), 2L * ph);
            int bits = Math.max(11, Gadgets.signedBits(range[0] << k, (range[1] << k) + 2L * ph));
            in[i++] = api.addConst(Gadgets.tri(api, a, 1, bits), -128);
          }
        }
      }
      return in;
    });
    Var[] cz = api.scope("morph", () -> {
      Var q16 = Gadgets.floorDiv(api, api.mulConst(frame, 16), frames, 0, 16L * (frames - 1));
      Var level = q16.isConstant() // one frame
          ? api.constant(Math.max(0, Math.min(GanSpec.MORPH_LEVELS, q16.constantValue().toBigInteger().intValue() - 4)))
          : api.clamp(api.addConst(q16, -4), 0, GanSpec.MORPH_LEVELS, 5); // q16 - 4 in [-4, 11]
      Var[] v = new Var[GanSpec.DIMS + GanSpec.Z];
      for (int j = 0; j < GanSpec.DIMS; j++) {
        // A = STEP qA, B = STEP qB with STEP a multiple of 8: floor((B - A) lev / 8) = (STEP / 8) (qB - qA) lev, exact
        Var p = api.mul(api.sub(ab[1][j], ab[0][j]), level);
        v[j] = api.add(api.mulConst(ab[0][j], GanSpec.STEP), api.mulConst(p, GanSpec.STEP / 8));
      }
      for (int i = 0; i < GanSpec.Z; i++) {
        v[GanSpec.DIMS + i] = api.addConst(Gadgets.byteOf(api, seedBits, i), -128);
      }
      return v;
    });
    Var[] h = api.scope("layer1", () -> layer(api, 0, concat(spatial, cz)));
    for (int l = 1; l < GanSpec.LAYERS - 1; l++) {
      Var[] prev = h;
      int layer = l;
      h = api.scope("layer" + (l + 1), () -> layer(api, layer, concat(prev, cz)));
    }
    Var[] last = h;
    Var[] out = api.scope("output", () -> layer(api, GanSpec.LAYERS - 1, concat(last, cz)));
    return api.scope("composite", () -> {
      Var alpha = out[3];
      Var rgb = api.constant(0);
      for (int c = 0; c < 3; c++) {
        int n = BACKGROUND_BYTE + c;
        Var bg = api.addConst(api.fromBits(Arrays.copyOfRange(seedBits, 8 * n + 1, 8 * n + 8)), 128);
        Var p = api.mul(alpha, api.sub(out[c], bg)); // in [255 * -255, 255 * 127]
        Var v = api.add(bg, api.shiftRightFloor(p, 8, Gadgets.signedBits(-255L * 255, 255L * 127)));
        rgb = api.add(api.mulConst(rgb, 256), v);
      }
      return rgb;
    });
  }

  /** {@code b[n] & 15}, from the seed's bits (free). */
  private static Var nibble(CircuitApi api, Var[] bits, int n) {
    return api.fromBits(Arrays.copyOfRange(bits, 8 * n, 8 * n + 4));
  }

  /** {@code floor(A (tri(phase + cq) - 128) / 128)} with {@code A = floor(nibble M / 256)}, in [-amax, amax). */
  private static Var displacement(CircuitApi api, Var nibble, Var phase, Var cq, int m, int amax) {
    if (amax == 0) {
      return api.constant(0);
    }
    Var a = Gadgets.floorDiv(api, api.mulConst(nibble, m), 256, 0, (long) AMPLITUDE_NIBBLE_MAX * m);
    // phase + cq in [0, 510 + 2 * 511]
    Var t = Gadgets.tri(api, api.add(phase, cq), 0, Gadgets.signedBits(0, 510 + 2 * 511));
    Var p = api.mul(a, api.addConst(t, -128));
    return api.shiftRightFloor(p, 7, Gadgets.signedBits(-128L * amax, 127L * amax));
  }

  /** The shifted coordinate {@code u} lies in {@code [-amax, n - 1 + amax]}; its numerator's range. */
  private static long[] numeratorRange(int n, int m, int amax) {
    long off = 128L * (1 + m - n);
    return new long[] {-256L * amax + off, 256L * (n - 1 + amax) + off};
  }

  /** @return {@code [lo, hi]} of {@link GanSpec#coord} over the shifted coordinates */
  private static long[] coordRange(int n, int m, int amax) {
    long[] num = numeratorRange(n, m, amax);
    return new long[] {Math.floorDiv(num[0], m) - 128, Math.floorDiv(num[1], m) - 128};
  }

  private static long maxSquare(long[] range) {
    long a = Math.max(Math.abs(range[0]), Math.abs(range[1]));
    return a * a;
  }

  /** {@code floorDiv((2u + 1 + M - n) 128, M) - 128} for a shifted coordinate {@code u}. */
  private static Var coord(CircuitApi api, Var u, int n, int m, int amax) {
    long[] range = numeratorRange(n, m, amax);
    Var num = api.addConst(api.mulConst(u, 256), 128L * (1 + m - n));
    return api.addConst(Gadgets.floorDiv(api, num, m, range[0], range[1]), -128);
  }

  private Var[] layer(CircuitApi api, int l, Var[] in) {
    Var[] out = new Var[w[l].length];
    for (int o = 0; o < out.length; o++) {
      Var a = api.addConst(api.dotConst(in, w[l][o]), b[l][o]);
      out[o] = activation(api, a, s[l]);
    }
    return out;
  }

  /** {@code clamp(floor(a / 2^shift), 0, 255)} for {@code |a| < 2^23}. */
  static Var activation(CircuitApi api, Var a, int shift) {
    Var[] bits = api.toBits(api.addConst(a, 1L << (PRE_BITS - 1)), PRE_BITS);
    Var positive = bits[PRE_BITS - 1]; // a >= 0
    int top = Math.min(shift + 8, PRE_BITS - 1);
    Var low = api.fromBits(Arrays.copyOfRange(bits, shift, top));
    if (top == PRE_BITS - 1) {
      return api.mul(positive, low); // floor(a / 2^shift) < 256 for every a >= 0
    }
    Var over = api.not(api.isZero(api.fromBits(Arrays.copyOfRange(bits, top, PRE_BITS - 1))));
    Var saturated = api.add(low, api.mul(over, api.addConst(api.neg(low), 255)));
    return api.mul(positive, saturated);
  }

  private static Var[] concat(Var[] a, Var[] b) {
    Var[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
