package io.vnft.gpu.training;

import io.vnft.gpu.model.GanSpec;
import io.vnft.gpu.model.GanText;
import io.vnft.gpu.model.GanWeights;
import io.vnft.gpu.model.ReferenceGan;
import java.util.Locale;

/**
 * The training report's check of the quantised model: for every concept, its first training text
 * through the integer text encoder, the integer network ({@link ReferenceGan}) at the training
 * resolution with z = 0, composited on white, against the concept's image on white: mean absolute
 * error per channel (0..255) and how often the concept's own image is the nearest of all images
 * (mean squared error). Stateless.
 */
final class QuantisedCheck {
  private QuantisedCheck() {}

  static String report(GanWeights w, EmojiConcepts data, int res) {
    ReferenceGan net = new ReferenceGan(w);
    GanText text = new GanText(w);
    int n = data.size();
    int p = res * res;
    float[][] gen = new float[n][p * 3];
    float[][] ref = new float[n][p * 3];
    int[] in = new int[GanSpec.INPUTS_1];
    double mae = 0;
    for (int c = 0; c < n; c++) {
      int[] cond = text.vector(GanText.segments(data.rawTexts(c).get(0)).get(0));
      for (int y = 0; y < res; y++) {
        for (int x = 0; x < res; x++) {
          GanSpec.spatial(GanSpec.coord(x, res, res), GanSpec.coord(y, res, res), in, 0);
          System.arraycopy(cond, 0, in, GanSpec.SPATIAL, GanSpec.DIMS);
          for (int j = 0; j < GanSpec.Z; j++) {
            in[GanSpec.SPATIAL + GanSpec.DIMS + j] = 0;
          }
          int[] o = net.network(in);
          int i = y * res + x;
          float a = data.alpha(c)[i];
          for (int ch = 0; ch < 3; ch++) {
            gen[c][i * 3 + ch] = GanSpec.composite(o[3], o[ch], 255);
            ref[c][i * 3 + ch] = 255 * (data.premultiplied(c)[i * 3 + ch] + (1 - a));
            mae += Math.abs(gen[c][i * 3 + ch] - ref[c][i * 3 + ch]);
          }
        }
      }
    }
    mae /= (double) n * p * 3;
    int top1 = 0;
    int top5 = 0;
    for (int c = 0; c < n; c++) {
      double own = mse(gen[c], ref[c]);
      int better = 0;
      for (int k = 0; k < n; k++) {
        if (k != c && mse(gen[c], ref[k]) < own) {
          better++;
        }
      }
      top1 += better == 0 ? 1 : 0;
      top5 += better < 5 ? 1 : 0;
    }
    return String.format(Locale.ROOT, "quantised model, first training text of each of %d concepts, %dx%d on white: "
        + "mean abs error %.1f / 255; own image nearest %.1f %%, in top 5 %.1f %% (chance %.2f %%)",
        n, res, res, mae, 100.0 * top1 / n, 100.0 * top5 / n, 500.0 / n);
  }

  private static double mse(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }

}
