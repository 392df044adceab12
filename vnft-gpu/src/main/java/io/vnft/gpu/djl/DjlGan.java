package io.vnft.gpu.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.vnft.api.GenerationException;
import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFormat;
import io.vnft.gpu.model.GanLatent;
import io.vnft.gpu.model.GanSpec;
import io.vnft.gpu.model.GanWeights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The DJL face of {@value GanSpec#MODEL_ID}: the same integer model as
 * {@link io.vnft.gpu.model.ReferenceGan}, evaluated with float32 NDArray matrix products on the
 * CPU or a CUDA device, byte-identical to the reference.
 *
 * <p>Exactness: every weight, input, bias and pre-activation is an integer, and every
 * pre-activation (indeed every partial sum of one, in any order, as each is bounded by the sum
 * of the absolute values of its terms) is below 2^23 in magnitude ({@link GanSpec}; checked
 * term by term in {@code DjlGanArithmeticTest}). So with the layer's shift folded into its
 * weights and biases (scaling by 2^-s is exact), the matrix product yields {@code pre / 2^s}
 * exactly, and {@code floor(clamp(x, 0, 255)) = clamp(floor(x), 0, 255)} (the bounds are
 * integers) is exact too; the output layer's floor is the truncation of the conversion to uint8.
 *
 * <p>Work saved against the per-pixel formula: a pixel of frame {@code t} depends on {@code t}
 * only through the displacement {@code (dx, dy)} and the conditioning {@code c(level)}. So for
 * each distinct conditioning vector of a video (one when A = B, at most nine) a <em>canvas</em>
 * is rendered once: the network, composited on the background, at every shifted coordinate
 * {@code (u, v)} that a frame with that conditioning reads (the bounding box of its frames'
 * windows); each frame is then a crop of its canvas. The conditioning and latent inputs of every
 * layer are constant over a canvas, so their products are folded with the bias into one integer
 * per unit (computed in Java), and the matrix products run over the 35 spatial inputs and the
 * 128 hidden units only. That bias enters the product as the weight of an input row of ones (one
 * row per canvas in a chunk, 1 on that canvas's pixels), which each hidden layer's matrix passes
 * on as an extra output; so canvases of several videos can share one chunk (small videos are
 * evaluated together instead of one small product each), and no layer has a bias pass.
 *
 * <p>Speed: canvas pixels are evaluated in chunks of {@link #CPU_CHUNK_PIXELS} on the CPU (a
 * [129, chunk] float tensor of 1 MiB: the passes stay in a core's L2 cache) and
 * {@link #GPU_CHUNK_PIXELS} on a GPU; per chunk and hidden layer: one product, a clamp and a
 * floor. The network's 4 outputs come back as one byte each per pixel. Measured on the 2-core
 * development VM (one PyTorch thread), a 256x256x64 morph (nine canvases, 0.6 M canvas pixels)
 * takes about 205 ms of CPU: 150 ms in the products (~80 GFLOP/s, near one core's peak), 30 ms
 * in clamp and floor, 25 ms for the rest (spatial inputs, filled in Java by row runs from
 * per-column and per-row tables, the diagonal features per pixel; uploads; compositing and
 * cropping; measured with 64 hidden units, before the diagonal features were added and the width
 * doubled).
 *
 * <p>Not thread-safe: one instance runs one batch at a time (it holds an {@link NDManager}).
 */
public final class DjlGan implements AutoCloseable {
  /**
   * Canvas pixels per chunk on the CPU (system property {@code vnft.djl.gan.chunkPixels}, default
   * 2^11; measured on the 2-core development VM for a 256x256x64 morph, CPU ms per video: 217 at
   * 2^10, 200 at 1.5 * 2^10 to 1.5 * 2^11, 210 at 2^12, 285 at 2^13; with 64 hidden units).
   */
  static final int CPU_CHUNK_PIXELS = Integer.getInteger("vnft.djl.gan.chunkPixels", 1 << 11);
  /** Canvas pixels per chunk on a GPU (129 MiB per [129, chunk] tensor). */
  static final int GPU_CHUNK_PIXELS = 1 << 18;
  /** Most canvases in one chunk (each adds an input row to every layer's product). */
  static final int MAX_SEGMENTS = 16;

  private static final int SP = GanSpec.SPATIAL;
  private static final int HID = GanSpec.HIDDEN;
  private static final int CZ = GanSpec.DIMS + GanSpec.Z;

  private final int chunkPixels;
  private final NDManager manager;
  private final int[][][] w;
  private final int[][] b;
  /** Per layer: {@code 2^-s}. */
  private final float[] scale;
  /** Per layer: the weights of the spatial (layer 1) or hidden inputs times 2^-s, [out][main]. */
  private final float[][][] main;

  /**
   * One video to render.
   *
   * @param latent the seed's latent
   * @param conditioning the two concept vectors {@code [A, B]} ({@link io.vnft.gpu.model.GanText#unpack}),
   *     each {@value GanSpec#DIMS} values in [-128, 127]
   * @param format the shape (its fps does not affect the pixels)
   */
  public record Video(GanLatent latent, int[][] conditioning, VideoFormat format) {
    /**
     * Validates and copies; throws {@link InvalidInputException} naming the malformed field.
     *
     * @param latent the seed's latent
     * @param conditioning {@code [A, B]}
     * @param format the shape
     */
    public Video {
      if (latent == null) {
        throw new InvalidInputException("latent: must not be null");
      }
      if (format == null) {
        throw new InvalidInputException("format: must not be null");
      }
      if (conditioning == null || conditioning.length != 2 || conditioning[0] == null
          || conditioning[1] == null || conditioning[0].length != GanSpec.DIMS
          || conditioning[1].length != GanSpec.DIMS) {
        throw new InvalidInputException("conditioning: expected two vectors of " + GanSpec.DIMS);
      }
      int[][] c = {conditioning[0].clone(), conditioning[1].clone()};
      for (int[] v : c) {
        for (int x : v) {
          if (x < -128 || x > 127) {
            throw new InvalidInputException("conditioning: value " + x + " outside [-128, 127]");
          }
        }
      }
      conditioning = c;
    }

    /** @return {@code [A, B]} (a copy) */
    @Override
    public int[][] conditioning() {
      return new int[][] {conditioning[0].clone(), conditioning[1].clone()};
    }
  }

  /**
   * @param weights the weights to run
   * @param device the DJL device (CPU or a GPU)
   */
  public DjlGan(GanWeights weights, Device device) {
    this(weights, device, device.isGpu() ? GPU_CHUNK_PIXELS : CPU_CHUNK_PIXELS);
  }

  /** As {@link #DjlGan(GanWeights, Device)} with another chunk size (tests use tiny ones). */
  DjlGan(GanWeights weights, Device device, int chunkPixels) {
    this.chunkPixels = Math.max(1, chunkPixels);
    int layers = GanSpec.LAYERS;
    w = new int[layers][][];
    b = new int[layers][];
    scale = new float[layers];
    main = new float[layers][][];
    for (int l = 0; l < layers; l++) {
      w[l] = weights.weights(l);
      b[l] = weights.biases(l);
      scale[l] = (float) Math.scalb(1.0, -weights.shift(l));
      int in = mainInputs(l);
      main[l] = new float[w[l].length][in];
      for (int o = 0; o < w[l].length; o++) {
        for (int i = 0; i < in; i++) {
          main[l][o][i] = w[l][o][i] * scale[l];
        }
      }
    }
    this.manager = NDManager.newBaseManager(device, "PyTorch");
  }

  private static int mainInputs(int layer) {
    return layer == 0 ? SP : HID;
  }

  /** @return the device this instance computes on */
  public Device device() {
    return manager.getDevice();
  }

  /**
   * Renders a batch of videos, of any shapes.
   *
   * @param videos what to render, at least one
   * @return RGB8 bytes per video, in order, frame-major, row-major, R, G, B
   * @throws InvalidInputException if the list is empty or holds null
   * @throws GenerationException if the engine fails
   */
  public byte[][] render(List<Video> videos) {
    if (videos == null || videos.isEmpty()) {
      throw new InvalidInputException("videos: must not be empty");
    }
    byte[][] out = new byte[videos.size()][];
    List<Canvas> canvases = new ArrayList<>();
    for (int i = 0; i < videos.size(); i++) {
      Video v = videos.get(i);
      if (v == null) {
        throw new InvalidInputException("videos: element " + i + " is null");
      }
      out[i] = new byte[v.format().rgbBytes()];
      canvases.addAll(canvasesOf(v, out[i]));
    }
    try (NDManager batch = manager.newSubManager()) {
      List<Segment> chunk = new ArrayList<>();
      ChunkWeights weights = null;
      int filled = 0;
      for (Canvas c : canvases) {
        int pixels = c.width * c.height;
        for (int p = 0; p < pixels; ) {
          int take = Math.min(pixels - p, chunkPixels - filled);
          chunk.add(new Segment(c, p, p + take, filled));
          filled += take;
          p += take;
          if (filled == chunkPixels || chunk.size() == MAX_SEGMENTS) {
            weights = evaluate(batch, chunk, filled, weights);
            chunk.clear();
            filled = 0;
          }
        }
      }
      if (filled > 0) {
        evaluate(batch, chunk, filled, weights);
      }
    } catch (InvalidInputException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new GenerationException(GanSpec.MODEL_ID + ": DJL evaluation failed on "
          + manager.getDevice() + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** The canvases of one video: one per distinct conditioning vector among its frames. */
  private List<Canvas> canvasesOf(Video video, byte[] out) {
    VideoFormat f = video.format();
    int frames = f.frames();
    int m = Math.max(f.width(), f.height());
    GanLatent latent = video.latent();
    int[] z = latent.z();
    int[][] ab = video.conditioning;
    List<Canvas> list = new ArrayList<>();
    for (int t = 0; t < frames; t++) {
      int[] c = GanSpec.conditioningAt(ab, t, frames);
      Canvas canvas = null;
      for (Canvas k : list) {
        if (Arrays.equals(k.c, c)) {
          canvas = k;
        }
      }
      if (canvas == null) {
        canvas = new Canvas(f, latent, c, out);
        list.add(canvas);
      }
      canvas.add(t, latent.dx(t, frames, m), latent.dy(t, frames, m));
    }
    for (Canvas k : list) {
      k.layout();
      k.bias = new int[GanSpec.LAYERS][];
      int[] cz = new int[CZ];
      System.arraycopy(k.c, 0, cz, 0, GanSpec.DIMS);
      System.arraycopy(z, 0, cz, GanSpec.DIMS, GanSpec.Z);
      for (int l = 0; l < GanSpec.LAYERS; l++) {
        int in = mainInputs(l);
        k.bias[l] = new int[w[l].length];
        for (int o = 0; o < w[l].length; o++) {
          int a = b[l][o];
          for (int j = 0; j < CZ; j++) {
            a += w[l][o][in + j] * cz[j];
          }
          k.bias[l][o] = a;
        }
      }
    }
    return list;
  }

  /**
   * Runs the network on one chunk of {@code n} canvas pixels and composites them into their
   * canvases. The chunk's input has the 35 spatial rows and one row per canvas, 1 on that
   * canvas's pixels and 0 elsewhere; each layer's matrix ({@link ChunkWeights}) gives that row
   * the canvas's bias as its weight and, in the hidden layers, passes the row on unchanged as
   * an extra output (clamp and floor keep 0 and 1), so no layer needs a separate bias pass.
   */
  private ChunkWeights evaluate(NDManager parent, List<Segment> segments, int n, ChunkWeights last) {
    int k = segments.size();
    float[] x0 = new float[(SP + k) * n];
    List<Canvas> canvases = new ArrayList<>(k);
    for (int j = 0; j < k; j++) {
      Segment s = segments.get(j);
      s.canvas.fillSpatial(x0, n, s.from, s.to, s.column);
      int at = (SP + j) * n + s.column;
      Arrays.fill(x0, at, at + s.to - s.from, 1f);
      canvases.add(s.canvas);
    }
    ChunkWeights cw = last;
    if (cw == null || !cw.canvases.equals(canvases)) {
      if (cw != null) {
        cw.close();
      }
      cw = chunkWeights(parent, canvases);
    }
    byte[] o;
    try (NDManager m = parent.newSubManager()) {
      NDArray x = m.create(x0, new Shape(SP + k, n));
      for (int l = 0; ; l++) {
        NDArray pre = cw.layers[l].matMul(x);
        pre.attach(m); // a result lives in its first operand's manager
        x.close();
        if (l == GanSpec.LAYERS - 1) {
          o = output(pre).toByteArray();
          break;
        }
        x = activation(pre);
      }
    }
    for (Segment s : segments) {
      s.canvas.composite(o, n, s.from, s.to, s.column);
    }
    return cw;
  }

  /**
   * The layer matrices for chunks of these canvases (k of them), all times 2^-s except the
   * pass-through ones: hidden layer l is {@code [[W_l, bias_1 .. bias_k], [0, I_k]]}, [128 + k,
   * main + k]; the output layer {@code [W_4, bias_1 .. bias_k]}, [4, 128 + k].
   */
  private ChunkWeights chunkWeights(NDManager parent, List<Canvas> canvases) {
    int k = canvases.size();
    NDManager m = parent.newSubManager();
    NDArray[] layers = new NDArray[GanSpec.LAYERS];
    for (int l = 0; l < GanSpec.LAYERS; l++) {
      int in = mainInputs(l);
      int cols = in + k;
      int out = w[l].length;
      int rows = l == GanSpec.LAYERS - 1 ? out : out + k;
      float[] dst = new float[rows * cols];
      for (int o = 0; o < out; o++) {
        System.arraycopy(main[l][o], 0, dst, o * cols, in);
        for (int j = 0; j < k; j++) {
          dst[o * cols + in + j] = canvases.get(j).bias[l][o] * scale[l];
        }
      }
      for (int j = 0; j < rows - out; j++) {
        dst[(out + j) * cols + in + j] = 1f;
      }
      layers[l] = m.create(dst, new Shape(rows, cols));
    }
    return new ChunkWeights(List.copyOf(canvases), layers, m);
  }

  /** The device matrices of consecutive chunks of the same canvases (one big canvas spans many). */
  private record ChunkWeights(List<Canvas> canvases, NDArray[] layers, NDManager manager) {
    void close() {
      manager.close();
    }
  }

  /**
   * A hidden layer's activation {@code floor(clamp(x, 0, 255))} ({@code x = pre / 2^s}, exact) as
   * float32; closes {@code pre}.
   */
  static NDArray activation(NDArray pre) {
    NDArray clamped = pre.clip(0f, 255f);
    pre.close();
    NDArray h = clamped.floor();
    clamped.close();
    return h;
  }

  /**
   * The output layer's activation as uint8: in [0, 255] after the clamp, where the conversion's
   * truncation toward zero is the floor; closes {@code pre}.
   */
  static NDArray output(NDArray pre) {
    NDArray clamped = pre.clip(0f, 255f);
    pre.close();
    NDArray o = clamped.toType(DataType.UINT8, false);
    clamped.close();
    return o;
  }

  /** Canvas pixels {@code [from, to)} of one canvas, at chunk columns from {@code column}. */
  private record Segment(Canvas canvas, int from, int to, int column) {}

  /**
   * The frames of one video that share a conditioning vector, and the window of shifted
   * coordinates they read: {@code u} in {@code [u0, u0 + width)}, {@code v} in {@code [v0, v0 + height)}.
   */
  private static final class Canvas {
    final VideoFormat format;
    final GanLatent latent;
    final int[] c;
    final byte[] out;
    final List<int[]> frames = new ArrayList<>();
    int minDx = Integer.MAX_VALUE;
    int maxDx = Integer.MIN_VALUE;
    int minDy = Integer.MAX_VALUE;
    int maxDy = Integer.MIN_VALUE;
    int u0;
    int v0;
    int width;
    int height;
    int[][] bias;
    /** cx and cy per canvas column and row. */
    int[] cx;
    float[] fcx;
    int[] cy;
    /** The 8 Fourier features of cx per column, of cy per row: [feature][column or row]. */
    float[][] fx;
    float[][] fy;
    byte[] rgb;
    int done;

    Canvas(VideoFormat format, GanLatent latent, int[] c, byte[] out) {
      this.format = format;
      this.latent = latent;
      this.c = c;
      this.out = out;
    }

    void add(int t, int dx, int dy) {
      frames.add(new int[] {t, dx, dy});
      minDx = Math.min(minDx, dx);
      maxDx = Math.max(maxDx, dx);
      minDy = Math.min(minDy, dy);
      maxDy = Math.max(maxDy, dy);
    }

    /** Fixes the window: a frame at displacement d reads {@code u = x - d}, x in [0, W). */
    void layout() {
      u0 = -maxDx;
      v0 = -maxDy;
      width = format.width() + maxDx - minDx;
      height = format.height() + maxDy - minDy;
      int m = Math.max(format.width(), format.height());
      int half = GanSpec.FREQUENCIES * 2;
      int[] tmp = new int[SP];
      cx = new int[width];
      fcx = new float[width];
      fx = new float[half][width];
      for (int i = 0; i < width; i++) {
        cx[i] = GanSpec.coord(u0 + i, format.width(), m);
        fcx[i] = cx[i];
        GanSpec.spatial(cx[i], 0, tmp, 0);
        for (int f = 0; f < half; f++) {
          fx[f][i] = tmp[3 + f];
        }
      }
      cy = new int[height];
      fy = new float[half][height];
      for (int i = 0; i < height; i++) {
        cy[i] = GanSpec.coord(v0 + i, format.height(), m);
        GanSpec.spatial(0, cy[i], tmp, 0);
        for (int f = 0; f < half; f++) {
          fy[f][i] = tmp[3 + half + f];
        }
      }
    }

    /** Writes the spatial rows (channels first, row stride n) of canvas pixels [from, to) at column {@code col}. */
    void fillSpatial(float[] x0, int n, int from, int to, int col) {
      int half = GanSpec.FREQUENCIES * 2;
      int[] diag = new int[GanSpec.SPATIAL - GanSpec.DIAGONALS_FROM];
      // runs along a canvas row: the cx features are copies of the column tables, the cy ones constant
      for (int p = from, d = col; p < to; ) {
        int row = p / width;
        int column = p - row * width;
        int len = Math.min(to - p, width - column);
        int y = cy[row];
        System.arraycopy(fcx, column, x0, d, len);
        Arrays.fill(x0, n + d, n + d + len, y);
        for (int i = 0, at = 2 * n + d; i < len; i++) {
          x0[at + i] = GanSpec.radius(cx[column + i], y);
        }
        for (int f = 0; f < half; f++) {
          System.arraycopy(fx[f], column, x0, (3 + f) * n + d, len);
          int at = (3 + half + f) * n + d;
          Arrays.fill(x0, at, at + len, fy[f][row]);
        }
        // the diagonal features depend on both coordinates: per pixel
        for (int i = 0; i < len; i++) {
          GanSpec.diagonals(cx[column + i], y, diag, 0);
          for (int f = 0; f < diag.length; f++) {
            x0[(GanSpec.DIAGONALS_FROM + f) * n + d + i] = diag[f];
          }
        }
        p += len;
        d += len;
      }
    }

    /**
     * Composites canvas pixels [from, to) from the network's outputs ({@code o}: R, G, B, alpha
     * rows of stride n, these pixels at column {@code col}); crops the frames once the canvas is
     * complete and frees it.
     */
    void composite(byte[] o, int n, int from, int to, int col) {
      if (rgb == null) {
        rgb = new byte[width * height * 3];
      }
      int bg0 = latent.background(0);
      int bg1 = latent.background(1);
      int bg2 = latent.background(2);
      for (int p = from, d = col; p < to; p++, d++) {
        int a = o[3 * n + d] & 255;
        rgb[3 * p] = (byte) GanSpec.composite(a, o[d] & 255, bg0);
        rgb[3 * p + 1] = (byte) GanSpec.composite(a, o[n + d] & 255, bg1);
        rgb[3 * p + 2] = (byte) GanSpec.composite(a, o[2 * n + d] & 255, bg2);
      }
      done += to - from;
      if (done == width * height) {
        crop();
        rgb = null;
      }
    }

    /** Frame t's pixel (x, y) is the canvas's (x - dx - u0, y - dy - v0). */
    private void crop() {
      int wd = format.width();
      int ht = format.height();
      for (int[] f : frames) {
        int base = f[0] * wd * ht;
        int column = -f[1] - u0;
        for (int y = 0; y < ht; y++) {
          int row = y - f[2] - v0;
          System.arraycopy(rgb, 3 * (row * width + column), out, 3 * (base + y * wd), 3 * wd);
        }
      }
    }
  }

  /** Frees the device memory this instance holds. Idempotent. */
  @Override
  public void close() {
    manager.close();
  }
}
