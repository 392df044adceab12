package io.vnft.benchmarks.gan;

import io.vnft.api.Bytes32;
import io.vnft.api.InvalidInputException;
import io.vnft.gpu.model.GanLatent;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * The dataset images of the concepts, read once, and their thumbnails on a chosen background
 * ({@link ImageSimilarity}). Immutable and thread-safe; {@link #thumbnails} runs on the common
 * fork-join pool.
 */
public final class TrainingImages {
  private final List<int[]> argb;
  private final int width;
  private final int height;

  private TrainingImages(List<int[]> argb, int width, int height) {
    this.argb = argb;
    this.width = width;
    this.height = height;
  }

  /**
   * @param concepts the dataset, in index order
   * @return their images (PNG, read with {@link ImageIO})
   * @throws InvalidInputException naming the concept if an image is no image, or its size differs
   *     from the first one's or is below 16 x 16
   * @throws UncheckedIOException naming the concept if an image cannot be read
   */
  public static TrainingImages load(List<Concept> concepts) {
    List<int[]> out = new ArrayList<>();
    int w = -1;
    int h = -1;
    for (Concept c : concepts) {
      BufferedImage img;
      try {
        img = ImageIO.read(c.image().toFile());
      } catch (IOException e) {
        throw new UncheckedIOException("concept " + c.shortName() + ": cannot read " + c.image(), e);
      }
      if (img == null) {
        throw new InvalidInputException("concept " + c.shortName() + ": " + c.image() + " is no image");
      }
      if (w < 0) {
        w = img.getWidth();
        h = img.getHeight();
      }
      if (img.getWidth() != w || img.getHeight() != h || w < ImageSimilarity.SIDE || h < ImageSimilarity.SIDE) {
        throw new InvalidInputException("concept " + c.shortName() + ": image is " + img.getWidth() + "x"
            + img.getHeight() + ", expected " + w + "x" + h + " (at least 16x16) like the first");
      }
      out.add(img.getRGB(0, 0, w, h, null, 0, w));
    }
    if (out.isEmpty()) {
      throw new InvalidInputException("concepts: none to load");
    }
    return new TrainingImages(List.copyOf(out), w, h);
  }

  /** @return the number of images */
  public int size() {
    return argb.size();
  }

  /**
   * @param seed a video's seed
   * @return every image's thumbnail composited on that video's background colour
   *     ({@link GanLatent#background}), in concept order
   */
  public List<double[]> thumbnails(Bytes32 seed) {
    int bg = background(seed);
    return IntStream.range(0, argb.size()).parallel()
        .mapToObj(i -> ImageSimilarity.thumbnail(argb.get(i), width, height, bg)).toList();
  }

  /**
   * @return every image box-downsampled to 16x16 cells, each cell's premultiplied R, G, B and its
   *     alpha (0..255; 4 values per cell, cells row-major), in concept order: the images before
   *     any background is chosen
   */
  public double[][] premultipliedThumbnails() {
    int side = ImageSimilarity.SIDE;
    return argb.stream().map(px -> {
      double[] t = new double[side * side * 4];
      int[] count = new int[side * side];
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int cell = (y * side / height) * side + x * side / width;
          int p = px[y * width + x];
          double a = (p >>> 24) / 255.0;
          for (int c = 0; c < 3; c++) {
            t[4 * cell + c] += a * (p >> (16 - 8 * c) & 0xff);
          }
          t[4 * cell + 3] += p >>> 24;
          count[cell]++;
        }
      }
      for (int j = 0; j < t.length; j++) {
        t[j] /= count[j / 4];
      }
      return t;
    }).toArray(double[][]::new);
  }

  /**
   * @param seed a video's seed
   * @return its background colour {@code 0xRRGGBB} ({@link GanLatent#background})
   */
  public static int background(Bytes32 seed) {
    GanLatent latent = GanLatent.of(seed);
    return latent.background(0) << 16 | latent.background(1) << 8 | latent.background(2);
  }
}
