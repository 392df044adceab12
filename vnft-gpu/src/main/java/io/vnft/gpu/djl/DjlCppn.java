package io.vnft.gpu.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
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
 * 2^-s is exact), and so are the constants and signs of the activations. {@code floor} is a
 * round-to-nearest after a bias shift of just under one half (folded into the biases) and an add
 * of 1.5 * 2^23; {@code mod 512} is the centred residue {@code r} of {@code floor(a) + 1/2},
 * obtained by rounding to a multiple of 512 (adding and subtracting 1.5 * 2^32), so that
 * {@code tri(floor(a) mod 512) = |r| - 1/2} ({@link #centred}; PyTorch's own {@code mod}
 * is about 15x slower than an add on the CPU). Time enters only at layer 3 as an integer added
 * after its shift, so layers 1, 2 and {@code floor(a3 / 256) mod 512} are computed once per video
 * and pixel chunk; per frame there remain one broadcast add and the activation of layer 3 (as
 * {@code ||u| - 256|}, no modulo), the output layer, and the palette, a Java table lookup
 * ({@code colour(palette, o0, o1)} precomputed for all 8 x 256 x 256 cases) on the two 8-bit
 * outputs, which come back from the device as one byte each per pixel.
 *
 * <p>Speed: pixels are processed in chunks of {@link #CHUNK_ROWS} (1 MiB per [16, chunk] tensor,
 * cache-sized). Each pass allocates a fresh chunk-sized tensor and frees its input at once, so
 * PyTorch's allocator hands the same memory back pass after pass; a one-pass {@code abs} then
 * beats an in-place {@code x * sign(x)} (four passes). (At the old 2^16-pixel chunk, a fresh
 * 4 MiB tensor cost a page fault per 4 KiB, 1 030 faults per frame; the chunk size avoids that.)
 * {@code DjlArithmeticTest} checks the float32 tricks against integer arithmetic for every
 * pre-activation the model can produce.
 *
 * <p>Not thread-safe: one instance runs one batch at a time (it holds an {@link NDManager}).
 */
public final class DjlCppn implements AutoCloseable {
  /**
   * Pixels of one frame evaluated per chunk (system property {@code vnft.djl.chunkRows}, default
   * 2^14: a [16, chunk] float array is 1 MiB, so a chunk's passes stay in a core's L2/L3 cache;
   * measured on the 2-core development VM, the per-frame layer-3 passes cost 0.8 ms per 256x256
   * frame at 2^14, 0.85 at 2^15, 1.0 at 2^13 and 1.45 at 2^16).
   */
  static final int CHUNK_ROWS = Integer.getInteger("vnft.djl.chunkRows", 1 << 14);

  private final int chunkRows;
  private final NDManager manager;
  private final NDArray w2;
  private final NDArray c2;
  private final NDArray w3;
  private final NDArray c3;
  private final NDArray w4;
  private final NDArray c4;
  private final Constants constants;
  /** {@code colour(palette, o0, o1)} at index {@code palette << 16 | o0 << 8 | o1} (2 MiB, shared). */
  private static final int[] TABLE = paletteTable();

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
    // layers 2 and 3 read h = |r| - 128.5 (activation); layer 4 reads h = 127.5 - g
    NDArray[] l2 = folded(weights.w2(), weights.b2(), CppnSpec.SHIFT_HIDDEN, 1, -128.5);
    NDArray[] l3 = folded(weights.w3(), weights.b3(), CppnSpec.SHIFT_HIDDEN, 1, -128.5);
    NDArray[] l4 = folded(weights.w4(), weights.b4(), CppnSpec.SHIFT_OUT, -1, 127.5);
    w2 = l2[0];
    c2 = l2[1];
    w3 = l3[0];
    c3 = l3[1];
    w4 = l4[0];
    c4 = l4[1];
    constants = new Constants(manager);
  }

  /**
   * Next layer on {@code g} (channels first) where the previous activation is
   * {@code h = sign * g + offset}: {@code (W h + B) 2^-s = (sign W 2^-s) g + (B + offset
   * sum_j W_ij) 2^-s}, less {@link #floorOffset} so that rounding gives the floor.
   */
  private NDArray[] folded(int[][] w, int[] b, int shift, int sign, double offset) {
    int out = w.length;
    int in = w[0].length;
    float scale = (float) Math.scalb(1.0, -shift);
    float[] wf = new float[out * in];
    float[] c = new float[out];
    for (int i = 0; i < out; i++) {
      double sum = 0;
      for (int j = 0; j < in; j++) {
        wf[i * in + j] = sign * w[i][j] * scale;
        sum += w[i][j];
      }
      c[i] = (float) ((b[i] + offset * sum) * scale - floorOffset(shift));
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
    int pixelsPerChunk = Math.min(p, chunkRows);
    int chunks = (p + pixelsPerChunk - 1) / pixelsPerChunk;
    // spatial grids per (mirror variant, chunk), shared by the batch's videos of that variant
    float[][] grids = new float[4 * chunks][];
    try (NDManager batch = manager.newSubManager()) {
      for (int k = 0; k < n; k++) {
        int[] z = latents.get(k);
        long style = styles.get(k);
        byte[] dst = out[k];
        try (NDManager video = batch.newSubManager()) {
          NDArray timeTerm = video.create(timeTerms(z, style, frames), new Shape(frames, hid, 1));
          NDArray[] tps = new NDArray[frames];
          for (int t = 0; t < frames; t++) {
            tps[t] = timeTerm.get(t);
          }
          int base = CppnSpec.paletteOf(style) << 16;
          for (int p0 = 0; p0 < p; p0 += pixelsPerChunk) {
            int p1 = Math.min(p, p0 + pixelsPerChunk);
            int pt = p1 - p0;
            try (NDManager range = video.newSubManager()) {
              // ((q3 + 256) mod 512) - 511.5 with q3 = floor(a3 / 256): frame-independent, [16, pt]
              // the spatial grid (X', Y', R per pixel) depends only on the shape and the mirror bits
              int variant = (CppnSpec.mirrorXOf(style) ? 1 : 0) | (CppnSpec.mirrorYOf(style) ? 2 : 0);
              int slot = variant * chunks + p0 / pixelsPerChunk;
              if (grids[slot] == null) {
                grids[slot] = new float[pt * CppnSpec.INPUTS];
                fillSpatial(grids[slot], style, w, h, p0, p1);
              }
              NDArray sp = staticPart(range, z, grids[slot], pt);
              for (int t = 0; t < frames; t++) {
                try (NDManager chunk = range.newSubManager()) {
                  // u = ((q3 + 256) mod 512) + ((ct - 256) mod 512) - 511.5 in [-511.5, 510.5];
                  // tri's g = |(q3 + ct) mod 512 - 255.5| = ||u| - 256| without a modulo
                  // (a result lives in its first operand's manager: u is moved to chunk, so the
                  // arrays made from it are there too)
                  NDArray u = sp.add(tps[t]);
                  u.attach(chunk);
                  NDArray au = u.abs();
                  u.close();
                  au.subi(constants.c256);
                  NDArray g3 = au.abs(); // [16, pt]
                  au.close();
                  NDArray a4 = w4.matMul(g3); // [2, pt]
                  a4.attach(chunk);
                  a4.addi(c4);
                  NDArray g4 = activation(a4, constants);
                  // o = tri(a4 >> 7) = |r| - 0.5, an integer in [0, 255]; one byte per output and pixel comes back
                  // |r| - 1/2 by the conversion's truncation toward zero (|r| in [0.5, 255.5])
                  NDArray o = g4.toType(DataType.UINT8, false);
                  byte[] ob = o.toByteArray(); // [o0 x pt, o1 x pt]
                  int d = (t * p + p0) * 3;
                  for (int i = 0; i < pt; i++) {
                    int v = TABLE[base | (ob[i] & 255) << 8 | (ob[pt + i] & 255)];
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

  /** {@code (ct - 256) mod 512} per frame and hidden unit: [frames * 16] (see {@link #staticPart}). */
  private static float[] timeTerms(int[] z, long style, int frames) {
    int hid = CppnSpec.HIDDEN;
    float[] time = new float[frames * hid];
    int step = CppnSpec.speedStepOf(style);
    for (int t = 0; t < frames; t++) {
      int t1 = CppnSpec.t1(t, step);
      int t2 = CppnSpec.t2(t, step);
      for (int i = 0; i < hid; i++) {
        int j = CppnSpec.LATENT_TIME + CppnSpec.TIME_INPUTS * i;
        int ct = (z[j] * t1 + z[j + 1] * t2) >> CppnSpec.TIME_SHIFT;
        time[t * hid + i] = Math.floorMod(ct - 256, CppnSpec.PERIOD);
      }
    }
    return time;
  }

  /**
   * Layers 1, 2 and {@code ((floor(a3 / 256) + 256) mod 512) - 511.5} for the {@code p} pixels
   * of one chunk of one video, whose rows X', Y', R are {@code spatial} ([3, p], channels first):
   * [16, p], attached to {@code m}.
   */
  private NDArray staticPart(NDManager m, int[] z, float[] spatial, int p) {
    int hid = CppnSpec.HIDDEN;
    float s1 = (float) Math.scalb(1.0, -CppnSpec.SHIFT1);
    float[] a1 = new float[hid * CppnSpec.INPUTS];
    float[] b1 = new float[hid];
    for (int i = 0; i < hid; i++) {
      for (int j = 0; j < CppnSpec.INPUTS; j++) {
        a1[i * CppnSpec.INPUTS + j] = z[CppnSpec.INPUTS * i + j] * s1;
      }
      b1[i] = (z[CppnSpec.LATENT_BIAS + i] << CppnSpec.BIAS1_SHIFT) * s1 - floorOffset(CppnSpec.SHIFT1);
    }
    NDArray g1;
    try (NDManager tmp = m.newSubManager()) {
      NDArray u = tmp.create(spatial, new Shape(CppnSpec.INPUTS, p));
      g1 = tmp.create(a1, new Shape(hid, CppnSpec.INPUTS)).matMul(u)
          .addi(tmp.create(b1, new Shape(hid, 1)));
      g1.attach(m);
    }
    // each temporary is freed as soon as it is used, so that the next one of the same size
    // can take its memory
    g1 = activation(g1, constants);
    NDArray g2 = w2.matMul(g1).addi(c2);
    g2.attach(m);
    g1.close();
    g2 = activation(g2, constants);
    NDArray l3 = w3.matMul(g2).addi(c3);
    l3.attach(m);
    g2.close();
    // r - 256 = (q3 + 256) mod 512 - 511.5 with q3 = floor(a3 / 256) (mod 512): with the time
    // term (ct - 256) mod 512 the per-frame sum is (q3 + ct) mod 512 + 512 k - 511.5, k in {0, 1}
    return centred(l3, constants).subi(constants.c256);
  }

  private static int[] paletteTable() {
    int[] t = new int[8 << 16];
    for (int i = 0; i < t.length; i++) {
      t[i] = CppnSpec.colour(i >>> 16, (i >>> 8) & 255, i & 255);
    }
    return t;
  }

  /**
   * The value {@code d} subtracted (through the biases) from a pre-activation {@code a = A 2^-s},
   * A an integer, so that rounding to nearest gives {@code floor(a)}: the fraction of
   * {@code a - d} lies strictly between -1/2 and 1/2 ({@code (2^(s-1) - 1/2) / 2^s}, exact).
   */
  static float floorOffset(int shift) {
    return (float) Math.scalb((1 << (shift - 1)) - 0.5, -shift);
  }

  /**
   * {@code a = r} in place, with {@code r} the representative in (-256, 256) of
   * {@code round(a) + 1/2} modulo 512, for {@code |a| < 2^21}; returns {@code a}.
   * No {@code mod} operator (PyTorch's is ~15x slower than an add on the CPU): adding 1.5 * 2^23
   * makes float32 round to an integer (no ties, see {@link #floorOffset}); adding and then
   * subtracting 1.5 * 2^32 rounds the half-integer {@code y = round(a) + 1/2} to the nearest
   * multiple of 512 (ulp 512 there; no ties as y is not an integer), and {@code y} less that is r.
   * Every step is exact in IEEE-754 binary32.
   */
  static NDArray centred(NDArray a, Constants k) {
    a.addi(k.rounder).subi(k.rounder).addi(k.half);
    try (NDArray multiple = a.add(k.rounder512)) {
      return a.subi(multiple.subi(k.rounder512));
    }
  }

  /**
   * The scalar operands of the passes as one-element tensors on the device: an operation with a
   * Java number makes DJL create a tensor from it on every call (measured ~10 us per in-place add
   * on the CPU, against ~1.5 us with a ready tensor).
   */
  static final class Constants {
    final NDArray rounder;
    final NDArray rounder512;
    final NDArray half;
    final NDArray c256;

    Constants(NDManager m) {
      rounder = m.create(new float[] {1.5f * (1 << 23)}, new Shape(1));
      rounder512 = m.create(new float[] {1.5f * (1L << 32)}, new Shape(1));
      half = m.create(new float[] {0.5f}, new Shape(1));
      c256 = m.create(new float[] {256f}, new Shape(1));
    }
  }

  /**
   * {@code |r|} ({@link #centred}) for a pre-activation already shifted by {@link #floorOffset}:
   * with {@code m = floor(a) mod 512}, {@code tri(m) = |r| - 1/2}, so the activation
   * {@code tri(m) - 128} is {@code |r| - 128.5}. Returns a new array in a's manager and closes
   * {@code a} (whose contents the call overwrites).
   */
  static NDArray activation(NDArray a, Constants k) {
    NDArray r = centred(a, k).abs();
    a.close();
    return r;
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
