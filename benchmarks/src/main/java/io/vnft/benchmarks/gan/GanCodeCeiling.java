package io.vnft.benchmarks.gan;

import io.vnft.api.InvalidInputException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The ceiling a conditioning of a given layout puts on retrieval: the dataset's 16x16 thumbnails
 * (premultiplied colour and alpha, box-downsampled) coded by their first {@code k} principal
 * components, each coefficient quantised uniformly to {@code bits} bits (limit: its 99th
 * percentile of magnitudes), decoded, composited on a random background (per channel
 * 128..255, seeded) and ranked against every dataset image on that background by
 * {@link ImageSimilarity} (-MSE; ties count against the target), as the quality report ranks
 * generated frames. A perfect linear decoder of such a code scores this; {@code vnft-gan-1}'s
 * conditioning is 240 bits for two concepts, 120 per concept.
 *
 * <p>Usage: {@code GanCodeCeiling CONCEPTS.tsv [k:bits ...]} (default
 * {@code 15:8 20:6 24:5 30:4 40:3 60:2}); {@code benchmarks/gan-code-ceiling.sh} runs it. The
 * principal components come from 60 rounds of block power iteration and a Rayleigh-Ritz step.
 * Not part of {@code mvn verify}; stateless.
 */
public final class GanCodeCeiling {
  /** Values per thumbnail ({@link TrainingImages#premultipliedThumbnails}): 16 x 16 x (R, G, B premultiplied, alpha). */
  static final int VALUES = ImageSimilarity.SIDE * ImageSimilarity.SIDE * 4;

  private GanCodeCeiling() {}

  /** Top-1 and top-5 rates of one code. */
  record Ceiling(int k, int bits, double top1, double top5) {}

  /**
   * Command-line entry point; exit status 2 when an argument or the data is refused, 1 on any other error.
   *
   * @param args the concepts table, then {@code k:bits} pairs
   */
  public static void main(String[] args) {
    GanQualityReport.exitOnError(() -> run(args, System.out));
  }

  static List<Ceiling> run(String[] args, PrintStream out) {
    if (args.length < 1) {
      throw new InvalidInputException("usage: GanCodeCeiling CONCEPTS.tsv [k:bits ...]");
    }
    List<int[]> codes = new ArrayList<>();
    for (String a : args.length > 1 ? Arrays.copyOfRange(args, 1, args.length)
        : new String[] {"15:8", "20:6", "24:5", "30:4", "40:3", "60:2"}) {
      String[] kb = a.split(":");
      int k;
      int bits;
      try {
        k = Integer.parseInt(kb[0]);
        bits = Integer.parseInt(kb[1]);
      } catch (RuntimeException e) {
        throw new InvalidInputException("code: expected k:bits (e.g. 40:3), got " + a);
      }
      if (k < 0 || bits < 1 || bits > 16) {
        throw new InvalidInputException("code " + a + ": k must be >= 0 and bits in 1..16");
      }
      codes.add(new int[] {k, bits});
    }
    double[][] x = TrainingImages.load(Concept.readAll(Path.of(args[0]))).premultipliedThumbnails();
    int kMax = codes.stream().mapToInt(c -> c[0]).max().orElse(0);
    if (kMax > Math.min(x.length, VALUES)) {
      throw new InvalidInputException("code: k = " + kMax + " above min(concepts, values) = "
          + Math.min(x.length, VALUES));
    }
    double[] mean = mean(x);
    double[][] basis = components(x, mean, kMax);
    List<Ceiling> result = new ArrayList<>();
    out.printf(Locale.ROOT, "%d concepts; chance top-1 %.2f %%, top-5 %.2f %%%n", x.length, 100.0 / x.length,
        500.0 / x.length);
    for (int[] c : codes) {
      Ceiling r = measure(x, mean, basis, c[0], c[1]);
      result.add(r);
      out.printf(Locale.ROOT, "%d values x %d bits (%d bits): own image top-1 %.1f %%, top-5 %.1f %%%n", r.k(),
          r.bits(), r.k() * r.bits(), 100 * r.top1(), 100 * r.top5());
    }
    return result;
  }

  /** The mean row. */
  static double[] mean(double[][] x) {
    double[] mean = new double[x[0].length];
    for (double[] r : x) {
      for (int j = 0; j < mean.length; j++) {
        mean[j] += r[j] / x.length;
      }
    }
    return mean;
  }

  /** The first {@code k} principal axes of the centred rows, by decreasing variance. */
  static double[][] components(double[][] x, double[] mean, int k) {
    int d = mean.length;
    SplittableRandom rnd = new SplittableRandom(20261204L);
    double[][] v = new double[k][d];
    for (double[] row : v) {
      for (int j = 0; j < d; j++) {
        row[j] = rnd.nextDouble() - 0.5;
      }
    }
    orthonormalise(v);
    for (int round = 0; round < 60 && k > 0; round++) {
      double[][] av = project(x, mean, v); // [n][k]
      double[][] next = new double[k][d];
      IntStream.range(0, k).parallel().forEach(c -> {
        for (int i = 0; i < x.length; i++) {
          double s = av[i][c];
          for (int j = 0; j < d; j++) {
            next[c][j] += s * (x[i][j] - mean[j]);
          }
        }
      });
      v = next;
      orthonormalise(v);
    }
    // Rayleigh-Ritz: eigenvectors of the k x k covariance of the projections, by Jacobi rotations
    double[][] av = project(x, mean, v);
    double[][] h = new double[k][k];
    for (double[] r : av) {
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          h[a][b] += r[a] * r[b];
        }
      }
    }
    double[][] e = jacobi(h);
    Integer[] order = IntStream.range(0, k).boxed().toArray(Integer[]::new);
    Arrays.sort(order, (a, b) -> Double.compare(h[b][b], h[a][a]));
    double[][] out = new double[k][d];
    for (int c = 0; c < k; c++) {
      for (int a = 0; a < k; a++) {
        double w = e[a][order[c]];
        for (int j = 0; j < d; j++) {
          out[c][j] += w * v[a][j];
        }
      }
    }
    return out;
  }

  private static double[][] project(double[][] x, double[] mean, double[][] v) {
    double[][] out = new double[x.length][v.length];
    IntStream.range(0, x.length).parallel().forEach(i -> {
      for (int c = 0; c < v.length; c++) {
        double s = 0;
        for (int j = 0; j < mean.length; j++) {
          s += (x[i][j] - mean[j]) * v[c][j];
        }
        out[i][c] = s;
      }
    });
    return out;
  }

  private static void orthonormalise(double[][] v) {
    for (int a = 0; a < v.length; a++) {
      for (int b = 0; b < a; b++) {
        double dot = 0;
        for (int j = 0; j < v[a].length; j++) {
          dot += v[a][j] * v[b][j];
        }
        for (int j = 0; j < v[a].length; j++) {
          v[a][j] -= dot * v[b][j];
        }
      }
      double norm = 0;
      for (double z : v[a]) {
        norm += z * z;
      }
      norm = Math.sqrt(norm);
      for (int j = 0; j < v[a].length; j++) {
        v[a][j] = norm > 0 ? v[a][j] / norm : 0;
      }
    }
  }

  /** Diagonalises the symmetric {@code h} in place; returns the eigenvectors as columns. */
  private static double[][] jacobi(double[][] h) {
    int n = h.length;
    double[][] e = new double[n][n];
    for (int i = 0; i < n; i++) {
      e[i][i] = 1;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          off += h[p][q] * h[p][q];
        }
      }
      if (off < 1e-18) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          if (Math.abs(h[p][q]) < 1e-300) {
            continue;
          }
          double theta = (h[q][q] - h[p][p]) / (2 * h[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double hkp = h[k][p];
            double hkq = h[k][q];
            h[k][p] = c * hkp - s * hkq;
            h[k][q] = s * hkp + c * hkq;
          }
          for (int k = 0; k < n; k++) {
            double hpk = h[p][k];
            double hqk = h[q][k];
            h[p][k] = c * hpk - s * hqk;
            h[q][k] = s * hpk + c * hqk;
          }
          for (int k = 0; k < n; k++) {
            double ekp = e[k][p];
            double ekq = e[k][q];
            e[k][p] = c * ekp - s * ekq;
            e[k][q] = s * ekp + c * ekq;
          }
        }
      }
    }
    return e;
  }

  /** Codes, quantises, decodes and ranks every concept with the first {@code k} components. */
  static Ceiling measure(double[][] x, double[] mean, double[][] basis, int k, int bits) {
    int n = x.length;
    double[][] coef = project(x, mean, Arrays.copyOf(basis, k));
    double[] limit = new double[k];
    for (int c = 0; c < k; c++) {
      double[] mags = new double[n];
      for (int i = 0; i < n; i++) {
        mags[i] = Math.abs(coef[i][c]);
      }
      Arrays.sort(mags);
      limit[c] = Math.max(mags[(int) Math.min(n - 1, Math.floor(0.99 * (n - 1)))], 1e-9);
    }
    long levels = (1L << (bits - 1)) - 1;
    double[][] decoded = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] r = mean.clone();
      for (int c = 0; c < k; c++) {
        double q;
        if (levels == 0) { // one bit: the sign
          q = coef[i][c] >= 0 ? limit[c] / 2 : -limit[c] / 2;
        } else {
          q = Math.max(-levels - 1, Math.min(levels, Math.round(coef[i][c] / limit[c] * levels))) * limit[c] / levels;
        }
        for (int j = 0; j < r.length; j++) {
          r[j] += q * basis[c][j];
        }
      }
      for (int j = 0; j < r.length; j++) {
        r[j] = Math.max(0, Math.min(255, r[j]));
      }
      decoded[i] = r;
    }
    SplittableRandom rnd = new SplittableRandom(7L * k + bits);
    int[][] backgrounds = new int[n][3];
    for (int[] bg : backgrounds) {
      for (int c = 0; c < 3; c++) {
        bg[c] = 128 + rnd.nextInt(128);
      }
    }
    int[] ranks = IntStream.range(0, n).parallel().map(i -> {
      List<double[]> gallery = new ArrayList<>(n);
      for (double[] row : x) {
        gallery.add(composite(row, backgrounds[i]));
      }
      return ImageSimilarity.rank(composite(decoded[i], backgrounds[i]), gallery, i).rank();
    }).toArray();
    return new Ceiling(k, bits, Arrays.stream(ranks).filter(r -> r == 1).count() / (double) n,
        Arrays.stream(ranks).filter(r -> r <= 5).count() / (double) n);
  }

  /** A thumbnail of premultiplied colour and alpha on a background, in {@link ImageSimilarity}'s layout. */
  private static double[] composite(double[] t, int[] bg) {
    double[] out = new double[ImageSimilarity.VALUES];
    for (int cell = 0; cell < ImageSimilarity.SIDE * ImageSimilarity.SIDE; cell++) {
      double a = t[4 * cell + 3] / 255;
      for (int c = 0; c < 3; c++) {
        out[3 * cell + c] = t[4 * cell + c] + (1 - a) * bg[c];
      }
    }
    return out;
  }
}
