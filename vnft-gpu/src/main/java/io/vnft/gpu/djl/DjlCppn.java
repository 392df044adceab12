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
 * 1, 2 and {@code floor(a3 / 256)} are computed once per video; per frame there remain one
 * broadcast add and the activation of layer 3, the output layer, and the palette, which is a
 * table lookup ({@code colour(palette, o0, o1)} precomputed for all 8 x 256 x 256 cases).
 *
 * <p>Not thread-safe: one instance runs one batch at a time (it holds an {@link NDManager}).
 */
public final class DjlCppn implements AutoCloseable {
  /** Rows (token x frame x pixel) evaluated in one chunk; bounds memory to ~ 1 GiB of temporaries. */
  static final int CHUNK_ROWS = Integer.getInteger("vnft.djl.chunkRows", 1 << 20);

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
   * Next layer on {@code g} where the previous activation is {@code h = 127.5 - g}:
   * {@code (W h + B) 2^-s = g (-W^T 2^-s) + (B + 127.5 sum_j W_ij) 2^-s}.
   */
  private NDArray[] folded(int[][] w, int[] b, int shift) {
    int out = w.length;
    int in = w[0].length;
    float scale = (float) Math.scalb(1.0, -shift);
    float[] wt = new float[in * out];
    float[] c = new float[out];
    for (int i = 0; i < out; i++) {
      double sum = 0;
      for (int j = 0; j < in; j++) {
        wt[j * out + i] = -w[i][j] * scale;
        sum += w[i][j];
      }
      c[i] = (float) ((b[i] + 127.5 * sum) * scale);
    }
    return new NDArray[] {manager.create(wt, new Shape(in, out)), manager.create(c, new Shape(out))};
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
      // Static part, once per video: layers 1, 2 and the floored pre-activation of layer 3.
      NDArray[] q3 = new NDArray[n];
      float[] time = new float[n * frames * hid];
      float[] paletteBase = new float[n];
      for (int k = 0; k < n; k++) {
        int[] z = latents.get(k);
        long style = styles.get(k);
        q3[k] = staticPart(batch, z, style, w, h);
        int step = CppnSpec.speedStepOf(style);
        for (int t = 0; t < frames; t++) {
          int t1 = CppnSpec.t1(t, step);
          int t2 = CppnSpec.t2(t, step);
          for (int i = 0; i < hid; i++) {
            int j = CppnSpec.LATENT_TIME + CppnSpec.TIME_INPUTS * i;
            time[(k * frames + t) * hid + i] = (z[j] * t1 + z[j + 1] * t2) >> CppnSpec.TIME_SHIFT;
          }
        }
        paletteBase[k] = CppnSpec.paletteOf(style) << 16;
      }
      NDArray statics = n == 1 ? q3[0].expandDims(0) : NDArrays.stack(new NDList(q3)); // [n, p, 16]
      NDArray timeTerm = batch.create(time, new Shape(n, frames, 1, hid));
      NDArray base = batch.create(paletteBase, new Shape(n, 1, 1));

      int pixelsPerChunk = (int) Math.min(p, Math.max(1, CHUNK_ROWS / n));
      int framesPerChunk = pixelsPerChunk < p ? 1 : Math.max(1, CHUNK_ROWS / (n * p));
      for (int t0 = 0; t0 < frames; t0 += framesPerChunk) {
        int t1 = Math.min(frames, t0 + framesPerChunk);
        for (int p0 = 0; p0 < p; p0 += pixelsPerChunk) {
          int p1 = Math.min(p, p0 + pixelsPerChunk);
          try (NDManager chunk = batch.newSubManager()) {
            NDArray sp = statics.get(new NDIndex(":, {}:{}", p0, p1)).expandDims(1);
            NDArray tp = timeTerm.get(new NDIndex(":, {}:{}", t0, t1));
            sp.attach(chunk);
            tp.attach(chunk);
            NDArray g3 = activationNoFloor(sp.add(tp)); // [n, ft, pt, 16]
            NDArray g4 = activation(g3.matMul(w4).addi(c4)); // [n, ft, pt, 2]
            // o = 255.5 - g; index = palette << 16 | o0 << 8 | o1 = base + 65535.5*257 - 256 g0 - g1
            NDArray idx = g4.matMul(chunk.create(new float[] {-256f, -1f}, new Shape(2, 1)))
                .squeeze(-1).addi(255.5f * 257).addi(base);
            int[] rgb = table.take(chunk, idx.toType(DataType.INT64, false)).toIntArray();
            int ft = t1 - t0;
            int pt = p1 - p0;
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
    } catch (InvalidInputException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new GenerationException(CppnSpec.MODEL_ID + ": DJL evaluation failed on "
          + manager.getDevice() + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Layers 1, 2 and {@code floor(a3 / 256)} for every pixel of one video: [p, 16]. */
  private NDArray staticPart(NDManager batch, int[] z, long style, int w, int h) {
    int p = w * h;
    int hid = CppnSpec.HIDDEN;
    float[] spatial = new float[p * CppnSpec.INPUTS];
    fillSpatial(spatial, 0, style, w, h);
    float s1 = (float) Math.scalb(1.0, -CppnSpec.SHIFT1);
    float[] a1 = new float[CppnSpec.INPUTS * hid];
    float[] b1 = new float[hid];
    for (int i = 0; i < hid; i++) {
      for (int j = 0; j < CppnSpec.INPUTS; j++) {
        a1[j * hid + i] = z[CppnSpec.INPUTS * i + j] * s1;
      }
      b1[i] = (z[CppnSpec.LATENT_BIAS + i] << CppnSpec.BIAS1_SHIFT) * s1;
    }
    NDArray u = batch.create(spatial, new Shape(p, CppnSpec.INPUTS));
    NDArray g1 = activation(u.matMul(batch.create(a1, new Shape(CppnSpec.INPUTS, hid)))
        .addi(batch.create(b1)));
    NDArray g2 = activation(g1.matMul(w2).addi(c2));
    return g2.matMul(w3).addi(c3).floor();
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

  /** As {@link #activation} for an argument that is already an integer. */
  private static NDArray activationNoFloor(NDArray a) {
    return a.mod(CppnSpec.PERIOD).subi(255.5f).abs();
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

  private static void fillSpatial(float[] dst, int off, long style, int w, int h) {
    int m = Math.max(w, h);
    boolean mx = CppnSpec.mirrorXOf(style);
    boolean my = CppnSpec.mirrorYOf(style);
    int i = off;
    for (int y = 0; y < h; y++) {
      int cy = CppnSpec.coord(my ? CppnSpec.mirror(y, h) : y, h, m);
      for (int x = 0; x < w; x++) {
        int cx = CppnSpec.coord(mx ? CppnSpec.mirror(x, w) : x, w, m);
        dst[i++] = cx;
        dst[i++] = cy;
        dst[i++] = CppnSpec.radius(cx, cy);
      }
    }
  }

  /** Frees the device memory this instance holds. Idempotent. */
  @Override
  public void close() {
    manager.close();
  }
}
