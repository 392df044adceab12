package io.vnft.gpu.model;

import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFormat;

/**
 * The pure-Java integer reference evaluator of {@value GanSpec#MODEL_ID}: the model exactly as
 * {@link GanSpec} and {@code docs/model-vnft-gan-1.md} specify it, pixel by pixel, in {@code int}
 * arithmetic, with nothing cached between pixels. It is the ground truth the DJL face and the
 * pixel circuit are tested against, and slow (see the {@code GenerationBenchmark}). Immutable
 * and thread-safe.
 */
public final class ReferenceGan {
  private final GanWeights weights;
  private final int[][][] w;
  private final int[][] b;
  private final int[] s;

  /** @param weights the model's weights (normally {@link GanWeights#builtIn()}) */
  public ReferenceGan(GanWeights weights) {
    this.weights = weights;
    w = new int[GanSpec.LAYERS][][];
    b = new int[GanSpec.LAYERS][];
    s = new int[GanSpec.LAYERS];
    for (int l = 0; l < GanSpec.LAYERS; l++) {
      w[l] = weights.weights(l);
      b[l] = weights.biases(l);
      s[l] = weights.shift(l);
    }
  }

  /** @return the weights this evaluator runs */
  public GanWeights weights() {
    return weights;
  }

  /**
   * Renders a whole video.
   *
   * @param latent the seed's latent
   * @param conditioning the two concept vectors {@code [A, B]} ({@link GanText#unpack})
   * @param format the shape (its fps does not affect the pixels)
   * @return RGB8 bytes, frame-major, row-major, R, G, B
   */
  public byte[] render(GanLatent latent, int[][] conditioning, VideoFormat format) {
    int[] all = new int[format.frames()];
    for (int t = 0; t < all.length; t++) {
      all[t] = t;
    }
    return renderFrames(latent, conditioning, format, all);
  }

  /**
   * Renders chosen frames of a video, pixel by pixel: frame {@code frames[k]} of {@code format}
   * becomes frame {@code k} of the result, so only the frames asked for are computed.
   *
   * @param latent the seed's latent
   * @param conditioning the two concept vectors {@code [A, B]} ({@link GanText#unpack})
   * @param format the video the frames belong to (its frame count sets motion and morph)
   * @param frames frame indices of {@code format}, each in [0, frames)
   * @return RGB8 bytes of the chosen frames, in the order asked, row-major, R, G, B
   * @throws InvalidInputException if a frame index is outside the video or the conditioning is malformed
   */
  public byte[] renderFrames(GanLatent latent, int[][] conditioning, VideoFormat format, int... frames) {
    byte[] out = new byte[frames.length * format.pixelsPerFrame() * 3];
    int i = 0;
    for (int t : frames) {
      for (int y = 0; y < format.height(); y++) {
        for (int x = 0; x < format.width(); x++) {
          int rgb = pixel(latent, conditioning, format, t, x, y);
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
   * @param latent the seed's latent
   * @param conditioning {@code [A, B]}, each {@value GanSpec#DIMS} values in [-128, 127]
   * @param format the video shape
   * @param frame the frame index, in [0, frames)
   * @param x the column, in [0, width)
   * @param y the row, in [0, height)
   * @return {@code r<<16 | g<<8 | b}
   * @throws InvalidInputException if the pixel is outside the video or the conditioning is malformed
   */
  public int pixel(GanLatent latent, int[][] conditioning, VideoFormat format, int frame, int x, int y) {
    int wd = format.width();
    int ht = format.height();
    if (x < 0 || x >= wd || y < 0 || y >= ht || frame < 0 || frame >= format.frames()) {
      throw new InvalidInputException("pixel: (" + x + ", " + y + ", frame " + frame
          + ") is outside a " + wd + "x" + ht + "x" + format.frames() + " video");
    }
    if (conditioning == null || conditioning.length != 2 || conditioning[0].length != GanSpec.DIMS
        || conditioning[1].length != GanSpec.DIMS) {
      throw new InvalidInputException("conditioning: expected two vectors of " + GanSpec.DIMS);
    }
    int m = Math.max(wd, ht);
    int u = x - latent.dx(frame, format.frames(), m);
    int v = y - latent.dy(frame, format.frames(), m);
    int[] in = new int[GanSpec.INPUTS_1];
    GanSpec.spatial(GanSpec.coord(u, wd, m), GanSpec.coord(v, ht, m), in, 0);
    System.arraycopy(GanSpec.conditioningAt(conditioning, frame, format.frames()), 0, in, GanSpec.SPATIAL,
        GanSpec.DIMS);
    System.arraycopy(latent.z(), 0, in, GanSpec.SPATIAL + GanSpec.DIMS, GanSpec.Z);
    int[] h = network(in);
    int alpha = h[3];
    int rgb = 0;
    for (int c = 0; c < 3; c++) {
      rgb = rgb << 8 | GanSpec.composite(alpha, h[c], latent.background(c));
    }
    return rgb;
  }

  /**
   * The network's raw outputs (R, G, B, alpha before compositing) at one input vector, for tests
   * and the training report.
   *
   * @param layer0Inputs the {@value GanSpec#INPUTS_1} inputs of layer 1
   * @return the 4 outputs, each 0..255
   */
  public int[] network(int[] layer0Inputs) {
    int[] cz = java.util.Arrays.copyOfRange(layer0Inputs, GanSpec.SPATIAL, GanSpec.INPUTS_1);
    int[] h = layer(0, layer0Inputs);
    for (int l = 1; l < GanSpec.LAYERS; l++) {
      int[] next = new int[GanSpec.INPUTS_N];
      System.arraycopy(h, 0, next, 0, GanSpec.HIDDEN);
      System.arraycopy(cz, 0, next, GanSpec.HIDDEN, cz.length);
      h = layer(l, next);
    }
    return h;
  }

  private int[] layer(int l, int[] in) {
    int[][] wl = w[l];
    int[] out = new int[wl.length];
    int n = GanSpec.inputs(l);
    for (int o = 0; o < wl.length; o++) {
      int a = b[l][o];
      int[] row = wl[o];
      for (int i = 0; i < n; i++) {
        a += row[i] * in[i];
      }
      out[o] = GanSpec.activation(a, s[l]);
    }
    return out;
  }
}
