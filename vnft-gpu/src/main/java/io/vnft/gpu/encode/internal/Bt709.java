package io.vnft.gpu.encode.internal;

/**
 * RGB8 &lt;-&gt; Y'CbCr 4:2:0 with the ITU-R BT.709 matrix in limited ("TV") range — Y' 16..235,
 * Cb/Cr 16..240 — which is what an H.264 stream without other signalling is assumed to hold, and
 * what vnft's MP4s declare in their VUI (colour primaries, transfer and matrix 1 = BT.709, full
 * range flag 0). Coefficients from BT.709-6 item 3.2/3.3 (Kr = 0.2126, Kb = 0.0722) and the 8-bit
 * quantisation of item 4.6 (219 and 224 levels). Chroma is the rounded mean of each 2x2 block (odd
 * edges repeat the last column/row). Samples are in JCodec 0.2's signed form (value - 128).
 * Pure functions; thread-safe. Internal: not part of vnft's API.
 */
public final class Bt709 {
  private Bt709() {}

  private static final double KR = 0.2126;
  private static final double KB = 0.0722;
  private static final double KG = 1 - KR - KB;

  /**
   * @param rgb RGB8 pixels, row-major, starting at {@code off}
   * @param off offset of the frame's first byte
   * @param w width in pixels
   * @param h height in pixels
   * @param y out: {@code w*h} luma samples
   * @param cb out: {@code ceil(w/2)*ceil(h/2)} blue-difference samples
   * @param cr out: same size as {@code cb}
   */
  public static void fromRgb(byte[] rgb, int off, int w, int h, byte[] y, byte[] cb, byte[] cr) {
    int cw = (w + 1) / 2;
    int ch = (h + 1) / 2;
    for (int j = 0; j < h; j++) {
      for (int i = 0; i < w; i++) {
        int p = off + 3 * (j * w + i);
        double luma = KR * (rgb[p] & 0xFF) + KG * (rgb[p + 1] & 0xFF) + KB * (rgb[p + 2] & 0xFF);
        y[j * w + i] = (byte) (clamp((int) Math.round(16 + luma * 219 / 255), 16, 235) - 128);
      }
    }
    for (int j = 0; j < ch; j++) {
      for (int i = 0; i < cw; i++) {
        double r = 0;
        double g = 0;
        double b = 0;
        for (int dy = 0; dy < 2; dy++) {
          for (int dx = 0; dx < 2; dx++) {
            int x = Math.min(2 * i + dx, w - 1);
            int yy = Math.min(2 * j + dy, h - 1);
            int p = off + 3 * (yy * w + x);
            r += rgb[p] & 0xFF;
            g += rgb[p + 1] & 0xFF;
            b += rgb[p + 2] & 0xFF;
          }
        }
        r /= 4;
        g /= 4;
        b /= 4;
        double luma = KR * r + KG * g + KB * b;
        double u = (b - luma) / (2 * (1 - KB));
        double v = (r - luma) / (2 * (1 - KR));
        cb[j * cw + i] = (byte) (clamp((int) Math.round(128 + u * 224 / 255), 16, 240) - 128);
        cr[j * cw + i] = (byte) (clamp((int) Math.round(128 + v * 224 / 255), 16, 240) - 128);
      }
    }
  }

  /**
   * Inverse of {@link #fromRgb}: chroma taken from the sample of each pixel's 2x2 block.
   *
   * @param y luma, {@code stride} samples per row
   * @param cb blue difference, {@code cstride} samples per row
   * @param cr red difference, {@code cstride} samples per row
   * @param w width to convert
   * @param h height to convert
   * @param stride luma row stride
   * @param cstride chroma row stride
   * @return RGB8 pixels, row-major, {@code w*h*3} bytes
   */
  public static byte[] toRgb(byte[] y, byte[] cb, byte[] cr, int w, int h, int stride, int cstride) {
    byte[] out = new byte[w * h * 3];
    for (int j = 0; j < h; j++) {
      for (int i = 0; i < w; i++) {
        double l = (y[j * stride + i] + 128 - 16) * 255.0 / 219;
        double u = (cb[(j / 2) * cstride + i / 2] + 128 - 128) * 255.0 / 224;
        double v = (cr[(j / 2) * cstride + i / 2] + 128 - 128) * 255.0 / 224;
        double r = l + 2 * (1 - KR) * v;
        double b = l + 2 * (1 - KB) * u;
        double g = (l - KR * r - KB * b) / KG;
        int p = 3 * (j * w + i);
        out[p] = (byte) clamp((int) Math.round(r), 0, 255);
        out[p + 1] = (byte) clamp((int) Math.round(g), 0, 255);
        out[p + 2] = (byte) clamp((int) Math.round(b), 0, 255);
      }
    }
    return out;
  }

  private static int clamp(int v, int lo, int hi) {
    return v < lo ? lo : Math.min(v, hi);
  }
}
