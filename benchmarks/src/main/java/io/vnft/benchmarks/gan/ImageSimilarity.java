package io.vnft.benchmarks.gan;

import io.vnft.api.InvalidInputException;
import io.vnft.gpu.model.GanSpec;
import java.util.List;

/**
 * The fixed image similarity of the quality report: both images box-downsampled to
 * {@value #SIDE} x {@value #SIDE} RGB, then the negative mean squared error over the
 * {@value #VALUES} values (channel values 0..255, so a score is in [-65025, 0], 0 for equal
 * thumbnails). A dataset image (RGBA) is first composited on the generated video's background
 * colour with the model's own rule ({@link GanSpec#composite}), so that a transparent area counts
 * as the background the model paints.
 *
 * <p>Box downsampling: thumbnail cell {@code (i, j)} is the mean of the source pixels with
 * {@code floor(i W / 16) <= x < floor((i + 1) W / 16)}, likewise y; images must be at least
 * 16 x 16. Stateless and thread-safe.
 */
public final class ImageSimilarity {
  /** Thumbnail width and height. */
  public static final int SIDE = 16;
  /** Values in a thumbnail: 16 x 16 x RGB. */
  public static final int VALUES = SIDE * SIDE * 3;

  private ImageSimilarity() {}

  /**
   * Where a target lands when a query is compared with every image of a gallery.
   *
   * @param rank 1-based: 1 + the number of other gallery images scoring at least the target's
   *     score (ties count against the target)
   * @param best the gallery index of the highest score (the lowest index among equal ones)
   * @param targetScore the target's score
   * @param bestScore the highest score
   */
  public record Ranking(int rank, int best, double targetScore, double bestScore) {}

  /**
   * @param rgb RGB8 pixels, row-major, R, G, B (a frame of a video)
   * @param offset index of the frame's first byte
   * @param width frame width, at least {@value #SIDE}
   * @param height frame height, at least {@value #SIDE}
   * @return its thumbnail, {@value #VALUES} means in [0, 255], row-major, R, G, B
   * @throws InvalidInputException if the frame is smaller than 16 x 16 or outside the array
   */
  public static double[] thumbnail(byte[] rgb, int offset, int width, int height) {
    size(width, height);
    if (offset < 0 || offset + 3L * width * height > rgb.length) {
      throw new InvalidInputException("rgb: a " + width + "x" + height + " frame at " + offset
          + " does not fit in " + rgb.length + " bytes");
    }
    double[] sum = new double[VALUES];
    int[] count = new int[SIDE * SIDE];
    for (int y = 0; y < height; y++) {
      int cy = y * SIDE / height;
      for (int x = 0; x < width; x++) {
        int cell = cy * SIDE + x * SIDE / width;
        int i = offset + 3 * (y * width + x);
        sum[3 * cell] += rgb[i] & 0xff;
        sum[3 * cell + 1] += rgb[i + 1] & 0xff;
        sum[3 * cell + 2] += rgb[i + 2] & 0xff;
        count[cell]++;
      }
    }
    return mean(sum, count);
  }

  /**
   * @param argb non-premultiplied ARGB pixels, row-major ({@code BufferedImage.getRGB})
   * @param width image width, at least {@value #SIDE}
   * @param height image height, at least {@value #SIDE}
   * @param background {@code 0xRRGGBB}, the colour under transparent pixels
   * @return the thumbnail of the image composited on the background, as {@link #thumbnail(byte[], int, int, int)}
   * @throws InvalidInputException if the image is smaller than 16 x 16 or the array is too short
   */
  public static double[] thumbnail(int[] argb, int width, int height, int background) {
    size(width, height);
    if (argb.length < width * height) {
      throw new InvalidInputException("argb: " + argb.length + " pixels, expected " + width * height);
    }
    int[] bg = {background >> 16 & 0xff, background >> 8 & 0xff, background & 0xff};
    double[] sum = new double[VALUES];
    int[] count = new int[SIDE * SIDE];
    for (int y = 0; y < height; y++) {
      int cy = y * SIDE / height;
      for (int x = 0; x < width; x++) {
        int cell = cy * SIDE + x * SIDE / width;
        int p = argb[y * width + x];
        int alpha = p >>> 24;
        for (int c = 0; c < 3; c++) {
          sum[3 * cell + c] += GanSpec.composite(alpha, p >> (16 - 8 * c) & 0xff, bg[c]);
        }
        count[cell]++;
      }
    }
    return mean(sum, count);
  }

  /**
   * @param rgb a colour {@code 0xRRGGBB}
   * @return the thumbnail of an image of that colour only (what a model that paints nothing but
   *     the background would be scored as)
   */
  public static double[] uniform(int rgb) {
    double[] t = new double[VALUES];
    for (int i = 0; i < VALUES; i++) {
      t[i] = rgb >> (16 - 8 * (i % 3)) & 0xff;
    }
    return t;
  }

  /**
   * @param a a thumbnail
   * @param b another
   * @return {@code -mean((a - b)^2)} over the {@value #VALUES} values
   */
  public static double score(double[] a, double[] b) {
    double sse = 0;
    for (int i = 0; i < VALUES; i++) {
      double d = a[i] - b[i];
      sse += d * d;
    }
    return 0.0 - sse / VALUES; // 0.0, not -0.0, for equal thumbnails
  }

  /**
   * @param query the generated image's thumbnail
   * @param gallery the dataset images' thumbnails
   * @param target the index in {@code gallery} of the image the query should resemble
   * @return where the target ranks
   * @throws InvalidInputException if the gallery is empty or the target outside it
   */
  public static Ranking rank(double[] query, List<double[]> gallery, int target) {
    if (target < 0 || target >= gallery.size()) {
      throw new InvalidInputException("target: " + target + " outside a gallery of " + gallery.size());
    }
    double t = score(query, gallery.get(target));
    int rank = 1;
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < gallery.size(); j++) {
      double s = j == target ? t : score(query, gallery.get(j));
      if (j != target && s >= t) {
        rank++;
      }
      if (s > bestScore) {
        bestScore = s;
        best = j;
      }
    }
    return new Ranking(rank, best, t, bestScore);
  }

  private static void size(int width, int height) {
    if (width < SIDE || height < SIDE) {
      throw new InvalidInputException("image: " + width + "x" + height + " is smaller than " + SIDE + "x" + SIDE);
    }
  }

  private static double[] mean(double[] sum, int[] count) {
    for (int i = 0; i < VALUES; i++) {
      sum[i] /= count[i / 3];
    }
    return sum;
  }
}
