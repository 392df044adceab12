package io.vnft.gpu.model;

/**
 * The fixed constants of the built-in model {@value #MODEL_ID}: layer sizes, re-quantisation
 * shifts, input scaling, motion speeds and the eight palettes. Every face of the model (the
 * Java reference, the DJL implementation and the pixel circuit) reads its constants from here;
 * {@code docs/model-vnft-cppn-1.md} is the normative text. Stateless and thread-safe.
 *
 * <p>All arithmetic of the model is on integers; every intermediate value stays below 2^20 in
 * magnitude, so float32 arithmetic on these integers (or on them times a power of two) is exact.
 */
public final class CppnSpec {
  /** The model name; on chain {@code modelId = keccak256(UTF-8 name)}. */
  public static final String MODEL_ID = "vnft-cppn-1";
  /**
   * Bits of the conditioning {@value #MODEL_ID} accepts: its style code is a uint32 (the circuit
   * range-checks 32 bits; bits above 6 do not change the picture). Registered on chain with the model.
   */
  public static final int CONDITIONING_BITS = 32;
  /**
   * The shape the model is registered and generated at unless a caller chooses another: 64x64
   * pixels, 24 frames at 12 fps (two seconds, looping). The one default: the client, the proof
   * system's provider and the demo all take it from {@link io.vnft.api.ModelInfo#defaultFormat()}.
   */
  public static final io.vnft.api.VideoFormat DEFAULT_FORMAT = new io.vnft.api.VideoFormat(64, 64, 24, 12);
  /** Width of each hidden layer. */
  public static final int HIDDEN = 16;
  /** Spatial inputs of layer 1: X', Y', R. */
  public static final int INPUTS = 3;
  /** Time inputs of layer 3: T1, T2. */
  public static final int TIME_INPUTS = 2;
  /** Outputs of the network before the palette: palette position and shade. */
  public static final int OUTPUTS = 2;
  /**
   * Latent values derived from the seed: 16x3 first-layer weights {@code A[i][j] = latent[3i+j]},
   * 16 first-layer biases {@code latent[48+i] << 7}, 16x2 time weights
   * {@code V[i][j] = latent[64+2i+j]}.
   */
  public static final int LATENT = HIDDEN * INPUTS + HIDDEN + HIDDEN * TIME_INPUTS;
  /** Offset of the first-layer biases in the latent. */
  public static final int LATENT_BIAS = HIDDEN * INPUTS;
  /** Offset of the time weights in the latent. */
  public static final int LATENT_TIME = LATENT_BIAS + HIDDEN;
  /** Shift of the time term of layer 3: {@code ct_i = (V[i][0] T1 + V[i][1] T2) >> 6}. */
  public static final int TIME_SHIFT = 6;
  /** Number of Poseidon hashes that feed the latent (31 bytes used from each). */
  public static final int LATENT_HASHES = 4;
  /** Scale of a latent bias: {@code bias1_i = latent[80+i] << 7}. */
  public static final int BIAS1_SHIFT = 7;
  /** Re-quantisation shift of layer 1 (arithmetic right shift = floor division by 2^7). */
  public static final int SHIFT1 = 7;
  /** Re-quantisation shift of layers 2 and 3. */
  public static final int SHIFT_HIDDEN = 8;
  /** Re-quantisation shift of the output layer. */
  public static final int SHIFT_OUT = 7;
  /** Period of the triangle-wave activation. */
  public static final int PERIOD = 512;
  /** Centre subtracted from a hidden activation so that it lies in [-128, 127]. */
  public static final int CENTRE = 128;
  /** Phase offset of the second time input (a quarter period). */
  public static final int T2_OFFSET = 128;

  /**
   * The palettes, indexed {@code [palette][channel R,G,B][lo, hi, f, ph]}: channel value
   * {@code lo + floor((hi - lo) * tri(f * v + ph) / 256)} for palette position {@code v}.
   */
  private static final int[][][] PALETTES = {
    {{60, 255, 1, 64}, {20, 180, 1, 0}, {90, 40, 1, 0}},      // 0 ember
    {{0, 120, 1, 0}, {40, 220, 1, 32}, {90, 255, 1, 96}},     // 1 ocean
    {{10, 160, 1, 0}, {50, 230, 1, 64}, {20, 120, 1, 128}},   // 2 forest
    {{255, 20, 2, 0}, {0, 255, 2, 128}, {200, 255, 1, 64}},   // 3 neon
    {{0, 255, 1, 0}, {0, 255, 1, 0}, {0, 255, 1, 0}},         // 4 mono
    {{120, 255, 1, 0}, {170, 255, 1, 0}, {220, 255, 1, 128}}, // 5 ice
    {{0, 255, 1, 0}, {0, 255, 1, 170}, {0, 255, 1, 340}},     // 6 rainbow
    {{80, 255, 1, 0}, {40, 200, 1, 0}, {0, 60, 1, 0}},        // 7 gold
  };

  /** Names of the palettes, by index (the style's bits 0..2). */
  public static final String[] PALETTE_NAMES = {
    "ember", "ocean", "forest", "neon", "mono", "ice", "rainbow", "gold"};

  private CppnSpec() {}

  /**
   * @param palette 0..7
   * @param channel 0 (R), 1 (G), 2 (B)
   * @return {lo, hi, f, ph} (a copy)
   */
  public static int[] palette(int palette, int channel) {
    return PALETTES[palette][channel].clone();
  }

  static int[] paletteUnsafe(int palette, int channel) {
    return PALETTES[palette][channel];
  }

  /**
   * The palette stage: channel {@code c} is {@code pc = lo + floor((hi - lo) * tri(f * o0 + ph) / 256)},
   * then {@code floor(pc * (o1 + 256) / 512)}.
   *
   * @param palette 0..7
   * @param o0 palette position, 0..255
   * @param o1 shade, 0..255
   * @return {@code r<<16 | g<<8 | b}
   */
  public static int colour(int palette, int o0, int o1) {
    int rgb = 0;
    for (int c = 0; c < 3; c++) {
      int[] p = PALETTES[palette][c];
      int pc = p[0] + (((p[1] - p[0]) * tri(p[2] * o0 + p[3])) >> 8);
      rgb = rgb << 8 | ((pc * (o1 + 256)) >> 9);
    }
    return rgb;
  }

  /**
   * @param style a style code
   * @return the palette index of a style code: bits 0..2
   */
  public static int paletteOf(long style) {
    return (int) (style & 7);
  }

  /**
   * @param style a style code
   * @return the time step per frame of a style code: {@code 2 * (bits 3..4 + 1)}, i.e. 2, 4, 6 or 8
   */
  public static int speedStepOf(long style) {
    return 2 * ((int) ((style >> 3) & 3) + 1);
  }

  /**
   * @param style a style code
   * @return true if the style mirrors X (bit 5)
   */
  public static boolean mirrorXOf(long style) {
    return ((style >> 5) & 1) != 0;
  }

  /**
   * @param style a style code
   * @return true if the style mirrors Y (bit 6)
   */
  public static boolean mirrorYOf(long style) {
    return ((style >> 6) & 1) != 0;
  }

  /**
   * The triangle wave: {@code m = z mod 512} (mathematical, non-negative), result
   * {@code min(m, 511 - m)} in [0, 255].
   *
   * @param z the input, any int
   * @return the wave's value, in [0, 255]
   */
  public static int tri(int z) {
    int m = Math.floorMod(z, PERIOD);
    return Math.min(m, PERIOD - 1 - m);
  }

  /**
   * The coordinate input: {@code floor((2c + 1 + M - n) * 128 / M) - 128} in [-128, 127], where
   * {@code M = max(W, H)} keeps the aspect ratio.
   *
   * @param c x or y
   * @param n W or H
   * @param m max(W, H)
   * @return the input, in [-128, 127]
   */
  public static int coord(int c, int n, int m) {
    return (2 * c + 1 + m - n) * 128 / m - 128;
  }

  /**
   * Mirror of a pixel coordinate: {@code min(c, n - 1 - c)}, so that {@code c} and
   * {@code n - 1 - c} get the same input (exact symmetry).
   *
   * @param c the coordinate, in [0, n)
   * @param n the width or height
   * @return the mirrored coordinate, in [0, (n - 1) / 2]
   */
  public static int mirror(int c, int n) {
    return Math.min(c, n - 1 - c);
  }

  /**
   * Radius input: {@code floor((X*X + Y*Y) / 128) - 128} in [-128, 128].
   *
   * @param x the X coordinate input ({@link #coord})
   * @param y the Y coordinate input ({@link #coord})
   * @return the input, in [-128, 128]
   */
  public static int radius(int x, int y) {
    return ((x * x + y * y) >> 7) - 128;
  }

  /**
   * First time input of a frame: {@code tri(frame * step) - 128}.
   *
   * @param frame the frame index
   * @param step the style's time step ({@link #speedStepOf})
   * @return the input, in [-128, 127]
   */
  public static int t1(int frame, int step) {
    return tri(frame * step) - CENTRE;
  }

  /**
   * Second time input of a frame: {@code tri(frame * step + 128) - 128}.
   *
   * @param frame the frame index
   * @param step the style's time step ({@link #speedStepOf})
   * @return the input, in [-128, 127]
   */
  public static int t2(int frame, int step) {
    return tri(frame * step + T2_OFFSET) - CENTRE;
  }
}
