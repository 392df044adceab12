package io.vnft.gpu.encode.internal;

/**
 * Maps RGB8 to a fixed 252-colour palette (6 levels of red x 7 of green x 6 of blue, padded to 256
 * with black) with 8x8 Bayer ordered dithering. A fixed palette and a fixed dither pattern keep
 * animations free of palette flicker and make the output a pure function of the pixels; the local
 * average colour is preserved, so smooth gradients stay smooth instead of banding. Pure functions;
 * thread-safe. Internal: not part of vnft's API.
 */
public final class OrderedDither {
  private OrderedDither() {}

  /** Levels per channel. */
  static final int LR = 6;
  static final int LG = 7;
  static final int LB = 6;

  /** Bayer 8x8 threshold matrix (values 0..63), the standard recursive construction. */
  private static final int[] BAYER = bayer8();

  /** @return the 256-entry palette as {@code 0xRRGGBB} */
  public static int[] palette() {
    int[] p = new int[256];
    for (int r = 0; r < LR; r++) {
      for (int g = 0; g < LG; g++) {
        for (int b = 0; b < LB; b++) {
          p[(r * LG + g) * LB + b] = level(r, LR) << 16 | level(g, LG) << 8 | level(b, LB);
        }
      }
    }
    return p;
  }

  /**
   * @param rgb RGB8 pixels
   * @param off offset of the frame's first byte
   * @param w width
   * @param h height
   * @param out {@code w*h} palette indices
   */
  public static void index(byte[] rgb, int off, int w, int h, byte[] out) {
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = off + 3 * (y * w + x);
        // Threshold in (0, 1): (b + 0.5) / 64, kept in integer 1/128 units.
        int t = 2 * BAYER[(y & 7) * 8 + (x & 7)] + 1;
        int r = quantise(rgb[p] & 0xFF, LR, t);
        int g = quantise(rgb[p + 1] & 0xFF, LG, t);
        int b = quantise(rgb[p + 2] & 0xFF, LB, t);
        out[y * w + x] = (byte) ((r * LG + g) * LB + b);
      }
    }
  }

  /** floor(v * (levels-1) / 255 + t/128), clamped. */
  private static int quantise(int v, int levels, int t) {
    int q = (v * (levels - 1) * 128 + t * 255) / (255 * 128);
    return Math.min(q, levels - 1);
  }

  private static int level(int i, int levels) {
    return (i * 255 + (levels - 1) / 2) / (levels - 1);
  }

  private static int[] bayer8() {
    int[] m = {0};
    int n = 1;
    while (n < 8) {
      int[] next = new int[4 * n * n];
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          int v = 4 * m[y * n + x];
          next[y * 2 * n + x] = v;
          next[y * 2 * n + x + n] = v + 2;
          next[(y + n) * 2 * n + x] = v + 3;
          next[(y + n) * 2 * n + x + n] = v + 1;
        }
      }
      m = next;
      n *= 2;
    }
    return m;
  }
}
