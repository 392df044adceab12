package io.vnft.gpu.model;

import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFormat;

/**
 * The pure-Java integer reference evaluator of {@value CppnSpec#MODEL_ID}: the model exactly as
 * {@code docs/model-vnft-cppn-1.md} specifies it, pixel by pixel, in {@code int} arithmetic.
 * It is the ground truth the DJL face and the pixel circuit are tested against; it is slow (see
 * the {@code GenerationBenchmark}). Immutable and thread-safe.
 */
public final class ReferenceCppn {
  private final int[] w2;
  private final int[] b2;
  private final int[] w3;
  private final int[] b3;
  private final int[] w4;
  private final int[] b4;

  /** @param weights the fixed weights (normally {@link CppnWeights#builtIn()}) */
  public ReferenceCppn(CppnWeights weights) {
    this.w2 = flat(weights.w2());
    this.b2 = weights.b2();
    this.w3 = flat(weights.w3());
    this.b3 = weights.b3();
    this.w4 = flat(weights.w4());
    this.b4 = weights.b4();
  }

  private static int[] flat(int[][] m) {
    int cols = m[0].length;
    int[] f = new int[m.length * cols];
    for (int i = 0; i < m.length; i++) {
      System.arraycopy(m[i], 0, f, i * cols, cols);
    }
    return f;
  }

  /**
   * Renders a whole video.
   *
   * @param latent the {@value CppnSpec#LATENT} latent values ({@link Latent})
   * @param style the style code (uint32; bits above 6 are ignored)
   * @param format the shape (its fps does not affect the pixels)
   * @return RGB8 bytes, frame-major, row-major, R, G, B
   * @throws InvalidInputException if the latent is malformed
   */
  public byte[] render(int[] latent, long style, VideoFormat format) {
    checkLatent(latent);
    int w = format.width();
    int h = format.height();
    byte[] out = new byte[format.rgbBytes()];
    int[] scratch = new int[3 * CppnSpec.HIDDEN];
    int i = 0;
    for (int t = 0; t < format.frames(); t++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int rgb = pixel(latent, style, w, h, t, x, y, scratch);
          out[i++] = (byte) (rgb >>> 16);
          out[i++] = (byte) (rgb >>> 8);
          out[i++] = (byte) rgb;
        }
      }
    }
    return out;
  }

  /**
   * Evaluates one pixel.
   *
   * @param latent the latent ({@link CppnRequests#latent})
   * @param style the style code ({@link CppnRequests#style})
   * @param width the frame width, pixels
   * @param height the frame height, pixels
   * @param frame the frame index, from 0
   * @param x the column, in [0, width)
   * @param y the row, in [0, height)
   * @return {@code r<<16 | g<<8 | b}
   * @throws InvalidInputException if the latent is malformed or the coordinates are outside the frame
   */
  public int pixel(int[] latent, long style, int width, int height, int frame, int x, int y) {
    checkLatent(latent);
    if (x < 0 || x >= width || y < 0 || y >= height || frame < 0) {
      throw new InvalidInputException("pixel: (" + x + ", " + y + ", frame " + frame
          + ") is outside a " + width + "x" + height + " video");
    }
    return pixel(latent, style, width, height, frame, x, y, new int[3 * CppnSpec.HIDDEN]);
  }

  private static void checkLatent(int[] latent) {
    if (latent == null || latent.length != CppnSpec.LATENT) {
      throw new InvalidInputException("latent: expected " + CppnSpec.LATENT + " values");
    }
    for (int v : latent) {
      if (v < -128 || v > 127) {
        throw new InvalidInputException("latent: value " + v + " outside [-128, 127]");
      }
    }
  }

  private int pixel(int[] z, long style, int w, int h, int t, int x, int y, int[] s) {
    final int n = CppnSpec.HIDDEN;
    int m = Math.max(w, h);
    int cx = CppnSpec.coord(CppnSpec.mirrorXOf(style) ? CppnSpec.mirror(x, w) : x, w, m);
    int cy = CppnSpec.coord(CppnSpec.mirrorYOf(style) ? CppnSpec.mirror(y, h) : y, h, m);
    int r = CppnSpec.radius(cx, cy);
    for (int i = 0; i < n; i++) {
      int k = CppnSpec.INPUTS * i;
      int a = (z[CppnSpec.LATENT_BIAS + i] << CppnSpec.BIAS1_SHIFT)
          + z[k] * cx + z[k + 1] * cy + z[k + 2] * r;
      s[i] = CppnSpec.tri(a >> CppnSpec.SHIFT1) - CppnSpec.CENTRE;
    }
    dense(w2, b2, s, 0, s, n, n, CppnSpec.SHIFT_HIDDEN);
    int step = CppnSpec.speedStepOf(style);
    int t1 = CppnSpec.t1(t, step);
    int t2 = CppnSpec.t2(t, step);
    for (int i = 0; i < n; i++) {
      int a = b3[i];
      for (int j = 0; j < n; j++) {
        a += w3[i * n + j] * s[n + j];
      }
      int k = CppnSpec.LATENT_TIME + CppnSpec.TIME_INPUTS * i;
      int ct = (z[k] * t1 + z[k + 1] * t2) >> CppnSpec.TIME_SHIFT;
      s[2 * n + i] = CppnSpec.tri((a >> CppnSpec.SHIFT_HIDDEN) + ct) - CppnSpec.CENTRE;
    }
    int o0 = 0;
    int o1 = 0;
    for (int i = 0; i < CppnSpec.OUTPUTS; i++) {
      int a = b4[i];
      for (int j = 0; j < n; j++) {
        a += w4[i * n + j] * s[2 * n + j];
      }
      int v = CppnSpec.tri(a >> CppnSpec.SHIFT_OUT);
      if (i == 0) {
        o0 = v;
      } else {
        o1 = v;
      }
    }
    return CppnSpec.colour(CppnSpec.paletteOf(style), o0, o1);
  }

  private static void dense(int[] w, int[] b, int[] in, int inOff, int[] out, int outOff, int n,
      int shift) {
    for (int i = 0; i < n; i++) {
      int a = b[i];
      for (int j = 0; j < CppnSpec.HIDDEN; j++) {
        a += w[i * CppnSpec.HIDDEN + j] * in[inOff + j];
      }
      out[outOff + i] = CppnSpec.tri(a >> shift) - CppnSpec.CENTRE;
    }
  }
}
