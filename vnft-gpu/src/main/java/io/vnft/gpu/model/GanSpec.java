package io.vnft.gpu.model;

/**
 * The fixed constants and integer helpers of the trained model {@value #MODEL_ID}: a
 * text-conditioned CPPN generator (per pixel, an MLP over coordinates, Fourier features of the
 * coordinates, the prompt's conditioning and a latent from the seed), trained adversarially on
 * the Noto emoji images and quantised to integers. Every face of the model (the Java reference
 * {@link ReferenceGan}, the DJL face and the pixel circuit) reads its constants from here;
 * {@code docs/model-vnft-gan-1.md} is the normative text. Stateless and thread-safe.
 *
 * <p>One pixel {@code (x, y)} of frame {@code t} of a {@code W x H x F} video:
 * <ol>
 *   <li>latent from the seed's little-endian bytes {@code b[0..30]} ({@link GanLatent}): latent
 *       inputs {@code z}, background colour, motion amplitude, phase and cycles;
 *   <li>motion: {@code q = floor(512 t / F)}, {@code dx = floor(Ax (tri(phX + cyc q) - 128) / 128)},
 *       likewise {@code dy}; the network is evaluated at {@code (u, v) = (x - dx, y - dy)};
 *   <li>inputs: {@code cx = floor((2u + 1 + M - W) 128 / M) - 128} ({@code M = max(W, H)}), likewise
 *       {@code cy}; {@code r = floor((cx^2 + cy^2) / 128) - 128}; 16 Fourier features
 *       {@code tri(c 2^k + ph) - 128} for c in (cx, cy), k = 0..3, ph in (0, 128), and 16 of the
 *       diagonals {@code tri(floor(d 2^k / 2) + ph) - 128} for d in (cx + cy, cx - cy);
 *   <li>conditioning at frame t: the morph level {@code lev = clamp(floor(16 t / F) - 4, 0, 8)} and
 *       {@code c_j = A_j + floor((B_j - A_j) lev / 8)} for the prompt's two concept vectors A, B
 *       (their values are multiples of {@value #STEP}, so the division is exact);
 *   <li>the network: 3 hidden layers of {@value #HIDDEN} and an output layer of 4 (R, G, B, alpha),
 *       each {@code clamp(floor((B + sum W in) / 2^s), 0, 255)}; layer 1 reads
 *       {@code [cx, cy, r, fourier(32), c(40), z(4)]}, the others {@code [previous(128), c(40), z(4)]};
 *   <li>composite on the background: {@code floor((alpha fg + (256 - alpha) bg) / 256)} per channel.
 * </ol>
 *
 * <p>Every pre-activation stays below 2^23 in magnitude, so float32 arithmetic on these integers is
 * exact and the circuit range-checks 24 signed bits.
 */
public final class GanSpec {
  /** The model name; on chain {@code modelId = keccak256(UTF-8 name)}. */
  public static final String MODEL_ID = "vnft-gan-1";
  /** Values in one concept vector (one segment of the prompt). */
  public static final int DIMS = 40;
  /** Bits of one value of a concept vector on chain: a two's-complement level in [-4, 3]. */
  public static final int LEVEL_BITS = 3;
  /** A level's step in the network's input units: value = {@value} x level, in [-128, 96]. */
  public static final int STEP = 256 >> LEVEL_BITS;
  /** The smallest level, {@code -2^(LEVEL_BITS - 1)}. */
  public static final int LEVEL_MIN = -(1 << (LEVEL_BITS - 1));
  /** The largest level, {@code 2^(LEVEL_BITS - 1) - 1}. */
  public static final int LEVEL_MAX = (1 << (LEVEL_BITS - 1)) - 1;
  /**
   * Bits of the conditioning: two concept vectors of {@value #DIMS} levels of {@value #LEVEL_BITS}
   * bits each (A first, then B, each value's level in two's complement, most significant first),
   * the low {@value} bits of the big-endian {@code bytes32} (bytes 0 and 1 are zero).
   */
  public static final int CONDITIONING_BITS = 2 * DIMS * LEVEL_BITS;
  /** Latent inputs of the network, from seed bytes 0..3. */
  public static final int Z = 4;
  /** Width of each hidden layer. */
  public static final int HIDDEN = 128;
  /** Outputs: R, G, B, alpha. */
  public static final int OUTPUTS = 4;
  /** Layers with weights: 3 hidden and the output. */
  public static final int LAYERS = 4;
  /** Fourier frequencies per coordinate: multipliers 1, 2, 4, 8. */
  public static final int FREQUENCIES = 4;
  /**
   * Spatial inputs of layer 1: cx, cy, r, 2 x 4 x 2 Fourier features of cx and cy, and 2 x 4 x 2
   * of the diagonals cx + cy and cx - cy.
   */
  public static final int SPATIAL = 3 + 4 * FREQUENCIES * 2;
  /** Index of the first diagonal feature among the spatial inputs: after cx, cy, r and the axes' features. */
  public static final int DIAGONALS_FROM = 3 + 2 * FREQUENCIES * 2;
  /** Inputs of layer 1: spatial, conditioning, latent. */
  public static final int INPUTS_1 = SPATIAL + DIMS + Z;
  /** Inputs of layers 2..4: previous layer, conditioning, latent. */
  public static final int INPUTS_N = HIDDEN + DIMS + Z;
  /** Morph levels: the conditioning moves from A (level 0) to B (level {@value}). */
  public static final int MORPH_LEVELS = 8;
  /** Largest shift a layer may have. */
  public static final int MAX_SHIFT = 20;
  /** Bound on |weight|. */
  public static final int MAX_WEIGHT = 127;
  /**
   * Bound on |bias|: 2^21, so that with 128 hidden inputs every pre-activation stays below 2^23
   * ({@code 2^21 + 127 (128 * 255 + 44 * 128) = 6,957,696}).
   */
  public static final int MAX_BIAS = 1 << 21;
  /** Period of the triangle wave. */
  public static final int PERIOD = 512;
  /**
   * The shape the model is registered and generated at unless a caller chooses another: 64x64
   * pixels (the training images' size), 24 frames at 12 fps (two seconds).
   */
  public static final io.vnft.api.VideoFormat DEFAULT_FORMAT = new io.vnft.api.VideoFormat(64, 64, 24, 12);

  private GanSpec() {}

  /**
   * @param layer 0..3
   * @return the number of inputs of that layer
   */
  public static int inputs(int layer) {
    return layer == 0 ? INPUTS_1 : INPUTS_N;
  }

  /**
   * @param layer 0..3
   * @return the number of outputs of that layer
   */
  public static int outputs(int layer) {
    return layer == LAYERS - 1 ? OUTPUTS : HIDDEN;
  }

  /**
   * The triangle wave: {@code m = z mod 512} (non-negative), result {@code min(m, 511 - m)}.
   *
   * @param z any int
   * @return the wave's value, in [0, 255]
   */
  public static int tri(int z) {
    int m = Math.floorMod(z, PERIOD);
    return Math.min(m, PERIOD - 1 - m);
  }

  /**
   * The coordinate input {@code floor((2u + 1 + M - n) * 128 / M) - 128}; in [-128, 127] for
   * {@code u} in [0, n), beyond for the shifted coordinates motion produces.
   *
   * @param u the (shifted) pixel coordinate
   * @param n the width or height
   * @param m max(width, height)
   * @return the input
   */
  public static int coord(int u, int n, int m) {
    return Math.floorDiv((2 * u + 1 + m - n) * 128, m) - 128;
  }

  /**
   * @param cx the X input
   * @param cy the Y input
   * @return the radius input {@code floor((cx^2 + cy^2) / 128) - 128}
   */
  public static int radius(int cx, int cy) {
    return ((cx * cx + cy * cy) >> 7) - 128;
  }

  /**
   * Fills the {@value #SPATIAL} spatial inputs of layer 1 for one coordinate pair.
   *
   * @param cx the X input ({@link #coord})
   * @param cy the Y input
   * @param dst receives {@code cx, cy, r}, then {@code tri(c 2^k + ph) - 128} for c in (cx, cy),
   *     k = 0..3, ph in (0, 128), in that nesting order, then {@code tri(((d 2^k) >> 1) + ph) - 128}
   *     for d in (cx + cy, cx - cy), likewise
   * @param off where to start writing
   */
  public static void spatial(int cx, int cy, int[] dst, int off) {
    dst[off] = cx;
    dst[off + 1] = cy;
    dst[off + 2] = radius(cx, cy);
    int i = off + 3;
    for (int c = 0; c < 2; c++) {
      int v = c == 0 ? cx : cy;
      for (int k = 0; k < FREQUENCIES; k++) {
        dst[i++] = tri(v * (1 << k)) - 128;
        dst[i++] = tri(v * (1 << k) + 128) - 128;
      }
    }
    diagonals(cx, cy, dst, i);
  }

  /**
   * Fills the 16 diagonal features, the last spatial inputs (from {@link #DIAGONALS_FROM}).
   *
   * @param cx the X input
   * @param cy the Y input
   * @param dst receives {@code tri(((d 2^k) >> 1) + ph) - 128} for d in (cx + cy, cx - cy),
   *     k = 0..3, ph in (0, 128), in that nesting order
   * @param off where to start writing
   */
  public static void diagonals(int cx, int cy, int[] dst, int off) {
    int i = off;
    for (int c = 0; c < 2; c++) {
      int d = c == 0 ? cx + cy : cx - cy;
      for (int k = 0; k < FREQUENCIES; k++) {
        int a = (d * (1 << k)) >> 1;
        dst[i++] = tri(a) - 128;
        dst[i++] = tri(a + 128) - 128;
      }
    }
  }

  /**
   * @param frame the frame index, in [0, frames)
   * @param frames the frame count
   * @return the motion phase {@code floor(512 frame / frames)}, in [0, 512)
   */
  public static int motionPhase(int frame, int frames) {
    return (int) ((512L * frame) / frames);
  }

  /**
   * @param amplitude the motion amplitude in pixels ({@link GanLatent#amplitudeX})
   * @param phase the seed's phase for this axis
   * @param cycles the seed's cycles per loop (1 or 2)
   * @param frame the frame index
   * @param frames the frame count
   * @return the displacement {@code floor(A (tri(phase + cycles q) - 128) / 128)}, in [-A, A)
   */
  public static int displacement(int amplitude, int phase, int cycles, int frame, int frames) {
    return (amplitude * (tri(phase + cycles * motionPhase(frame, frames)) - 128)) >> 7;
  }

  /**
   * @param frame the frame index, in [0, frames)
   * @param frames the frame count
   * @return the morph level {@code clamp(floor(16 frame / frames) - 4, 0, 8)}: 0 (concept A) on
   *     the first frames, 8 (concept B) on the last
   */
  public static int morphLevel(int frame, int frames) {
    int q = (int) ((16L * frame) / frames) - 4;
    return Math.max(0, Math.min(MORPH_LEVELS, q));
  }

  /**
   * @param a concept A's value
   * @param b concept B's value
   * @param level the morph level, 0..8
   * @return {@code a + floor((b - a) level / 8)}
   */
  public static int morph(int a, int b, int level) {
    return a + ((b - a) * level >> 3);
  }

  /**
   * The conditioning the network reads at one frame: {@link #morph} of A and B at the frame's
   * {@link #morphLevel}.
   *
   * @param ab the concept vectors {@code [A, B]}, {@value #DIMS} values each
   * @param frame the frame index, in [0, frames)
   * @param frames the frame count
   * @return {@code c(t)}, {@value #DIMS} values
   */
  public static int[] conditioningAt(int[][] ab, int frame, int frames) {
    int level = morphLevel(frame, frames);
    int[] c = new int[DIMS];
    for (int j = 0; j < DIMS; j++) {
      c[j] = morph(ab[0][j], ab[1][j], level);
    }
    return c;
  }

  /**
   * The value a segment's mean takes on chain: the nearest level, clamped.
   *
   * @param mean the floor mean of a segment's word vectors, in [-127, 127]
   * @return {@code STEP * clamp(floor((mean + STEP / 2) / STEP), LEVEL_MIN, LEVEL_MAX)}, in [-128, 96]
   */
  public static int level(int mean) {
    return STEP * Math.max(LEVEL_MIN, Math.min(LEVEL_MAX, Math.floorDiv(mean + STEP / 2, STEP)));
  }

  /**
   * @param pre a pre-activation
   * @param shift the layer's shift
   * @return {@code clamp(floor(pre / 2^shift), 0, 255)}
   */
  public static int activation(int pre, int shift) {
    return Math.max(0, Math.min(255, pre >> shift));
  }

  /**
   * @param alpha the network's alpha, 0..255
   * @param fg the network's channel value, 0..255
   * @param bg the background's channel value, 0..255
   * @return {@code floor((alpha fg + (256 - alpha) bg) / 256)}
   */
  public static int composite(int alpha, int fg, int bg) {
    return (alpha * fg + (256 - alpha) * bg) >> 8;
  }
}
