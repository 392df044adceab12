package io.vnft.gpu.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vnft.api.VideoFormat;
import io.vnft.gpu.model.GanLatent;
import io.vnft.gpu.model.GanSpec;
import io.vnft.gpu.model.GanWeights;
import io.vnft.gpu.model.ReferenceGan;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float32 claim behind {@link DjlGan}: every input, weight and (folded) bias is an integer and
 * every pre-activation is below 2^23 in magnitude, so products, sums, floor and clamp are exact.
 * Checked here: the bound over every shape and motion the spec allows, and the engine's products
 * and activations against {@code long} arithmetic at that bound, for every shift.
 */
class DjlGanArithmeticTest {
  private static final long LIMIT = 1L << 23;
  /** Conditioning and latent inputs of every layer, each at most 128 in magnitude. */
  private static final int CZ = GanSpec.DIMS + GanSpec.Z;
  /** Largest |folded bias| of a canvas: the bias and the conditioning/latent terms. */
  private static final long FOLDED = GanSpec.MAX_BIAS + (long) GanSpec.MAX_WEIGHT * CZ * 128;

  /** Largest |cx| (or |cy|) over every width n <= m <= 4096 and the largest motion amplitude. */
  private static int largestCoordinate() {
    int max = 0;
    for (int m = 1; m <= 4096; m++) {
      int a = (15 * m) >> 8; // GanLatent.amplitudeX with the nibble at 15
      for (int n = 1; n <= m; n++) {
        // coord is increasing in u: the extremes are at the ends of [-A, n + A)
        max = Math.max(max, Math.abs(GanSpec.coord(-a, n, m)));
        max = Math.max(max, Math.abs(GanSpec.coord(n + a - 1, n, m)));
      }
    }
    return max;
  }

  @Test
  void everyPreActivationStaysBelowTwoToThe23() {
    int c = largestCoordinate();
    assertTrue(c <= 143, "|cx| up to " + c);
    int[] sp = new int[GanSpec.SPATIAL];
    long spatial = 0;
    int rMax = 0;
    // every spatial input is at most these in magnitude (r is largest at the largest |cx|, |cy|)
    for (int x = -c; x <= c; x++) {
      GanSpec.spatial(x, c, sp, 0);
      rMax = Math.max(rMax, Math.abs(sp[2]));
      for (int i = 3; i < sp.length; i++) {
        assertTrue(sp[i] >= -128 && sp[i] <= 127);
      }
    }
    spatial = 2L * c + rMax + (GanSpec.SPATIAL - 3) * 128L;
    long layer1 = GanSpec.MAX_BIAS + GanSpec.MAX_WEIGHT * (spatial + CZ * 128);
    long hidden = GanSpec.MAX_BIAS + GanSpec.MAX_WEIGHT * ((long) GanSpec.HIDDEN * 255 + CZ * 128);
    assertTrue(layer1 < LIMIT, "layer 1 bound " + layer1);
    assertTrue(hidden < LIMIT, "layers 2..4 bound " + hidden);
    assertTrue(FOLDED < LIMIT);
  }

  /**
   * Rows of {@code [K, n]} inputs ending in a ones row, and [rows, K] weights (times 2^-s) whose
   * last column is a folded bias: extreme rows (every term at its largest, with the same sign),
   * random rows, and rows that land next to multiples of 2^s.
   */
  @Test
  void productsAndActivationsMatchIntegerArithmeticForEveryShift() {
    Random rnd = new Random(9);
    int n = 512;
    for (int layer = 0; layer < 2; layer++) {
      int main = layer == 0 ? GanSpec.SPATIAL : GanSpec.HIDDEN;
      int k = main + 1;
      long[][] x = new long[k][n];
      for (int p = 0; p < n; p++) {
        for (int j = 0; j < main; j++) {
          long lo = layer == 0 ? (j < 2 ? -143 : -128) : 0;
          long hi = layer == 0 ? (j < 2 ? 143 : j == 2 ? 191 : 127) : 255;
          x[j][p] = switch (p % 4) {
            case 0 -> hi;
            case 1 -> lo;
            default -> lo + rnd.nextInt((int) (hi - lo + 1));
          };
        }
        x[main][p] = 1;
      }
      int rows = 64;
      for (int s = 0; s <= GanSpec.MAX_SHIFT; s++) {
        long[][] wt = new long[rows][k];
        for (int o = 0; o < rows; o++) {
          for (int j = 0; j < main; j++) {
            wt[o][j] = o < 2 ? (o == 0 ? 127 : -127) : rnd.nextInt(255) - 127;
          }
          wt[o][main] = o == 0 ? FOLDED : o == 1 ? -FOLDED : rnd.nextLong(-FOLDED, FOLDED + 1);
          if (o >= 2 && o < 10) {
            // the bias alone: q 2^s - 1, q 2^s or q 2^s + 1, around every activation step
            java.util.Arrays.fill(wt[o], 0, main, 0);
            long q = Math.min(257, (FOLDED - 1) >> s);
            wt[o][main] = ((long) rnd.nextInt(-2, (int) q + 1) << s) + rnd.nextInt(3) - 1;
          }
        }
        check(wt, x, s);
      }
    }
  }

  private static void check(long[][] wt, long[][] x, int s) {
    int rows = wt.length;
    int k = x.length;
    int n = x[0].length;
    float scale = (float) Math.scalb(1.0, -s);
    float[] wf = new float[rows * k];
    float[] xf = new float[k * n];
    for (int o = 0; o < rows; o++) {
      for (int j = 0; j < k; j++) {
        wf[o * k + j] = wt[o][j] * scale;
        assertEquals(wt[o][j], (long) Math.scalb(wf[o * k + j], s), "weight not exact");
      }
    }
    for (int j = 0; j < k; j++) {
      for (int p = 0; p < n; p++) {
        xf[j * n + p] = x[j][p];
      }
    }
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      NDArray pre = m.create(wf, new Shape(rows, k)).matMul(m.create(xf, new Shape(k, n)));
      float[] got = pre.toFloatArray();
      float[] act = DjlGan.activation(pre.duplicate()).toFloatArray();
      byte[] out = DjlGan.output(pre).toByteArray();
      for (int o = 0; o < rows; o++) {
        for (int p = 0; p < n; p++) {
          long want = 0;
          for (int j = 0; j < k; j++) {
            want += wt[o][j] * x[j][p];
          }
          assertTrue(Math.abs(want) < LIMIT, "test input beyond the bound: " + want);
          int i = o * n + p;
          assertEquals(want, (long) Math.scalb((double) got[i], s), "pre-activation, shift " + s + ", row " + o);
          int a = GanSpec.activation((int) want, s);
          assertEquals(a, (int) act[i], "activation, shift " + s + ", pre " + want);
          assertEquals(a, out[i] & 255, "output, shift " + s + ", pre " + want);
        }
      }
    }
  }

  /** Weights at their limits (|W| = 127, |B| = 2^21) with shifts that keep outputs unsaturated. */
  @Test
  void extremeWeightsRenderLikeTheReference() {
    Random rnd = new Random(10);
    int[] shifts = {15, 15, 15, 16};
    int[][][] w = new int[GanSpec.LAYERS][][];
    int[][] b = new int[GanSpec.LAYERS][];
    for (int l = 0; l < GanSpec.LAYERS; l++) {
      w[l] = new int[GanSpec.outputs(l)][GanSpec.inputs(l)];
      b[l] = new int[GanSpec.outputs(l)];
      for (int o = 0; o < w[l].length; o++) {
        for (int i = 0; i < w[l][o].length; i++) {
          w[l][o][i] = rnd.nextBoolean() ? 127 : -127;
        }
        // the output layer's biases all positive, so that alpha and the colours vary
        b[l][o] = rnd.nextBoolean() || l == GanSpec.LAYERS - 1 ? GanSpec.MAX_BIAS - rnd.nextInt(1 << 20)
            : -GanSpec.MAX_BIAS + rnd.nextInt(1 << 20);
      }
    }
    int[][] vectors = {new int[GanSpec.DIMS]};
    GanWeights weights = GanWeights.parse(GanWeights.write(List.of("a"), vectors, new int[] {1}, shifts, w, b));
    ReferenceGan ref = new ReferenceGan(weights);
    List<DjlGan.Video> videos = new ArrayList<>();
    int[] hi = new int[31];
    java.util.Arrays.fill(hi, 255);
    int[] lo = new int[31];
    lo[7] = 15;
    lo[8] = 15;
    int[][] extreme = {new int[GanSpec.DIMS], new int[GanSpec.DIMS]};
    java.util.Arrays.fill(extreme[0], 127);
    java.util.Arrays.fill(extreme[1], -128);
    for (int[] bytes : new int[][] {hi, lo}) {
      videos.add(new DjlGan.Video(new GanLatent(bytes), extreme, new VideoFormat(256, 2, 7, 12)));
      videos.add(new DjlGan.Video(new GanLatent(bytes), extreme, new VideoFormat(3, 200, 5, 12)));
    }
    // the network's own outputs (before compositing) are mostly neither 0 nor 255
    int unsaturated = 0;
    int[] in = new int[GanSpec.INPUTS_1];
    for (int i = 0; i < 200; i++) {
      for (int j = 0; j < in.length; j++) {
        in[j] = rnd.nextInt(256) - 128;
      }
      for (int o : ref.network(in)) {
        unsaturated += o > 0 && o < 255 ? 1 : 0;
      }
    }
    assertTrue(unsaturated > 600, "the weights should leave outputs unsaturated: " + unsaturated + " of 800");
    try (DjlGan djl = new DjlGan(weights, Device.cpu())) {
      byte[][] got = djl.render(videos);
      for (int i = 0; i < videos.size(); i++) {
        DjlGan.Video v = videos.get(i);
        byte[] want = ref.render(v.latent(), v.conditioning(), v.format());
        assertArrayEquals(want, got[i], "video " + i);
      }
    }
  }
}
