package io.vnft.gpu.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.index.NDIndex;
import io.vnft.api.GenerationException;
import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFormat;
import io.vnft.gpu.model.CppnSpec;
import io.vnft.gpu.model.CppnWeights;
import java.util.List;

/**
 * The DJL face of {@value CppnSpec#MODEL_ID}: the same integer model as
 * {@link io.vnft.gpu.model.ReferenceCppn}, evaluated with NDArray operations batched over
 * tokens x frames x pixels, on the CPU or a CUDA device. Results are byte-identical to the
 * reference: all values are integers or half-integers times powers of two whose significands
 * stay below 2^21, so every float32 product, sum, floor and modulo is exact (see
 * {@code docs/model-vnft-cppn-1.md}, "Exactness in float32").
 *
 * <p>How the reference maps to tensors: the layer shifts are folded into the weights (scaling by
 * 2^-s is exact); the triangle activation {@code tri(q) - 128} is written as
 * {@code 127.5 - g} with {@code g = |floor(a) mod 512 - 255.5|}, and the constant and the sign
 * are folded into the next layer, so an activation costs four element-wise passes (floor, mod,
 * subtract, abs). Time enters only at layer 3 as an integer added after its shift, so layers
 * 1, 2 and {@code floor(a3 / 256) mod 512} are computed once per video; per frame there remain
 * one broadcast add and the activation of layer 3 (as {@code ||s - 511.5| - 256|}, no modulo), the output layer, and the palette, which is a
 * table lookup ({@code colour(palette, o0, o1)} precomputed for all 8 x 256 x 256 cases).
 *
 * <p>Not thread-safe: one instance runs one batch at a time (it holds an {@link NDManager}).
 */
public final class DjlCppn implements AutoCloseable {
  /** Pixels (token x frame x pixel) evaluated in one chunk: 2^18 keeps the [16, chunk] temporaries (16 MiB) near the caches. */
  static final int CHUNK_ROWS = Integer.getInteger("vnft.djl.chunkRows", 1 << 18);

  private final int chunkRows;
  private final NDManager manager;
  private final NDArray w2;
  private final NDArray c2;
  private final NDArray w3;
  private final NDArray c3;
  private final NDArray w4;
  private final NDArray c4;
  private final NDArray table;

  /**
   * @param weights the fixed weights
   * @param device the DJL device (CPU or a GPU)
   */
  public DjlCppn(CppnWeights weights, Device device) {
    this(weights, device, CHUNK_ROWS);
  }

  /** As {@link #DjlCppn(CppnWeights, Device)} with another chunk size (tests use tiny ones). */
  DjlCppn(CppnWeights weights, Device device, int chunkRows) {
    this.chunkRows = Math.max(1, chunkRows);
    this.manager = NDManager.newBaseManager(device, "PyTorch");
    NDArray[] l2 = folded(weights.w2(), weights.b2(), CppnSpec.SHIFT_HIDDEN);
    NDArray[] l3 = folded(weights.w3(), weights.b3(), CppnSpec.SHIFT_HIDDEN);
    NDArray[] l4 = folded(weights.w4(), weights.b4(), CppnSpec.SHIFT_OUT);
    w2 = l2[0];
    c2 = l2[1];
    w3 = l3[0];
    c3 = l3[1];
    w4 = l4[0];
    c4 = l4[1];
    table = paletteTable(manager);
  }

  /**
   * Next layer on {@code g} (channels first) where the previous activation is
   * {@code h = 127.5 - g}: {@code (W h + B) 2^-s = (-W 2^-s) g + (B + 127.5 sum_j W_ij) 2^-s}.
   */
  private NDArray[] folded(int[][] w, int[] b, int shift) {
    int out = w.length;
    int in = w[0].length;
    float scale = (float) Math.scalb(1.0, -shift);
    float[] wf = new float[out * in];
    float[] c = new float[out];
    for (int i = 0; i < out; i++) {
      double sum = 0;
      for (int j = 0; j < in; j++) {
        wf[i * in + j] = -w[i][j] * scale;
        sum += w[i][j];
      }
      c[i] = (float) ((b[i] + 127.5 * sum) * scale);
    }
    return new NDArray[] {manager.create(wf, new Shape(out, in)), manager.create(c, new Shape(out, 1))};
  }

  /** @return the device this instance computes on */
  public Device device() {
    return manager.getDevice();
  }

  /**
   * Renders a batch of videos of one shape.
   *
   * @param latents one {@value CppnSpec#LATENT}-value latent per video ({@link io.vnft.gpu.model.Latent})
   * @param styles one style code per video
   * @param format the common shape
   * @return RGB8 bytes per video, frame-major, row-major, R, G, B
   * @throws InvalidInputException if the lists differ in length or a latent is malformed
   * @throws GenerationException if the engine fails
   */
  public byte[][] render(List<int[]> latents, List<Long> styles, VideoFormat format) {
    int n = latents.size();
    if (styles.size() != n || n == 0) {
      throw new InvalidInputException("latents/styles: need the same, non-zero count, got "
          + n + " and " + styles.size());
    }
    for (int[] z : latents) {
      checkLatent(z);
    }
    int w = format.width();
    int h = format.height();
    int p = w * h;
    int frames = format.frames();
    int hid = CppnSpec.HIDDEN;
    byte[][] out = new byte[n][format.rgbBytes()];
    try (NDManager batch = manager.newSubManager()) {
      float[] time = new float[n * frames * hid];
      float[] paletteBase = new float[n];
      for (int k = 0; k < n; k++) {
        int[] z = latents.get(k);
        long style = styles.get(k);
        int step = CppnSpec.speedStepOf(style);
        for (int t = 0; t < frames; t++) {
          int t1 = CppnSpec.t1(t, step);
          int t2 = CppnSpec.t2(t, step);
          for (int i = 0; i < hid; i++) {
            int j = CppnSpec.LATENT_TIME + CppnSpec.TIME_INPUTS * i;
            int ct = (z[j] * t1 + z[j + 1] * t2) >> CppnSpec.TIME_SHIFT;
            time[(k * frames + t) * hid + i] = Math.floorMod(ct, CppnSpec.PERIOD) - 511.5f;
          }
        }
        paletteBase[k] = CppnSpec.paletteOf(style) << 16;
      }
      NDArray timeTerm = batch.create(time, new Shape(n, frames, hid, 1));
      NDArray base = batch.create(paletteBase, new Shape(n, 1, 1, 1));
      NDArray toIndex = batch.create(new float[] {-256f, -1f}, new Shape(1, 2));

      // Outer loop over pixel ranges: the static part (layers 1, 2 and floor(a3/256) mod 512,
      // frame-independent) is computed once per range, then reused for every frame.
      int pixelsPerChunk = (int) Math.min(p, Math.max(1, chunkRows / n));
      int framesPerChunk = Math.max(1, chunkRows / (n * pixelsPerChunk));
      for (int p0 = 0; p0 < p; p0 += pixelsPerChunk) {
        int p1 = Math.min(p, p0 + pixelsPerChunk);
        int pt = p1 - p0;
        try (NDManager range = batch.newSubManager()) {
          NDArray[] q3 = new NDArray[n];
          for (int k = 0; k < n; k++) {
            q3[k] = staticPart(range, latents.get(k), styles.get(k), w, h, p0, p1);
          }
          NDArray sp = (n == 1 ? q3[0].expandDims(0) : NDArrays.stack(new NDList(q3))).expandDims(1);
          for (int t0 = 0; t0 < frames; t0 += framesPerChunk) {
            int t1 = Math.min(frames, t0 + framesPerChunk);
            try (NDManager chunk = range.newSubManager()) {
              NDArray tp = timeTerm.get(new NDIndex(":, {}:{}", t0, t1));
              tp.attach(chunk);
              // s = (q3 mod 512) + (ct mod 512) in [0, 1022]; tri's g = |s mod 512 - 255.5|
              // = ||s - 511.5| - 256| without a modulo
              NDArray g3 = sp.add(tp).abs().subi(256f).abs(); // [n, ft, 16, pt]
              NDArray g4 = activation(w4.matMul(g3).addi(c4)); // [n, ft, 2, pt]
              // o = 255.5 - g; index = palette << 16 | o0 << 8 | o1 = base + 255.5*257 - 256 g0 - g1
              NDArray idx = toIndex.matMul(g4).addi(255.5f * 257).addi(base); // [n, ft, 1, pt]
              int[] rgb = table.take(chunk, idx.toType(DataType.INT64, false)).toIntArray();
              int ft = t1 - t0;
              for (int k = 0; k < n; k++) {
                byte[] dst = out[k];
                for (int t = 0; t < ft; t++) {
                  int src = (k * ft + t) * pt;
                  int d = ((t0 + t) * p + p0) * 3;
                  for (int i = 0; i < pt; i++) {
                    int v = rgb[src + i];
                    dst[d++] = (byte) (v >>> 16);
                    dst[d++] = (byte) (v >>> 8);
                    dst[d++] = (byte) v;
                  }
                }
              }
            }
          }
        }
      }
    } catch (InvalidInputException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new GenerationException(CppnSpec.MODEL_ID + ": DJL evaluation failed on "
          + manager.getDevice() + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Layers 1, 2 and {@code floor(a3 / 256) mod 512} for pixels [p0, p1) of one video: [16, p1-p0]. */
  private NDArray staticPart(NDManager m, int[] z, long style, int w, int h, int p0, int p1) {
    int p = p1 - p0;
    int hid = CppnSpec.HIDDEN;
    float[] spatial = new float[p * CppnSpec.INPUTS];
    fillSpatial(spatial, style, w, h, p0, p1);
    float s1 = (float) Math.scalb(1.0, -CppnSpec.SHIFT1);
    float[] a1 = new float[hid * CppnSpec.INPUTS];
    float[] b1 = new float[hid];
    for (int i = 0; i < hid; i++) {
      for (int j = 0; j < CppnSpec.INPUTS; j++) {
        a1[i * CppnSpec.INPUTS + j] = z[CppnSpec.INPUTS * i + j] * s1;
      }
      b1[i] = (z[CppnSpec.LATENT_BIAS + i] << CppnSpec.BIAS1_SHIFT) * s1;
    }
    NDArray u = m.create(spatial, new Shape(CppnSpec.INPUTS, p));
    NDArray g1 = activation(m.create(a1, new Shape(hid, CppnSpec.INPUTS)).matMul(u)
        .addi(m.create(b1, new Shape(hid, 1))));
    NDArray g2 = activation(w2.matMul(g1).addi(c2));
    return w3.matMul(g2).addi(c3).floor().modi(CppnSpec.PERIOD);
  }

  /** {@code colour(palette, o0, o1)} for every palette and 8-bit pair, at index {@code palette<<16 | o0<<8 | o1}. */
  private NDArray paletteTable(NDManager m) {
    int[] t = new int[8 << 16];
    for (int i = 0; i < t.length; i++) {
      t[i] = CppnSpec.colour(i >>> 16, (i >>> 8) & 255, i & 255);
    }
    return m.create(t);
  }

  /** {@code g = |floor(a) mod 512 - 255.5|}; the activation is {@code 127.5 - g}. */
  private static NDArray activation(NDArray a) {
    return a.floor().modi(CppnSpec.PERIOD).subi(255.5f).abs();
  }

  private static int[] checkLatent(int[] z) {
    if (z == null || z.length != CppnSpec.LATENT) {
      throw new InvalidInputException("latent: expected " + CppnSpec.LATENT + " values");
    }
    for (int v : z) {
      if (v < -128 || v > 127) {
        throw new InvalidInputException("latent: value " + v + " outside [-128, 127]");
      }
    }
    return z;
  }

  /** Rows X', Y', R of pixels [p0, p1): [3, p1-p0] (channels first). */
  private static void fillSpatial(float[] dst, long style, int w, int h, int p0, int p1) {
    int m = Math.max(w, h);
    int p = p1 - p0;
    boolean mx = CppnSpec.mirrorXOf(style);
    boolean my = CppnSpec.mirrorYOf(style);
    for (int i = 0; i < p; i++) {
      int y = (p0 + i) / w;
      int x = (p0 + i) % w;
      int cy = CppnSpec.coord(my ? CppnSpec.mirror(y, h) : y, h, m);
      int cx = CppnSpec.coord(mx ? CppnSpec.mirror(x, w) : x, w, m);
      dst[i] = cx;
      dst[p + i] = cy;
      dst[2 * p + i] = CppnSpec.radius(cx, cy);
    }
  }

  /** Frees the device memory this instance holds. Idempotent. */
  @Override
  public void close() {
    manager.close();
  }
}
